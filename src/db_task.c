/* db_task.c — the work of the back offices on tasks.  Every action is one
 * BEGIN IMMEDIATE transaction: permission (core_perm), state and version
 * checks (core_task), the task row, its event, linked activation of the
 * waiting tasks of the case, and the SMS it queues.  Layer: db. */
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

/* The task row an action works on. */
struct trow {
	int64_t id, case_id;
	char item[8], assignee[64], outcome[16], case_no[32];
	enum category cat;
	enum task_state state;
	enum day_kind kind;
	yday started, decided, delivered;
	int limit, promised, extended, simple, version, grade;
	char countersign[12], decided_by[64];
	int64_t amount_fen;
	int case_state;          /* enum case_state, -1 unknown */
	int case_kind;           /* KIND_* of the case, 0 unknown */
};

/* Everything one action needs. */
struct ctx {
	struct db *d;
	const struct actor *a;
	struct catalog cat;
	struct trow t;
	char now[20];
	yday today;
	struct yerr *e;
	int began;      /* this action opened a transaction (or savepoint) */
	enum task_action ta;
};

static yday dparse(const char *s)
{
	yday v;
	struct yerr e;
	if (!s || !*s || date_parse(s, &v, &e) < 0)
		return 0;
	return v;
}

static void dfmt(yday v, char out[11])
{
	if (v == 0 || v == INT32_MAX)
		out[0] = '\0';
	else
		date_format(v, out);
}

static void bind_day(sqlite3_stmt *st, int i, yday v)
{
	char s[11];
	dfmt(v, s);
	db_bind_text_or_null(st, i, s);
}

static const char *role_of(const struct actor *a)
{
	return a->role == ROLE_NONE ? "system" : role_code(a->role);
}

static int load_row(struct db *d, int64_t id, struct trow *t, struct yerr *e)
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
	snprintf(t->item, sizeof t->item, "%s", db_col(st, 2));
	category_parse(db_col(st, 3), &t->cat);
	task_state_parse(db_col(st, 4), &t->state);
	snprintf(t->assignee, sizeof t->assignee, "%s", db_col(st, 5));
	t->started = dparse(db_col(st, 6));
	day_kind_parse(db_col(st, 7), &t->kind);
	t->limit = sqlite3_column_int(st, 8);
	t->promised = sqlite3_column_int(st, 9);
	t->extended = sqlite3_column_int(st, 10);
	t->simple = sqlite3_column_int(st, 11);
	t->version = sqlite3_column_int(st, 12);
	snprintf(t->outcome, sizeof t->outcome, "%s", db_col(st, 13));
	t->grade = sqlite3_column_int(st, 14);
	t->decided = dparse(db_col(st, 15));
	t->delivered = dparse(db_col(st, 16));
	snprintf(t->case_no, sizeof t->case_no, "%s", db_col(st, 17));
	snprintf(t->countersign, sizeof t->countersign, "%s", db_col(st, 18));
	snprintf(t->decided_by, sizeof t->decided_by, "%s", db_col(st, 19));
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
	if (load_row(d, task, &t, e) < 0)
		return -1;
	view_of(c, &t, &v);
	return task_may(a, &v, ta, e);
}

/* Opens the transaction and checks version, then who may do what
 * (task_may: the one table of task actions). */
static int begin(struct ctx *x, int64_t task, int version, enum task_action ta)
{
	time_format(clock_now(), x->now);
	x->today = clock_today();
	x->ta = ta;
	catalog_init(&x->cat);
	if (db_catalog_load(x->d, &x->cat, x->e) < 0 || db_begin(x->d, x->e) < 0)
		return -1;
	x->began = 1;
	if (load_row(x->d, task, &x->t, x->e) < 0)
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

static int finish(struct ctx *x, int rc)
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

static int event(struct ctx *x, int64_t task, const char *kind, const char *detail)
{
	struct event_input ev = { .case_id = x->t.case_id, .task_id = task, .at = x->now,
				  .actor = x->a->login, .actor_role = role_of(x->a), .kind = kind,
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
		p[k].from = dparse(db_col(st, 0));
		const char *to = db_col(st, 1);
		p[k].to = *to ? dparse(to) : -1;
		k++;
	}
	sqlite3_reset(st);
	return k;
}

/* Recomputes and stores the due dates of a task from its clock and pauses. */
static int store_deadlines(struct ctx *x, int64_t task, const struct task_clock *k)
{
	struct pause p[16];
	int np = load_pauses(x, task, p, 16);
	yday due, legal;
	task_deadlines(&x->cat.cal, k, p, np, &due, &legal);
	sqlite3_stmt *st = db_prep(x->d, "UPDATE task SET due_on = ?, legal_due_on = ? WHERE id = ?");
	bind_day(st, 1, due);
	bind_day(st, 2, legal);
	sqlite3_bind_int64(st, 3, task);
	return db_exec_stmt(x->d, st, x->e);
}

static struct task_clock clock_of(const struct trow *t)
{
	struct task_clock k = { .started = t->started, .promised_days = t->promised,
				.limit_days = t->limit, .extended_days = t->extended, .kind = t->kind };
	return k;
}

/* Sets state (and the assignee when given) and bumps the version. */
static int set_state(struct ctx *x, int64_t task, enum task_state s, const char *assignee)
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
static const char *self_if_unassigned(const struct ctx *x)
{
	return !x->t.assignee[0] && x->a->role == ROLE_OFFICER ? x->a->login : NULL;
}

static int is_blank(const char *s)
{
	while (s && (*s == ' ' || *s == '\t'))
		s++;
	return !s || !*s;
}

/* ---- SMS ---- */

struct case_contact {
	char case_no[32], worker[64], phone[32];
	int death_year, veteran, missing, uninsured;
};

static void case_contact(struct db *d, int64_t case_id, struct case_contact *cc)
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
		snprintf(cc->case_no, sizeof cc->case_no, "%s", db_col(st, 0));
		snprintf(cc->worker, sizeof cc->worker, "%s", db_col(st, 1));
		snprintf(cc->phone, sizeof cc->phone, "%s", db_col(st, 2));
		cc->death_year = atoi(db_col(st, 3));
		cc->veteran = sqlite3_column_int(st, 4);
		cc->missing = sqlite3_column_int(st, 5);
		cc->uninsured = sqlite3_column_int(st, 6);
	}
	sqlite3_reset(st);
}

