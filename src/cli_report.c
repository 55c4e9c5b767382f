/* cli_report.c — yici report --from DATE --to DATE: the figures of a
 * period per item and per office (received, accepted, decided, delivered,
 * overdue, median days to decide), as a table or CSV.  Layer: cli. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_text.h"
#include "csv_write.h"
#include "db_queue.h"
#include "i18n.h"

static void report_help(void)
{
	printf(_("Usage: yici report --from YYYY-MM-DD --to YYYY-MM-DD [--format table|csv]\n"
		 "The figures of a period, both days included, per item, per office and in\n"
		 "total: received (tasks of cases received), accepted (task clocks started),\n"
		 "decided, delivered, overdue (due in the period and not decided by the due\n"
		 "day), and the median days from acceptance to decision.\n\n"
		 "  --from DATE    first day\n"
		 "  --to DATE      last day\n"
		 "  --format F     table (default) or csv\n"
		 "  -d, --db FILE  database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help     show this help\n"));
}

enum { R_FROM = 1, R_TO, R_FORMAT, R_DB, R_HELP };

static const struct option opts[] = {
	{ "from", required_argument, NULL, R_FROM },
	{ "to", required_argument, NULL, R_TO },
	{ "format", required_argument, NULL, R_FORMAT },
	{ "db", required_argument, NULL, R_DB },
	{ "help", no_argument, NULL, R_HELP },
	{ NULL, 0, NULL, 0 },
};

static void out_row(int csv, const char *const *f)
{
	static const int w[] = { 16, 6, 10, 10, 9, 11, 9, 8 };
	if (csv) {
		csv_write_row(stdout, f, 8);
		return;
	}
	struct sbuf b = { 0 };
	for (int k = 0; k < 7; k++)
		text_cell(&b, f[k], w[k]);
	sbuf_addstr(&b, f[7]);
	puts(b.s);
	sbuf_release(&b);
}

/* An office in the table: its word in the reader's language, "all" the
 * total's; in CSV the stable codes. */
static const char *office_cell(const char *code, int csv)
{
	if (csv)
		return code;
	return !strcmp(code, "all") ? _("all") : category_word(code);
}

static void print(const struct report_row *r, int n, int csv)
{
	const char *csvh[] = { "office", "item", "received", "accepted", "decided", "delivered",
			       "overdue", "median_days" };
	const char *tabh[] = { _("Office"), _("Item"), _("Received"), _("Accepted"), _("Decided"),
			       _("Delivered"), _("Overdue"), _("Median") };
	out_row(csv, csv ? csvh : tabh);
	for (int i = 0; i < n; i++) {
		char v[6][24];
		long x[5] = { r[i].received, r[i].accepted, r[i].decided, r[i].delivered, r[i].overdue };
		for (int k = 0; k < 5; k++)
			snprintf(v[k], sizeof v[k], "%ld", x[k]);
		if (r[i].median_days < 0)
			v[5][0] = '\0';
		else
			snprintf(v[5], sizeof v[5], "%.1f", r[i].median_days);
		const char *f[] = { office_cell(r[i].office, csv), r[i].item, v[0], v[1], v[2], v[3],
				    v[4], v[5] };
		out_row(csv, f);
	}
}

static int run(const struct cli *c, yday from, yday to, int csv)
{
	struct staff me;
	struct actor ac;
	struct yerr e;
	yerr_clear(&e);
	struct catalog cat;
	struct db *d = cli_open_reader(c, &me, &ac, &cat);
	if (!d)
		return EXIT_FAIL;
	int rc = EXIT_OK;
	struct report_row *rows;
	int n;
	if (db_report(d, &cat, from, to, &rows, &n, &e) < 0) {
		rc = cli_fail(&e);
	} else {
		print(rows, n, csv);
		free(rows);
	}
	catalog_release(&cat);
	db_close(d);
	return rc;
}

int cmd_report(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	const char *from = NULL, *to = NULL, *format = "table";
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (o) {
		case R_FROM: from = optarg; break;
		case R_TO: to = optarg; break;
		case R_FORMAT: format = optarg; break;
		case 'd':
		case R_DB: cc.db_path = optarg; break;
		case 'h':
		case R_HELP: report_help(); return EXIT_OK;
		case ':': return cli_usage_error("report", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("report", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("report", _("unexpected argument '%s'"), argv[optind]);
	if (!from || !to)
		return cli_usage_error("report", _("report needs --from and --to"));
	struct yerr e;
	yerr_clear(&e);
	yday f, t;
	/* a bad option value is a usage error (exit 2), as for every command */
	if (date_parse(from, &f, &e) < 0 || date_parse(to, &t, &e) < 0)
		return cli_usage_error("report", "%s", e.msg);
	if (t < f)
		return cli_usage_error("report", _("--to %s is before --from %s"), to, from);
	if (strcmp(format, "table") && strcmp(format, "csv"))
		return cli_usage_error("report", _("--format is table or csv, not '%s'"), format);
	return run(&cc, f, t, !strcmp(format, "csv"));
}
