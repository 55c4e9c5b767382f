/* cli_reveal.c — yici reveal CASE_NO [--worker | --applicant]: the full
 * citizen ID number, for the people working that case; every reveal is an
 * event, every refusal a 'denied' record.  Layer: cli. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>

#include "db_audit.h"
#include "i18n.h"

static void reveal_help(void)
{
	printf(_("Usage: yici reveal [-d FILE] CASE_NO [--worker | --applicant]\n"
		 "Print the full citizen ID number of the worker (default) or the applicant\n"
		 "of a case, which screens and listings show masked (340102********123X).\n"
		 "Only those who work on the case may: whoever took or accepted it at the\n"
		 "window and whoever is assigned one of its tasks.  Each reveal is recorded\n"
		 "in the case's history, each refusal as a denied action.  In the case view\n"
		 "(F4) the key i does the same for the worker's number.\n\n"
		 "  -d, --db FILE   database (default $YICI_DB, else ./yici.db)\n"
		 "      --worker    the injured worker's ID number (default)\n"
		 "      --applicant the applicant's ID number\n"
		 "  -h, --help      show this help\n"));
}

int cmd_reveal(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' }, { "worker", no_argument, NULL, 'w' },
		{ "applicant", no_argument, NULL, 'a' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	int o, nwho = 0;
	enum reveal_whom whom = REVEAL_WORKER;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (o) {
		case 'd': cc.db_path = optarg; break;
		case 'w': whom = REVEAL_WORKER; nwho++; break;
		case 'a': whom = REVEAL_APPLICANT; nwho++; break;
		case 'h': reveal_help(); return EXIT_OK;
		case ':': return cli_usage_error("reveal", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("reveal", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("reveal", _("reveal takes one CASE_NO"));
	if (nwho > 1)
		return cli_usage_error("reveal", _("--worker and --applicant exclude each other"));
	struct staff me;
	struct actor a;
	struct yerr e;
	yerr_clear(&e);
	struct db *d = cli_open(&cc, DB_OPEN_RW, &me, &a);
	if (!d)
		return EXIT_FAIL;
	char id[19];
	int rc = db_reveal_id(d, &a, argv[optind], whom, id, &e) < 0 ? cli_fail(&e) : EXIT_OK;
	if (rc == EXIT_OK)
		printf("%s\n", id);
	db_close(d);
	return rc;
}