static int sms(struct ctx *x, int64_t task, const char *key, const char *item, yday date,
	       yday due, const char *amount)
{
	if (!catalog_template(&x->cat, key))
		return 0;
	struct case_contact cc;
	case_contact(x->d, x->t.case_id, &cc);
	int idx = catalog_item_index(&x->cat, item);
	char ds[11], dues[11];
	dfmt(date, ds);
	dfmt(due, dues);
	char *q = db_config_get(x->d, "query_hint");
	struct sms_var v[] = {
		{ "case_no", cc.case_no }, { "worker_name", cc.worker }, { "date", ds },
		{ "due_date", dues }, { "item_name", idx >= 0 ? x->cat.items[idx].name : item },
		{ "amount", amount ? amount : "" }, { "query_url", q ? q : "" },
	};
	int64_t rc = db_notice_sms(x->d, &x->cat, x->t.case_id, task, key, cc.phone, v,
				   (int)ARRAY_SIZE(v), x->a->login, role_of(x->a), x->e);
	free(q);
	return rc < 0 ? -1 : 0;
}

/* The day delivery of a decision is due. */
static yday delivery_due(const struct catalog *c, const char *item, yday decided)
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
	int rc = begin(&x, task, version, TA_TAKE);
	if (rc == 0)
		rc = set_state(&x, task, x.t.state, a->login);
	if (rc == 0)
		rc = event(&x, task, "taken", a->login);
	return finish(&x, rc);
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
	int rc = begin(&x, task, version, TA_ASSIGN);
	if (rc == 0)
		rc = check_assignee(&x, login);
	if (rc == 0 && !strcmp(x.t.assignee, login))
		rc = yerr_set(e, YERR_STATE, _("%s %s is already assigned to %s"), x.t.case_no,
			      x.t.item, login);
	if (rc == 0)
		rc = set_state(&x, task, x.t.state, login);
	if (rc == 0) {
		char detail[160];
		snprintf(detail, sizeof detail, x.t.assignee[0] ? "%s (was %s)" : "%s", login,
			 x.t.assignee);
		rc = event(&x, task, "assigned", detail);
	}
	return finish(&x, rc);
}

int db_task_review(struct db *d, const struct actor *a, int64_t task, int version,
		   struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = begin(&x, task, version, TA_REVIEW);
	if (rc == 0 && x.t.state == TS_IN_REVIEW)
		rc = yerr_set(e, YERR_STATE, _("%s %s is already in review"), x.t.case_no, x.t.item);
	if (rc == 0)
		rc = set_state(&x, task, TS_IN_REVIEW, self_if_unassigned(&x));
	if (rc == 0)
		rc = event(&x, task, "in_review", "");
	return finish(&x, rc);
}

int db_task_simple(struct db *d, const struct actor *a, int64_t task, int version,
		   struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = begin(&x, task, version, TA_REVIEW);
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
	struct task_clock k = clock_of(&x.t);
	if (rc == 0)
		rc = store_deadlines(&x, task, &k);
	if (rc == 0)
		rc = set_state(&x, task, TS_IN_REVIEW, self_if_unassigned(&x));
	if (rc == 0) {
		char detail[64];
		snprintf(detail, sizeof detail, "simple track: %d days", r->amount);
		rc = event(&x, task, "in_review", detail);
	}
	return finish(&x, rc);
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
		snprintf(c->item, sizeof c->item, "%s", db_col(st, 1));
		task_state_parse(db_col(st, 2), &c->state);
		c->outcome = OUT_NONE;
		outcome_parse(db_col(st, 3), &c->outcome);
		c->grade = sqlite3_column_int(st, 4);
		c->promised = sqlite3_column_int(st, 5);
		c->limit = sqlite3_column_int(st, 6);
		c->extended = sqlite3_column_int(st, 7);
		day_kind_parse(db_col(st, 8), &c->kind);
		snprintf(c->open_pause, sizeof c->open_pause, "%s", db_col(st, 9));
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
	bind_day(st, 1, day);
	db_bind_text(st, 2, x->now);
	sqlite3_bind_int64(st, 3, c->id);
	struct task_clock k = { .started = day, .promised_days = c->promised,
				.limit_days = c->limit, .extended_days = c->extended, .kind = c->kind };
	if (db_exec_stmt(x->d, st, x->e) < 0 || store_deadlines(x, c->id, &k) < 0)
		return -1;
	char detail[160], ds[11];
	dfmt(day, ds);
	snprintf(detail, sizeof detail, "%s; clock from %s", cause, ds);
	if (event(x, c->id, "task_activated", detail) < 0)
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
	return sms(x, c->id, key, c->item, day, due, NULL);
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
		bind_day(st, 1, x->today);
		sqlite3_bind_int64(st, 2, c->id);
		if (db_exec_stmt(x->d, st, x->e) < 0)
			return -1;
	}
	return event(x, c->id, "closed", why);
}

/* Ends the open pause of a task and recomputes its deadlines. */
static int end_pause(struct ctx *x, int64_t task, const char *confirmation,
		     const struct task_clock *k)
{
	sqlite3_stmt *st = db_prep(x->d, "UPDATE task_pause SET to_on = max(from_on, ?), "
					 "confirmed_by = ? WHERE task_id = ? AND to_on IS NULL");
	bind_day(st, 1, x->today);
	db_bind_text(st, 2, confirmation);
	sqlite3_bind_int64(st, 3, task);
	if (db_exec_stmt(x->d, st, x->e) < 0)
		return -1;
	return store_deadlines(x, task, k);
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
		started = dparse(db_col(st, 0));
		assigned = *db_col(st, 1) != '\0';
	}
	sqlite3_reset(st);
	struct task_clock k = { .started = started, .promised_days = c->promised,
				.limit_days = c->limit, .extended_days = c->extended, .kind = c->kind };
	if (end_pause(x, c->id, cause, &k) < 0 ||
	    set_state(x, c->id, assigned ? TS_IN_REVIEW : TS_ACCEPTED, NULL) < 0)
		return -1;
	return event(x, c->id, "resumed", cause);
}

/* Applies linked activation and closure until nothing changes. */
static int resolve_links(struct ctx *x, yday day, const char *cause, const char *reason)
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

