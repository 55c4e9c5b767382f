/* db_task.c — the work of the back offices on tasks.  Every action is one
 * BEGIN IMMEDIATE transaction: permission (core_perm), state and version
 * checks (core_task), the task row, its event, linked activation of the
 * waiting tasks of the case, and the SMS it queues.  The decision and its
 * money are in db_task_money.c, reading in db_task_read.c, the office's
 * acceptance review in db_task_office.c; what they share is
 * include/db_task_internal.h.  Over 800 lines: what is left is the one
 * frame every action runs in (load, check, write, event, activation, SMS)
 * and the short actions on it (take, assign, review, suspend, resume,
 * extend, deliver, reappraise, close), each a screen long; split further,
 * each would need the frame's internals exported.  Layer: db. */
#include "db_task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_catalog.h"
#include "core_date.h"
#include "core_task.h"
#include "db_audit.h"
#include "db_catalog.h"
#include "db_event.h"
#include "db_followup.h"
#include "db_internal.h"
#include "db_notice.h"
#include "i18n.h"
#include "db_task_internal.h"


yday dbt_dparse(const char *s)
{
	yday v;
	struct yerr e;
	if (!s || !*s || date_parse(s, &v, &e) < 0)
		return 0;
	return v;
}

void dbt_dfmt(yday v, char out[11])
{
	if (v == 0 || v == INT32_MAX)
		out[0] = '\0';
	else
		date_format(v, out);
}

void dbt_bind_day(sqlite3_stmt *st, int i, yday v)
{
	char s[11];
	dbt_dfmt(v, s);
	db_bind_text_or_null(st, i, s);
}

const char *dbt_role_of(const struct actor *a)
{
	return a->role == ROLE_NONE ? "system" : role_code(a->role);
}

int dbt_load_row(struct db *d, int64_t id, struct trow *t, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT t.id, t.case_id, t.item, t.category, t.state, coalesce(t.assignee, ''), "
		"  coalesce(t.started_on, ''), t.day_kind, t.limit_days, t.promised_days, "
		"  t.extended_days, t.simple_track, t.version, coalesce(t.outcome, ''), "
		"  coalesce(t.grade, 0), coalesce(t.decided_on, ''), coalesce(t.delivered_on, ''), "
		"  coalesce(c.case_no, ''), t.countersign, coalesce(t.decided_by, ''), "
		"  coalesce(t.amount_fen, 0), coalesce(c.state, ''), coalesce(c.kind, '') "
		"FROM task t JOIN cases c ON c.id = t.case_id WHERE t.id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (db_step_one(d, st, _("task"), e, _("no task %lld"), (long long)id) < 0)
		return -1;
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->case_id = sqlite3_column_int64(st, 1);
	DB_CPY(t->item, st, 2);
	category_parse(db_col(st, 3), &t->cat);
	task_state_parse(db_col(st, 4), &t->state);
	DB_CPY(t->assignee, st, 5);
	t->started = dbt_dparse(db_col(st, 6));
	day_kind_parse(db_col(st, 7), &t->kind);
	t->limit = sqlite3_column_int(st, 8);
	t->promised = sqlite3_column_int(st, 9);
	t->extended = sqlite3_column_int(st, 10);
	t->simple = sqlite3_column_int(st, 11);
	t->version = sqlite3_column_int(st, 12);
	DB_CPY(t->outcome, st, 13);
	t->grade = sqlite3_column_int(st, 14);
	t->decided = dbt_dparse(db_col(st, 15));
	t->delivered = dbt_dparse(db_col(st, 16));
	DB_CPY(t->case_no, st, 17);
	DB_CPY(t->countersign, st, 18);
	DB_CPY(t->decided_by, st, 19);
	t->amount_fen = sqlite3_column_int64(st, 20);
	enum case_state cs;
	t->case_state = case_state_parse(db_col(st, 21), &cs) == 0 ? (int)cs : -1;
	if (kind_parse(db_col(st, 22), &t->case_kind) < 0)
		t->case_kind = 0;
	sqlite3_reset(st);
	return 0;
}

