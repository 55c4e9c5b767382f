/* db_internal.h — shared by the db_* files only: the connection and the
 * prepared-statement cache.  Layer: db. */
#ifndef YICI_DB_INTERNAL_H
#define YICI_DB_INTERNAL_H

#include <sqlite3.h>

#include "core_text.h"
#include <time.h>

#include "core_perm.h"
#include "db.h"

#define STMT_CACHE 128

/* The statements generated from a table (db_case_fields.c) rather than
 * written as literals: built at first use, kept until db_close. */
enum db_gen {
	GEN_CASE_INSERT, GEN_CASE_UPDATE, GEN_CASE_LOAD, GEN_CASE_HEADER,
	GEN_CASES_CHANGED, GEN_CASES_ALL, DB_GEN_N
};

struct db {
	sqlite3 *h;
	char *path;
	int readonly;
	int in_txn;               /* transaction depth (0 = none) */
	/* Bulk writers (the demo) set this: the chain row's head is written once
	 * by db_event_sync_head instead of after every event. */
	int defer_chain;
	/* Called when a transaction or savepoint ends (committed = 1 for the
	 * outermost COMMIT, 0 for any rollback): caches of rows the
	 * transaction wrote (the event chain head) are dropped here. */
	void (*on_end)(struct db *d, int committed);
	/* The ledger's capture is installed (db_ledger.c): db_commit folds the
	 * changed rows into it before the outermost COMMIT. */
	int ledger_on;
	struct {
		const char *sql;  /* the static string's address is the key */
		sqlite3_stmt *st;
	} cache[STMT_CACHE];
	int ncache;
	char *gen[DB_GEN_N];      /* the generated statements (db_gen), owned */
	int busy_ms;              /* how long a locked database is waited for */
	struct timespec busy_since;
};

/* A locked database is tried again every millisecond for up to ms (0:
 * not waited for at all). */
void db_busy_wait(struct db *d, int ms);

/* Returns the prepared statement for a static SQL string, prepared once per
 * connection (SQLITE_PREPARE_PERSISTENT) and reset/cleared for reuse.
 * Aborts on a prepare failure: the SQL is ours, so that is a bug. */
sqlite3_stmt *db_prep(struct db *d, const char *sql);

/* The SQL of slot, built by build (malloc'd) at the connection's first
 * use and freed by db_close: a stable string for db_prep. */
const char *db_gen(struct db *d, enum db_gen slot, char *(*build)(void));

/* The index of the named parameter (":name") of st, for the statements with
 * more than a handful of values: bound by name, a value cannot land in the
 * column beside its own.  A name st lacks is a bug in our SQL: it aborts,
 * naming it (index 0 would be ignored by SQLite and store NULL unseen). */
int db_p(sqlite3_stmt *st, const char *name);

#define YICI_APP_ID 0x59494349 /* "YICI" in PRAGMA application_id */

/* db_migrate.c, as db_open calls them.  Refuses, before anything is
 * written, a file that is not SQLite, another program's database, an empty
 * file we did not create, and a newer schema. */
int db_check_identity(struct db *d, int creating, struct yerr *e);
/* Brings the schema to the latest version in one BEGIN IMMEDIATE
 * transaction, taken only when a migration is due.  A read-only d with
 * one due sets *outdated and fails (db_open then upgrades with write access). */
int db_migrate(struct db *d, int creating, int *outdated, struct yerr *e);

/* Binds a NUL-terminated string, or NULL when s is NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Binds NULL for an empty string. */
void db_bind_text_or_null(sqlite3_stmt *st, int i, const char *s);
/* The same without a copy (SQLITE_STATIC): for a string that stays put
 * until the statement has been stepped and reset, as in the bulk writers,
 * where a copy per value (malloc, copy, free) shows at a million rows. */
void db_bind_static(sqlite3_stmt *st, int i, const char *s);
void db_bind_static_or_null(sqlite3_stmt *st, int i, const char *s);

/* db_begin that does not wait for another writer (an import): 1 when the
 * write lock is taken elsewhere (nothing begun, e clear), 0 begun, -1 e. */
int db_begin_nowait(struct db *d, struct yerr *e);

/* Steps a statement that returns no rows; fills e on failure. */
int db_exec_stmt(struct db *d, sqlite3_stmt *st, struct yerr *e);
/* What verify found broken: fills e (YERR_STATE) with the message and
 * returns 1, the checks' "broken" result (db_verify.c, db_ledger.c). */
