/* cli_staff.c — yici staff add | list | disable | enable.  Layer: cli. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_text.h"
#include "db_audit.h"
#include "db_staff.h"
#include "i18n.h"

static void staff_help(void)
{
	printf(_("Usage: yici staff add LOGIN --name NAME --role ROLE [--category CAT]... [--window N]\n"
		 "       yici staff list\n"
		 "       yici staff disable LOGIN\n"
		 "       yici staff enable LOGIN\n"
		 "Manage who may use this database.  A login is the clerk's Unix login.\n"
		 "Roles: clerk (takes applications, delivers results), officer (decides the tasks\n"
		 "of their categories: admin, appraisal, agency), supervisor (assigns, sees all),\n"
		 "service (the login systemd runs yici sync, the inbox import and the backup as:\n"
		 "exports, imports and backups, nothing else).\n"
		 "Adding an existing login updates it; a disabled login is refused and is\n"
		 "enabled again only with 'staff enable'.  Supervisor only.\n\n"
		 "  -d, --db FILE   database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help      show this help\n"));
}

/* "admin;agency" in the reader's words (行政;经办), an unknown code as is. */
static void categories_words(struct sbuf *out, const char *codes)
{
	const char *p = codes;
	while (*p) {
		size_t k = strcspn(p, ";");
		char code[32];
		snprintf(code, sizeof code, "%.*s", (int)(k < sizeof code - 1 ? k : sizeof code - 1), p);
		if (out->len)
			sbuf_addstr(out, ";");
		sbuf_addstr(out, category_word(code));
		p += k + (p[k] == ';');
	}
}

/* staff list: the rows collected first, so every column is as wide as
 * its longest cell (names and categories whole) */
struct staff_rows {
	struct staff *v;
	int n, cap;
};

static void collect_row(const struct staff *s, void *arg)
{
	struct staff_rows *r = arg;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, (size_t)r->cap * sizeof *r->v);
	}
	r->v[r->n++] = *s;
}

static void print_staff(const struct staff_rows *r)
{
	int lw = text_widest(15, _("Login")), nw = text_widest(11, _("Name")), rw = text_widest(11, _("Role"));
	int cw = text_widest(11, _("Categories"));
	struct sbuf *cats = xcalloc((size_t)r->n + 1, sizeof *cats);
	for (int i = 0; i < r->n; i++) {
		enum role ro = ROLE_NONE;
		role_parse(r->v[i].role, &ro);
		categories_words(&cats[i], r->v[i].categories);
		lw = text_widest(lw, r->v[i].login);
		nw = text_widest(nw, r->v[i].name);
		rw = text_widest(rw, role_label(ro));
		cw = text_widest(cw, cats[i].len ? cats[i].s : "-");
	}
	struct sbuf b = { 0 };
	text_cell(&b, _("Login"), lw + 1);
	text_cell(&b, _("Name"), nw + 1);
	text_cell(&b, _("Role"), rw + 1);
	text_cell(&b, _("Categories"), cw + 1);
	text_cell(&b, _("Window"), 8);
	sbuf_addstr(&b, _("Status"));
	puts(b.s);
	for (int i = 0; i < r->n; i++) {
		const struct staff *s = &r->v[i];
		enum role ro = ROLE_NONE;
		role_parse(s->role, &ro);
		char win[16] = "-";
		if (s->window_no)
			snprintf(win, sizeof win, "%d", s->window_no);
		b.len = 0;
		text_cell(&b, s->login, lw + 1);
		text_cell(&b, s->name, nw + 1);
		text_cell(&b, role_label(ro), rw + 1);
		text_cell(&b, cats[i].len ? cats[i].s : "-", cw + 1);
		text_cell(&b, win, 8);
		sbuf_addstr(&b, s->active ? _("active") : _("disabled"));
		puts(b.s);
		sbuf_release(&cats[i]);
	}
	sbuf_release(&b);
	free(cats);
}

