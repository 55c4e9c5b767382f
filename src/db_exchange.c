/* db_exchange.c — the database side of the CSV exchange: export rows from
 * one read snapshot, high-water marks, exchange_log, import keys and the
 * shared documents.  Layer: db. */
#include "db_exchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core_date.h"
#include "db_case_fields.h"
#include "db_event.h"
#include "db_internal.h"
#include "db_verify.h"
#include "i18n.h"

/* ---- the files and their columns ---- */

/* cases.csv: the case's fields (db_case_fields.c, each at its xpos) and
 * these columns of the case itself, at theirs; yici-exchange(5) gives the
 * order, which the generator keeps. */
static const struct {
	int xpos;
	const char *name, *sql;
} cases_own[] = {
	{ 1, "case_id", "c.id" },
	{ 2, "case_no", "c.case_no" },
	{ 3, "ext_id", "c.ext_id" },
	{ 5, "channel", "c.channel" },
	{ 6, "state", "c.state" },
	{ 9, "worker_sex", "w.sex" },
	{ 10, "worker_birth_date", "w.birth_date" },
	/* a case has no tasks before it is accepted: its items are then
	 * those ticked on the application (an online one waiting in the
	 * intake list), sorted by code like the tasks' */
	{ 32, "items", "coalesce((SELECT group_concat(t.item, ';') FROM task t "
		       "WHERE t.case_id = c.id), (SELECT group_concat(code, ';') FROM "
		       "(SELECT i.code FROM case_field f JOIN item i "
		       "ON instr(';' || f.value || ';', ';' || i.code || ';') > 0 "
		       "WHERE f.case_id = c.id AND f.key = 'items.ticked' ORDER BY i.code)))" },
	{ 33, "submitted_at", "c.submitted_at" },
	{ 34, "supplement_due", "c.supplement_due" },
	{ 35, "reason", "c.reason" },
	{ 36, "created_at", "c.created_at" },
	{ 37, "accepted_at", "c.accepted_at" },
	{ 38, "updated_at", "c.updated_at" },
	{ 39, "query_code_hash", "c.query_hash" },
};
#define CASES_MAX 64

/* The name and the SQL of cases.csv's column at xpos; 0 when none, or
 * when two claim it (a bug the callers abort on). */
static int cases_at(int xpos, const char **name, const struct case_field **f, const char **sql)
{
	int found = 0, n;
	const struct case_field *cf = case_fields(&n);
	for (size_t i = 0; i < ARRAY_SIZE(cases_own); i++)
		if (cases_own[i].xpos == xpos) {
			*name = cases_own[i].name;
			*sql = cases_own[i].sql;
			*f = NULL;
			found++;
		}
	for (int i = 0; i < n; i++)
		if (cf[i].xpos == xpos) {
			*name = cf[i].export;
			*sql = NULL;
			*f = &cf[i];
			found++;
		}
	return found == 1;
}

/* cases.csv's columns, 1 to the last: every place taken once. */
static const char *const *cases_cols(int *count)
{
	static const char *cols[CASES_MAX];
	static int ncols;
	if (!ncols) {
		int n, last = (int)ARRAY_SIZE(cases_own);
		const struct case_field *cf = case_fields(&n);
		for (int i = 0; i < n; i++)
			last += cf[i].xpos > 0;
		for (int x = 1; x <= last; x++) {
			const char *sql;
			const struct case_field *f;
			if (last > CASES_MAX || !cases_at(x, &cols[x - 1], &f, &sql)) {
				fprintf(stderr, "yici: BUG: cases.csv has no single column %d\n", x);
				abort();
			}
		}
		ncols = last;
	}
	*count = ncols;
	return cols;
}

/* The SELECT of cases.csv's columns, then what from. */
static void cases_select(struct sbuf *b)
{
	int n;
	cases_cols(&n);
	sbuf_addstr(b, "SELECT ");
	for (int x = 1; x <= n; x++) {
		const char *name, *sql;
		const struct case_field *f;
		cases_at(x, &name, &f, &sql);
		if (x > 1)
			sbuf_addstr(b, ", ");
		if (f)
			case_field_sql(b, f);
		else
			sbuf_addstr(b, sql);
	}
	sbuf_addstr(b, " ");
}