static int decision_in(struct ctx *x, const struct decision *dc, struct task_decision_in *in,
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

static int store_decision(struct ctx *x, const struct task_decision_in *in, yday on,
			  const char *note)
{
	sqlite3_stmt *st = db_prep(x->d,
		"UPDATE task SET state = 'decided', outcome = ?, grade = ?, care_level = ?, "
		"amount_fen = ?, payment_ref = ?, document_no = ?, reason = ?, decided_on = ?, "
		"assignee = coalesce(?, assignee), version = version + 1, updated_at = ? "
		"WHERE id = ?");
	db_bind_text(st, 1, outcome_code(in->outcome));
	if (in->outcome == OUT_GRADED) {
		sqlite3_bind_int(st, 2, in->grade);
		sqlite3_bind_int(st, 3, in->care_level);
	} else if (in->outcome == OUT_NO_GRADE) {
		sqlite3_bind_int(st, 3, 0);
	}
	if (in->outcome == OUT_APPROVED)
		sqlite3_bind_int64(st, 4, in->amount_fen);
	db_bind_text_or_null(st, 5, in->outcome == OUT_APPROVED ? in->payment_ref : NULL);
	db_bind_text_or_null(st, 6, in->document_no);
	db_bind_text(st, 7, in->reason ? in->reason : (note ? note : ""));
	bind_day(st, 8, on);
	db_bind_text_or_null(st, 9, self_if_unassigned(x));
	db_bind_text(st, 10, x->now);
	sqlite3_bind_int64(st, 11, x->t.id);
	return db_exec_stmt(x->d, st, x->e);
}

static void decision_detail(const struct task_decision_in *in, char *out, size_t n)
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
static int decision_sms(struct ctx *x, const struct task_decision_in *in, yday on)
{
	/* the outcome's sms column, else the item's sms_decide; empty: none */
	const char *key = catalog_decision_sms(&x->cat, catalog_item_index(&x->cat, x->t.item),
					       outcome_code(in->outcome));
	if (!key || !*key)
		return 0;
	char amt[32];
	money_format(in->amount_fen > 0 ? in->amount_fen : 0, amt, sizeof amt);
	return sms(x, x->t.id, key, x->t.item, on, delivery_due(&x->cat, x->t.item, on), amt);
}

/* ---- money ---- */

static void get_case_facts(struct db *d, struct task_info *o);

int64_t db_task_review_above(struct db *d)
{
	char *v = db_config_get(d, "review_above_yuan");
	int64_t yuan = v && *v ? strtoll(v, NULL, 10) : 50000;
	free(v);
	return yuan * 100;
}

static int64_t default_avg_wage(struct db *d, const struct catalog *cat)
{
	int64_t avg = 0;
	char *cfg = db_config_get(d, "avg_wage_month");
	if (cfg && *cfg)
		avg = strtoll(cfg, NULL, 10) * 100;
	else if (catalog_rate(cat, "regional_avg_wage_month", 0, &avg) == 0)
		avg *= 100;
	free(cfg);
	return avg;
}

int db_task_calc(struct db *d, const struct catalog *cat, const struct task_info *t,
		 const struct calc_opts *o, struct benefit_input *in, struct benefit_calc *bc,
		 struct yerr *e)
{
	static const struct calc_opts none = CALC_OPTS_NONE;
	if (!o)
		o = &none;
	memset(in, 0, sizeof *in);
	in->item = t->item;
	in->grade = o->grade >= 0 ? o->grade : t->case_grade;
	in->care_level = o->care_level >= 0 ? o->care_level : t->case_care;
	in->death_year = t->death_year;
	if (!in->death_year) {
		int m, dd;
		date_to_ymd(clock_today(), &in->death_year, &m, &dd);
	}
	in->veteran = t->veteran;
	in->missing = t->missing;
	in->uninsured = t->uninsured;
	in->wage_fen = o->wage_fen;
	in->avg_wage_fen = o->avg_wage_fen >= 0 ? o->avg_wage_fen : default_avg_wage(d, cat);
	in->spouse = o->spouse;
	in->others = o->others;
	in->lonely = o->lonely;
	in->advance = o->advance;
	in->days = o->days;
	return benefit_calculate(cat, in, bc, e);
}

/* What an approval is checked against, and what it then needs. */
struct money {
	int64_t calc_fen;        /* -1: no formula or not computable */
	char why[320];           /* the override reason written here (a province's result) */
	int basis_grade;
	int countersign;         /* 1: a second officer must countersign */
	const char *override;
};

static int check_amount(struct ctx *x, const struct decision *dc,
			const struct task_decision_in *in, struct money *m)
{
	memset(m, 0, sizeof *m);
	m->calc_fen = -1;
	int over = !is_blank(dc->override_reason);
	if (in->outcome != OUT_APPROVED) {
		if (over)
			return yerr_set(x->e, YERR_INPUT, _("--override-reason is for an approved "
							    "amount only"));
		return 0;
	}
	struct task_info t;
	memset(&t, 0, sizeof t);
	t.id = x->t.id;
	t.case_id = x->t.case_id;
	snprintf(t.item, sizeof t.item, "%s", x->t.item);
	snprintf(t.case_no, sizeof t.case_no, "%s", x->t.case_no);
	get_case_facts(x->d, &t);
	char amt[32], ref[32];
	money_format(in->amount_fen, amt, sizeof amt);
	if (t.uninsured)
		return yerr_set(x->e, YERR_STATE,
				_("%s %s: the employer is not insured, so by 条例 §62 ¶2 it pays this "
				  "benefit, not the fund: an approval from the fund is refused"),
				t.case_no, t.item);
	struct benefit_input bi;
	struct benefit_calc bc;
	struct yerr ce;
	yerr_clear(&ce);
	int crc = db_task_calc(x->d, &x->cat, &t, dc->calc, &bi, &bc, &ce);
	if (crc == 0 && bc.formula) {
		m->calc_fen = bc.reference_fen;
		m->basis_grade = bi.grade;
		money_format(bc.reference_fen, ref, sizeof ref);
		if (bc.reference_fen != in->amount_fen && !over && dc->province)
			return yerr_set(x->e, YERR_INPUT,
					_("%s %s: the amount %s yuan differs from task calc's %s yuan; "
					  "a result from the province does not override task calc: an "
					  "officer decides it with task decide --override-reason"),
					t.case_no, t.item, amt, ref);
		if (bc.reference_fen != in->amount_fen && !over)
			return yerr_set(x->e, YERR_INPUT,
					_("%s %s: the amount %s yuan differs from task calc's %s yuan; "
					  "give --override-reason TEXT (a second officer then "
					  "countersigns)"), t.case_no, t.item, amt, ref);
		if (bc.reference_fen == in->amount_fen && over)
			return yerr_set(x->e, YERR_INPUT,
					_("%s %s: the amount %s yuan is task calc's: there is nothing "
					  "to override"), t.case_no, t.item, amt);
	} else if (crc < 0 && !over && dc->province) {
		/* results.csv has no column for calc's inputs: the province's amount
		 * is recorded, and like any override it waits for a second officer
		 * here before an SMS says it was paid or it is delivered */
		snprintf(m->why, sizeof m->why, _("results.csv: the province's amount; task calc "
						  "cannot check it (%s)"), ce.msg);
		m->override = m->why;
		m->countersign = 1;
		return 0;
	} else if (crc < 0 && !over) {
		return yerr_set(x->e, YERR_INPUT,
				_("%s %s: the amount cannot be checked against task calc (%s); give "
				  "the inputs of task calc or --override-reason TEXT"),
				t.case_no, t.item, ce.msg);
	}
	m->override = over ? dc->override_reason : NULL;
	m->countersign = over || in->amount_fen > db_task_review_above(x->d);
	return 0;
}

static int store_money(struct ctx *x, const struct money *m)
{
	sqlite3_stmt *st = db_prep(x->d,
		"UPDATE task SET decided_by = ?, calc_fen = ?, override_reason = ?, "
		"countersign = ?, countersigned_by = NULL, basis_grade = ?, basis_changed = '' "
		"WHERE id = ?");
	db_bind_text(st, 1, x->a->login);
	if (m->calc_fen >= 0)
		sqlite3_bind_int64(st, 2, m->calc_fen);
	db_bind_text(st, 3, m->override ? m->override : "");
	db_bind_text(st, 4, m->countersign ? "pending" : "");
	if (m->basis_grade > 0)
		sqlite3_bind_int(st, 5, m->basis_grade);
	sqlite3_bind_int64(st, 6, x->t.id);
	return db_exec_stmt(x->d, st, x->e);
}

/* A new grade flags every benefit of the case computed from another one
 * ("basis changed": recalculation due), whichever item gives the grade. */
static int flag_basis(struct ctx *x, const struct task_decision_in *in)
{
	if (in->outcome != OUT_GRADED && in->outcome != OUT_NO_GRADE)
		return 0;
	int me = catalog_item_index(&x->cat, x->t.item);
	sqlite3_stmt *st = db_prep(x->d, "SELECT id, item, basis_grade FROM task WHERE case_id = ? "
					 "AND basis_grade IS NOT NULL AND basis_grade <> ?");
	sqlite3_bind_int64(st, 1, x->t.case_id);
	sqlite3_bind_int(st, 2, in->outcome == OUT_GRADED ? in->grade : 0);
	struct { int64_t id; int grade; char item[8]; } hit[MAX_ITEMS];
	int n = 0;
	while (n < MAX_ITEMS && sqlite3_step(st) == SQLITE_ROW) {
		int idx = catalog_item_index(&x->cat, db_col(st, 1));
		if (idx < 0 || me < 0 || !(x->cat.items[idx].prereqs & (1u << me)))
			continue;
		hit[n].id = sqlite3_column_int64(st, 0);
		snprintf(hit[n].item, sizeof hit[n].item, "%s", db_col(st, 1));
		hit[n++].grade = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	for (int i = 0; i < n; i++) {
		char why[160];
		if (in->outcome == OUT_GRADED)
			snprintf(why, sizeof why, _("grade %d → %d (%s %s): recalculation due"),
				 hit[i].grade, in->grade, x->t.item, x->t.case_no);
		else
			snprintf(why, sizeof why, _("grade %d → below grade 10 (%s %s): recalculation due"),
				 hit[i].grade, x->t.item, x->t.case_no);
		st = db_prep(x->d, "UPDATE task SET basis_changed = ?, version = version + 1, "
				   "updated_at = ? WHERE id = ?");
		db_bind_text(st, 1, why);
		db_bind_text(st, 2, x->now);
		sqlite3_bind_int64(st, 3, hit[i].id);
		if (db_exec_stmt(x->d, st, x->e) < 0 || event(x, hit[i].id, "basis_changed", why) < 0)
			return -1;
	}
	return 0;
}

/* A false notice-commitment holds the task's payments (db_followup.c). */
static int check_hold(struct ctx *x, int64_t task)
{
	sqlite3_stmt *st = db_prep(x->d, "SELECT hold FROM task WHERE id = ?");
	sqlite3_bind_int64(st, 1, task);
	char hold[64] = "";
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(hold, sizeof hold, "%s", db_col(st, 0));
	sqlite3_reset(st);
	if (!*hold)
		return 0;
	return yerr_set(x->e, YERR_STATE,
			_("%s %s: payments are on hold (%s); resolve the notice-commitment first"),
			x->t.case_no, x->t.item, hold);
}

int db_task_decide(struct db *d, const struct actor *a, int64_t task, const struct decision *dc,
		   int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	struct task_decision_in in;
	yday on = 0;
	struct money m;
	int rc = begin(&x, task, version, TA_DECIDE);
	if (rc == 0)
		rc = decision_in(&x, dc, &in, &on);
	if (rc == 0 && dc->outcome && !strcmp(dc->outcome, "approved"))
		rc = check_hold(&x, task);
	if (rc == 0)
		rc = check_amount(&x, dc, &in, &m);
	if (rc == 0)
		rc = store_decision(&x, &in, on, dc->note);
	if (rc == 0)
		rc = store_money(&x, &m);
	char detail[768], cause[96];
	if (rc == 0) {
		decision_detail(&in, detail, sizeof detail);
		size_t l = strlen(detail);
		char ref[32];
		money_format(m.calc_fen, ref, sizeof ref);
		if (m.override)
			snprintf(detail + l, sizeof detail - l, "; override of calc %s: %s",
				 m.calc_fen >= 0 ? ref : "-", m.override);
		l = strlen(detail);
		if (m.countersign)
			snprintf(detail + l, sizeof detail - l, "; awaiting countersignature");
		rc = event(&x, task, "decided", detail);
	}
	if (rc == 0)
		rc = flag_basis(&x, &in);
	if (rc == 0) {
		snprintf(cause, sizeof cause, "%s %s", x.t.item, outcome_code(in.outcome));
		rc = resolve_links(&x, on, cause, in.reason);
	}
	/* no payment SMS says it was paid before the countersignature */
	if (rc == 0 && !m.countersign)
		rc = decision_sms(&x, &in, on);
	if (rc == 0 && db_push_on_decision(d, task, e) < 0)
		rc = -1;
	return finish(&x, rc);
}

/* ---- suspend, resume, extend ---- */

static int add_pause(struct ctx *x, int64_t task, const char *reason, const char *note)
{
	sqlite3_stmt *st = db_prep(x->d, "INSERT INTO task_pause (task_id, reason, from_on, note) "
					 "VALUES (?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, task);
	db_bind_text(st, 2, reason);
	bind_day(st, 3, x->today);
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
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = begin(&x, task, version, TA_SUSPEND);
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	if (rc == 0 && task_may_suspend(idx >= 0 ? &x.cat.items[idx] : NULL, x.t.item, reason,
					 e) < 0) {
		yerr_prefix(e, "%s", x.t.case_no);
		rc = -1;
	}
	if (rc == 0)
		rc = add_pause(&x, task, reason, note);
	if (rc == 0)
		rc = set_state(&x, task, TS_SUSPENDED, self_if_unassigned(&x));
	if (rc == 0) {
		char detail[400];
		snprintf(detail, sizeof detail, "%s%s%s", reason, note && *note ? ": " : "",
			 note ? note : "");
		rc = event(&x, task, "suspended", detail);
	}
	if (rc == 0) /* the applicant is told in writing (条例 §20) and by SMS */
		rc = db_pause_notice(d, &x.cat, a, task, 0, NULL, e);
	return finish(&x, rc);
}

int db_task_resume(struct db *d, const struct actor *a, int64_t task, const char *confirmation,
		   int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = begin(&x, task, version, TA_RESUME);
	if (rc == 0 && is_blank(confirmation))
		rc = yerr_set(e, YERR_INPUT, _("resuming needs the applicant's confirmation "
					       "(how and when they confirmed)"));
	struct task_clock k = clock_of(&x.t);
	if (rc == 0)
		rc = end_pause(&x, task, confirmation, &k);
	if (rc == 0)
		rc = set_state(&x, task, task_action_next(TA_RESUME, x.t.state, x.t.assignee[0] != 0),
			       NULL);
	if (rc == 0)
		rc = event(&x, task, "resumed", confirmation);
	if (rc == 0)
		rc = db_pause_notice(d, &x.cat, a, task, 1, confirmation, e);
	return finish(&x, rc);
}

int db_task_extend(struct db *d, const struct actor *a, int64_t task, const char *reason,
		   int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = begin(&x, task, version, TA_EXTEND);
	/* task_may refused an item whose forms/items.csv "extend" is empty */
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	const char *key = idx >= 0 ? x.cat.items[idx].extend : NULL;
	const struct rule *r = key ? catalog_rule(&x.cat, key) : NULL;
	if (rc == 0 && !r)
		rc = yerr_set(e, YERR_INPUT, _("forms/rules.csv has no rule %s"), key);
	else if (rc == 0 && x.t.extended)
		rc = yerr_set(e, YERR_STATE, _("%s %s was already extended once (%d days)"),
			      x.t.case_no, x.t.item, x.t.extended);
	else if (rc == 0 && is_blank(reason))
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
	struct task_clock k = clock_of(&x.t);
	if (rc == 0)
		rc = store_deadlines(&x, task, &k);
	if (rc == 0) {
		char detail[400];
		snprintf(detail, sizeof detail, "%d days: %s", r->amount, reason);
		rc = event(&x, task, "extended", detail);
	}
	return finish(&x, rc);
}

/* ---- countersign ---- */

int db_task_countersign(struct db *d, const struct actor *a, int64_t task, int version,
			struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = begin(&x, task, version, TA_COUNTERSIGN);
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
		rc = event(&x, task, "countersigned", detail);
	}
	if (rc == 0) {
		struct task_decision_in in = { .outcome = OUT_APPROVED, .amount_fen = x.t.amount_fen };
		rc = decision_sms(&x, &in, x.today);
	}
	return finish(&x, rc);
}

/* ---- deliver ---- */

int db_task_deliver(struct db *d, const struct actor *a, int64_t task, const char *method,
		    const char *recipient, const char *on, int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	yday day = 0;
	int rc = begin(&x, task, version, TA_DELIVER);
	if (rc == 0)
		rc = check_hold(&x, task);
	if (rc == 0 && (!method || !task_delivery_method_ok(method)))
		rc = yerr_set(e, YERR_INPUT, _("delivery is 'window' or 'post', not '%s'"),
			      method ? method : "");
	else if (rc == 0 && is_blank(recipient))
		rc = yerr_set(e, YERR_INPUT, _("delivery needs the recipient (who signed for it)"));
	if (rc == 0)
		rc = date_arg(&x, on, _("delivery date"), x.t.decided, &day);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "UPDATE task SET state = 'delivered', delivered_on = ?, "
					      "delivery_to = ?, version = version + 1, updated_at = ? "
					      "WHERE id = ?");
		bind_day(st, 1, day);
		db_bind_text(st, 2, recipient);
		db_bind_text(st, 3, x.now);
		sqlite3_bind_int64(st, 4, task);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0) {
		char detail[300], due[11];
		yday dd = delivery_due(&x.cat, x.t.item, x.t.decided);
		dfmt(dd, due);
		snprintf(detail, sizeof detail, "%s %s%s%s", method, recipient,
			 dd && day > dd ? "; late, due " : "", dd && day > dd ? due : "");
		rc = event(&x, task, "delivered", detail);
	}
	return finish(&x, rc);
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
		    set_state(x, ts[i].id, TS_SUSPENDED, NULL) < 0 ||
		    event(x, ts[i].id, "suspended", "reappraisal") < 0)
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
	bind_day(st, 1, day);
	db_bind_text(st, 2, x->now);
	sqlite3_bind_int64(st, 3, x->t.id);
	if (db_exec_stmt(x->d, st, x->e) < 0)
		return -1;
	x->t.started = day;
	x->t.extended = 0;
	struct task_clock k = clock_of(&x->t);
	return store_deadlines(x, x->t.id, &k);
}

