/* cli_verify.c — yici verify [-d FILE] [--anchor HASH|BATCH] [--pubkey
 * FILE] [--log]: is the history intact?  Needs only read access to the file, no staff role: an auditor
 * or a court runs it on a copy.  Layer: cli. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>

#include "core_validate.h"
#include "db_verify.h"
#include "core_date.h"
#include "db_ledger.h"
#include "i18n.h"
#include "util_sign.h"

static void verify_help(void)
{
	printf(_("Usage: yici verify [-d FILE] [--anchor HASH|BATCH] [--pubkey FILE] [--log]\n"
		 "Check that the database is intact and its history was not rewritten:\n"
		 "SQLite's integrity and foreign-key checks, the schema, the hash chain over\n"
		 "every event, the recorded head, task states against their events, the\n"
		 "queue totals against the tasks, and the ledger: its own chain, then every\n"
		 "recorded row against its newest record.\n"
		 "Prints the head of the chain; exits 1 naming the first broken row.\n\n"
		 "  -d, --db FILE      database (default $YICI_DB, else ./yici.db)\n"
		 "      --anchor HASH  a head kept outside the file (an export manifest, the\n"
		 "                     provincial side): the chain must pass through it;\n"
		 "                     or a batch folder (or its anchor.txt): the signed\n"
		 "                     event count, chain head and ledger head must still be\n"
		 "                     there, so deleting the newest events or rebuilding the\n"
		 "                     chain after the batch fails\n"
		 "      --pubkey FILE  the center's public key (64 hex digits or PEM) for\n"
		 "                     --anchor BATCH; default: the one yici key init recorded\n"
		 "      --log          after a good check, send the signed head to syslog\n"
		 "                     (LOG_USER, ident yici): run it daily from cron\n"
		 "  -h, --help         show this help\n"));
}

/* ---- a batch's anchor.txt ---- */

struct anchor_file {
	struct verify_anchor va;
	char at[24], batch[80], key[SIGN_PUB_HEX + 1], sig[SIGN_SIG_HEX + 1];
	size_t signed_len;      /* bytes before the "signature" line */
};

static int read_anchor(const char *arg, struct anchor_file *a, char **text, struct yerr *e)
{
	struct stat sb;
	char *path = stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode) ? xasprintf("%s/anchor.txt", arg)
		     : xstrdup(arg);
	size_t n = strlen(path);
	if (n >= 12 && !strcmp(path + n - 12, "manifest.csv")) {
		char *p = xasprintf("%.*sanchor.txt", (int)(n - 12), path);
		free(path);
		path = p;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		yerr_set(e, YERR_IO, _("cannot read the anchor '%s': %s"), path, strerror(errno));
		free(path);
		return -1;
	}
	char *buf = xmalloc(8192);
	size_t len = fread(buf, 1, 8191, f);
	fclose(f);
	buf[len] = '\0';
	memset(a, 0, sizeof *a);
	int fields = 0;
	for (char *line = buf; *line;) {
		char *nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		long long v;
		char word[80];
		if (sscanf(line, "events %lld", &v) == 1 && ++fields)
			a->va.event_id = v;
		else if (sscanf(line, "ledger %lld", &v) == 1 && ++fields)
			a->va.ledger_id = v;
		else if (sscanf(line, "head %64s", a->va.event_hash) == 1 ||
			 sscanf(line, "ledger_head %64s", a->va.ledger_hash) == 1 ||
			 sscanf(line, "key %64s", a->key) == 1 || sscanf(line, "batch %79s", a->batch) == 1)
			fields++;
		else if (!strncmp(line, "at ", 3))
			snprintf(a->at, sizeof a->at, "%s", line + 3), fields++;
		else if (sscanf(line, "signature %128s", a->sig) == 1) {
			a->signed_len = (size_t)(line - buf);
			fields++;
		} else if (sscanf(line, "%79s", word) == 1 && strcmp(word, "yici-anchor") &&
			   strcmp(word, "manifest_sha256")) {
			yerr_set(e, YERR_INPUT, _("%s: unknown line '%s'"), path, line);
			free(buf);
			free(path);
			return -1;
		}
		*nl = '\n';
		line = nl + 1;
	}
	if (fields < 8 || !hash_valid(a->va.event_hash) || !hash_valid(a->va.ledger_hash)) {
		yerr_set(e, YERR_INPUT, _("%s: not a yici anchor (events, head, ledger, ledger_head, "
					  "key and signature lines)"), path);
		free(buf);
		free(path);
		return -1;
	}
	free(path);
	*text = buf;
	return 0;
}

