/* cli_export.c — yici export: the nightly batch for the provincial systems
 * (yici-exchange(5)).  Silent on success, made for cron.  Layer: cli. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_date.h"
#include "csv_exchange.h"
#include "core_validate.h"
#include "db_audit.h"
#include "db_ledger.h"
#include "i18n.h"
#include "util_log.h"

enum { EXIT_BUSY = 3 }; /* another export holds the lock, or the database stays busy */

static void export_help(void)
{
	printf(_("Usage: yici export -o DIR [--since last|TIMESTAMP | --all] [--encoding utf-8|gb18030]\n"
		 "                   [--bom] [--for excel [--unmasked --reason TEXT]] [-v]\n"
		 "Write one batch folder DIR/<region>-<YYYYMMDDHHMMSS>/ for the provincial systems:\n"
		 "cases.csv, tasks.csv, events.csv, notices.csv (the SMS outbox), pushes.csv,\n"
		 "evaluations.csv and manifest.csv.  The folder appears only when complete.\n"
		 "Silent on success; see yici-exchange(5) for every file and column.\n\n"
		 "  -o, --output DIR      folder that receives the batch (created if missing)\n"
		 "      --since last      what changed since the last complete batch (default)\n"
		 "      --since TIMESTAMP what changed since YYYY-MM-DD[ HH:MM[:SS]] (marks stay)\n"
		 "      --all             everything\n"
		 "      --encoding ENC    utf-8 (default) or gb18030\n"
		 "      --bom             start each UTF-8 file with a byte-order mark\n"
		 "      --for excel       for people with a spreadsheet: .xlsx workbooks, IDs,\n"
		 "                        codes and phones as text, dates as dates\n"
		 "                        ID numbers and phones masked (340102********123X)\n"
		 "      --unmasked        full ID numbers and phones in a --for excel batch:\n"
		 "                        supervisor only, with --reason, recorded\n"
		 "      --reason TEXT     why the full numbers are needed (kept in the record)\n"
		 "  -v, --verbose         print the batch folder and its row counts\n"
		 "  -d, --db FILE         database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help            show this help\n\n"
		 "Exit status: 0 batch written, 1 failed (no batch), 2 usage error,\n"
		 "3 another export is running or the database stayed busy.\n"));
}

struct export_args {
	struct export_opts o;
	char since[20];
	int all, verbose, help;
	const char *since_arg, *profile, *reason;
};

static int parse_since(struct export_args *x)
{
	if (!x->since_arg || !strcmp(x->since_arg, "last"))
		return 0;
	struct yerr e;
	ytime t;
	if (time_parse(x->since_arg, &t, &e) < 0)
		return cli_usage_error("export", _("--since takes 'last' or a time like "
						   "2026-11-28 or '2026-11-28 09:30', not '%s'"),
				       x->since_arg);
	time_format(t, x->since);
	x->o.mode = SINCE_TIME;
	x->o.since = x->since;
	return 0;
}

static int check_args(struct export_args *x)
{
	if (!x->o.dir || !*x->o.dir)
		return cli_usage_error("export", _("say where the batch goes with -o DIR"));
	if (x->all && x->since_arg)
		return cli_usage_error("export", _("--all and --since exclude each other"));
	if (x->all)
		x->o.mode = SINCE_ALL;
	else if (parse_since(x))
		return EXIT_USAGE;
	if (strcmp(x->o.encoding, "utf-8") && strcmp(x->o.encoding, "gb18030"))
		return cli_usage_error("export", _("--encoding is utf-8 or gb18030, not '%s'"),
				       x->o.encoding);
	if (x->profile && strcmp(x->profile, "excel") && strcmp(x->profile, "machine"))
		return cli_usage_error("export", _("--for is excel or machine, not '%s'"),
				       x->profile);
	x->o.excel = x->profile && !strcmp(x->profile, "excel");
	if (x->o.unmasked && !x->o.excel)
		return cli_usage_error("export", _("--unmasked is for --for excel only: the batch for "
						   "the provincial systems carries the full numbers"));
	if (x->o.unmasked && (!x->reason || !*x->reason))
		return cli_usage_error("export", _("--unmasked needs --reason TEXT"));
	if (x->reason && !x->o.unmasked)
		return cli_usage_error("export", _("--reason goes with --unmasked"));
	int utf8 = !strcmp(x->o.encoding, "utf-8");
	if (x->o.bom && !utf8)
		return cli_usage_error("export", _("--bom is for UTF-8 files only"));
	if (x->o.excel && utf8)
		x->o.bom = 1;
	return 0;
}