int db_task_reappraise(struct db *d, const struct actor *a, int64_t task, const char *on,
		       int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	yday day = 0;
	int rc = begin(&x, task, version, TA_REAPPRAISE);
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
		rc = event(&x, task, "in_review", detail);
	}
	if (rc == 0)
		rc = suspend_dependants(&x);
	return finish(&x, rc);
}

/* ---- reading ---- */

int db_task_find(struct db *d, const char *case_no, const char *item, int64_t *task,
		 int *version, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT t.id, t.version FROM task t JOIN cases c "
				      "ON c.id = t.case_id WHERE c.case_no = ? AND t.item = ?");
	db_bind_text(st, 1, case_no);
	db_bind_text(st, 2, item);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*task = sqlite3_column_int64(st, 0);
		if (version)
			*version = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_DONE) {
		db_error(d, _("task"), e);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 1;
}

static void copy(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	snprintf(dst, n, "%s", db_col(st, i));
}

static void get_pauses(struct db *d, struct task_info *o)
{
	sqlite3_stmt *st = db_prep(d, "SELECT reason, from_on, coalesce(to_on, ''), "
				      "coalesce(confirmed_by, ''), note FROM task_pause "
				      "WHERE task_id = ? ORDER BY id");
	sqlite3_bind_int64(st, 1, o->id);
	while (o->npauses < 8 && sqlite3_step(st) == SQLITE_ROW) {
		struct task_pause_info *p = &o->pauses[o->npauses++];
		copy(p->reason, sizeof p->reason, st, 0);
		copy(p->from_on, sizeof p->from_on, st, 1);
		copy(p->to_on, sizeof p->to_on, st, 2);
		copy(p->confirmed_by, sizeof p->confirmed_by, st, 3);
		copy(p->note, sizeof p->note, st, 4);
	}
	sqlite3_reset(st);
}

