/* cli_import.c — yici import: online applications, results and shared
 * materials from the provincial systems (yici-exchange(5)).  Layer: cli. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_exchange.h"
#include "core_date.h"
#include "i18n.h"
#include "util_file.h"
#include "util_log.h"

/* 0 all applied, 1 some rows rejected, 2 file rejected or usage error,
 * 3 not run (permission, database, disk): nothing was applied. */
enum { IMPORT_OK = 0, IMPORT_PARTIAL = 1, IMPORT_REJECTED = 2, IMPORT_FAILED = 3 };
#define SHOW_REJECTS 20

static void import_help(void)
{
	printf(_("Usage: yici import [--encoding utf-8|gbk|gb18030] [--strict] [--dry-run] [--done DIR] PATH\n"
		 "Import what the provincial systems send: PATH is applications.csv,\n"
		 "results.csv or shared_materials.csv, or a folder holding some of them\n"
		 "(imported in that order).  Bad rows go to FILE.rejects.csv with their line,\n"
		 "field and reason; the good rows of a file are applied in one transaction.\n"
		 "Importing the same file again changes nothing.  See yici-exchange(5).\n\n"
		 "      --encoding ENC  utf-8, gbk or gb18030 (default: setting import_encoding)\n"
		 "      --strict        any bad row rejects the whole file\n"
		 "      --dry-run       check and count only: nothing changes, no rejects file\n"
		 "      --done DIR      move each file read, its rejects and replies.csv, to\n"
		 "                      DIR/<YYYYMMDDHHMMSS>-<name> (for yici-import.path)\n"
		 "  -d, --db FILE       database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help          show this help\n\n"
		 "Exit status: 0 all rows applied, 1 some rows rejected, 2 a file rejected or a\n"
		 "usage error, 3 not run (permission, database, disk): nothing applied.\n"));
	fputs(_("evaluations.csv (the platform's 好差评: eval_id, case_no, rating 1-5, channel\n"
		"sms|online, comment) is imported too, last in a folder.\n"), stdout);
}

struct import_run {
	struct db *d;
	struct catalog cat;
	struct actor a;
	struct import_opts o;
	const char *done;       /* --done DIR: where read files go, or NULL */
	long shown;             /* reject lines printed for the current file */
};

static void on_reject(const char *msg, void *arg)
{
	struct import_run *x = arg;
	if (x->shown++ < SHOW_REJECTS)
		fprintf(stderr, "yici: %s\n", msg);
}

/* --done DIR: a file that was read (whatever became of its rows), its
 * rejects file and the replies for the platform leave the inbox for
 * DIR/<YYYYMMDDHHMMSS>-<name>, so that yici-import.path sees an empty
 * inbox again and the platform finds the replies beside the file. */
static void move_done(struct import_run *x, const char *path, const char *rejects,
		      const char *replies)
{
	struct yerr e;
	yerr_clear(&e);
	if (dir_create_shared(x->done, &e) < 0) {
		cli_fail(&e);
		return;
	}
	char now[20], stamp[16];
	time_format(clock_now(), now);
	int k = 0;
	for (const char *p = now; *p && k < 14; p++)
		if (*p >= '0' && *p <= '9')
			stamp[k++] = *p;
	stamp[k] = '\0';
	const char *files[3] = { path, rejects, replies };
	for (int i = 0; i < 3; i++) {
		if (!files[i] || !*files[i])
			continue;
		const char *base = strrchr(files[i], '/');
		base = base ? base + 1 : files[i];
		char *to = xasprintf("%s/%s-%s", x->done, stamp, base);
		for (int n = 2; access(to, F_OK) == 0 && n < 1000; n++) {
			free(to);
			to = xasprintf("%s/%s-%d-%s", x->done, stamp, n, base);
		}
		if (rename(files[i], to) < 0)
			fprintf(stderr, _("yici: cannot move '%s' to '%s': %s\n"), files[i], to,
				strerror(errno));
		else
			ylog(LOG_INFO, "import: %s moved to %s", files[i], to);
		free(to);
	}
}

