/* db_staff.c — the staff table.  Layer: db. */
#include "db_staff.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core_catalog.h"
#include "core_date.h"
#include "core_perm.h"
#include "core_validate.h"
#include "db_internal.h"
#include "i18n.h"

static int check_login(const char *l, struct yerr *e)
{
	size_t n = strlen(l);
	if (n == 0 || n > 32)
		return yerr_set(e, YERR_INPUT, _("login must be 1 to 32 characters"));
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)l[i];
		if (!isalnum(ch) && ch != '_' && ch != '-' && ch != '.')
			return yerr_set(e, YERR_INPUT,
					_("login '%s' may contain only letters, digits, '.', '_' and '-'"), l);
	}
	return 0;
}

struct cats_arg {
	unsigned mask;
	struct yerr *e;
};

static int add_cat(const char *t, void *arg)
{
	struct cats_arg *a = arg;
	enum category c;
	if (category_parse(t, &c) < 0)
		return yerr_set(a->e, YERR_INPUT,
				_("unknown category '%s' (admin, appraisal or agency)"), t);
	a->mask |= 1u << c;
	return 0;
}

/* Parses "admin;agency" (or with commas) into category bits. */
static int parse_cats(const char *s, unsigned *mask, struct yerr *e)
{
	struct cats_arg a = { 0, e };
	int rc = list_each(s, ";,", add_cat, &a);
	*mask = a.mask;
	return rc ? -1 : 0;
}

/* 1 when login is the only active supervisor. */
static int last_supervisor(struct db *d, const char *login)
{
	sqlite3_stmt *st = db_prep(d, "SELECT count(*), sum(login = ?) FROM staff "
				      "WHERE role = 'supervisor' AND active = 1");
	db_bind_text(st, 1, login);
	int last = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1 &&
		   sqlite3_column_int(st, 1) == 1;
	sqlite3_reset(st);
	return last;
}

int db_staff_add(struct db *d, const struct staff_input *s, struct yerr *e)
{
	enum role r;
	unsigned cats;
	if (check_login(s->login, e) < 0)
		return -1;
	if (!s->name || !*s->name)
		return yerr_set(e, YERR_INPUT, _("a staff member needs a name (--name)"));
	if (validate_text("--name", s->name, e) < 0)
		return -1;
	if (role_parse(s->role, &r) < 0)
		return yerr_set(e, YERR_INPUT,
				_("unknown role '%s' (clerk, officer, supervisor or service)"), s->role);
	if (parse_cats(s->categories, &cats, e) < 0)
		return -1;
	if (r == ROLE_OFFICER && !cats)
		return yerr_set(e, YERR_INPUT,
				_("an officer needs at least one category (--category admin|appraisal|agency)"));
	if (r != ROLE_OFFICER && cats)
		return yerr_set(e, YERR_INPUT, _("only officers have categories"));
	if (s->window_no < 0 || s->window_no > 999)
		return yerr_set(e, YERR_INPUT, _("window number must be from 1 to 999"));
	if (r != ROLE_SUPERVISOR && last_supervisor(d, s->login))
		return yerr_set(e, YERR_STATE,
				_("'%s' is the last active supervisor; add another supervisor first"),
				s->login);
	/* updating a disabled login would enable it again unseen: that takes
	 * its own command */
	sqlite3_stmt *st = db_prep(d, "SELECT active FROM staff WHERE login = ?");
	db_bind_text(st, 1, s->login);
	int disabled = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	sqlite3_reset(st);
	if (disabled)
		return yerr_set(e, YERR_STATE, _("'%s' is disabled; enable it first with "
						 "'yici staff enable %s'"), s->login, s->login);
	char now[20];
	time_format(clock_now(), now);
	st = db_prep(d,
		"INSERT INTO staff (login, name, role, window_no, active, created_at) "
		"VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (login) DO UPDATE SET name = excluded.name, "
		"role = excluded.role, window_no = excluded.window_no, active = 1");
	db_bind_text(st, 1, s->login);
	db_bind_text(st, 2, s->name);
	db_bind_text(st, 3, s->role);
	if (s->window_no > 0)
		sqlite3_bind_int(st, 4, s->window_no);
	db_bind_text(st, 5, now);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	st = db_prep(d, "DELETE FROM staff_category WHERE login = ?");
	db_bind_text(st, 1, s->login);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	st = db_prep(d, "INSERT INTO staff_category (login, category) VALUES (?, ?)");
	for (int c = 0; c < CAT_N; c++) {
		if (!(cats & (1u << c)))
			continue;
		db_bind_text(st, 1, s->login);
		db_bind_text(st, 2, category_code((enum category)c));
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	return 0;
}

int db_staff_disable(struct db *d, const char *login, struct yerr *e)
{
	if (last_supervisor(d, login))
		return yerr_set(e, YERR_STATE,
				_("'%s' is the last active supervisor; add another supervisor first"),
				login);
	sqlite3_stmt *st = db_prep(d, "UPDATE staff SET active = 0 WHERE login = ?");
	db_bind_text(st, 1, login);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	if (sqlite3_changes(d->h) == 0)
		return yerr_set(e, YERR_NOTFOUND, _("no staff member '%s'"), login);
	return 0;
}

int db_staff_enable(struct db *d, const char *login, struct yerr *e)
{
	if (check_login(login, e) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(d, "UPDATE staff SET active = 1 WHERE login = ?");
	db_bind_text(st, 1, login);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	if (sqlite3_changes(d->h) == 0)
		return yerr_set(e, YERR_NOTFOUND, _("no staff member '%s'"), login);
	return 0;
}

int db_staff_each(struct db *d, void (*fn)(const struct staff *s, void *arg), void *arg,
		  struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT login FROM staff ORDER BY "
				      "CASE role WHEN 'supervisor' THEN 0 WHEN 'officer' THEN 1 ELSE 2 END, "
				      "login");
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct staff s;
		if ((rc = db_staff_get(d, db_col(st, 0), &s, e)) == 0)
			fn(&s, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}