/* The anchor's signature by the center's key (--pubkey, else the config). */
static int check_signature(struct db *d, const char *pubfile, const struct anchor_file *a,
			   const char *text, struct yerr *e)
{
	char pub[SIGN_PUB_HEX + 1] = "";
	if (pubfile) {
		if (sign_read_public(pubfile, pub, e) < 0)
			return -1;
	} else {
		char *cfg = db_config_get(d, "signing_pubkey");
		snprintf(pub, sizeof pub, "%s", cfg ? cfg : "");
		free(cfg);
	}
	if (!strcmp(a->sig, "none"))
		return yerr_set(e, YERR_STATE, _("the anchor of batch %s is not signed (no key was "
						 "made with 'yici key init'): it proves nothing"),
				a->batch);
	if (strlen(pub) != SIGN_PUB_HEX)
		return yerr_set(e, YERR_STATE, _("no public key to check the anchor with: give "
						 "--pubkey FILE"));
	if (strcasecmp(pub, a->key))
		return yerr_set(e, YERR_STATE, _("the anchor of batch %s is signed with key %s, not "
						 "the center's %s"), a->batch, a->key, pub);
	if (!sign_check(pub, text, a->signed_len, a->sig))
		return yerr_set(e, YERR_STATE, _("the anchor of batch %s: its signature does not "
						 "match (the anchor was changed)"), a->batch);
	return 0;
}

/* The daily line: the verified heads, signed when the key is readable. */
static void log_head(struct db *d, const char *db_path, const struct verify_report *r)
{
	int64_t led = 0;
	char lhead[65] = "", sig[SIGN_SIG_HEX + 1] = "unsigned", now[20];
	struct yerr e;
	yerr_clear(&e);
	db_ledger_head(d, &led, lhead, &e);
	time_format(clock_now(), now);
	char *line = xasprintf("head %s db %s events %lld head %s ledger %lld ledger_head %s", now,
			       db_path, (long long)r->head_id, r->head, (long long)led, lhead);
	char *key = cli_key_path(d, db_path);
	struct stat sb;
	if (stat(key, &sb) == 0 && sign_message(key, line, strlen(line), sig, &e) < 0)
		snprintf(sig, sizeof sig, "unsigned");
	free(key);
	openlog("yici", LOG_PID, LOG_USER);
	syslog(LOG_NOTICE, "%s signature %s", line, sig);
	closelog();
	free(line);
}

static int report(const struct cli *c, const struct verify_report *r, const char *anchor)
{
	printf(_("%s: ok: %ld events, %ld tasks checked, %ld ledger records replayed\n"),
	       c->db_path, r->events, r->tasks, r->records);
	if (r->inbox_rows)
		printf(_("inbox: %ld online applications checked against their imports\n"),
		       r->inbox_rows);
	printf(_("head: event %lld %s\n"), (long long)r->head_id, r->head);
	if (anchor && *anchor)
		printf(_("anchor: event %lld %s\n"), (long long)r->anchor_id, anchor);
	return EXIT_OK;
}

int cmd_verify(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' }, { "anchor", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' }, { "pubkey", required_argument, NULL, 'p' },
		{ "log", no_argument, NULL, 'l' }, { NULL, 0, NULL, 0 },
	};
	struct cli cc = *c;
	const char *anchor = NULL, *pubfile = NULL;
	int log = 0;
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (o) {
		case 'd': cc.db_path = optarg; break;
		case 'a': anchor = optarg; break;
		case 'p': pubfile = optarg; break;
		case 'l': log = 1; break;
		case 'h': verify_help(); return EXIT_OK;
		case ':': return cli_usage_error("verify", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("verify", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("verify", _("unexpected argument '%s'"), argv[optind]);
	struct anchor_file af;
	char *text = NULL;
	struct yerr e;
	yerr_clear(&e);
	const char *hash_anchor = anchor && hash_valid(anchor) ? anchor : NULL;
	struct stat asb;
	if (anchor && !hash_anchor && stat(anchor, &asb) < 0)
		return cli_usage_error("verify", _("--anchor takes a SHA-256 of 64 hex digits or a "
						   "batch folder, not '%s'"), anchor);
	if (anchor && !hash_anchor && read_anchor(anchor, &af, &text, &e) < 0)
		return cli_fail(&e);
	struct db *d = db_open(cc.db_path, DB_OPEN_RO, &e);
	if (!d) {
		free(text);
		return cli_fail(&e);
	}
	struct verify_report r;
	int rc;
	if (text && check_signature(d, pubfile, &af, text, &e) < 0)
		rc = 1;
	else if (text)
		rc = db_verify_anchored(d, &af.va, &r, &e);
	else
		rc = db_verify(d, hash_anchor, &r, &e);
	free(text);
	if (rc == 0 && log)
		log_head(d, cc.db_path, &r);
	db_close(d);
	if (rc != 0) {
		fprintf(stderr, _("yici verify: %s: %s\n"), cc.db_path, text_safe(e.msg));
		return EXIT_FAIL;
	}
	if (!hash_anchor && anchor)
		printf(_("anchor: batch %s (signed): event %lld %s, ledger record %lld %s\n"),
		       af.batch, (long long)af.va.event_id, af.va.event_hash,
		       (long long)af.va.ledger_id, af.va.ledger_hash);
	return report(&cc, &r, hash_anchor);
}
