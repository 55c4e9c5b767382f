/* cli_config.c — yici config [KEY [VALUE]]: the service center's settings.
 * Layer: cli. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_text.h"
#include "db_audit.h"
#include "i18n.h"

static void config_help(void)
{
	printf(_("Usage: yici config [KEY [VALUE]]\n"
		 "Without arguments, list every setting with its value and meaning; with KEY,\n"
		 "print its value; with KEY VALUE, change it (supervisor only).\n\n"
		 "  -d, --db FILE   database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help      show this help\n"));
}

static int list_all(struct db *d)
{
	int n, kw = 15, vw = 27; /* keys and values whole: as wide as the longest */
	const struct config_key *k = config_keys(&n);
	for (int i = 0; i < n; i++) {
		char *v = db_config_get(d, k[i].key);
		kw = text_widest(kw, k[i].key);
		if (text_width(v) <= 64) /* a longer value (a path) ends its line */
			vw = text_widest(vw, v);
		free(v);
	}
	for (int i = 0; i < n; i++) {
		char *v = db_config_get(d, k[i].key);
		struct sbuf b = { 0 };
		text_cell(&b, k[i].key, kw + 1);
		sbuf_addstr(&b, " ");
		if (text_width(v) > vw) { /* whole, the help on the next line */
			printf("%s%s\n%*s%s\n", b.s, v, kw + 2 + vw + 2, "", _(k[i].help));
			sbuf_release(&b);
			free(v);
			continue;
		}
		text_cell(&b, *v ? v : "-", vw + 1);
		printf("%s %s\n", b.s, _(k[i].help));
		sbuf_release(&b);
		free(v);
	}
	return EXIT_OK;
}

int cmd_config(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			config_help();
			return EXIT_OK;
		} else if ((!strcmp(argv[i], "-d") || !strcmp(argv[i], "--db")) && i + 1 < argc) {
			cc.db_path = argv[++i];
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			return cli_usage_error("config", _("unknown option '%s'"), argv[i]);
		}
	}
	if (argc - i > 2)
		return cli_usage_error("config", _("unexpected argument '%s'"), argv[i + 2]);
	if (argc - i >= 1 && !config_key_find(argv[i]))
		return cli_usage_error("config", _("unknown setting '%s' (see 'yici config')"), argv[i]);
	struct staff me;
	struct actor a;
	struct yerr e;
	yerr_clear(&e);
	int writing = argc - i == 2;
	struct db *d = cli_open(&cc, writing ? DB_OPEN_RW : DB_OPEN_RO, &me, &a);
	if (!d)
		return EXIT_FAIL;
	int rc = EXIT_OK;
	if (perm_check(&a, writing ? ACT_CONFIG : ACT_READ, -1, &e) < 0) {
		db_denied_record(d, a.login, writing ? "config set" : "config read", 0, e.msg);
		rc = cli_fail(&e);
	} else if (argc - i == 0) {
		rc = list_all(d);
	} else if (argc - i == 1) {
		char *v = db_config_get(d, argv[i]);
		printf("%s\n", v);
		free(v);
	} else if (db_begin(d, &e) < 0 || db_config_set(d, argv[i], argv[i + 1], &e) < 0 ||
		   db_commit(d, &e) < 0) {
		db_rollback(d);
		rc = cli_fail(&e);
	}
	db_close(d);
	return rc;
}