static int parse_args(int argc, char **argv, struct export_args *x, struct cli *cc)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' }, { "since", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' }, { "encoding", required_argument, NULL, 'E' },
		{ "bom", no_argument, NULL, 'b' }, { "for", required_argument, NULL, 'f' },
		{ "verbose", no_argument, NULL, 'v' }, { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' }, { "unmasked", no_argument, NULL, 'U' },
		{ "reason", required_argument, NULL, 'R' }, { NULL, 0, NULL, 0 },
	};
	int o;
	optind = 1;
	opterr = 0;
	x->o.encoding = "utf-8";
	while ((o = getopt_long(argc, argv, ":o:d:vh", opts, NULL)) != -1) {
		switch (o) {
		case 'o': x->o.dir = optarg; break;
		case 's': x->since_arg = optarg; break;
		case 'a': x->all = 1; break;
		case 'E': x->o.encoding = optarg; break;
		case 'b': x->o.bom = 1; break;
		case 'f': x->profile = optarg; break;
		case 'v': x->verbose = 1; break;
		case 'U': x->o.unmasked = 1; break;
		case 'R': x->reason = optarg; break;
		case 'd': cc->db_path = optarg; break;
		case 'h': x->help = 1; return 0;
		case ':': return cli_usage_error("export", _("option '%s' needs a value"),
						 argv[optind - 1]);
		default: return cli_usage_error("export", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("export", _("unexpected argument '%s'"), argv[optind]);
	return check_args(x);
}

/* Full numbers for people: a supervisor's decision, recorded with the
 * reason before any file is written. */
static int record_unmasked(struct db *d, const struct actor *a, const struct export_args *x,
			   struct yerr *e)
{
	if (a->role != ROLE_SUPERVISOR) {
		yerr_set(e, YERR_DENIED, _("only a supervisor may export full ID numbers and phones "
					   "(--unmasked)"));
		db_denied_record(d, a->login, "export --unmasked", 0, e->msg);
		return -1;
	}
	if (validate_text("--reason", x->reason, e) < 0)
		return -1;
	if (db_begin(d, e) < 0)
		return -1;
	if (db_disclosure_record(d, a->login, role_code(a->role), "export --for excel --unmasked",
				 x->o.dir, x->reason, e) < 0 || db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

static void print_result(const struct export_result *r, int excel)
{
	printf("%s\n", r->batch);
	for (int f = 0; f < XF_N; f++) {
		const char *n = xfile_name((enum xfile)f);
		char x[32];
		snprintf(x, sizeof x, "%.*s.xlsx", (int)strlen(n) - 4, n);
		printf("  %-16s %ld\n", excel ? x : n, r->rows[f]);
	}
}

int cmd_export(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	struct export_args x = { 0 };
	int rc = parse_args(argc, argv, &x, &cc);
	if (rc)
		return rc;
	if (x.help) {
		export_help();
		return EXIT_OK;
	}
	struct staff me;
	struct actor a;
	struct yerr e;
	yerr_clear(&e);
	struct db *d = cli_open(&cc, DB_OPEN_RW, &me, &a);
	if (!d) /* a database that stays busy (a long import) is exit 3, as the lock is */
		return cli_open_error() == YERR_BUSY ? EXIT_BUSY : EXIT_FAIL;
	char *region = db_config_get(d, "region_code");
	x.o.region = region;
	char *key = cli_key_path(d, cc.db_path);
	x.o.key_path = key;
	struct export_result r;
	char started[20];
	time_format(clock_now(), started);
	if (perm_check(&a, ACT_EXCHANGE, -1, &e) < 0) {
		ylog(LOG_WARNING, "export refused: %s", e.msg);
		rc = cli_fail(&e);
	} else if (x.o.unmasked && record_unmasked(d, &a, &x, &e) < 0) {
		rc = cli_fail(&e);
	} else if (exchange_export(d, &x.o, &r, &e) < 0) {
		ylog(e.code == YERR_BUSY ? LOG_NOTICE : LOG_ERR, "export into %s failed: %s",
		     x.o.dir, e.msg);
		cli_fail(&e);
		rc = e.code == YERR_BUSY ? EXIT_BUSY : EXIT_FAIL;
		if (e.code != YERR_BUSY)
			db_exchange_log_failed(d, "export", x.o.dir, started);
	} else {
		ylog(LOG_INFO, "export %s: %ld rows (cases %ld, tasks %ld, events %ld, sms %ld, "
			       "pushes %ld, evaluations %ld)", r.batch, r.total, r.rows[XF_CASES],
		     r.rows[XF_TASKS], r.rows[XF_EVENTS], r.rows[XF_NOTICES], r.rows[XF_PUSHES],
		     r.rows[XF_EVALUATIONS]);
		if (x.verbose)
			print_result(&r, x.o.excel);
	}
	free(region);
	free(key);
	db_close(d);
	return rc;
}
