/* db_audit.c — refused actions and ID reveals, each written with who did
 * it.  Layer: db. */
#include "db_audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_date.h"
#include "db_event.h"
#include "db_internal.h"
#include "i18n.h"

/* The role code a login has now: "none" for unknown or disabled logins. */
static void current_role(struct db *d, const char *login, char role[16])
{
	struct staff s;
	struct yerr e;
	snprintf(role, 16, "none");
	if (db_staff_get(d, login, &s, &e) == 0 && s.active)
		snprintf(role, 16, "%s", s.role);
}

static int write_denied(struct db *d, const char *login, const char *action, int64_t case_id,
			const char *reason, struct yerr *e)
{
	char now[20], role[16];
	time_format(clock_now(), now);
	current_role(d, login, role);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO denied (at, login, role, action, case_id, "
				      "reason) VALUES (?, ?, ?, ?, ?, ?)");
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, login);
	db_bind_text(st, 3, role);
	db_bind_text(st, 4, action);
	if (case_id > 0)
		sqlite3_bind_int64(st, 5, case_id);
	db_bind_text(st, 6, reason ? reason : "");
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	if (case_id <= 0)
		return 0;
	char *detail = xasprintf("%s: %s", action, reason ? reason : "");
	struct event_input ev = {
		.case_id = case_id, .at = now, .actor = login,
		.actor_role = strcmp(role, "none") ? role : "system", .kind = "denied",
		.detail = detail,
	};
	int64_t id = db_event_add(d, &ev, e);
	free(detail);
	return id < 0 ? -1 : 0;
}

static int denied_written;

int db_denied_count(void) { return denied_written; }

static int record_on(struct db *d, const char *login, const char *action, int64_t case_id,
		     const char *reason)
{
	struct yerr e;
	yerr_clear(&e);
	while (d->in_txn > 0)
		db_rollback(d);
	if (!sqlite3_get_autocommit(d->h))
		db_rollback(d);
	if (db_begin(d, &e) < 0)
		return -1;
	if (write_denied(d, login, action, case_id, reason, &e) < 0) {
		db_rollback(d);
		return -1;
	}
	if (db_commit(d, &e) < 0)
		return -1;
	denied_written++;
	return 0;
}

int db_denied_record(struct db *d, const char *login, const char *action, int64_t case_id,
		     const char *reason)
{
	if (!d->readonly)
		return record_on(d, login, action, case_id, reason);
	struct yerr e;
	yerr_clear(&e);
	struct db *rw = db_open(db_path(d), DB_OPEN_RW, &e);
	if (!rw)
		return -1;
	int rc = record_on(rw, login, action, case_id, reason);
	db_close(rw);
	return rc;
}

int db_denied_record_path(const char *path, const char *login, const char *action,
			  const char *reason)
{
	struct yerr e;
	yerr_clear(&e);
	struct db *d = db_open(path, DB_OPEN_RW, &e);
	if (!d)
		return -1;
	db_busy_wait(d, 250); /* a refusal never waits long to be written */
	int rc = record_on(d, login, action, 0, reason);
	db_close(d);
	return rc;
}

/* ---- revealing an ID number ---- */

struct case_people {
	int64_t id;
	char created_by[64], accepted_by[64];
	char id_number[2][20];   /* worker, applicant */
	int has_id[2];
};

static int load_case(struct db *d, const char *case_no, struct case_people *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT c.id, c.created_by, coalesce(c.accepted_by, ''), w.id_number, a.id_number "
		"FROM cases c LEFT JOIN person w ON w.id = c.worker_id "
		"LEFT JOIN person a ON a.id = c.applicant_id WHERE c.case_no = ?");
	db_bind_text(st, 1, case_no);
	if (db_step_one(d, st, _("case"), e, _("no case '%s'"), case_no) < 0)
		return -1;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	DB_CPY(c->created_by, st, 1);
	DB_CPY(c->accepted_by, st, 2);
	for (int i = 0; i < 2; i++) {
		c->has_id[i] = sqlite3_column_type(st, 3 + i) != SQLITE_NULL;
		DB_CPY(c->id_number[i], st, 3 + i);
	}
	sqlite3_reset(st);
	return 0;
}

static int assigned_to_case(struct db *d, int64_t case_id, const char *login)
{
	sqlite3_stmt *st = db_prep(d, "SELECT 1 FROM task WHERE case_id = ? AND assignee = ? LIMIT 1");
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, login);
	int yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

/* Who works the case: the role check goes through perm_check, the case
 * relation is a fact of the data. */
static int may_reveal(struct db *d, const struct actor *a, const struct case_people *c,
		      const char *case_no, struct yerr *e)
{
	if (perm_check(a, ACT_READ, -1, e) < 0)
		return -1;
	/* whoever took or accepted it at the window (a supervisor standing in
	 * for a clerk too), whoever is assigned one of its tasks */
	if (!strcmp(a->login, c->created_by) || !strcmp(a->login, c->accepted_by) ||
	    assigned_to_case(d, c->id, a->login))
		return 0;
	return yerr_set(e, YERR_DENIED,
			_("user '%s' (%s) does not work on case %s: only the clerk who took it and "
			  "the officers assigned to its tasks may see its full ID numbers"),
			a->login, role_label(a->role), case_no);
}

static int reveal_in_txn(struct db *d, const struct actor *a, const struct case_people *c,
			 enum reveal_whom whom, struct yerr *e)
{
	struct event_input ev = {
		.case_id = c->id, .actor = a->login, .actor_role = role_code(a->role),
		.kind = "revealed",
		.detail = whom == REVEAL_APPLICANT ? "applicant ID number" : "worker ID number",
	};
	if (db_begin(d, e) < 0)
		return -1;
	if (db_event_add(d, &ev, e) < 0 || db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int db_reveal_id(struct db *d, const struct actor *a, const char *case_no, enum reveal_whom whom,
		 char out[19], struct yerr *e)
{
	struct case_people c;
	out[0] = '\0';
	if (load_case(d, case_no, &c, e) < 0)
		return -1;
	if (may_reveal(d, a, &c, case_no, e) < 0) {
		db_denied_record(d, a->login, "reveal", c.id, e->msg);
		return -1;
	}
	if (!c.has_id[whom] || !c.id_number[whom][0])
		return yerr_set(e, YERR_NOTFOUND,
				whom == REVEAL_APPLICANT ? _("case %s has no applicant ID number on file")
							 : _("case %s has no worker ID number on file"),
				case_no);
	if (reveal_in_txn(d, a, &c, whom, e) < 0)
		return -1;
	snprintf(out, 19, "%s", c.id_number[whom]);
	return 0;
}
