/* db_verify.c — `yici verify`: SQLite's own checks, the schema against the
 * one this yici creates, the hash chain over the events, the recorded head,
 * task states against their events, and the anchor.  Reads only; reports
 * the first broken row and never repairs anything.  Layer: db. */
#include "db_verify.h"

#include "db_inbox.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core_task.h"
#include "db_inbox.h"
#include "db_internal.h"
#include "db_ledger.h"
#include "i18n.h"

enum { V_OK = 0, V_BROKEN = 1, V_ERROR = -1 };

/* Fills e with what is broken; returns V_BROKEN (db_internal.h). */
int db_broken(struct yerr *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (e) {
		e->code = YERR_STATE;
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	}
	va_end(ap);
	return V_BROKEN;
}

/* A failed step: busy or I/O is an error of the check, anything else
 * (corrupt, malformed) means the file is broken. */
static int step_failed(struct db *d, sqlite3_stmt *st, const char *what, struct yerr *e)
{
	int rc = sqlite3_errcode(d->h);
	db_error(d, what, e);
	sqlite3_reset(st);
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? V_BROKEN : V_ERROR;
}

static int integrity(struct db *d, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "PRAGMA integrity_check(1)");
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return step_failed(d, st, "integrity_check", e);
	if (strcmp(db_col(st, 0), "ok")) {
		yerr_set(e, YERR_STATE, _("integrity_check: %s"), db_col(st, 0));
		sqlite3_reset(st);
		return V_BROKEN;
	}
	sqlite3_reset(st);
	return V_OK;
}

static int foreign_keys(struct db *d, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "PRAGMA foreign_key_check");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return V_OK;
	}
	if (rc != SQLITE_ROW)
		return step_failed(d, st, "foreign_key_check", e);
	yerr_set(e, YERR_STATE, _("table '%s' row %lld refers to a missing row of '%s'"),
		 db_col(st, 0), (long long)sqlite3_column_int64(st, 1), db_col(st, 2));
	sqlite3_reset(st);
	return V_BROKEN;
}

/* ---- the schema this yici creates, built in memory ---- */

static struct db *reference_schema(struct yerr *e)
{
	struct db *m = xcalloc(1, sizeof *m);
	m->path = xstrdup(":memory:");
	if (sqlite3_open(":memory:", &m->h) != SQLITE_OK ||
	    db_migrate_range(m, 0, db_schema_latest(), e) < 0) {
		if (!e || !e->msg[0])
			yerr_set(e, YERR_DB, _("cannot build the reference schema"));
		db_close(m);
		return NULL;
	}
	return m;
}

/* 1 when two statements differ at most in whitespace. */
static int same_sql(const char *a, const char *b)
{
	for (;;) {
		int wa = 0, wb = 0;
		for (; *a == ' ' || *a == '\t' || *a == '\n' || *a == '\r'; a++)
			wa = 1;
		for (; *b == ' ' || *b == '\t' || *b == '\n' || *b == '\r'; b++)
			wb = 1;
		if (wa != wb || *a != *b)
			return 0;
		if (!*a)
			return 1;
		a++;
		b++;
	}
}

/* Compares the tables (want_triggers 0) or triggers (1) of d with ref. */
static int compare_schema(struct db *d, struct db *ref, int want_triggers, struct yerr *e)
{
	static const char *const sql_ref = "SELECT name, sql FROM sqlite_schema WHERE type = ? "
					   "AND name NOT LIKE 'sqlite_%' ORDER BY name";
	static const char *const sql_file = "SELECT sql FROM sqlite_schema WHERE type = ? AND name = ?";
	const char *type = want_triggers ? "trigger" : "table";
	sqlite3_stmt *r = db_prep(ref, sql_ref);
	db_bind_text(r, 1, type);
	int rc = V_OK;
	while (rc == V_OK && sqlite3_step(r) == SQLITE_ROW) {
		sqlite3_stmt *f = db_prep(d, sql_file);
		db_bind_text(f, 1, type);
		db_bind_text(f, 2, db_col(r, 0));
		int frc = sqlite3_step(f);
		if (frc != SQLITE_ROW && frc != SQLITE_DONE) {
			rc = step_failed(d, f, "schema", e);
		} else if (frc == SQLITE_DONE) {
			rc = V_BROKEN;
			if (want_triggers)
				yerr_set(e, YERR_STATE, _("trigger '%s' is missing: the history is no "
							  "longer protected against changes"), db_col(r, 0));
			else
				yerr_set(e, YERR_STATE, _("table '%s' is missing"), db_col(r, 0));
		} else if (!same_sql(db_col(f, 0), db_col(r, 1))) {
			rc = V_BROKEN;
			yerr_set(e, YERR_STATE, _("%s '%s' differs from the schema of this yici"),
				 type, db_col(r, 0));
		}
		sqlite3_reset(f);
	}
	sqlite3_reset(r);
	return rc;
}