/* Who last wrote an event on the task (for "changed by X meanwhile"). */
static void last_actor(struct db *d, int64_t task, char *out, size_t n)
{
	/* by case first, so that index event_case_at finds the case's few
	 * events instead of a walk back through the whole history */
	sqlite3_stmt *st = db_prep(d, "SELECT actor FROM event WHERE case_id = "
				      "(SELECT case_id FROM task WHERE id = ?1) AND task_id = ?1 "
				      "ORDER BY id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, task);
	snprintf(out, n, "%s", sqlite3_step(st) == SQLITE_ROW ? db_col(st, 0) : "?");
	sqlite3_reset(st);
}

/* The task as task_may sees it. */
static void view_of(const struct catalog *c, const struct trow *t, struct task_view *v)
{
	memset(v, 0, sizeof *v);
	snprintf(v->case_no, sizeof v->case_no, "%s", t->case_no);
	snprintf(v->item, sizeof v->item, "%s", t->item);
	int idx = catalog_item_index(c, t->item);
	v->it = idx >= 0 ? &c->items[idx] : NULL;
	v->cat = t->cat;
	v->state = t->state;
	snprintf(v->assignee, sizeof v->assignee, "%s", t->assignee);
	snprintf(v->decided_by, sizeof v->decided_by, "%s", t->decided_by);
	v->countersign_pending = !strcmp(t->countersign, "pending");
	v->case_state = t->case_state;
}

int db_task_may(struct db *d, const struct catalog *c, const struct actor *a, int64_t task,
		enum task_action ta, struct yerr *e)
{
	struct trow t;
	struct task_view v;
	if (dbt_load_row(d, task, &t, e) < 0)
		return -1;
	view_of(c, &t, &v);
	return task_may(a, &v, ta, e);
}

/* Opens the transaction and checks version, then who may do what
 * (task_may: the one table of task actions). */
int dbt_begin(struct ctx *x, int64_t task, int version, enum task_action ta)
{
	time_format(clock_now(), x->now);
	x->today = clock_today();
	x->ta = ta;
	catalog_init(&x->cat);
	if (db_catalog_load(x->d, &x->cat, x->e) < 0 || db_begin(x->d, x->e) < 0)
		return -1;
	x->began = 1;
	if (dbt_load_row(x->d, task, &x->t, x->e) < 0)
		return -1;
	struct trow *t = &x->t;
	if (version && t->version != version) {
		char who[64];
		last_actor(x->d, task, who, sizeof who);
		return yerr_set(x->e, YERR_STATE,
				_("%s %s was changed by %s meanwhile (now %s); nothing was changed, "
				  "look at it again"), t->case_no, t->item, who,
				task_state_label(t->state));
	}
	struct task_view v;
	view_of(&x->cat, t, &v);
	return task_may(x->a, &v, ta, x->e);
}

int dbt_finish(struct ctx *x, int rc)
{
	/* db_commit rolls back itself when it fails */
	if (x->began && rc == 0)
		rc = db_commit(x->d, x->e);
	else if (x->began)
		db_rollback(x->d);
	catalog_release(&x->cat);
	/* a refusal by role, office or state is recorded with who tried it;
	 * inside a caller's transaction (an import) the caller reports it */
	if (rc < 0 && x->began && x->d->in_txn == 0 &&
	    (x->e->code == YERR_DENIED || x->e->code == YERR_STATE)) {
		char *what = xasprintf("task %s", task_action_code(x->ta));
		db_denied_record(x->d, x->a->login, what, x->t.case_id, x->e->msg);
		free(what);
	}
	return rc < 0 ? -1 : 0;
}

int dbt_event(struct ctx *x, int64_t task, const char *kind, const char *detail)
{
	struct event_input ev = { .case_id = x->t.case_id, .task_id = task, .at = x->now,
				  .actor = x->a->login, .actor_role = dbt_role_of(x->a), .kind = kind,
				  .detail = detail };
	return db_event_add(x->d, &ev, x->e) < 0 ? -1 : 0;
}

/* The pauses of a task, oldest first (at most n). */
static int load_pauses(struct ctx *x, int64_t task, struct pause *p, int n)
{
	sqlite3_stmt *st = db_prep(x->d, "SELECT from_on, coalesce(to_on, '') FROM task_pause "
					 "WHERE task_id = ? ORDER BY id");
	sqlite3_bind_int64(st, 1, task);
	int k = 0;
	while (k < n && sqlite3_step(st) == SQLITE_ROW) {
		p[k].from = dbt_dparse(db_col(st, 0));
		const char *to = db_col(st, 1);
		p[k].to = *to ? dbt_dparse(to) : -1;
		k++;
	}
	sqlite3_reset(st);
	return k;
}

/* Recomputes and stores the due dates of a task from its clock and pauses. */
int dbt_store_deadlines(struct ctx *x, int64_t task, const struct task_clock *k)
{
	struct pause p[16];
	int np = load_pauses(x, task, p, 16);
	yday due, legal;
	task_deadlines(&x->cat.cal, k, p, np, &due, &legal);
	sqlite3_stmt *st = db_prep(x->d, "UPDATE task SET due_on = ?, legal_due_on = ? WHERE id = ?");
	dbt_bind_day(st, 1, due);
	dbt_bind_day(st, 2, legal);
	sqlite3_bind_int64(st, 3, task);
	return db_exec_stmt(x->d, st, x->e);
}

struct task_clock dbt_clock_of(const struct trow *t)
{
	struct task_clock k = { .started = t->started, .promised_days = t->promised,
				.limit_days = t->limit, .extended_days = t->extended, .kind = t->kind };
	return k;
}

/* Sets state (and the assignee when given) and bumps the version. */
int dbt_set_state(struct ctx *x, int64_t task, enum task_state s, const char *assignee)
{
	sqlite3_stmt *st = db_prep(x->d,
		"UPDATE task SET state = ?, assignee = coalesce(?, assignee), "
		"version = version + 1, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, task_state_code(s));
	db_bind_text_or_null(st, 2, assignee);
	db_bind_text(st, 3, x->now);
	sqlite3_bind_int64(st, 4, task);
	return db_exec_stmt(x->d, st, x->e);
}

/* The officer acting on an unassigned task takes it. */
const char *dbt_self_if_unassigned(const struct ctx *x)
{
	return !x->t.assignee[0] && x->a->role == ROLE_OFFICER ? x->a->login : NULL;
}

int dbt_is_blank(const char *s)
{
	while (s && (*s == ' ' || *s == '\t'))
		s++;
	return !s || !*s;
}

/* ---- SMS ---- */


void dbt_case_contact(struct db *d, int64_t case_id, struct case_contact *cc)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT coalesce(c.case_no, ''), c.worker_name, "
		"  coalesce(nullif(a.phone, ''), nullif(w.phone, ''), m.phone, ''), "
		"  coalesce(substr(c.death_date, 1, 4), '0'), c.circumstance = 'veteran', "
		"  c.circumstance = 'missing', coalesce(m.insured, 1) = 0 "
		"FROM cases c LEFT JOIN person w ON w.id = c.worker_id "
		"LEFT JOIN person a ON a.id = c.applicant_id "
		"LEFT JOIN employer m ON m.id = c.employer_id WHERE c.id = ?");
	sqlite3_bind_int64(st, 1, case_id);
	memset(cc, 0, sizeof *cc);
	if (sqlite3_step(st) == SQLITE_ROW) {
		DB_CPY(cc->case_no, st, 0);
		DB_CPY(cc->worker, st, 1);
		DB_CPY(cc->phone, st, 2);
		cc->death_year = atoi(db_col(st, 3));
		cc->veteran = sqlite3_column_int(st, 4);
		cc->missing = sqlite3_column_int(st, 5);
		cc->uninsured = sqlite3_column_int(st, 6);
	}
	sqlite3_reset(st);
}

