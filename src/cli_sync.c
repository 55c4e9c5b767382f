/* cli_sync.c — yici sync: the near-real-time export that systemd runs every
 * minute as the service login (yici-sync.timer), or that runs by itself
 * with --every.  A run with nothing new writes nothing; a batch is named
 * with a sequence after its timestamp, so that names never collide; each
 * run goes to syslog with its counts.  Layer: cli. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core_date.h"
#include "csv_exchange.h"
#include "i18n.h"
#include "util_log.h"

enum { EXIT_BUSY = 3 };

static void sync_help(void)
{
	printf(_("Usage: yici sync -o DIR [--every SECONDS] [-v]\n"
		 "The near-real-time export for the provincial systems: what changed since the\n"
		 "last complete batch goes into one batch folder DIR/<region>-<YYYYMMDDHHMMSS>-<N>/\n"
		 "(N: the batch's sequence number), with the same files as 'yici export';\n"
		 "the SMS queued meanwhile go out with it.  When nothing is new, nothing is\n"
		 "written.  Run every minute by yici-sync.timer as the service login (role\n"
		 "service); each run is logged to syslog.  See yici-exchange(5).\n\n"
		 "  -o, --output DIR       folder that receives the batches (created if missing)\n"
		 "      --every SECONDS    keep running: one sync every SECONDS (1-86400) until\n"
		 "                         SIGTERM or SIGINT\n"
		 "  -v, --verbose          print each batch and its row counts, or \"nothing new\"\n"
		 "  -d, --db FILE          database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help             show this help\n\n"
		 "Exit status: 0 done (a batch, or nothing new), 1 failed (no batch),\n"
		 "2 usage error, 3 another export is running or the database stayed busy.\n"));
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* One sync.  Returns the exit status. */
static int sync_once(struct db *d, const struct actor *a, const char *dir, int verbose)
{
	struct yerr e;
	yerr_clear(&e);
	if (perm_check(a, ACT_EXCHANGE, -1, &e) < 0) {
		ylog(LOG_WARNING, "sync refused: %s", e.msg);
		return cli_fail(&e);
	}
	char *region = db_config_get(d, "region_code");
	struct export_opts o = { .dir = dir, .mode = SINCE_LAST, .encoding = "utf-8",
				 .region = region, .sync = 1 };
	struct export_result r;
	char started[20];
	time_format(clock_now(), started);
	int rc = EXIT_OK;
	if (exchange_export(d, &o, &r, &e) < 0) {
		ylog(e.code == YERR_BUSY ? LOG_NOTICE : LOG_ERR, "sync into %s failed: %s", dir,
		     e.msg);
		cli_fail(&e);
		rc = e.code == YERR_BUSY ? EXIT_BUSY : EXIT_FAIL;
		if (e.code != YERR_BUSY)
			db_exchange_log_failed(d, "export", dir, started);
	} else if (r.empty) {
		if (verbose)
			printf(_("nothing new\n"));
	} else {
		ylog(LOG_INFO, "sync %s: %ld rows (cases %ld, tasks %ld, events %ld, sms %ld, "
			       "pushes %ld, evaluations %ld)", r.batch, r.total, r.rows[XF_CASES],
		     r.rows[XF_TASKS], r.rows[XF_EVENTS], r.rows[XF_NOTICES], r.rows[XF_PUSHES],
		     r.rows[XF_EVALUATIONS]);
		if (verbose) {
			printf("%s\n", r.batch);
			for (int f = 0; f < XF_N; f++)
				printf("  %-16s %ld\n", xfile_name((enum xfile)f), r.rows[f]);
		}
	}
	free(region);
	fflush(stdout);
	return rc;
}

static int parse_every(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 86400)
		return -1;
	*out = v;
	return 0;
}

int cmd_sync(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' }, { "every", required_argument, NULL, 'e' },
		{ "verbose", no_argument, NULL, 'v' }, { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	const char *dir = NULL;
	long every = 0;
	int verbose = 0, o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":o:d:vh", opts, NULL)) != -1) {
		switch (o) {
		case 'o': dir = optarg; break;
		case 'e':
			if (parse_every(optarg, &every) < 0)
				return cli_usage_error("sync", _("--every takes a number of seconds "
								 "from 1 to 86400, not '%s'"), optarg);
			break;
		case 'v': verbose = 1; break;
		case 'd': cc.db_path = optarg; break;
		case 'h': sync_help(); return EXIT_OK;
		case ':': return cli_usage_error("sync", _("option '%s' needs a value"),
						 argv[optind - 1]);
		default: return cli_usage_error("sync", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("sync", _("unexpected argument '%s'"), argv[optind]);
	if (!dir || !*dir)
		return cli_usage_error("sync", _("say where the batches go with -o DIR"));
	struct staff me;
	struct actor a;
	struct db *d = cli_open(&cc, DB_OPEN_RW, &me, &a);
	if (!d) {
		ylog(LOG_ERR, "sync: cannot open %s", cc.db_path);
		return cli_open_error() == YERR_BUSY ? EXIT_BUSY : EXIT_FAIL;
	}
	int rc = sync_once(d, &a, dir, verbose);
	if (every) {
		struct sigaction sa = { .sa_handler = on_signal };
		sigemptyset(&sa.sa_mask);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGINT, &sa, NULL);
		/* a refusal does not get better by waiting; a busy database does */
		while (!stop && rc != EXIT_FAIL) {
			struct timespec ts = { .tv_sec = every };
			while (!stop && nanosleep(&ts, &ts) < 0 && errno == EINTR)
				;
			if (!stop)
				rc = sync_once(d, &a, dir, verbose);
		}
		if (rc == EXIT_BUSY)
			rc = EXIT_OK;
	}
	db_close(d);
	return rc;
}