/* ---- the chain ---- */

struct walk {
	const char *anchor;
	const struct verify_anchor *va;
	struct verify_report *r;
	int64_t legacy_upto, head_last;
	int head_null;
	char head_hash[HASH_HEX + 1];
	char running[HASH_HEX + 1];
	int64_t expected;
};

static int load_chain_row(struct db *d, struct walk *w, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT legacy_upto, last_id, head FROM chain WHERE id = 1");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		yerr_set(e, YERR_STATE, _("the chain head (table 'chain') is missing"));
		return V_BROKEN;
	}
	if (rc != SQLITE_ROW)
		return step_failed(d, st, "chain", e);
	w->legacy_upto = sqlite3_column_int64(st, 0);
	w->head_last = sqlite3_column_int64(st, 1);
	w->head_null = sqlite3_column_type(st, 2) == SQLITE_NULL;
	DB_CPY(w->head_hash, st, 2);
	sqlite3_reset(st);
	/* the legacy range is the one stated at migration time (051), itself
	 * under the ledger: widening it in the chain row switches nothing off */
	st = db_prep(d, "SELECT upto FROM legacy_range WHERE id = 1");
	rc = sqlite3_step(st);
	int64_t stated = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return step_failed(d, st, "legacy_range", e);
	if (stated < 0)
		return db_broken(e, _("legacy_range 1 is missing: the range of events without a hash "
				   "is not stated"));
	if (stated != w->legacy_upto)
		return db_broken(e, _("chain 1: legacy_upto is %lld but the range stated at migration "
				   "time (legacy_range 1) is %lld: events without a hash after event "
				   "%lld are not accepted"), (long long)w->legacy_upto,
			      (long long)stated, (long long)stated);
	return V_OK;
}

/* Checks one event row against the running hash. */
static int walk_row(struct walk *w, sqlite3_stmt *st, struct yerr *e)
{
	struct event_content ev = {
		sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		sqlite3_column_int64(st, 2), db_col(st, 3), db_col(st, 4), db_col(st, 5),
		db_col(st, 6), db_col(st, 7),
	};
	int nohash = sqlite3_column_type(st, 9) == SQLITE_NULL;
	const char *prev = db_col(st, 8), *hash = db_col(st, 9);
	char h[HASH_HEX + 1];
	if (ev.id != w->expected) {
		yerr_set(e, YERR_STATE, _("event %lld is missing (the history jumps from event "
					  "%lld to event %lld)"), (long long)w->expected,
			 (long long)w->expected - 1, (long long)ev.id);
		return V_BROKEN;
	}
	w->expected++;
	w->r->events++;
	if (nohash && ev.id <= w->legacy_upto && sqlite3_column_type(st, 8) == SQLITE_NULL) {
		event_hash(w->running, &ev, w->running);  /* before the chain existed */
		return V_OK;
	}
	if (nohash || !hash_valid(hash))
		return db_broken(e, _("event %lld has no valid hash (written around "
						 "yici)"), (long long)ev.id);
	if (strcmp(prev, w->running))
		return db_broken(e, _("event %lld: its prev_hash is not the hash of the "
						 "event before it (an event was changed, removed, "
						 "inserted or reordered)"), (long long)ev.id);
	event_hash(w->running, &ev, h);
	if (strcmp(h, hash))
		return db_broken(e, _("event %lld: its content does not match its hash "
						 "(changed after it was written)"), (long long)ev.id);
	memcpy(w->running, h, sizeof h);
	if (w->va && ev.id == w->va->event_id) {
		if (strcasecmp(h, w->va->event_hash))
			return db_broken(e, _("event %lld: its hash is not the one the signed anchor "
					   "records (the history was rewritten after the anchor)"),
				      (long long)ev.id);
		w->r->anchor_found = 1;
		w->r->anchor_id = ev.id;
	}
	if (w->anchor && !w->r->anchor_found && !strcasecmp(h, w->anchor)) {
		w->r->anchor_found = 1;
		w->r->anchor_id = ev.id;
	}
	return V_OK;
}