/* Since the last batch or a time: the cases in temp.x_cases (see below). */
static char *build_cases_changed(void)
{
	struct sbuf b = { 0 };
	cases_select(&b);
	sbuf_addstr(&b, "FROM temp.x_cases x CROSS JOIN cases c ON c.id = x.id " CF_JOINS
			"ORDER BY x.id");
	return b.s;
}

static char *build_cases_all(void)
{
	struct sbuf b = { 0 };
	cases_select(&b);
	sbuf_addstr(&b, "FROM cases c " CF_JOINS "ORDER BY c.id");
	return b.s;
}

static const char *const tasks_cols[] = {
	"task_id", "case_id", "case_no", "item", "category", "state", "assignee", "started_on",
	"due_on", "legal_due_on", "day_kind", "limit_days", "promised_days", "extended_days",
	"simple_track", "outcome", "grade", "care_level", "amount_fen", "payment_ref",
	"document_no", "reason", "decided_on", "delivered_on", "delivery_to", "version",
	"updated_at", "countersign",
};
static const char *const events_cols[] = {
	"event_id", "case_id", "case_no", "task_id", "item", "at", "actor", "actor_role", "kind",
	"detail",
};
static const char *const notices_cols[] = {
	"notice_id", "case_id", "case_no", "task_id", "kind", "phone", "body", "created_at",
};
static const char *const pushes_cols[] = {
	"push_id", "case_id", "case_no", "task_id", "target", "payload", "created_at",
};
static const char *const evaluations_cols[] = {
	"case_id", "case_no", "rating", "comment", "at", "followup_due", "followup_at", "channel",
};

#define TASKS_SELECT                                                                          \
	"SELECT t.id, t.case_id, c.case_no, t.item, t.category, t.state, t.assignee, "           \
	"t.started_on, t.due_on, t.legal_due_on, t.day_kind, t.limit_days, t.promised_days, "    \
	"t.extended_days, t.simple_track, t.outcome, t.grade, t.care_level, t.amount_fen, "      \
	"CASE WHEN t.countersign = 'pending' THEN NULL ELSE t.payment_ref END, "                \
	"t.document_no, t.reason, t.decided_on, t.delivered_on, t.delivery_to, "                 \
	"t.version, t.updated_at, t.countersign "
#define EVENTS_SELECT                                                                         \
	"SELECT e.id, e.case_id, c.case_no, e.task_id, t.item, e.at, e.actor, e.actor_role, "    \
	"e.kind, e.detail FROM event e JOIN cases c ON c.id = e.case_id "                        \
	"LEFT JOIN task t ON t.id = e.task_id "
#define NOTICES_SELECT                                                                        \
	"SELECT n.id, n.case_id, c.case_no, n.task_id, n.kind, n.recipient, n.body, "            \
	"n.created_at FROM notice n JOIN cases c ON c.id = n.case_id WHERE n.channel = 'sms' "
#define PUSHES_SELECT                                                                         \
	"SELECT p.id, p.case_id, c.case_no, p.task_id, p.target, p.payload, p.created_at "       \
	"FROM push p JOIN cases c ON c.id = p.case_id "
#define EVAL_SELECT                                                                           \
	"SELECT v.case_id, c.case_no, v.rating, v.comment, v.at, v.followup_due, "               \
	"v.followup_at, v.channel "

/* Per file: the rows since the previous batch's marks (?1); the rows since
 * a time (?1); every row.  Cases, tasks and evaluations changed since then
 * are those of the cases in temp.x_cases (cases with a newer event); the
 * tasks and evaluations are driven from that change set (CROSS JOIN fixes
 * the order: SQLite otherwise may scan the whole task table and probe the
 * small set, 270 ms at a million cases for a run with nothing new).  The
 * SMS outbox carries the messages not yet handed over (state queued),
 * except that --since TIMESTAMP sends again every message since then. */
