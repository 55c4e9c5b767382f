/* cli_verify.c — yici verify [-d FILE] [--anchor HASH]: is the history
 * intact?  Needs only read access to the file, no staff role: an auditor
 * or a court runs it on a copy.  Layer: cli. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "db_verify.h"
#include "i18n.h"

static void verify_help(void)
{
	printf(_("Usage: yici verify [-d FILE] [--anchor HASH]\n"
		 "Check that the database is intact and its history was not rewritten:\n"
		 "SQLite's integrity and foreign-key checks, the schema, the hash chain over\n"
		 "every event, the recorded head, task states against their events, and\n"
		 "the queue totals against the tasks.\n"
		 "Prints the head of the chain; exits 1 naming the first broken row.\n\n"
		 "  -d, --db FILE      database (default $YICI_DB, else ./yici.db)\n"
		 "      --anchor HASH  a head kept outside the file (an export manifest, the\n"
		 "                     provincial side): the chain must pass through it\n"
		 "  -h, --help         show this help\n"));
}

static int report(const struct cli *c, const struct verify_report *r, const char *anchor)
{
	printf(_("%s: ok: %ld events, %ld tasks checked\n"), c->db_path, r->events, r->tasks);
	printf(_("head: event %lld %s\n"), (long long)r->head_id, r->head);
	if (anchor)
		printf(_("anchor: event %lld %s\n"), (long long)r->anchor_id, anchor);
	return EXIT_OK;
}

int cmd_verify(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' }, { "anchor", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	const char *anchor = NULL;
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (o) {
		case 'd': cc.db_path = optarg; break;
		case 'a': anchor = optarg; break;
		case 'h': verify_help(); return EXIT_OK;
		case ':': return cli_usage_error("verify", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("verify", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("verify", _("unexpected argument '%s'"), argv[optind]);
	if (anchor && !hash_valid(anchor))
		return cli_usage_error("verify", _("--anchor takes a SHA-256 of 64 hex digits, not '%s'"),
				       anchor);
	struct yerr e;
	yerr_clear(&e);
	struct db *d = db_open(cc.db_path, DB_OPEN_RO, &e);
	if (!d)
		return cli_fail(&e);
	struct verify_report r;
	int rc = db_verify(d, anchor, &r, &e);
	db_close(d);
	if (rc != 0) {
		fprintf(stderr, _("yici verify: %s: %s\n"), cc.db_path, e.msg);
		return EXIT_FAIL;
	}
	return report(&cc, &r, anchor);
}