/* The newest event must be the one the chain row records. */
static int check_head(struct walk *w, struct yerr *e)
{
	int64_t last = w->expected - 1;
	if (w->head_last > last)
		return db_broken(e, _("event %lld is missing: the recorded head is event "
						 "%lld but the history ends at event %lld (the newest "
						 "events were deleted)"), (long long)last + 1,
				(long long)w->head_last, (long long)last);
	if (w->head_last < last)
		return db_broken(e, _("event %lld: written around yici (the recorded head "
						 "is event %lld)"), (long long)w->head_last + 1,
				(long long)w->head_last);
	if (last > w->legacy_upto && (w->head_null || strcmp(w->head_hash, w->running)))
		return db_broken(e, _("event %lld: its hash differs from the recorded "
						 "head"), (long long)last);
	return V_OK;
}

static int walk_chain(struct db *d, struct walk *w, struct yerr *e)
{
	int rc = load_chain_row(d, w, e);
	if (rc != V_OK)
		return rc;
	snprintf(w->running, sizeof w->running, "%s", HASH_GENESIS);
	w->expected = 1;
	sqlite3_stmt *st = db_prep(d, "SELECT id, case_id, coalesce(task_id, 0), at, actor, "
				      "actor_role, kind, detail, prev_hash, hash FROM event ORDER BY id");
	int s;
	while (rc == V_OK && (s = sqlite3_step(st)) == SQLITE_ROW)
		rc = walk_row(w, st, e);
	if (rc != V_OK) {
		sqlite3_reset(st);
		return rc;
	}
	if (s != SQLITE_DONE)
		return step_failed(d, st, "event", e);
	sqlite3_reset(st);
	w->r->head_id = w->expected - 1;
	snprintf(w->r->head, sizeof w->r->head, "%s", w->running);
	if (w->va && w->va->event_id > w->r->head_id)
		return db_broken(e, _("event %lld is missing: the signed anchor records %lld events but "
				   "the history ends at event %lld (the newest events were deleted)"),
			      (long long)w->r->head_id + 1, (long long)w->va->event_id,
			      (long long)w->r->head_id);
	return check_head(w, e);
}

/* ---- task states against their events ---- */