static const struct {
	const char *name;
	const char *const *cols;
	int ncols;
	const char *sql[3]; /* indexed by since_mode: LAST, TIME, ALL */
} files[XF_N] = {
	[XF_CASES] = { "cases.csv", NULL, 0, { NULL } }, /* generated: cases_cols, build_cases_* */
	[XF_TASKS] = { "tasks.csv", tasks_cols, (int)ARRAY_SIZE(tasks_cols), {
		TASKS_SELECT "FROM temp.x_cases x CROSS JOIN task t ON t.case_id = x.id "
		"CROSS JOIN cases c ON c.id = t.case_id ORDER BY t.id",
		TASKS_SELECT "FROM temp.x_cases x CROSS JOIN task t ON t.case_id = x.id "
		"CROSS JOIN cases c ON c.id = t.case_id ORDER BY t.id",
		TASKS_SELECT "FROM task t JOIN cases c ON c.id = t.case_id ORDER BY t.id" } },
	[XF_EVENTS] = { "events.csv", events_cols, (int)ARRAY_SIZE(events_cols), {
		EVENTS_SELECT "WHERE e.id > ?1 ORDER BY e.id",
		EVENTS_SELECT "WHERE e.at >= ?1 ORDER BY e.id",
		EVENTS_SELECT "ORDER BY e.id" } },
	[XF_NOTICES] = { "notices.csv", notices_cols, (int)ARRAY_SIZE(notices_cols), {
		NOTICES_SELECT "AND n.state = 'queued' ORDER BY n.id",
		NOTICES_SELECT "AND n.created_at >= ?1 ORDER BY n.id",
		NOTICES_SELECT "AND n.state = 'queued' ORDER BY n.id" } },
	[XF_PUSHES] = { "pushes.csv", pushes_cols, (int)ARRAY_SIZE(pushes_cols), {
		PUSHES_SELECT "WHERE p.id > ?1 ORDER BY p.id",
		PUSHES_SELECT "WHERE p.created_at >= ?1 ORDER BY p.id",
		PUSHES_SELECT "ORDER BY p.id" } },
	[XF_EVALUATIONS] = { "evaluations.csv", evaluations_cols,
			     (int)ARRAY_SIZE(evaluations_cols), {
		EVAL_SELECT "FROM temp.x_cases x CROSS JOIN evaluation v ON v.case_id = x.id "
		"CROSS JOIN cases c ON c.id = v.case_id ORDER BY v.case_id",
		EVAL_SELECT "FROM temp.x_cases x CROSS JOIN evaluation v ON v.case_id = x.id "
		"CROSS JOIN cases c ON c.id = v.case_id ORDER BY v.case_id",
		EVAL_SELECT "FROM evaluation v JOIN cases c ON c.id = v.case_id "
		"ORDER BY v.case_id" } },
};

const char *xfile_name(enum xfile f)
{
	return files[f].name;
}

const char *const *xfile_columns(enum xfile f, int *n)
{
	if (f == XF_CASES)
		return cases_cols(n);
	*n = files[f].ncols;
	return files[f].cols;
}

/* ---- export ---- */

static int64_t scalar(struct db *d, const char *sql)
{
	sqlite3_stmt *st = db_prep(d, sql);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return v;
}

static void read_marks(struct db *d, struct export_snap *s)
{
	sqlite3_stmt *st = db_prep(d, "SELECT hw_event, hw_notice, hw_push FROM exchange_log "
				      "WHERE direction = 'export' AND status = 'ok' "
				      "AND hw_event IS NOT NULL ORDER BY id DESC LIMIT 1");
	s->from_event = s->from_notice = s->from_push = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		s->from_event = sqlite3_column_int64(st, 0);
		s->from_notice = sqlite3_column_int64(st, 1);
		s->from_push = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
}

/* Fills temp.x_cases with the cases that have an event after the mark. */
static int changed_cases(struct db *d, const struct export_snap *s, struct yerr *e)
{
	if (db_exec(d, "CREATE TEMP TABLE IF NOT EXISTS x_cases (id INTEGER PRIMARY KEY); "
		       "DELETE FROM temp.x_cases", e) < 0)
		return -1;
	sqlite3_stmt *st;
	if (s->mode == SINCE_TIME) {
		st = db_prep(d, "INSERT OR IGNORE INTO temp.x_cases (id) "
				"SELECT case_id FROM event WHERE at >= ?1");
		db_bind_text(st, 1, s->since);
	} else {
		st = db_prep(d, "INSERT OR IGNORE INTO temp.x_cases (id) "
				"SELECT case_id FROM event WHERE id > ?1");
		sqlite3_bind_int64(st, 1, s->from_event);
	}
	return db_exec_stmt(d, st, e);
}