static void get_case_facts(struct db *d, struct task_info *o)
{
	/* the case's grade: its graded conclusion, whichever item gives it,
	 * else that of the case it follows (apply --follows), nearest first */
	sqlite3_stmt *st = db_prep(d,
		"WITH RECURSIVE chain (id, depth) AS (SELECT ?, 0 UNION ALL "
		"  SELECT c.follows_id, chain.depth + 1 FROM cases c JOIN chain ON c.id = chain.id "
		"  WHERE c.follows_id IS NOT NULL AND chain.depth < 16) "
		"SELECT coalesce(t.grade, 0), coalesce(t.care_level, 0) FROM task t "
		"JOIN chain ON t.case_id = chain.id WHERE t.outcome = 'graded' "
		"ORDER BY chain.depth, t.id LIMIT 1");
	sqlite3_bind_int64(st, 1, o->case_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		o->case_grade = sqlite3_column_int(st, 0);
		o->case_care = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	struct case_contact cc;
	case_contact(d, o->case_id, &cc);
	snprintf(o->worker, sizeof o->worker, "%s", cc.worker);
	o->death_year = cc.death_year;
	o->veteran = cc.veteran;
	o->missing = cc.missing;
	o->uninsured = cc.uninsured;
}

static void fill_info(sqlite3_stmt *st, struct task_info *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->case_id = sqlite3_column_int64(st, 1);
	o->version = sqlite3_column_int(st, 2);
	copy(o->case_no, sizeof o->case_no, st, 3);
	copy(o->item, sizeof o->item, st, 4);
	copy(o->item_name, sizeof o->item_name, st, 5);
	copy(o->category, sizeof o->category, st, 6);
	copy(o->state, sizeof o->state, st, 7);
	copy(o->assignee, sizeof o->assignee, st, 8);
	copy(o->started_on, sizeof o->started_on, st, 9);
	copy(o->due_on, sizeof o->due_on, st, 10);
	copy(o->legal_due_on, sizeof o->legal_due_on, st, 11);
	copy(o->day_kind, sizeof o->day_kind, st, 12);
	o->limit_days = sqlite3_column_int(st, 13);
	o->promised_days = sqlite3_column_int(st, 14);
	o->extended_days = sqlite3_column_int(st, 15);
	o->simple_track = sqlite3_column_int(st, 16);
	copy(o->outcome, sizeof o->outcome, st, 17);
	o->grade = sqlite3_column_int(st, 18);
	o->care_level = sqlite3_column_int(st, 19);
	o->amount_fen = sqlite3_column_type(st, 20) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 20);
	copy(o->payment_ref, sizeof o->payment_ref, st, 21);
	copy(o->document_no, sizeof o->document_no, st, 22);
	copy(o->reason, sizeof o->reason, st, 23);
	copy(o->decided_on, sizeof o->decided_on, st, 24);
	copy(o->delivered_on, sizeof o->delivered_on, st, 25);
	copy(o->delivery_to, sizeof o->delivery_to, st, 26);
	copy(o->decided_by, sizeof o->decided_by, st, 27);
	copy(o->countersign, sizeof o->countersign, st, 28);
	copy(o->countersigned_by, sizeof o->countersigned_by, st, 29);
	copy(o->override_reason, sizeof o->override_reason, st, 30);
	o->calc_fen = sqlite3_column_type(st, 31) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 31);
	o->basis_grade = sqlite3_column_int(st, 32);
	copy(o->basis_changed, sizeof o->basis_changed, st, 33);
	copy(o->hold, sizeof o->hold, st, 34);
}