static int task_mismatch(sqlite3_stmt *st, struct yerr *e)
{
	long long id = sqlite3_column_int64(st, 0);
	const char *state = db_col(st, 1), *last = db_col(st, 5);
	int decided = sqlite3_column_int(st, 2), delivered = sqlite3_column_int(st, 3);
	int suspended = sqlite3_column_int(st, 4);
	const char *missing = NULL;
	if ((!strcmp(state, "decided") || !strcmp(state, "delivered")) && !decided)
		missing = "decided";
	else if (!strcmp(state, "delivered") && !delivered)
		missing = "delivered";
	else if (!strcmp(state, "suspended") && !suspended)
		missing = "suspended";
	if (missing)
		return db_broken(e, _("task %lld is %s but has no '%s' event"), id, state,
				missing);
	/* the newest event that sets a state names the states it allows: a
	 * task row turned back (decided to in review, suspended to in review)
	 * with the sqlite3 shell shows here even though an older event fits */
	static const struct {
		const char *kind, *states;
	} allow[] = {
		{ "decided", " decided delivered closed " },
		{ "delivered", " delivered closed " },
		{ "closed", " closed " },
		{ "suspended", " suspended " },
		{ "task_waiting", " waiting " },
		{ "task_accepted", " accepted in_review " },
		{ "task_activated", " accepted in_review " },
		{ "in_review", " accepted in_review " },
		{ "resumed", " accepted in_review " },
	};
	char word[24];
	snprintf(word, sizeof word, " %s ", state);
	for (size_t i = 0; i < ARRAY_SIZE(allow); i++)
		if (!strcmp(last, allow[i].kind) && !strstr(allow[i].states, word))
			return db_broken(e, _("task %lld is %s but its newest event says '%s'"),
				      id, state, last);
	if ((!strcmp(state, "suspended") || !strcmp(state, "waiting")) && *last &&
	    strcmp(last, !strcmp(state, "suspended") ? "suspended" : "task_waiting"))
		return db_broken(e, _("task %lld is %s but its newest event says '%s'"), id, state,
			      last);
	return V_OK;
}

/* The decision on a decided or delivered task against its newest 'decided'
 * event: the outcome is the event's first word, and the grade ("grade N")
 * and the amount ("N.NN yuan") when the event carries them. */
static int decision_mismatch(sqlite3_stmt *st, struct yerr *e)
{
	long long id = sqlite3_column_int64(st, 0);
	const char *outcome = db_col(st, 6), *ev = db_col(st, 9);
	if (sqlite3_column_type(st, 9) == SQLITE_NULL)
		return V_OK;
	char first[24], what[48];
	size_t n = strcspn(ev, " :");
	snprintf(first, sizeof first, "%.*s", (int)(n < sizeof first ? n : sizeof first - 1), ev);
	const char *g = strstr(ev, " grade "), *y = strstr(ev, " yuan");
	if (strcmp(first, outcome))
		snprintf(what, sizeof what, "%s", *outcome ? outcome : "-");
	else if (g && sqlite3_column_int(st, 7) != atoi(g + 7))
		snprintf(what, sizeof what, "%s grade %d", outcome, sqlite3_column_int(st, 7));
	else if (y && !strcmp(outcome, "approved")) {
		char amt[32], said[sizeof amt + 8];
		money_format(sqlite3_column_type(st, 8) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 8),
			     amt, sizeof amt);
		snprintf(said, sizeof said, " %s yuan", amt);
		if (strncmp(ev + n, said, strlen(said)))
			snprintf(what, sizeof what, "%s %s yuan", outcome, amt);
		else
			return V_OK;
	} else
		return V_OK;
	return db_broken(e, _("task %lld has the decision '%s' but its 'decided' event says '%s'"),
		      id, what, ev);
}

static int cross_check(struct db *d, struct verify_report *r, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT t.id, t.state, "
		"  EXISTS (SELECT 1 FROM event e WHERE e.case_id = t.case_id AND e.task_id = t.id "
		"          AND (e.kind = 'decided' OR e.kind = 'imported')), "
		"  EXISTS (SELECT 1 FROM event e WHERE e.case_id = t.case_id AND e.task_id = t.id "
		"          AND (e.kind = 'delivered' OR e.kind = 'imported')), "
		"  EXISTS (SELECT 1 FROM event e WHERE e.case_id = t.case_id AND e.task_id = t.id "
		"          AND e.kind = 'suspended'), "
		"  (SELECT e.kind FROM event e WHERE e.case_id = t.case_id AND e.task_id = t.id "
		"   AND (e.kind = 'decided' OR e.kind = 'delivered' OR e.kind = 'closed' "
		"     OR e.kind = 'suspended' OR e.kind = 'resumed' OR e.kind = 'in_review' "
		"     OR e.kind = 'task_waiting' OR e.kind = 'task_accepted' "
		"     OR e.kind = 'task_activated') "
		"   ORDER BY e.id DESC LIMIT 1), "
		"  coalesce(t.outcome, ''), t.grade, t.amount_fen, "
		"  CASE WHEN t.state = 'decided' OR t.state = 'delivered' THEN "
		"    (SELECT e.detail FROM event e WHERE e.case_id = t.case_id AND e.task_id = t.id "
		"     AND e.kind = 'decided' ORDER BY e.id DESC LIMIT 1) END "
		"FROM task t ORDER BY t.id");
	int rc = V_OK, s;
	while (rc == V_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
		r->tasks++;
		rc = task_mismatch(st, e);
		if (rc == V_OK)
			rc = decision_mismatch(st, e);
	}
	if (rc == V_OK && s != SQLITE_DONE)
		return step_failed(d, st, "task", e);
	sqlite3_reset(st);
	return rc;
}