int dbt_sms(struct ctx *x, int64_t task, const char *key, const char *item, yday date,
	    yday due, const char *amount)
{
	if (!catalog_template(&x->cat, key))
		return 0;
	struct case_contact cc;
	dbt_case_contact(x->d, x->t.case_id, &cc);
	int idx = catalog_item_index(&x->cat, item);
	char ds[11], dues[11];
	dbt_dfmt(date, ds);
	dbt_dfmt(due, dues);
	char *q = db_config_get(x->d, "query_hint");
	struct sms_var v[] = {
		{ "case_no", cc.case_no }, { "worker_name", cc.worker }, { "date", ds },
		{ "due_date", dues }, { "item_name", idx >= 0 ? x->cat.items[idx].name : item },
		{ "amount", amount ? amount : "" }, { "query_url", q ? q : "" },
	};
	int64_t rc = db_notice_sms(x->d, &x->cat, x->t.case_id, task, key, cc.phone, v,
				   (int)ARRAY_SIZE(v), x->a->login, dbt_role_of(x->a), x->e);
	free(q);
	return rc < 0 ? -1 : 0;
}

/* The day delivery of a decision is due. */
yday dbt_delivery_due(const struct catalog *c, const char *item, yday decided)
{
	const struct rule *r = catalog_rule(c, task_delivery_rule(c, item));
	if (!r || !decided)
		return 0;
	return deadline_add(&c->cal, decided, r->amount, r->day_kind, NULL, 0);
}

/* ---- take, assign, review ---- */

int db_task_take(struct db *d, const struct actor *a, int64_t task, int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_TAKE);
	if (rc == 0)
		rc = dbt_set_state(&x, task, x.t.state, a->login);
	if (rc == 0)
		rc = dbt_event(&x, task, "taken", a->login);
	return dbt_finish(&x, rc);
}

/* The login must be an active officer of the category, or a supervisor. */
static int check_assignee(struct ctx *x, const char *login)
{
	struct staff s;
	int rc = db_staff_get(x->d, login, &s, x->e);
	if (rc < 0)
		return -1;
	if (rc == 1 || !s.active)
		return yerr_set(x->e, YERR_INPUT, _("'%s' is not active staff of this database"), login);
	const char *code = category_code(x->t.cat);
	if (!strcmp(s.role, "supervisor"))
		return 0;
	if (strcmp(s.role, "officer"))
		return yerr_set(x->e, YERR_INPUT, _("'%s' is a %s, not an officer"), login, s.role);
	for (char *p = s.categories; *p;) {
		size_t n = strcspn(p, ";");
		if (n == strlen(code) && !strncmp(p, code, n))
			return 0;
		p += n + (p[n] == ';');
	}
	return yerr_set(x->e, YERR_INPUT, _("'%s' is not an officer of %s"), login,
			category_label(x->t.cat));
}

int db_task_assign(struct db *d, const struct actor *a, int64_t task, const char *login,
		   int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_ASSIGN);
	if (rc == 0)
		rc = check_assignee(&x, login);
	if (rc == 0 && !strcmp(x.t.assignee, login))
		rc = yerr_set(e, YERR_STATE, _("%s %s is already assigned to %s"), x.t.case_no,
			      x.t.item, login);
	if (rc == 0)
		rc = dbt_set_state(&x, task, x.t.state, login);
	if (rc == 0) {
		char detail[160];
		snprintf(detail, sizeof detail, x.t.assignee[0] ? "%s (was %s)" : "%s", login,
			 x.t.assignee);
		rc = dbt_event(&x, task, "assigned", detail);
	}
	return dbt_finish(&x, rc);
}