int db_task_get(struct db *d, int64_t task, struct task_info *o, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT t.id, t.case_id, t.version, coalesce(c.case_no, ''), t.item, i.name, "
		"  t.category, t.state, coalesce(t.assignee, ''), coalesce(t.started_on, ''), "
		"  coalesce(t.due_on, ''), coalesce(t.legal_due_on, ''), t.day_kind, t.limit_days, "
		"  t.promised_days, t.extended_days, t.simple_track, coalesce(t.outcome, ''), "
		"  coalesce(t.grade, 0), coalesce(t.care_level, 0), t.amount_fen, "
		"  coalesce(t.payment_ref, ''), coalesce(t.document_no, ''), t.reason, "
		"  coalesce(t.decided_on, ''), coalesce(t.delivered_on, ''), coalesce(t.delivery_to, ''), "
		"  coalesce(t.decided_by, ''), t.countersign, coalesce(t.countersigned_by, ''), "
		"  t.override_reason, t.calc_fen, coalesce(t.basis_grade, 0), t.basis_changed, t.hold "
		"FROM task t JOIN cases c ON c.id = t.case_id JOIN item i ON i.code = t.item "
		"WHERE t.id = ?");
	sqlite3_bind_int64(st, 1, task);
	if (db_step_one(d, st, _("task"), e, _("no task %lld"), (long long)task) < 0)
		return -1;
	memset(o, 0, sizeof *o);
	fill_info(st, o);
	sqlite3_reset(st);
	get_pauses(d, o);
	get_case_facts(d, o);
	if (!strcmp(o->state, "decided")) {
		struct catalog c;
		catalog_init(&c);
		if (db_catalog_load(d, &c, e) == 0)
			dfmt(delivery_due(&c, o->item, dparse(o->decided_on)), o->delivery_due);
		catalog_release(&c);
	}
	return 0;
}

/* ---- acceptance in the office (受理审核) ----
 *
 * The window receives (收件) an item the catalog says the office accepts
 * (items.csv accepts=office): the task waits in 'reviewing' with the
 * review limit of its review_rule (工伤认定办法 §8: 15 days for RD) in
 * due_on.  The office accepts it (the decision clock starts that day),
 * refuses it (不予受理, with the remedy) or asks for a supplement (补正:
 * one notice of every missing material; the review clock stands still
 * until the window records the supplement). */

/* The open supplement request of a task: 1 and its day and materials, or 0. */
static int open_request(struct db *d, int64_t task, char from[11], char *materials, size_t n)
{
	sqlite3_stmt *st = db_prep(d, "SELECT from_on, note FROM task_pause WHERE task_id = ? "
				      "AND reason = 'supplement' AND to_on IS NULL "
				      "ORDER BY id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, task);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		snprintf(from, 11, "%s", db_col(st, 0));
		snprintf(materials, n, "%s", db_col(st, 1));
	}
	sqlite3_reset(st);
	return found;
}

/* The review deadline of a reviewing task: received (started_on) plus the
 * review rule's days, over its supplement pauses. */
static int store_review_deadline(struct ctx *x, int64_t task, const char *item, yday received)
{
	int idx = catalog_item_index(&x->cat, item);
	if (idx < 0 || !x->cat.items[idx].office_accepts)
		return 0;
	const struct item *it = &x->cat.items[idx];
	struct task_clock k = { .started = received, .promised_days = it->review_days,
				.limit_days = it->review_days, .kind = it->review_day_kind };
	return store_deadlines(x, task, &k);
}

static int refuse_requested(struct ctx *x)
{
	char from[11], mats[128];
	if (!open_request(x->d, x->t.id, from, mats, sizeof mats))
		return 0;
	return yerr_set(x->e, YERR_STATE,
			_("%s %s waits for the supplement asked for on %s (%s): the window records "
			  "it first"), x->t.case_no, x->t.item, from, mats);
}

