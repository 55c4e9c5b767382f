/* cli_key.c — yici key init | show: the center's Ed25519 signing key,
 * which signs the anchor of every export batch (yici-exchange(5)).  The
 * key lives outside the database (config signing_key, else
 * yici-signing.key next to it), mode 0600; its public half is kept in the
 * config (under the ledger) and goes to the province once.  Layer: cli. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util_sign.h"

static void key_help(void)
{
	printf(_("Usage: yici key init [-d FILE]\n"
		 "       yici key show [-d FILE]\n"
		 "The center's Ed25519 signing key: every export batch carries anchor.txt, the\n"
		 "chain head, event count and ledger head signed with it, which\n"
		 "'yici verify --anchor BATCH' checks.  init makes the key (mode 0600, outside\n"
		 "the database: config signing_key, else yici-signing.key next to it) and\n"
		 "records its public half in the config; supervisor only.  show prints the\n"
		 "public key to send to the province once.\n\n"
		 "  -d, --db FILE   database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help      show this help\n"));
}

char *cli_key_path(struct db *d, const char *db_path)
{
	char *p = db_config_get(d, "signing_key");
	if (p && *p)
		return p;
	free(p);
	return sign_default_path(db_path);
}

int cmd_key(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	const char *sub = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			key_help();
			return EXIT_OK;
		} else if ((!strcmp(argv[i], "-d") || !strcmp(argv[i], "--db")) && i + 1 < argc) {
			cc.db_path = argv[++i];
		} else if (!sub && (!strcmp(argv[i], "init") || !strcmp(argv[i], "show"))) {
			sub = argv[i];
		} else {
			return cli_usage_error("key", _("unexpected argument '%s'"), argv[i]);
		}
	}
	if (!sub)
		return cli_usage_error("key", _("say init or show"));
	int init = !strcmp(sub, "init");
	struct staff me;
	struct actor a;
	struct yerr e;
	yerr_clear(&e);
	struct db *d = cli_open(&cc, init ? DB_OPEN_RW : DB_OPEN_RO, &me, &a);
	if (!d)
		return EXIT_FAIL;
	char *path = cli_key_path(d, cc.db_path);
	char pub[SIGN_PUB_HEX + 1];
	int rc = EXIT_OK;
	if (init) {
		if (perm_check(&a, ACT_CONFIG, -1, &e) < 0 || sign_keygen(path, pub, &e) < 0)
			rc = cli_fail(&e);
		else if (db_begin(d, &e) < 0 || db_config_set(d, "signing_pubkey", pub, &e) < 0 ||
			 db_commit(d, &e) < 0) {
			db_rollback(d);
			rc = cli_fail(&e);
		} else {
			printf(_("key: %s\npublic key: %s\n"), path, pub);
		}
	} else {
		char *pem = NULL;
		if (sign_public(path, pub, &e) < 0 || !(pem = sign_public_pem(path, &e))) {
			char *cfg = db_config_get(d, "signing_pubkey");
			if (cfg && strlen(cfg) == SIGN_PUB_HEX) {
				printf(_("public key: %s (from the config; the key file is not readable "
					 "here)\n"), cfg);
			} else {
				rc = cli_fail(&e);
			}
			free(cfg);
		} else {
			printf(_("key: %s\npublic key: %s\n%s"), path, pub, pem);
		}
		free(pem);
	}
	free(path);
	db_close(d);
	return rc;
}