int db_task_review(struct db *d, const struct actor *a, int64_t task, int version,
		   struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_REVIEW);
	if (rc == 0 && x.t.state == TS_IN_REVIEW)
		rc = yerr_set(e, YERR_STATE, _("%s %s is already in review"), x.t.case_no, x.t.item);
	if (rc == 0)
		rc = dbt_set_state(&x, task, TS_IN_REVIEW, dbt_self_if_unassigned(&x));
	if (rc == 0)
		rc = dbt_event(&x, task, "in_review", "");
	return dbt_finish(&x, rc);
}

int db_task_simple(struct db *d, const struct actor *a, int64_t task, int version,
		   struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_REVIEW);
	/* the item's forms/items.csv "simple" names its rule (RD: rd_simple) */
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	const char *key = idx >= 0 ? x.cat.items[idx].simple : "";
	const struct rule *r = *key ? catalog_rule(&x.cat, key) : NULL;
	if (rc == 0 && !*key)
		rc = yerr_set(e, YERR_INPUT, _("%s: %s has no simple-case track (forms/items.csv "
					       "simple is empty)"), x.t.case_no, x.t.item);
	else if (rc == 0 && x.t.simple)
		rc = yerr_set(e, YERR_STATE, _("%s %s is already on the simple-case track"),
			      x.t.case_no, x.t.item);
	else if (rc == 0 && !r)
		rc = yerr_set(e, YERR_INPUT, _("forms/rules.csv has no rule %s"), key);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "UPDATE task SET simple_track = 1, limit_days = ?, "
					      "promised_days = min(promised_days, ?) WHERE id = ?");
		sqlite3_bind_int(st, 1, r->amount);
		sqlite3_bind_int(st, 2, r->amount);
		sqlite3_bind_int64(st, 3, task);
		rc = db_exec_stmt(d, st, e);
		x.t.limit = r->amount;
		x.t.promised = x.t.promised < r->amount ? x.t.promised : r->amount;
	}
	struct task_clock k = dbt_clock_of(&x.t);
	if (rc == 0)
		rc = dbt_store_deadlines(&x, task, &k);
	if (rc == 0)
		rc = dbt_set_state(&x, task, TS_IN_REVIEW, dbt_self_if_unassigned(&x));
	if (rc == 0) {
		char detail[64];
		snprintf(detail, sizeof detail, "simple track: %d days", r->amount);
		rc = dbt_event(&x, task, "in_review", detail);
	}
	return dbt_finish(&x, rc);
}

/* ---- linked work ---- */

struct ctask {
	int64_t id;
	char item[8];
	enum task_state state;
	enum outcome outcome;
	int grade, promised, limit, extended;
	enum day_kind kind;
	char open_pause[20];   /* reason of an open pause, "" when none */
};

static int case_tasks(struct ctx *x, struct ctask *out, int n)
{
	sqlite3_stmt *st = db_prep(x->d,
		"SELECT t.id, t.item, t.state, coalesce(t.outcome, ''), coalesce(t.grade, 0), "
		"  t.promised_days, t.limit_days, t.extended_days, t.day_kind, "
		"  coalesce((SELECT p.reason FROM task_pause p WHERE p.task_id = t.id "
		"            AND p.to_on IS NULL), '') "
		"FROM task t WHERE t.case_id = ? ORDER BY t.id");
	sqlite3_bind_int64(st, 1, x->t.case_id);
	int k = 0;
	while (k < n && sqlite3_step(st) == SQLITE_ROW) {
		struct ctask *c = &out[k++];
		c->id = sqlite3_column_int64(st, 0);
		DB_CPY(c->item, st, 1);
		task_state_parse(db_col(st, 2), &c->state);
		c->outcome = OUT_NONE;
		outcome_parse(db_col(st, 3), &c->outcome);
		c->grade = sqlite3_column_int(st, 4);
		c->promised = sqlite3_column_int(st, 5);
		c->limit = sqlite3_column_int(st, 6);
		c->extended = sqlite3_column_int(st, 7);
		day_kind_parse(db_col(st, 8), &c->kind);
		DB_CPY(c->open_pause, st, 9);
	}
	sqlite3_reset(st);
	return k;
}

/* The prerequisites of task i found among the case's tasks. */
static int prereqs_of(const struct ctx *x, const struct ctask *ts, int n, int i,
		      struct link_prereq *p)
{
	int idx = catalog_item_index(&x->cat, ts[i].item), np = 0;
	if (idx < 0)
		return 0;
	for (int j = 0; j < n; j++) {
		int pj = catalog_item_index(&x->cat, ts[j].item);
		if (pj < 0 || !(x->cat.items[idx].prereqs & (1u << pj)))
			continue;
		enum task_state s = ts[j].state;
		p[np].index = pj;
		p[np].decided = s != TS_WAITING && s != TS_ACCEPTED && s != TS_IN_REVIEW &&
				s != TS_SUSPENDED && s != TS_REVIEWING;
		p[np].outcome = s == TS_DECIDED || s == TS_DELIVERED ? ts[j].outcome : OUT_NONE;
		p[np].grade = ts[j].grade;
		np++;
	}
	return np;
}