int db_task_accept(struct db *d, const struct actor *a, int64_t task, int version,
		   struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = begin(&x, task, version, TA_ACCEPT);
	if (rc == 0)
		rc = refuse_requested(&x);
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "UPDATE task SET state = 'accepted', started_on = ?, "
					      "extended_days = 0, assignee = coalesce(?, assignee), "
					      "version = version + 1, updated_at = ? WHERE id = ?");
		bind_day(st, 1, x.today);
		db_bind_text_or_null(st, 2, self_if_unassigned(&x));
		db_bind_text(st, 3, x.now);
		sqlite3_bind_int64(st, 4, task);
		rc = db_exec_stmt(d, st, e);
	}
	/* the decision clock starts today: the review's pauses lie before it */
	x.t.started = x.today;
	x.t.extended = 0;
	struct task_clock k = clock_of(&x.t);
	if (rc == 0)
		rc = store_deadlines(&x, task, &k);
	struct pause none[1];
	yday due = 0, legal = 0;
	task_deadlines(&x.cat.cal, &k, none, 0, &due, &legal);
	if (rc == 0) {
		char ds[11], *detail;
		dfmt(due, ds);
		detail = xasprintf("%s %s %s %s; by the office", x.t.item,
				   idx >= 0 ? x.cat.items[idx].name : x.t.item, category_code(x.t.cat),
				   ds);
		rc = event(&x, task, "task_accepted", detail);
		free(detail);
	}
	/* the SMS of acceptance comes from the office's acceptance, with the
	 * statutory date of an administrative decision */
	if (rc == 0 && idx >= 0 && *x.cat.items[idx].sms_accept)
		rc = sms(&x, task, x.cat.items[idx].sms_accept, x.t.item, x.today,
			 x.t.cat == CAT_ADMIN ? legal : due, NULL);
	return finish(&x, rc);
}

/* An SMS with the reason or the missing materials (sms_not_accepted,
 * sms_deficient). */
static int sms_text(struct ctx *x, int64_t task, const char *key, const char *text, yday due)
{
	if (!catalog_template(&x->cat, key))
		return 0;
	struct case_contact cc;
	case_contact(x->d, x->t.case_id, &cc);
	char ds[11], dues[11];
	dfmt(x->today, ds);
	dfmt(due, dues);
	struct sms_var v[] = {
		{ "case_no", cc.case_no }, { "worker_name", cc.worker }, { "date", ds },
		{ "due_date", dues }, { "reason", text }, { "missing", text },
		{ "item_name", x->t.item },
	};
	int64_t rc = db_notice_sms(x->d, &x->cat, x->t.case_id, task, key, cc.phone, v,
				   (int)ARRAY_SIZE(v), x->a->login, role_of(x->a), x->e);
	return rc < 0 ? -1 : 0;
}

/* A letter of the office (不予受理决定, 补正通知) on the case's notices. */
static int office_letter(struct ctx *x, const char *kind, const char *title, const char *body)
{
	int idx = catalog_item_index(&x->cat, x->t.item);
	char today[11];
	dfmt(x->today, today);
	struct sbuf b = { 0 };
	sbuf_addf(&b, "%s\n\n", title);
	sbuf_addf(&b, "%s %s\n", _("Case number:"), x->t.case_no);
	sbuf_addf(&b, "%s %s %s (%s)\n", _("Item:"), x->t.item,
		  idx >= 0 ? x->cat.items[idx].name : "", category_label(x->t.cat));
	sbuf_addstr(&b, body);
	sbuf_addf(&b, "\n%s %s    %s %s\n", _("Office:"), category_label(x->t.cat), _("Date:"),
		  today);
	char *dir = db_config_get(x->d, "notices_dir");
	const char *p = db_path(x->d), *slash = strrchr(p, '/');
	char *file;
	if (dir && dir[0] == '/')
		file = xasprintf("%s/%s-%s-%s.txt", dir, x->t.case_no, x->t.item, kind);
	else if (slash)
		file = xasprintf("%.*s/%s/%s-%s-%s.txt", (int)(slash - p), p, dir ? dir : "notices",
				 x->t.case_no, x->t.item, kind);
	else
		file = xasprintf("%s/%s-%s-%s.txt", dir ? dir : "notices", x->t.case_no, x->t.item,
				 kind);
	int64_t id = db_notice_letter(x->d, x->t.case_id, kind, b.s, file, x->a->login,
				      role_of(x->a), x->e);
	free(file);
	free(dir);
	sbuf_release(&b);
	return id < 0 ? -1 : 0;
}

int db_task_reject(struct db *d, const struct actor *a, int64_t task, const char *reason,
		   int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = begin(&x, task, version, TA_REJECT);
	if (rc == 0 && is_blank(reason))
		rc = yerr_set(e, YERR_INPUT, _("task reject needs --reason (the ground of 不予受理)"));
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "UPDATE task SET state = 'not_accepted', reason = ?, "
					      "due_on = NULL, legal_due_on = NULL, "
					      "assignee = coalesce(?, assignee), "
					      "version = version + 1, updated_at = ? WHERE id = ?");
		db_bind_text(st, 1, reason);
		db_bind_text_or_null(st, 2, self_if_unassigned(&x));
		db_bind_text(st, 3, x.now);
		sqlite3_bind_int64(st, 4, task);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0) {
		/* an open supplement request ends with the refusal */
		sqlite3_stmt *st = db_prep(d, "UPDATE task_pause SET to_on = max(from_on, ?) "
					      "WHERE task_id = ? AND to_on IS NULL");
		bind_day(st, 1, x.today);
		sqlite3_bind_int64(st, 2, task);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0) {
		char *detail = xasprintf("%s: %s", x.t.item, reason);
		rc = event(&x, task, "not_accepted", detail);
		free(detail);
	}
	if (rc == 0) {
		const struct rule *rr = catalog_rule(&x.cat, "reconsideration"),
				  *rl = catalog_rule(&x.cat, "litigation");
		struct sbuf b = { 0 };
		sbuf_addf(&b, "%s %s\n\n", _("Not accepted because:"), reason);
		sbuf_addf(&b, _("If you disagree, you may apply for administrative reconsideration "
				"within %d days (%s) or bring an administrative lawsuit within %d "
				"months (%s).\n"),
			  rr ? rr->amount : 60, rr ? rr->basis : "", rl ? rl->amount : 6,
			  rl ? rl->basis : "");
		rc = office_letter(&x, "refusal", _("Notice of non-acceptance"), b.s);
		sbuf_release(&b);
	}
	if (rc == 0)
		rc = sms_text(&x, task, "sms_not_accepted", reason, 0);
	/* the items of the case that wait for this one's decision close */
	if (rc == 0)
		rc = resolve_links(&x, x.today, "not accepted", reason);
	return finish(&x, rc);
}