__attribute__((format(printf, 2, 3)))
int db_broken(struct yerr *e, const char *fmt, ...);
/* Runs SQL text without parameters (DDL, pragmas). */
int db_exec(struct db *d, const char *sql, struct yerr *e);
/* Fills e from the connection's last error, prefixed with what. */
int db_error(struct db *d, const char *what, struct yerr *e);
/* Steps a statement that looks up one row: 0 with st on the row (the
 * caller resets it), or -1 with st reset and e filled: YERR_NOTFOUND with
 * the message `missing` formats when there is no row, db_error(what)
 * otherwise. */
int db_step_one(struct db *d, sqlite3_stmt *st, const char *what, struct yerr *e,
		const char *missing, ...) __attribute__((format(printf, 5, 6)));

/* A malloc'd copy of a text column ("" for NULL). */
char *db_col_dup(sqlite3_stmt *st, int i);
/* Borrowed text of a column, "" for NULL; valid until the next step. */
const char *db_col(sqlite3_stmt *st, int i);
/* Column i into the char array dst: whole, or cut on a character boundary
 * and ended in "…" (text_copy), never silently. */
#define DB_CPY(dst, st, i) text_copy((dst), sizeof(dst), db_col((st), (i)))

/* An event of case (and task, 0 = none) by actor a (NULL = the system),
 * in the caller's transaction.  0 or -1. */
int db_event_by(struct db *d, const struct actor *a, int64_t case_id, int64_t task_id,
		const char *kind, const char *detail, struct yerr *e);
/* Free text for an event or a row, malloc'd: any full ID number inside is
 * masked. */
char *db_text_masked(const char *s);
/* The id of a case by number (any case); -1 with a precise message when
 * malformed or unknown; state (may be NULL) gets the case's state. */
int64_t db_case_id_by_no(struct db *d, const char *case_no, char state[16], struct yerr *e);

/* The one definition of an open task: work not yet ended (waiting for a
 * prerequisite, in the office, suspended, or decided and not yet handed
 * out).  db/007's running totals count the same states. */
#define DB_TASK_OPEN_STATES \
	"('waiting', 'accepted', 'in_review', 'suspended', 'decided', 'reviewing')"

/* A case as one line of a list (db_case.c, db_lookup.c): id, number, names
 * as received, worker ID, kind, channel, state, accepted, open and all
 * tasks; then DB_CASE_ROW_FROM. */
#define DB_CASE_ROW_COLS                                                                    \
	"SELECT c.id, coalesce(c.case_no, ''), c.worker_name, coalesce(w.id_number, ''), "  \
	"  c.employer_name, c.kind, c.channel, c.state, coalesce(c.accepted_at, ''), "      \
	"  (SELECT count(*) FROM task t WHERE t.case_id = c.id AND t.state IN "             \
	DB_TASK_OPEN_STATES "), (SELECT count(*) FROM task t WHERE t.case_id = c.id) "
#define DB_CASE_ROW_FROM \
	"FROM cases c LEFT JOIN person w ON w.id = c.worker_id "

/* 0 when s (may be NULL) has at most max characters, else -1 with
 * "FIELD has N characters; at most MAX": free text is refused, never cut
 * by the rows that read it back. */
int db_text_ok(const char *field, const char *s, int max, struct yerr *e);

/* What a supervisor's count reads: sql gives one row (count, earliest due
 * day or ''); *n and next_due get them.  0, or -1 with what in e. */
int db_count_due(struct db *d, const char *sql, long *n, char next_due[11], const char *what,
		 struct yerr *e);

/* The running queue totals of db/007_task_count.sql, recounted from task:
 * what the triggers would have written.  Used where a bulk write runs with
 * the triggers dropped (the demo) and by `yici verify`. */
#define TASK_COUNT_SELECT                                                                  \
	"SELECT category, state, coalesce(assignee, ''), coalesce(due_on, ''), count(*) "   \
	"FROM task WHERE state IN " DB_TASK_OPEN_STATES " GROUP BY 1, 2, 3, 4"
#define TASK_COUNT_REBUILD                                                                 \
	"DELETE FROM task_count;"                                                           \
	"INSERT INTO task_count (category, state, assignee, due_on, n) " TASK_COUNT_SELECT ";"

/* SQL of a case column that an online applicant may have left unsent: the
 * empty value kept in case_field over the column's default
 * (db_application.c online_unset_choices), else the column.  The case view
 * and the export both read a CF_UNSENT choice through it (case_field_sql,
 * db_case_fields.c), so neither shows a default as if chosen. */
#define DB_FIELD_OR(key, col) \
	"coalesce((SELECT f.value FROM case_field f WHERE f.case_id = c.id AND f.key = '" key \
	"'), " col ")"

#endif
