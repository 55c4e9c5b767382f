/* cli.c — what every command shares: messages, opening the database,
 * identity.  Layer: cli. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db_catalog.h"
#include "i18n.h"

int cli_fail(const struct yerr *e)
{
	fprintf(stderr, "yici: %s\n", e->msg[0] ? e->msg : _("failed"));
	return EXIT_FAIL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "yici%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	fprintf(stderr, _("Try 'yici%s%s --help'.\n"), cmd ? " " : "", cmd ? cmd : "");
	return EXIT_USAGE;
}

struct db *cli_open(const struct cli *c, int flags, struct staff *me, struct actor *actor)
{
	struct yerr e;
	yerr_clear(&e);
	struct db *d = db_open(c->db_path, flags, &e);
	if (!d) {
		cli_fail(&e);
		return NULL;
	}
	const char *login = db_login();
	actor->login = login;
	actor->role = ROLE_NONE;
	actor->cats = 0;
	int rc = db_staff_get(d, login, me, &e);
	if (rc < 0) {
		cli_fail(&e);
		db_close(d);
		return NULL;
	}
	if (rc == 0 && me->active) {
		role_parse(me->role, &actor->role);
		for (char *p = me->categories; *p;) {
			char *sc = strchr(p, ';');
			if (sc)
				*sc = '\0';
			enum category cat;
			if (category_parse(p, &cat) == 0)
				actor->cats |= 1u << cat;
			if (!sc)
				break;
			*sc = ';';
			p = sc + 1;
		}
	} else {
		memset(me, 0, sizeof *me);
		snprintf(me->login, sizeof me->login, "%s", login);
	}
	return d;
}

int cli_catalog(struct db *d, struct catalog *cat)
{
	struct yerr e;
	yerr_clear(&e);
	catalog_init(cat);
	if (db_catalog_load(d, cat, &e) < 0) {
		cli_fail(&e);
		catalog_release(cat);
		return -1;
	}
	return 0;
}

static const struct command commands[] = {
	{ "init", cmd_init, N_("init [-d FILE] [--region CODE] [--demo N] [--seed S]") },
	{ "catalog", cmd_catalog, N_("catalog [--check | --upgrade]") },
	{ "config", cmd_config, N_("config [KEY [VALUE]]") },
	{ "staff", cmd_staff,
	  N_("staff add LOGIN --name NAME --role ROLE [--category CAT] [--window N] | "
	     "staff list | staff disable LOGIN") },
};

const struct command *cli_commands(int *n)
{
	*n = (int)ARRAY_SIZE(commands);
	return commands;
}