static int staff_add(struct db *d, int argc, char **argv, struct yerr *e)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' }, { "role", required_argument, NULL, 'r' },
		{ "category", required_argument, NULL, 'c' }, { "window", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	struct staff_input in = { 0 };
	char cats[128] = "";
	int o;
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		char *end;
		switch (o) {
		case 'n': in.name = optarg; break;
		case 'r': in.role = optarg; break;
		case 'c':
			snprintf(cats + strlen(cats), sizeof cats - strlen(cats), "%s%s",
				 *cats ? ";" : "", optarg);
			break;
		case 'w':
			in.window_no = (int)strtol(optarg, &end, 10);
			if (*end || end == optarg || in.window_no < 1)
				return cli_usage_error("staff", _("--window takes a window number, not '%s'"), optarg);
			break;
		case ':': return cli_usage_error("staff", _("option '%s' needs a value"), argv[optind - 1]);
		default: return cli_usage_error("staff", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("staff", _("staff add takes one LOGIN"));
	if (!in.name || !in.role)
		return cli_usage_error("staff", _("staff add needs --name and --role"));
	in.login = argv[optind];
	in.categories = cats;
	if (db_begin(d, e) < 0 || db_staff_add(d, &in, e) < 0 || db_commit(d, e) < 0) {
		db_rollback(d);
		if (e->code == YERR_STATE)
			db_denied_record(d, db_login(), "staff add", 0, e->msg);
		return cli_fail(e);
	}
	return EXIT_OK;
}

int cmd_staff(const struct cli *c, int argc, char **argv)
{
	struct cli cc = *c;
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			staff_help();
			return EXIT_OK;
		} else if ((!strcmp(argv[i], "-d") || !strcmp(argv[i], "--db")) && i + 1 < argc) {
			cc.db_path = argv[++i];
		} else {
			break;
		}
	}
	if (i >= argc)
		return cli_usage_error("staff", _("say add, list, disable or enable"));
	const char *sub = argv[i];
	int enable = !strcmp(sub, "enable");
	if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "disable") && !enable)
		return cli_usage_error("staff", _("unknown subcommand '%s' (add, list, disable or "
						  "enable)"), sub);
	for (int j = i + 1; j < argc; j++)
		if (!strcmp(argv[j], "-h") || !strcmp(argv[j], "--help")) {
			staff_help();
			return EXIT_OK;
		}
	if (!strcmp(sub, "list") && argc - i != 1)
		return cli_usage_error("staff", _("unexpected argument '%s'"), argv[i + 1]);
	if (!strcmp(sub, "disable") && argc - i != 2)
		return cli_usage_error("staff", _("staff disable takes one LOGIN"));
	if (enable && argc - i != 2)
		return cli_usage_error("staff", _("staff enable takes one LOGIN"));
	struct staff me;
	struct actor a;
	struct yerr e;
	yerr_clear(&e);
	int list = !strcmp(sub, "list");
	struct db *d = cli_open(&cc, list ? DB_OPEN_RO : DB_OPEN_RW, &me, &a);
	if (!d)
		return EXIT_FAIL;
	int rc = EXIT_OK;
	if (perm_check(&a, list ? ACT_READ : ACT_STAFF, -1, &e) < 0) {
		db_denied_record(d, a.login, list ? "staff list" : !strcmp(sub, "add") ? "staff add"
				 : enable ? "staff enable" : "staff disable", 0, e.msg);
		rc = cli_fail(&e);
	}
	else if (list) {
		struct staff_rows r = { 0 };
		rc = db_staff_each(d, collect_row, &r, &e) < 0 ? cli_fail(&e) : EXIT_OK;
		if (rc == EXIT_OK)
			print_staff(&r);
		free(r.v);
	}
	else if (!strcmp(sub, "add"))
		rc = staff_add(d, argc - i, argv + i, &e);
	else if (enable) {
		if (db_begin(d, &e) < 0 || db_staff_enable(d, argv[i + 1], &e) < 0 ||
		    db_commit(d, &e) < 0) {
			db_rollback(d);
			rc = cli_fail(&e);
		}
	}
	else if (db_begin(d, &e) < 0 || db_staff_disable(d, argv[i + 1], &e) < 0 ||
		 db_commit(d, &e) < 0) {
		db_rollback(d);
		if (e.code == YERR_STATE)
			db_denied_record(d, a.login, "staff disable", 0, e.msg);
		rc = cli_fail(&e);
	}
	db_close(d);
	return rc;
}