int db_task_request(struct db *d, const struct actor *a, int64_t task, const char *const *codes,
		    int ncodes, int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = begin(&x, task, version, TA_REQUEST);
	if (rc == 0)
		rc = refuse_requested(&x);
	if (rc == 0 && ncodes == 0)
		rc = yerr_set(e, YERR_INPUT, _("task request needs --material CODE for every missing "
					       "material (one notice lists them all)"));
	struct sbuf list = { 0 }, names = { 0 };
	sbuf_add(&list, "", 0);
	sbuf_add(&names, "", 0);
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	for (int i = 0; rc == 0 && i < ncodes; i++) {
		int m = catalog_material_index(&x.cat, codes[i]);
		int linked = 0;
		for (int l = 0; m >= 0 && l < x.cat.nlinks; l++)
			linked |= x.cat.links[l].item == idx && x.cat.links[l].material == m;
		if (m < 0)
			rc = yerr_set(e, YERR_INPUT, _("unknown material '%s'"), codes[i]);
		else if (!linked)
			rc = yerr_set(e, YERR_INPUT, _("%s is not a material of %s"), codes[i],
				      x.t.item);
		else if (strstr(list.s, codes[i]))
			rc = yerr_set(e, YERR_INPUT, _("material %s is named twice"), codes[i]);
		else {
			sbuf_addf(&list, "%s%s", list.len ? ";" : "", codes[i]);
			sbuf_addf(&names, "%s%s", names.len ? "、" : "", x.cat.materials[m].name);
		}
	}
	/* the materials asked for are missing again until the window records them */
	sqlite3_stmt *st;
	for (int i = 0; rc == 0 && i < ncodes; i++) {
		st = db_prep(d, "INSERT INTO case_material (case_id, material, status, items, "
				"updated_at) VALUES (?, ?, 'missing', ?, ?) ON CONFLICT (case_id, "
				"material) DO UPDATE SET status = 'missing', updated_at = excluded.updated_at");
		sqlite3_bind_int64(st, 1, x.t.case_id);
		db_bind_text(st, 2, codes[i]);
		db_bind_text(st, 3, x.t.item);
		db_bind_text(st, 4, x.now);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0) {
		st = db_prep(d, "INSERT INTO task_pause (task_id, reason, from_on, note) "
				"VALUES (?, 'supplement', ?, ?)");
		sqlite3_bind_int64(st, 1, task);
		bind_day(st, 2, x.today);
		db_bind_text(st, 3, list.s);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0)
		rc = store_review_deadline(&x, task, x.t.item, x.t.started);
	if (rc == 0)
		rc = set_state(&x, task, TS_REVIEWING, self_if_unassigned(&x));
	if (rc == 0) {
		char *detail = xasprintf("%s: %s", x.t.item, list.s);
		rc = event(&x, task, "deficient", detail);
		free(detail);
	}
	const struct rule *r = catalog_rule(&x.cat, "supplement_deadline");
	yday by = deadline_add(&x.cat.cal, x.today, r ? r->amount : 15,
			       r ? r->day_kind : DAYS_CALENDAR, NULL, 0);
	if (rc == 0) {
		char bys[11];
		dfmt(by, bys);
		struct sbuf b = { 0 };
		sbuf_addf(&b, "%s\n", _("Missing materials (this list is complete):"));
		for (int i = 0; i < ncodes; i++) {
			int m = catalog_material_index(&x.cat, codes[i]);
			sbuf_addf(&b, "  %s %s\n", codes[i], m >= 0 ? x.cat.materials[m].name : "");
		}
		sbuf_addf(&b, "%s %s\n", _("Supplement by:"), bys);
		sbuf_addf(&b, "%s\n", _("The review of acceptance stands still until the "
					"supplement is received at the window."));
		rc = office_letter(&x, "deficiency", _("One-time notice of missing materials"), b.s);
		sbuf_release(&b);
	}
	if (rc == 0)
		rc = sms_text(&x, task, "sms_deficient", names.s, by);
	sbuf_release(&list);
	sbuf_release(&names);
	return finish(&x, rc);
}

int db_task_supplemented(struct db *d, const struct actor *a, int64_t case_id, struct yerr *e)
{
	/* inside the caller's transaction (the window's supplement) */
	sqlite3_stmt *st = db_prep(d,
		"SELECT t.id, p.note FROM task t JOIN task_pause p ON p.task_id = t.id "
		"WHERE t.case_id = ? AND t.state = 'reviewing' AND p.reason = 'supplement' "
		"AND p.to_on IS NULL ORDER BY t.id");
	sqlite3_bind_int64(st, 1, case_id);
	int64_t ids[MAX_ITEMS];
	char notes[MAX_ITEMS][128];
	int n = 0;
	while (n < MAX_ITEMS && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		snprintf(notes[n], sizeof notes[n], "%s", db_col(st, 1));
		n++;
	}
	sqlite3_reset(st);
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		/* every material asked for is in now? */
		int missing = 0;
		char buf[128];
		snprintf(buf, sizeof buf, "%s", notes[i]);
		for (char *sv, *tok = strtok_r(buf, ";", &sv); tok; tok = strtok_r(NULL, ";", &sv)) {
			sqlite3_stmt *m = db_prep(d, "SELECT status FROM case_material WHERE "
						     "case_id = ? AND material = ?");
			sqlite3_bind_int64(m, 1, case_id);
			db_bind_text(m, 2, tok);
			if (sqlite3_step(m) == SQLITE_ROW && !strcmp(db_col(m, 0), "missing"))
				missing = 1;
			sqlite3_reset(m);
		}
		if (missing)
			continue;
		struct ctx x = { .d = d, .a = a, .e = e };
		time_format(clock_now(), x.now);
		x.today = clock_today();
		catalog_init(&x.cat);
		rc = db_catalog_load(d, &x.cat, e);
		if (rc == 0)
			rc = load_row(d, ids[i], &x.t, e);
		if (rc == 0) {
			st = db_prep(d, "UPDATE task_pause SET to_on = max(from_on, ?) "
					"WHERE task_id = ? AND to_on IS NULL");
			bind_day(st, 1, x.today);
			sqlite3_bind_int64(st, 2, ids[i]);
			rc = db_exec_stmt(d, st, e);
		}
		if (rc == 0)
			rc = store_review_deadline(&x, ids[i], x.t.item, x.t.started);
		if (rc == 0)
			rc = set_state(&x, ids[i], TS_REVIEWING, NULL);
		if (rc == 0) {
			char *detail = xasprintf("%s: %s", x.t.item, notes[i]);
			rc = event(&x, ids[i], "supplemented", detail);
			free(detail);
		}
		catalog_release(&x.cat);
	}
	return rc;
}