static int activate(struct ctx *x, const struct ctask *c, yday day, const char *cause)
{
	sqlite3_stmt *st = db_prep(x->d, "UPDATE task SET state = 'accepted', started_on = ?, "
					 "version = version + 1, updated_at = ? WHERE id = ?");
	dbt_bind_day(st, 1, day);
	db_bind_text(st, 2, x->now);
	sqlite3_bind_int64(st, 3, c->id);
	struct task_clock k = { .started = day, .promised_days = c->promised,
				.limit_days = c->limit, .extended_days = c->extended, .kind = c->kind };
	if (db_exec_stmt(x->d, st, x->e) < 0 || dbt_store_deadlines(x, c->id, &k) < 0)
		return -1;
	char detail[160], ds[11];
	dbt_dfmt(day, ds);
	snprintf(detail, sizeof detail, "%s; clock from %s", cause, ds);
	if (dbt_event(x, c->id, "task_activated", detail) < 0)
		return -1;
	/* 劳动能力鉴定 and each benefit payment are told when they start */
	/* (the item's sms_start column: empty sends none) */
	int idx = catalog_item_index(&x->cat, c->item);
	const char *key = idx >= 0 ? x->cat.items[idx].sms_start : "";
	if (!*key)
		return 0;
	struct pause none[1];
	yday due, legal;
	task_deadlines(&x->cat.cal, &k, none, 0, &due, &legal);
	return dbt_sms(x, c->id, key, c->item, day, due, NULL);
}

static int close_task(struct ctx *x, const struct ctask *c, const char *why)
{
	sqlite3_stmt *st = db_prep(x->d, "UPDATE task SET state = 'closed', reason = ?, "
					 "version = version + 1, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, why);
	db_bind_text(st, 2, x->now);
	sqlite3_bind_int64(st, 3, c->id);
	if (db_exec_stmt(x->d, st, x->e) < 0)
		return -1;
	if (c->open_pause[0]) {
		st = db_prep(x->d, "UPDATE task_pause SET to_on = max(from_on, ?) "
				   "WHERE task_id = ? AND to_on IS NULL");
		dbt_bind_day(st, 1, x->today);
		sqlite3_bind_int64(st, 2, c->id);
		if (db_exec_stmt(x->d, st, x->e) < 0)
			return -1;
	}
	return dbt_event(x, c->id, "closed", why);
}

/* Ends the open pause of a task and recomputes its deadlines. */
static int end_pause(struct ctx *x, int64_t task, const char *confirmation,
		     const struct task_clock *k)
{
	sqlite3_stmt *st = db_prep(x->d, "UPDATE task_pause SET to_on = max(from_on, ?), "
					 "confirmed_by = ? WHERE task_id = ? AND to_on IS NULL");
	dbt_bind_day(st, 1, x->today);
	db_bind_text(st, 2, confirmation);
	sqlite3_bind_int64(st, 3, task);
	if (db_exec_stmt(x->d, st, x->e) < 0)
		return -1;
	return dbt_store_deadlines(x, task, k);
}

/* A task suspended for re-appraisal, once the new conclusion is in. */
static int resume_linked(struct ctx *x, const struct ctask *c, const char *cause)
{
	sqlite3_stmt *st = db_prep(x->d, "SELECT coalesce(started_on, ''), coalesce(assignee, '') "
					 "FROM task WHERE id = ?");
	sqlite3_bind_int64(st, 1, c->id);
	yday started = 0;
	int assigned = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		started = dbt_dparse(db_col(st, 0));
		assigned = *db_col(st, 1) != '\0';
	}
	sqlite3_reset(st);
	struct task_clock k = { .started = started, .promised_days = c->promised,
				.limit_days = c->limit, .extended_days = c->extended, .kind = c->kind };
	if (end_pause(x, c->id, cause, &k) < 0 ||
	    dbt_set_state(x, c->id, assigned ? TS_IN_REVIEW : TS_ACCEPTED, NULL) < 0)
		return -1;
	return dbt_event(x, c->id, "resumed", cause);
}

/* Applies linked activation and closure until nothing changes. */
int dbt_resolve_links(struct ctx *x, yday day, const char *cause, const char *reason)
{
	struct ctask ts[MAX_ITEMS];
	for (int pass = 0; pass < MAX_ITEMS; pass++) {
		int n = case_tasks(x, ts, MAX_ITEMS), changed = 0;
		for (int i = 0; i < n && !changed; i++) {
			int waiting = ts[i].state == TS_WAITING;
			int reapp = ts[i].state == TS_SUSPENDED && !strcmp(ts[i].open_pause, "reappraisal");
			if (!waiting && !reapp)
				continue;
			struct link_prereq p[MAX_ITEMS];
			int np = prereqs_of(x, ts, n, i, p);
			char why[512];
			int idx = catalog_item_index(&x->cat, ts[i].item);
			if (idx < 0)
				continue;
			enum link_effect ef = task_link_resolve(&x->cat, idx, p, np, x->t.case_kind, why,
								sizeof why);
			if (ef == LINK_KEEP || (reapp && np == 0))
				continue;
			changed = 1;
			if (ef == LINK_CLOSE && reason && *reason) {
				size_t l = strlen(why);
				snprintf(why + l, sizeof why - l, ": %s", reason);
			}
			int rc = ef == LINK_CLOSE ? close_task(x, &ts[i], why)
			       : waiting ? activate(x, &ts[i], day, cause) : resume_linked(x, &ts[i], cause);
			if (rc < 0)
				return -1;
		}
		if (!changed)
			return 0;
	}
	return 0;
}

