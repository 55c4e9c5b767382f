/* cli_init.c — yici init: a new database with the catalog, the settings
 * and the user who runs it registered as supervisor; optional demo data.
 * Layer: cli. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv_forms.h"
#include "db_catalog.h"
#include "db_demo.h"
#include "db_staff.h"
#include "i18n.h"

static void init_help(void)
{
	printf(_("Usage: yici init [-d FILE] [--region CODE] [--demo N] [--seed S] [--forms DIR]\n"
		 "Create a new yici database: the catalog from forms/, the settings, and the\n"
		 "user who runs it registered as supervisor.\n\n"
		 "  -d, --db FILE      database to create (default $YICI_DB, else ./yici.db)\n"
		 "      --region CODE  region code of the service center (GB/T 2260, default 340102)\n"
		 "      --demo N       add N realistic demo cases ending today\n"
		 "      --seed S       seed of the demo data (same seed, same data; default 1)\n"
		 "      --forms DIR    catalog folder (default $YICI_FORMS, else installed)\n"
		 "  -h, --help         show this help\n"));
}

static void remove_db(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < ARRAY_SIZE(suffix); i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
}

/* Digits only: no sign, no blanks. */
static int all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

static const char *full_name(const char *login)
{
	static char name[128];
	struct passwd *pw = getpwnam(login);
	const char *g = pw && pw->pw_gecos ? pw->pw_gecos : "";
	size_t n = strcspn(g, ",");
	if (n == 0 || n >= sizeof name)
		snprintf(name, sizeof name, "%s", login);
	else
		snprintf(name, sizeof name, "%.*s", (int)n, g);
	return name;
}

/* Everything init writes, in one transaction. */
static int populate(struct db *d, const struct catalog *cat, const char *forms,
		    const char *region, long demo, unsigned long long seed, struct yerr *e)
{
	const char *login = db_login();
	/* A new file that is removed if this fails: no journal needed while
	 * the demo cases are written. */
	if (demo > 0 && (db_bulk_mode(d, 1, e) < 0 || db_demo_prepare(d, e) < 0))
		return -1;
	if (db_begin(d, e) < 0)
		return -1;
	struct staff_input si = { .login = login, .name = full_name(login), .role = "supervisor" };
	if (db_catalog_store(d, cat, login, forms, e) < 0 ||
	    db_config_set(d, "region_code", region, e) < 0 || db_staff_add(d, &si, e) < 0 ||
	    (demo > 0 && db_demo_generate(d, cat, demo, seed, region, e) < 0)) {
		db_rollback(d);
		return -1;
	}
	if (db_commit(d, e) < 0)
		return -1;
	return demo > 0 ? db_bulk_mode(d, 0, e) : 0;
}

int cmd_init(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "region", required_argument, NULL, 'r' },
		{ "demo", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "forms", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	const char *region = "340102";
	long demo = 0;
	unsigned long long seed = 1;
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		char *end;
		if ((o == 'd' || o == 'f') && !*optarg) /* "" would be a temporary database */
			return cli_usage_error("init", _("option '%s' needs a value"),
					       o == 'd' ? "--db" : "--forms");
		switch (o) {
		case 'd': cc.db_path = optarg; break;
		case 'r': region = optarg; break;
		case 'f': cc.forms_dir = optarg; break;
		case 'n':
			errno = 0;
			demo = strtol(optarg, &end, 10);
			if (!all_digits(optarg) || errno || demo > 5000000)
				return cli_usage_error("init", _("--demo takes a number of cases from 0 to 5000000, not '%s'"), optarg);
			break;
		case 's':
			/* strtoull takes "-1" and wraps; an overflow gives ULLONG_MAX */
			errno = 0;
			seed = strtoull(optarg, &end, 10);
			if (!all_digits(optarg) || errno)
				return cli_usage_error("init", _("--seed takes a whole number, not '%s'"), optarg);
			break;
		case 'h': init_help(); return EXIT_OK;
		case ':': return cli_usage_error("init", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("init", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("init", _("unexpected argument '%s'"), argv[optind]);

	struct yerr e;
	yerr_clear(&e);
	if (db_config_check("region_code", region, &e) < 0)
		return cli_usage_error("init", "%s", e.msg);
	struct catalog cat;
	catalog_init(&cat);
	/* Validate the catalog before anything touches the disk. */
	if (forms_load(cc.forms_dir, &cat, &e) < 0) {
		catalog_release(&cat);
		return cli_fail(&e);
	}
	struct db *d = db_open(cc.db_path, DB_OPEN_CREATE, &e);
	if (!d) {
		catalog_release(&cat);
		return cli_fail(&e);
	}
	int rc = populate(d, &cat, cc.forms_dir, region, demo, seed, &e);
	db_close(d);
	catalog_release(&cat);
	if (rc < 0) {
		remove_db(cc.db_path);
		return cli_fail(&e);
	}
	return EXIT_OK;
}
