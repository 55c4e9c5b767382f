/* cli_backup.c — yici backup [-d FILE] COPY: a consistent copy of the live
 * database (supervisor).  Layer: cli. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>

#include "db_audit.h"
#include "db_backup.h"
#include "db_verify.h"
#include "i18n.h"
#include "util_log.h"

static void backup_help(void)
{
	printf(_("Usage: yici backup [-d FILE] COPY\n"
		 "Write a consistent copy of the database to COPY (which must not exist)\n"
		 "while clerks keep working, with SQLite's online backup API.  The copy is\n"
		 "created with mode 0640 and passes 'yici verify -d COPY'.  Supervisor only.\n\n"
		 "  -d, --db FILE   database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help      show this help\n"));
}

static int run_backup(struct db *d, const struct actor *a, const char *copy)
{
	struct yerr e;
	yerr_clear(&e);
	if (perm_check(a, ACT_EXCHANGE, -1, &e) < 0) {
		ylog(LOG_WARNING, "backup refused: %s", e.msg);
		db_denied_record(d, a->login, "backup", 0, e.msg);
		return cli_fail(&e);
	}
	long pages = db_backup(d, copy, &e);
	if (pages < 0) {
		ylog(LOG_ERR, "backup to %s failed: %s", copy, e.msg);
		return cli_fail(&e);
	}
	struct db *b = db_open(copy, DB_OPEN_RO, &e);
	int64_t id = 0;
	char head[HASH_HEX + 1];
	if (!b || db_chain_head(b, &id, head, &e) < 0) {
		db_close(b);
		return cli_fail(&e);
	}
	db_close(b);
	ylog(LOG_INFO, "backup %s: %ld pages, head event %lld", copy, pages, (long long)id);
	printf(_("%s: %ld pages, head: event %lld %s\n"), copy, pages, (long long)id, head);
	return EXIT_OK;
}

int cmd_backup(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (o) {
		case 'd': cc.db_path = optarg; break;
		case 'h': backup_help(); return EXIT_OK;
		case ':': return cli_usage_error("backup", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("backup", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("backup", _("backup takes one COPY file name"));
	struct staff me;
	struct actor a;
	struct db *d = cli_open(&cc, DB_OPEN_RO, &me, &a);
	if (!d)
		return EXIT_FAIL;
	int rc = run_backup(d, &a, argv[optind]);
	db_close(d);
	return rc;
}