int db_export_writable(struct db *d, struct yerr *e)
{
	if (db_begin(d, e) < 0)
		return -1;
	db_rollback(d);
	return 0;
}

int db_export_begin(struct db *d, struct export_snap *s, struct yerr *e)
{
	if (db_exec(d, "BEGIN", e) < 0)
		return -1;
	/* the first read fixes the snapshot every file is read from */
	read_marks(d, s);
	s->hw_event = scalar(d, "SELECT coalesce(max(id), 0) FROM event");
	s->hw_notice = scalar(d, "SELECT coalesce(max(id), 0) FROM notice");
	s->hw_push = scalar(d, "SELECT coalesce(max(id), 0) FROM push");
	s->seq = scalar(d, "SELECT count(*) + 1 FROM exchange_log "
			   "WHERE direction = 'export' AND status = 'ok'");
	time_format(clock_now(), s->at);
	if (s->mode == SINCE_LAST && s->from_event == 0 && s->from_notice == 0 &&
	    s->from_push == 0)
		s->mode = SINCE_ALL; /* the first batch carries everything */
	if (s->mode != SINCE_ALL && changed_cases(d, s, e) < 0) {
		db_export_end(d);
		return -1;
	}
	return 0;
}

int db_export_pending(struct db *d, const struct export_snap *s)
{
	if (s->mode != SINCE_LAST || s->hw_event > s->from_event || s->hw_push > s->from_push)
		return 1;
	sqlite3_stmt *st = db_prep(d, "SELECT EXISTS (SELECT 1 FROM notice WHERE state = 'queued' "
				      "AND id <= ?1 AND channel = 'sms')");
	sqlite3_bind_int64(st, 1, s->hw_notice);
	int any = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return any;
}

void db_export_end(struct db *d)
{
	if (!sqlite3_get_autocommit(d->h))
		sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL);
}

static void bind_since(sqlite3_stmt *st, const struct export_snap *s, enum xfile f)
{
	if (s->mode == SINCE_TIME) {
		if (f == XF_EVENTS || f == XF_NOTICES || f == XF_PUSHES)
			db_bind_text(st, 1, s->since);
	} else if (s->mode == SINCE_LAST) {
		if (f == XF_EVENTS || f == XF_PUSHES)
			sqlite3_bind_int64(st, 1, f == XF_EVENTS ? s->from_event : s->from_push);
	}
}

int db_export_rows(struct db *d, const struct export_snap *s, enum xfile f, export_row_fn fn,
		   void *arg, struct yerr *e)
{
	const char *sql = f != XF_CASES ? files[f].sql[s->mode]
		: s->mode == SINCE_ALL ? db_gen(d, GEN_CASES_ALL, build_cases_all)
				       : db_gen(d, GEN_CASES_CHANGED, build_cases_changed);
	sqlite3_stmt *st = db_prep(d, sql);
	bind_since(st, s, f);
	int n, rc;
	xfile_columns(f, &n);
	if (sqlite3_column_count(st) != n) {
		fprintf(stderr, "yici: BUG: %s: %d columns in SQL, %d names\n", files[f].name,
			sqlite3_column_count(st), n);
		abort();
	}
	const char *v[64];
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		int stop = fn(v, n, arg);
		if (stop) {
			sqlite3_reset(st);
			return stop;
		}
	}
	if (rc != SQLITE_DONE) {
		db_error(d, files[f].name, e);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

static const char *since_text(const struct export_snap *s)
{
	return s->mode == SINCE_TIME ? s->since : s->mode == SINCE_ALL ? "all" : "last";
}

/* The SMS of the batch leave the outbox; pushes are handed over. */
static int mark_exported(struct db *d, const struct export_snap *s, const char *batch,
			 const char *now, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "UPDATE notice SET state = 'exported', exported_at = ?1, "
				      "file = ?2 WHERE channel = 'sms' AND state = 'queued' "
				      "AND id <= ?3 AND created_at >= ?4");
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, batch);
	sqlite3_bind_int64(st, 3, s->hw_notice);
	db_bind_text(st, 4, s->mode == SINCE_TIME ? s->since : "");
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	st = db_prep(d, "UPDATE push SET exported_at = ?1 WHERE exported_at IS NULL "
			"AND id > ?2 AND id <= ?3 AND created_at >= ?4");
	db_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, s->mode == SINCE_LAST ? s->from_push : 0);
	sqlite3_bind_int64(st, 3, s->hw_push);
	db_bind_text(st, 4, s->mode == SINCE_TIME ? s->since : "");
	return db_exec_stmt(d, st, e);
}