/* A date given with an action: real, not in the future, not before
 * not_before (0: no bound).  NULL or "" means today. */
static int date_arg(struct ctx *x, const char *s, const char *what, yday not_before, yday *out)
{
	*out = x->today;
	if (!s || !*s)
		return 0;
	if (date_parse(s, out, x->e) < 0) {
		yerr_prefix(x->e, "%s", what);
		return -1;
	}
	char b[11];
	if (*out > x->today)
		return yerr_set(x->e, YERR_INPUT, _("%s %s is in the future"), what, s);
	if (not_before && *out < not_before) {
		date_format(not_before, b);
		return yerr_set(x->e, YERR_INPUT, _("%s %s is before %s"), what, s, b);
	}
	return 0;
}

/* ---- decide ---- */

int dbt_decision_in(struct ctx *x, const struct decision *dc, struct task_decision_in *in,
		    yday *on)
{
	memset(in, 0, sizeof *in);
	if (!dc->outcome || outcome_parse(dc->outcome, &in->outcome) < 0)
		in->outcome = OUT_NONE;
	in->grade = dc->grade;
	in->care_level = dc->care_level;
	in->amount_fen = dc->amount_fen;
	in->payment_ref = dc->payment_ref;
	in->document_no = dc->document_no;
	in->reason = dc->reason;
	int idx = catalog_item_index(&x->cat, x->t.item);
	if (task_decision_check(idx >= 0 ? &x->cat.items[idx] : NULL, x->t.item, in, NULL,
				x->e) < 0)
		return -1;
	return date_arg(x, dc->decided_on, _("decision date"), x->t.started, on);
}

int dbt_store_decision(struct ctx *x, const struct task_decision_in *in, yday on,
		       const char *note)
{
	sqlite3_stmt *st = db_prep(x->d,
		"UPDATE task SET state = 'decided', outcome = :outcome, grade = :grade, "
		"care_level = :care_level, amount_fen = :amount_fen, payment_ref = :payment_ref, "
		"document_no = :document_no, reason = :reason, decided_on = :decided_on, "
		"assignee = coalesce(:assignee, assignee), version = version + 1, "
		"updated_at = :now WHERE id = :id");
	db_bind_text(st, db_p(st, ":outcome"), outcome_code(in->outcome));
	if (in->outcome == OUT_GRADED) {
		sqlite3_bind_int(st, db_p(st, ":grade"), in->grade);
		sqlite3_bind_int(st, db_p(st, ":care_level"), in->care_level);
	} else if (in->outcome == OUT_NO_GRADE) {
		sqlite3_bind_int(st, db_p(st, ":care_level"), 0);
	}
	if (in->outcome == OUT_APPROVED)
		sqlite3_bind_int64(st, db_p(st, ":amount_fen"), in->amount_fen);
	db_bind_text_or_null(st, db_p(st, ":payment_ref"),
			     in->outcome == OUT_APPROVED ? in->payment_ref : NULL);
	db_bind_text_or_null(st, db_p(st, ":document_no"), in->document_no);
	db_bind_text(st, db_p(st, ":reason"), in->reason ? in->reason : (note ? note : ""));
	dbt_bind_day(st, db_p(st, ":decided_on"), on);
	db_bind_text_or_null(st, db_p(st, ":assignee"), dbt_self_if_unassigned(x));
	db_bind_text(st, db_p(st, ":now"), x->now);
	sqlite3_bind_int64(st, db_p(st, ":id"), x->t.id);
	return db_exec_stmt(x->d, st, x->e);
}

void dbt_decision_detail(const struct task_decision_in *in, char *out, size_t n)
{
	char amt[32];
	size_t l = (size_t)snprintf(out, n, "%s", outcome_code(in->outcome));
	if (in->outcome == OUT_GRADED && l < n)
		l += (size_t)snprintf(out + l, n - l, " grade %d care %d", in->grade, in->care_level);
	if (in->outcome == OUT_APPROVED && l < n) {
		money_format(in->amount_fen, amt, sizeof amt);
		l += (size_t)snprintf(out + l, n - l, " %s yuan ref %s", amt, in->payment_ref);
	}
	if (in->document_no && *in->document_no && l < n)
		l += (size_t)snprintf(out + l, n - l, " doc %s", in->document_no);
	if (in->reason && *in->reason && l < n)
		snprintf(out + l, n - l, ": %s", in->reason);
}

/* The SMS of a completed task (templates of forms/templates.csv). */
int dbt_decision_sms(struct ctx *x, const struct task_decision_in *in, yday on)
{
	/* the outcome's sms column, else the item's sms_decide; empty: none */
	const char *key = catalog_decision_sms(&x->cat, catalog_item_index(&x->cat, x->t.item),
					       outcome_code(in->outcome));
	if (!key || !*key)
		return 0;
	char amt[32];
	money_format(in->amount_fen > 0 ? in->amount_fen : 0, amt, sizeof amt);
	return dbt_sms(x, x->t.id, key, x->t.item, on, dbt_delivery_due(&x->cat, x->t.item, on), amt);
}

/* ---- suspend, resume, extend ---- */