static int import_one(struct import_run *x, const char *path)
{
	struct import_result r;
	struct yerr e;
	yerr_clear(&e);
	x->shown = 0;
	int rc = exchange_import_file(x->d, &x->cat, &x->a, path, &x->o, &r, &e);
	if (x->shown > SHOW_REJECTS)
		fprintf(stderr, _("yici: %s: %ld more rejected rows in %s\n"), path,
			x->shown - SHOW_REJECTS, *r.rejects ? r.rejects : path);
	if (rc < 0) {
		ylog(LOG_ERR, "import %s failed: %s", path, e.msg);
		cli_fail(&e);
		return IMPORT_FAILED;
	}
	if (rc == 2) {
		ylog(LOG_WARNING, "import %s rejected: %s", path, e.msg);
		cli_fail(&e);
	}
	if (!r.opened) /* an unknown name or a file that cannot be opened: nothing was read */
		return rc;
	ylog(rc ? LOG_WARNING : LOG_INFO, "import %s%s: read %ld, applied %ld, skipped %ld, "
	     "rejected %ld", path, x->o.dry_run ? " (dry run)" : "", r.read, r.applied, r.skipped,
	     r.rejected);
	if (x->done && !x->o.dry_run)
		move_done(x, path, r.rejects, r.replies);
	printf(_("%s: read %ld, applied %ld, skipped %ld (already present), rejected %ld\n"), path,
	       r.read, r.applied, r.skipped, r.rejected);
	return rc;
}

/* A folder: the files import knows, in the order that lets results and
 * shared documents find the cases the applications create. */
static int import_dir(struct import_run *x, const char *dir)
{
	static const char *const order[] = { "applications.csv", "results.csv",
					     "shared_materials.csv", "evaluations.csv" };
	int worst = IMPORT_OK, found = 0;
	size_t n = strlen(dir);
	while (n > 0 && dir[n - 1] == '/') /* "inbox/" names its files inbox/results.csv */
		n--;
	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		char *p = xasprintf("%.*s/%s", (int)n, dir, order[i]);
		struct stat sb;
		if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
			found = 1;
			int rc = import_one(x, p);
			if (rc > worst)
				worst = rc;
		}
		free(p);
	}
	if (!found) {
		fprintf(stderr, _("yici: '%s' holds no applications.csv, results.csv or "
				  "shared_materials.csv\n"), dir);
		return IMPORT_REJECTED;
	}
	return worst;
}

static int parse_args(int argc, char **argv, struct import_run *x, struct cli *cc,
		      const char **path, int *help)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'E' }, { "strict", no_argument, NULL, 's' },
		{ "dry-run", no_argument, NULL, 'n' }, { "db", required_argument, NULL, 'd' },
		{ "done", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (o) {
		case 'D': x->done = optarg; break;
		case 'E': x->o.encoding = optarg; break;
		case 's': x->o.strict = 1; break;
		case 'n': x->o.dry_run = 1; break;
		case 'd': cc->db_path = optarg; break;
		case 'h': *help = 1; return 0;
		case ':': return cli_usage_error("import", _("option '%s' needs a value"),
						 argv[optind - 1]);
		default: return cli_usage_error("import", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (x->o.encoding && strcmp(x->o.encoding, "utf-8") && strcmp(x->o.encoding, "gbk") &&
	    strcmp(x->o.encoding, "gb18030"))
		return cli_usage_error("import", _("--encoding is utf-8, gbk or gb18030, not '%s'"),
				       x->o.encoding);
	if (optind != argc - 1)
		return cli_usage_error("import", optind < argc ? _("import takes one PATH")
							       : _("say what to import: a file or a folder"));
	*path = argv[optind];
	return 0;
}

static int run(struct import_run *x, const char *path)
{
	struct stat sb;
	if (stat(path, &sb) < 0) {
		fprintf(stderr, _("yici: cannot open '%s': %m\n"), path);
		return IMPORT_REJECTED;
	}
	return S_ISDIR(sb.st_mode) ? import_dir(x, path) : import_one(x, path);
}

int cmd_import(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	struct import_run x = { .o = { .on_reject = on_reject } };
	x.o.arg = &x;
	const char *path = NULL;
	int help = 0, rc = parse_args(argc, argv, &x, &cc, &path, &help);
	if (rc)
		return rc;
	if (help) {
		import_help();
		return EXIT_OK;
	}
	struct staff me;
	struct yerr e;
	yerr_clear(&e);
	x.d = cli_open(&cc, DB_OPEN_RW, &me, &x.a);
	if (!x.d)
		return IMPORT_FAILED;
	char *enc = x.o.encoding ? NULL : db_config_get(x.d, "import_encoding");
	if (enc)
		x.o.encoding = enc;
	if (perm_check(&x.a, ACT_EXCHANGE, -1, &e) < 0) {
		ylog(LOG_WARNING, "import refused: %s", e.msg);
		cli_fail(&e);
		rc = IMPORT_FAILED;
	} else if (cli_catalog(x.d, &x.cat) < 0) {
		rc = IMPORT_FAILED;
	} else {
		rc = run(&x, path);
		catalog_release(&x.cat);
	}
	free(enc);
	db_close(x.d);
	return rc;
}