/* The running queue totals (db/007) against a recount of the tasks: a
 * task row changed around yici, or a bug in the triggers, shows here. */
static int recount(struct db *d, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"WITH r (category, state, assignee, due_on, n) AS (" TASK_COUNT_SELECT ") "
		"SELECT category, state, assignee, due_on FROM "
		"  (SELECT * FROM r EXCEPT SELECT * FROM task_count) "
		"UNION ALL SELECT category, state, assignee, due_on FROM "
		"  (SELECT * FROM task_count EXCEPT SELECT * FROM r) LIMIT 1");
	int s = sqlite3_step(st), rc = V_OK;
	if (s == SQLITE_ROW)
		rc = db_broken(e, _("the queue totals for %s tasks in state %s (assignee '%s', "
				 "due '%s') do not match the tasks themselves"),
			    db_col(st, 0), db_col(st, 1), db_col(st, 2), db_col(st, 3));
	else if (s != SQLITE_DONE)
		return step_failed(d, st, "task_count", e);
	sqlite3_reset(st);
	return rc;
}

static int verify_all(struct db *d, const char *anchor, const struct verify_anchor *va,
		      struct verify_report *r, struct yerr *e)
{
	memset(r, 0, sizeof *r);
	struct walk w = { .anchor = anchor, .va = va, .r = r };
	struct db *ref = reference_schema(e);
	if (!ref)
		return V_ERROR;
	/* one read transaction: every check sees the same snapshot, even while
	 * clerks go on writing (the chain, the rows and the ledger agree only
	 * at a commit) */
	int snap = sqlite3_get_autocommit(d->h) && sqlite3_exec(d->h, "BEGIN", NULL, NULL, NULL) ==
		   SQLITE_OK;
	int rc = integrity(d, e);
	if (rc == V_OK)
		rc = compare_schema(d, ref, 0, e);
	if (rc == V_OK)
		rc = foreign_keys(d, e);
	if (rc == V_OK)
		rc = walk_chain(d, &w, e);
	if (rc == V_OK)
		rc = cross_check(d, r, e);
	if (rc == V_OK)
		rc = recount(d, e);
	if (rc == V_OK)
		rc = db_ledger_verify(d, &r->records, va ? va->ledger_id : 0,
				      va && va->ledger_id ? va->ledger_hash : NULL, e);
	if (rc == V_OK && db_inbox_verify(d, &r->inbox_rows, e) < 0)
		rc = e->code == YERR_STATE ? V_BROKEN : V_ERROR;
	if (rc == V_OK)
		rc = compare_schema(d, ref, 1, e);
	db_close(ref);
	if (snap)
		sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL);
	if (rc == V_OK && anchor && !r->anchor_found) {
		yerr_set(e, YERR_STATE, _("anchor %s is not in the chain: the history was rewritten "
					  "after that head was taken"), anchor);
		rc = V_BROKEN;
	}
	return rc;
}

int db_verify(struct db *d, const char *anchor, struct verify_report *r, struct yerr *e)
{
	return verify_all(d, anchor, NULL, r, e);
}

int db_verify_anchored(struct db *d, const struct verify_anchor *va, struct verify_report *r,
		       struct yerr *e)
{
	return verify_all(d, NULL, va, r, e);
}