static int add_pause(struct ctx *x, int64_t task, const char *reason, const char *note)
{
	sqlite3_stmt *st = db_prep(x->d, "INSERT INTO task_pause (task_id, reason, from_on, note) "
					 "VALUES (?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, task);
	db_bind_text(st, 2, reason);
	dbt_bind_day(st, 3, x->today);
	db_bind_text(st, 4, note ? note : "");
	if (db_exec_stmt(x->d, st, x->e) < 0)
		return -1;
	st = db_prep(x->d, "UPDATE task SET due_on = NULL, legal_due_on = NULL WHERE id = ?");
	sqlite3_bind_int64(st, 1, task);
	return db_exec_stmt(x->d, st, x->e);
}

int db_task_suspend(struct db *d, const struct actor *a, int64_t task, const char *reason,
		    const char *note, int version, struct yerr *e)
{
	if (db_text_ok("--note", note, TASK_TEXT_MAX, e) < 0)
		return -1;
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_SUSPEND);
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	if (rc == 0 && task_may_suspend(idx >= 0 ? &x.cat.items[idx] : NULL, x.t.item, reason,
					 e) < 0) {
		yerr_prefix(e, "%s", x.t.case_no);
		rc = -1;
	}
	if (rc == 0)
		rc = add_pause(&x, task, reason, note);
	if (rc == 0)
		rc = dbt_set_state(&x, task, TS_SUSPENDED, dbt_self_if_unassigned(&x));
	if (rc == 0) {
		char detail[400];
		snprintf(detail, sizeof detail, "%s%s%s", reason, note && *note ? ": " : "",
			 note ? note : "");
		rc = dbt_event(&x, task, "suspended", detail);
	}
	if (rc == 0) /* the applicant is told in writing (条例 §20) and by SMS */
		rc = db_pause_notice(d, &x.cat, a, task, 0, NULL, e);
	return dbt_finish(&x, rc);
}

int db_task_resume(struct db *d, const struct actor *a, int64_t task, const char *confirmation,
		   int version, struct yerr *e)
{
	if (db_text_ok("--confirmation", confirmation, TASK_TEXT_MAX, e) < 0)
		return -1;
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_RESUME);
	if (rc == 0 && dbt_is_blank(confirmation))
		rc = yerr_set(e, YERR_INPUT, _("resuming needs the applicant's confirmation "
					       "(how and when they confirmed)"));
	struct task_clock k = dbt_clock_of(&x.t);
	if (rc == 0)
		rc = end_pause(&x, task, confirmation, &k);
	if (rc == 0)
		rc = dbt_set_state(&x, task, task_action_next(TA_RESUME, x.t.state, x.t.assignee[0] != 0),
			           NULL);
	if (rc == 0)
		rc = dbt_event(&x, task, "resumed", confirmation);
	if (rc == 0)
		rc = db_pause_notice(d, &x.cat, a, task, 1, confirmation, e);
	return dbt_finish(&x, rc);
}

int db_task_extend(struct db *d, const struct actor *a, int64_t task, const char *reason,
		   int version, struct yerr *e)
{
	if (db_text_ok("--reason", reason, TASK_TEXT_MAX, e) < 0)
		return -1;
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_EXTEND);
	/* task_may refused an item whose forms/items.csv "extend" is empty */
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	const char *key = idx >= 0 ? x.cat.items[idx].extend : NULL;
	const struct rule *r = key ? catalog_rule(&x.cat, key) : NULL;
	if (rc == 0 && !r)
		rc = yerr_set(e, YERR_INPUT, _("forms/rules.csv has no rule %s"), key);
	else if (rc == 0 && x.t.extended)
		rc = yerr_set(e, YERR_STATE, _("%s %s was already extended once (%d days)"),
			      x.t.case_no, x.t.item, x.t.extended);
	else if (rc == 0 && dbt_is_blank(reason))
		rc = yerr_set(e, YERR_INPUT, _("an extension needs a reason"));
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "UPDATE task SET extended_days = ?, "
					      "version = version + 1, updated_at = ? WHERE id = ?");
		sqlite3_bind_int(st, 1, r->amount);
		db_bind_text(st, 2, x.now);
		sqlite3_bind_int64(st, 3, task);
		rc = db_exec_stmt(d, st, e);
		x.t.extended = r->amount;
	}
	struct task_clock k = dbt_clock_of(&x.t);
	if (rc == 0)
		rc = dbt_store_deadlines(&x, task, &k);
	if (rc == 0) {
		char detail[400];
		snprintf(detail, sizeof detail, "%d days: %s", r->amount, reason);
		rc = dbt_event(&x, task, "extended", detail);
	}
	return dbt_finish(&x, rc);
}

/* ---- countersign ---- */

int db_task_countersign(struct db *d, const struct actor *a, int64_t task, int version,
			struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_COUNTERSIGN);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "UPDATE task SET countersign = 'done', "
					      "countersigned_by = ?, version = version + 1, "
					      "updated_at = ? WHERE id = ?");
		db_bind_text(st, 1, a->login);
		db_bind_text(st, 2, x.now);
		sqlite3_bind_int64(st, 3, task);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0) {
		char detail[128], amt[32];
		money_format(x.t.amount_fen, amt, sizeof amt);
		snprintf(detail, sizeof detail, "%s yuan (decided by %s)", amt, x.t.decided_by);
		rc = dbt_event(&x, task, "countersigned", detail);
	}
	if (rc == 0) {
		struct task_decision_in in = { .outcome = OUT_APPROVED, .amount_fen = x.t.amount_fen };
		rc = dbt_decision_sms(&x, &in, x.today);
	}
	return dbt_finish(&x, rc);
}

