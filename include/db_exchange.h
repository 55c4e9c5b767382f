/* db_exchange.h — the database side of the CSV exchange with the provincial
 * systems (yici-exchange(5)): the rows of each export file streamed from
 * one read snapshot with the high-water marks of the nightly batch, the
 * exchange_log, and applying imported rows (idempotent by their keys in
 * import_key).  Layer: db (no CSV here: csv_export.c and csv_import.c call
 * these). */
#ifndef YICI_DB_EXCHANGE_H
#define YICI_DB_EXCHANGE_H

#include <stdint.h>
#include "core_catalog.h"
#include "core_perm.h"
#include "db.h"

/* ---- export ---- */

/* The data files of a batch, in the order they are written. */
enum xfile { XF_CASES, XF_TASKS, XF_EVENTS, XF_NOTICES, XF_PUSHES, XF_EVALUATIONS, XF_N };
const char *xfile_name(enum xfile f);               /* "cases.csv" ... */
/* The stable column names of a file (the header row). */
const char *const *xfile_columns(enum xfile f, int *n);

enum since_mode { SINCE_LAST, SINCE_TIME, SINCE_ALL };

/* One export: what it starts from and the snapshot it reads. */
struct export_snap {
	enum since_mode mode;
	char since[20];          /* SINCE_TIME: "YYYY-MM-DD HH:MM:SS" */
	int64_t from_event, from_notice, from_push;  /* previous batch's marks (0: none) */
	int64_t hw_event, hw_notice, hw_push;        /* this snapshot's marks */
	char at[20];             /* clock_now() when the snapshot was taken */
	int keep_marks;          /* a batch for people (--for excel): marks and outbox stay */
	int64_t seq;             /* this batch's number: complete exports so far + 1 */
};

/* Takes and gives back the write lock (waiting the busy timeout): an
 * export first makes sure it will be able to record its batch, so that a
 * database held by a long import gives YERR_BUSY before any folder is
 * written, not an unrecorded batch after it. */
int db_export_writable(struct db *d, struct yerr *e);
/* Opens one read transaction (a consistent snapshot that does not block
 * the clerks), reads the previous batch's marks and this snapshot's. */
int db_export_begin(struct db *d, struct export_snap *s, struct yerr *e);
/* Calls fn once per row of file f, with its column texts (NULL for SQL
 * NULL; borrowed until fn returns).  fn returns non-zero to stop, which is
 * returned; -1 with e on a database error. */
typedef int (*export_row_fn)(const char *const *v, int n, void *arg);
int db_export_rows(struct db *d, const struct export_snap *s, enum xfile f, export_row_fn fn,
		   void *arg, struct yerr *e);
/* 1 when a --since last batch would carry anything: an event or a push
 * after the marks, or an SMS still queued; 0 when it would be empty
 * (yici sync then writes nothing).  Always 1 for other modes. */
int db_export_pending(struct db *d, const struct export_snap *s);
/* Ends the read transaction. */
void db_export_end(struct db *d);
/* After the batch folder has its final name: one BEGIN IMMEDIATE
 * transaction records it in exchange_log, advances the high-water marks
 * (--since last and --all only) and marks its SMS exported (neither when
 * keep_marks is set). */
int db_export_record(struct db *d, const struct export_snap *s, const char *batch, long rows,
		     struct yerr *e);
/* Records a failed export or import in exchange_log (best effort). */
void db_exchange_log_failed(struct db *d, const char *direction, const char *file,
			    const char *started_at);

/* The head of the event history that the manifest carries: the hash of
 * the newest event (db_chain_head), 64 hex digits.  out: 65 bytes. */
int db_exchange_chain_head(struct db *d, char out[65], struct yerr *e);

/* ---- import ---- */

enum import_kind { IMP_APPLICATION, IMP_RESULT, IMP_SHARE, IMP_EVALUATION };

/* Starts the write transaction of an import file and its exchange_log
 * row; stepped: the file is committed in steps (db_import_step), which
 * bounds SQLite's page cache lower. */
int db_import_begin(struct db *d, const char *file, int stepped, int64_t *log_id,
		    struct yerr *e);
/* 1 while the import's transaction is still open (a callee that ended it
 * is a bug: the import then fails as a whole). */
int db_import_active(struct db *d);
/* Per-row savepoint, so a row the database refuses is rejected alone. */
int db_import_row_begin(struct db *d, struct yerr *e);
void db_import_row_end(struct db *d, int ok);

/* 0 new key, 1 applied by an earlier import, 2 seen earlier in this run. */
int db_import_key_state(struct db *d, enum import_kind k, const char *key, int64_t log_id,
			struct yerr *e);
int db_import_key_add(struct db *d, enum import_kind k, const char *key, int64_t log_id,
		      int64_t case_id, struct yerr *e);
/* Ends the import: updates the log row with the counts and status ("ok",
 * "partial", "rejected") and commits, or rolls everything back (dry run,
 * or status "rejected").  A rolled-back file still gets its log row,
 * unless dry_run. */
struct import_counts {
	long read, applied, skipped, rejected;
};
int db_import_end(struct db *d, int64_t log_id, const char *file, const char *started_at,
		  const struct import_counts *n, const char *status, int dry_run, struct yerr *e);
/* Commits what the import has written so far, with its counts in the
 * log row, lets a waiting clerk in, and begins the next transaction
 * (online applications, which wait in the inbox: db_inbox.h).  -1 (e):
 * the import is over, nothing more is open. */
int db_import_step(struct db *d, int64_t log_id, const struct import_counts *n,
		   struct yerr *e);

/* One row of shared_materials.csv, validated. */
struct share_row {
	const char *share_id, *id_number, *material, *source, *document_no, *issued_at;
};
/* Remembers the document and marks the matching missing or committed
 * material of every open case of that worker as shared, with an event per
 * case.  Sets *ncases to the cases changed. */
int db_import_share(struct db *d, const struct actor *a, const struct share_row *r,
		    int *ncases, struct yerr *e);

/* The documents shared for a person: fn is called with material code,
 * document number, source and issue date of each (newest first per
 * material).  For the form: materials the applicant need not bring. */
int db_shared_docs(struct db *d, const char *id_number,
		   void (*fn)(const char *material, const char *document_no, const char *source,
			      const char *issued_at, void *arg),
		   void *arg, struct yerr *e);

/* 0 when no shared document is known at all (then db_shared_docs finds
 * nothing for anyone), else 1. */
int db_shared_docs_any(struct db *d);

/* The task of an imported result: 0 found, 1 no such case, 2 the case has
 * no task of that item. */
int db_import_find_task(struct db *d, const char *case_no, const char *item, int64_t *task,
			int64_t *case_id, struct yerr *e);

#endif