int db_export_record(struct db *d, const struct export_snap *s, const char *batch, long rows,
		     struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	if (db_begin(d, e) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(d,
		"INSERT INTO exchange_log (direction, file, started_at, finished_at, rows_read, "
		"rows_applied, status, high_water, hw_event, hw_notice, hw_push, since) "
		"VALUES ('export', :file, :at, :now, :rows, :rows, 'ok', :at, :hw_event, "
		":hw_notice, :hw_push, :since)");
	db_bind_text(st, db_p(st, ":file"), batch);
	db_bind_text(st, db_p(st, ":at"), s->at);
	db_bind_text(st, db_p(st, ":now"), now);
	sqlite3_bind_int64(st, db_p(st, ":rows"), rows);
	if (s->mode != SINCE_TIME && !s->keep_marks) {
		sqlite3_bind_int64(st, db_p(st, ":hw_event"), s->hw_event);
		sqlite3_bind_int64(st, db_p(st, ":hw_notice"), s->hw_notice);
		sqlite3_bind_int64(st, db_p(st, ":hw_push"), s->hw_push);
	}
	db_bind_text(st, db_p(st, ":since"), since_text(s));
	if (db_exec_stmt(d, st, e) < 0 ||
	    (!s->keep_marks && mark_exported(d, s, batch, now, e) < 0) ||
	    db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

void db_exchange_log_failed(struct db *d, const char *direction, const char *file,
			    const char *started_at)
{
	struct yerr e;
	char now[20];
	time_format(clock_now(), now);
	if (db_begin(d, &e) < 0)
		return;
	sqlite3_stmt *st = db_prep(d, "INSERT INTO exchange_log (direction, file, started_at, "
				      "finished_at, status) VALUES (?, ?, ?, ?, 'failed')");
	db_bind_text(st, 1, direction);
	db_bind_text(st, 2, file);
	db_bind_text(st, 3, started_at);
	db_bind_text(st, 4, now);
	if (db_exec_stmt(d, st, &e) < 0 || db_commit(d, &e) < 0)
		db_rollback(d);
}

int db_exchange_chain_head(struct db *d, char out[65], struct yerr *e)
{
	int64_t id;
	return db_chain_head(d, &id, out, e);
}

/* ---- import ---- */

static const char *const kind_codes[] = { "application", "result", "share", "evaluation" };

int db_import_begin(struct db *d, const char *file, int stepped, int64_t *log_id,
		    struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	/* a file in one transaction: a bounded cache large enough that its
	 * pages reach the WAL once, at commit, rather than spilling while the
	 * rows are applied; a file committed in steps needs no more than a
	 * step's pages and the key index's, and its memory stays flat */
	if (db_exec(d, stepped ? "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY"
			       : "PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY", e) < 0 ||
	    db_begin(d, e) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(d, "INSERT INTO exchange_log (direction, file, started_at, "
				      "status) VALUES ('import', ?, ?, 'failed')");
	db_bind_text(st, 1, file);
	db_bind_text(st, 2, now);
	if (db_exec_stmt(d, st, e) < 0) {
		db_rollback(d);
		return -1;
	}
	*log_id = sqlite3_last_insert_rowid(d->h);
	return 0;
}

int db_import_active(struct db *d)
{
	return !sqlite3_get_autocommit(d->h);
}

/* Prepared once per connection: parsing them again for every row of a
 * million-row file cost more than the savepoints themselves. */
int db_import_row_begin(struct db *d, struct yerr *e)
{
	return db_exec_stmt(d, db_prep(d, "SAVEPOINT import_row"), e);
}

void db_import_row_end(struct db *d, int ok)
{
	struct yerr e;
	if (!ok) {
		db_exec_stmt(d, db_prep(d, "ROLLBACK TO import_row"), &e);
		/* the row's events are gone: the cached head of the chain too */
		if (d->on_end)
			d->on_end(d, 0);
	}
	db_exec_stmt(d, db_prep(d, "RELEASE import_row"), &e);
}

int db_import_key_state(struct db *d, enum import_kind k, const char *key, int64_t log_id,
			struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT coalesce(log_id, 0) FROM import_key "
				      "WHERE kind = ? AND ext_key = ?");
	db_bind_text(st, 1, kind_codes[k]);
	db_bind_text(st, 2, key);
	int rc = sqlite3_step(st);
	int state = 0;
	if (rc == SQLITE_ROW)
		state = sqlite3_column_int64(st, 0) == log_id ? 2 : 1;
	else if (rc != SQLITE_DONE)
		state = db_error(d, _("import key"), e);
	sqlite3_reset(st);
	return state;
}

int db_import_key_add(struct db *d, enum import_kind k, const char *key, int64_t log_id,
		      int64_t case_id, struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO import_key (kind, ext_key, applied_at, "
				      "case_id, log_id) VALUES (?, ?, ?, ?, ?)");
	db_bind_text(st, 1, kind_codes[k]);
	db_bind_text(st, 2, key);
	db_bind_text(st, 3, now);
	if (case_id)
		sqlite3_bind_int64(st, 4, case_id);
	sqlite3_bind_int64(st, 5, log_id);
	return db_exec_stmt(d, st, e);
}

static int log_update(struct db *d, int64_t log_id, const struct import_counts *n,
		      const char *status, struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "UPDATE exchange_log SET finished_at = ?, rows_read = ?, "
				      "rows_applied = ?, rows_skipped = ?, rows_rejected = ?, "
				      "status = ? WHERE id = ?");
	db_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, n->read);
	sqlite3_bind_int64(st, 3, n->applied);
	sqlite3_bind_int64(st, 4, n->skipped);
	sqlite3_bind_int64(st, 5, n->rejected);
	db_bind_text(st, 6, status);
	sqlite3_bind_int64(st, 7, log_id);
	return db_exec_stmt(d, st, e);
}

/* A long import of online applications commits every few hundred
 * milliseconds (csv_import.c): the log row says how far it came (still
 * 'failed' until the end, which is what it is if the run is killed), the
 * commit lets a clerk's write in, and the pause is longer than a waiting
 * clerk's poll of the lock (db.c's busy handler), so that it gets in
 * before the import takes the lock again. */
#define IMPORT_PAUSE_US 4000

int db_import_step(struct db *d, int64_t log_id, const struct import_counts *n,
		   struct yerr *e)
{
	if (log_update(d, log_id, n, "failed", e) < 0 || db_commit(d, e) < 0)
		return -1;
	usleep(IMPORT_PAUSE_US);
	return db_begin(d, e);
}

/* A file rejected as a whole leaves one log row and nothing else. */
static int log_rejected(struct db *d, const char *file, const char *started_at,
			const struct import_counts *n, struct yerr *e)
{
	if (db_begin(d, e) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(d, "INSERT INTO exchange_log (direction, file, started_at, "
				      "status) VALUES ('import', ?, ?, 'rejected')");
	db_bind_text(st, 1, file);
	db_bind_text(st, 2, started_at);
	if (db_exec_stmt(d, st, e) < 0 ||
	    log_update(d, sqlite3_last_insert_rowid(d->h), n, "rejected", e) < 0 ||
	    db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int db_import_end(struct db *d, int64_t log_id, const char *file, const char *started_at,
		  const struct import_counts *n, const char *status, int dry_run, struct yerr *e)
{
	if (dry_run) {
		db_rollback(d);
		return 0;
	}
	if (!strcmp(status, "rejected")) {
		db_rollback(d);
		return log_rejected(d, file, started_at, n, e);
	}
	if (log_update(d, log_id, n, status, e) < 0 || db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

/* ---- shared documents ---- */

static int share_case_event(struct db *d, const struct actor *a, int64_t case_id,
			    const struct share_row *r, struct yerr *e)
{
	char detail[512];
	snprintf(detail, sizeof detail, "%s shared: %s (%s)", r->material, r->document_no,
		 r->source);
	struct event_input ev = { .case_id = case_id, .actor = a->login,
				  .actor_role = role_code(a->role), .kind = "material",
				  .detail = detail };
	if (db_event_add(d, &ev, e) < 0)
		return -1;
	char now[20];
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "UPDATE cases SET updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, case_id);
	return db_exec_stmt(d, st, e);
}

static int remember_share(struct db *d, const struct share_row *r, const char *now,
			  struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "INSERT INTO shared_doc (share_id, id_number, material, "
				      "source, document_no, issued_at, imported_at) "
				      "VALUES (?, ?, ?, ?, ?, ?, ?)");
	db_bind_text(st, 1, r->share_id);
	db_bind_text(st, 2, r->id_number);
	db_bind_text(st, 3, r->material);
	db_bind_text(st, 4, r->source);
	db_bind_text(st, 5, r->document_no);
	db_bind_text(st, 6, r->issued_at);
	db_bind_text(st, 7, now);
	return db_exec_stmt(d, st, e);
}

int db_import_share(struct db *d, const struct actor *a, const struct share_row *r,
		    int *ncases, struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	*ncases = 0;
	if (remember_share(d, r, now, e) < 0)
		return -1;
	/* open cases of that worker whose material is still missing or only promised */
	sqlite3_stmt *st = db_prep(d,
		"UPDATE case_material SET status = 'shared', document_no = ?1, source = ?2, "
		"updated_at = ?3 WHERE material = ?4 AND (status = 'missing' OR status = 'committed') "
		"AND case_id IN (SELECT c.id FROM person p JOIN cases c ON c.worker_id = p.id "
		"WHERE p.id_number = ?5 AND (c.state = 'draft' OR c.state = 'intake' "
		"OR c.state = 'deficient' OR c.state = 'accepted')) RETURNING case_id");
	db_bind_text(st, 1, r->document_no);
	db_bind_text(st, 2, r->source);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, r->material);
	db_bind_text(st, 5, r->id_number);
	int64_t ids[256];
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n < (int)ARRAY_SIZE(ids))
			ids[n++] = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_DONE) {
		db_error(d, _("shared material"), e);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	for (int i = 0; i < n; i++)
		if (share_case_event(d, a, ids[i], r, e) < 0)
			return -1;
	*ncases = n;
	return 0;
}

int db_shared_docs(struct db *d, const char *id_number,
		   void (*fn)(const char *material, const char *document_no, const char *source,
			      const char *issued_at, void *arg),
		   void *arg, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT material, document_no, source, issued_at "
				      "FROM shared_doc WHERE id_number = ? "
				      "ORDER BY material, issued_at DESC");
	db_bind_text(st, 1, id_number);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(db_col(st, 0), db_col(st, 1), db_col(st, 2), db_col(st, 3), arg);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_error(d, _("shared documents"), e);
}

int db_shared_docs_any(struct db *d)
{
	sqlite3_stmt *st = db_prep(d, "SELECT 1 FROM shared_doc LIMIT 1");
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc != SQLITE_DONE; /* an error: look for them row by row */
}

int db_import_find_task(struct db *d, const char *case_no, const char *item, int64_t *task,
			int64_t *case_id, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT t.id, c.id FROM cases c LEFT JOIN task t "
				      "ON t.case_id = c.id AND t.item = ?2 WHERE c.case_no = ?1");
	db_bind_text(st, 1, case_no);
	db_bind_text(st, 2, item);
	int rc = sqlite3_step(st), found = 1;
	if (rc == SQLITE_ROW) {
		found = sqlite3_column_type(st, 0) == SQLITE_NULL ? 2 : 0;
		*task = sqlite3_column_int64(st, 0);
		*case_id = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return found;
	return db_error(d, _("task"), e);
}