/* ---- deliver ---- */

int db_task_deliver(struct db *d, const struct actor *a, int64_t task, const char *method,
		    const char *recipient, const char *on, int version, struct yerr *e)
{
	if (db_text_ok("--recipient", recipient, TASK_NAME_MAX, e) < 0)
		return -1;
	struct ctx x = { .d = d, .a = a, .e = e };
	yday day = 0;
	int rc = dbt_begin(&x, task, version, TA_DELIVER);
	if (rc == 0)
		rc = dbt_check_hold(&x, task);
	if (rc == 0 && (!method || !task_delivery_method_ok(method)))
		rc = yerr_set(e, YERR_INPUT, _("delivery is 'window' or 'post', not '%s'"),
			      method ? method : "");
	else if (rc == 0 && dbt_is_blank(recipient))
		rc = yerr_set(e, YERR_INPUT, _("delivery needs the recipient (who signed for it)"));
	if (rc == 0)
		rc = date_arg(&x, on, _("delivery date"), x.t.decided, &day);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "UPDATE task SET state = 'delivered', delivered_on = ?, "
					      "delivery_to = ?, version = version + 1, updated_at = ? "
					      "WHERE id = ?");
		dbt_bind_day(st, 1, day);
		db_bind_text(st, 2, recipient);
		db_bind_text(st, 3, x.now);
		sqlite3_bind_int64(st, 4, task);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0) {
		char detail[300], due[11];
		yday dd = dbt_delivery_due(&x.cat, x.t.item, x.t.decided);
		dbt_dfmt(dd, due);
		snprintf(detail, sizeof detail, "%s %s%s%s", method, recipient,
			 dd && day > dd ? "; late, due " : "", dd && day > dd ? due : "");
		rc = dbt_event(&x, task, "delivered", detail);
	}
	return dbt_finish(&x, rc);
}

/* ---- re-appraisal ---- */

/* Suspends the active tasks whose prerequisite is the JD of the case. */
static int suspend_dependants(struct ctx *x)
{
	struct ctask ts[MAX_ITEMS];
	int n = case_tasks(x, ts, MAX_ITEMS);
	int jd = catalog_item_index(&x->cat, x->t.item);
	for (int i = 0; i < n; i++) {
		int idx = catalog_item_index(&x->cat, ts[i].item);
		if (idx < 0 || jd < 0 || !(x->cat.items[idx].prereqs & (1u << jd)))
			continue;
		if (ts[i].state != TS_ACCEPTED && ts[i].state != TS_IN_REVIEW)
			continue;
		if (add_pause(x, ts[i].id, "reappraisal", _("re-appraisal requested")) < 0 ||
		    dbt_set_state(x, ts[i].id, TS_SUSPENDED, NULL) < 0 ||
		    dbt_event(x, ts[i].id, "suspended", "reappraisal") < 0)
			return -1;
	}
	return 0;
}

static int reopen_jd(struct ctx *x, yday day)
{
	sqlite3_stmt *st = db_prep(x->d,
		"UPDATE task SET state = 'in_review', started_on = ?, extended_days = 0, "
		"outcome = NULL, grade = NULL, care_level = NULL, document_no = NULL, "
		"decided_on = NULL, delivered_on = NULL, delivery_to = NULL, "
		"version = version + 1, updated_at = ? WHERE id = ?");
	dbt_bind_day(st, 1, day);
	db_bind_text(st, 2, x->now);
	sqlite3_bind_int64(st, 3, x->t.id);
	if (db_exec_stmt(x->d, st, x->e) < 0)
		return -1;
	x->t.started = day;
	x->t.extended = 0;
	struct task_clock k = dbt_clock_of(&x->t);
	return dbt_store_deadlines(x, x->t.id, &k);
}

int db_task_reappraise(struct db *d, const struct actor *a, int64_t task, const char *on,
		       int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	yday day = 0;
	int rc = dbt_begin(&x, task, version, TA_REAPPRAISE);
	/* task_may refused an item whose forms/items.csv "reappraise" is empty */
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	const struct rule *r = idx >= 0 ? catalog_rule(&x.cat, x.cat.items[idx].reappraise) : NULL;
	if (rc == 0)
		rc = date_arg(&x, on, _("request date"), x.t.decided, &day);
	if (rc == 0 && r && x.t.delivered &&
	    day > deadline_add(&x.cat.cal, x.t.delivered, r->amount, r->day_kind, NULL, 0))
		rc = yerr_set(e, YERR_STATE, _("re-appraisal must be requested within %d days of "
					       "delivery (条例 §26); too late"), r->amount);
	if (rc == 0)
		rc = reopen_jd(&x, day);
	if (rc == 0) {
		char detail[96];
		snprintf(detail, sizeof detail, "reappraisal requested; was %s grade %d", x.t.outcome,
			 x.t.grade);
		rc = dbt_event(&x, task, "in_review", detail);
	}
	if (rc == 0)
		rc = suspend_dependants(&x);
	return dbt_finish(&x, rc);
}
