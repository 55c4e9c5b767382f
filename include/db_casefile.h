/* db_casefile.h — reading one case whole (header, tasks with deadlines and
 * days left, materials, pauses, verifications, pushes, evaluation), its
 * timeline of events paged by (time, id) so 10,000 events open as fast as
 * 10, the case list with filters, and the lookup behind F5 and `yici case
 * find`.  Read-only except for the pinyin index catch-up.  Layer: db.
 *
 * ID numbers are shown masked (340102********123X) to everyone.  Those who
 * work on the case (the clerk who took or accepted it, an officer
 * assigned to one of its tasks: the one rule is db_audit.c's may_reveal)
 * may reveal one on demand, a separate, logged action (db_reveal_id). */
#ifndef YICI_DB_CASEFILE_H
#define YICI_DB_CASEFILE_H

#include <stdint.h>
#include "core_catalog.h"
#include "core_perm.h"
#include "db.h"
#include "db_case.h"
#include "db_task.h"

/* ---- one case ---- */

struct cf_header {
	int64_t id;
	char case_no[32], state[16], kind[8], channel[8];
	/* the names as received (the case's own, which documents print),
	 * and as shown: received, with "(now known as NEW)" after it when the
	 * shared person or employer row has been renamed since by a later
	 * application (owned: casefile_release frees them; never NULL once
	 * loaded) */
	char *worker_received, *applicant_received, *employer_received;
	char *worker_name, *applicant_name, *employer_name;
	char worker_id[20], worker_phone[24];
	char applicant_id[20], applicant_phone[24];
	char applicant_type[12], applicant_relation[32];
	char employer_credit[20], employer_insurer[64];
	int employer_insured;
	char accident_date[11], accident_type[12], circumstance[16];
	char created_at[20], accepted_at[20], accepted_by[64], accepted_by_name[64];
	char delivery_method[8], supplement_due[11], reason[256];
	int consent_extended, flagged;
};

struct cf_task {
	int64_t id;
	int item;               /* catalog index, -1 if unknown */
	char item_code[8], category[12], state[16];
	char assignee[64], assignee_name[64];
	char started_on[11], due_on[11], legal_due_on[11], day_kind[10];
	int days_left;          /* valid when has_days_left */
	int has_days_left;
	char outcome[16], document_no[TASK_REF_BYTES], decided_on[11], delivered_on[11];
	int grade;              /* 0 none */
	int64_t amount_fen;     /* -1 none */
	char reason[TASK_TEXT_BYTES], hold[32];
	int paused;             /* an open pause */
	char countersign[12];   /* "" | pending | done (复核 of an approval) */
	char basis_changed[160];/* "" or why the amount is due for recalculation */
	/* the flow drawing: column (0 = waits on nothing ticked), row (a tree:
	 * a task's first follower on its row, the others on rows below), the
	 * tasks (indexes) this one waits for, and the one it hangs from (the
	 * latest it waits for; -1 for none) */
	int col, row;
	uint32_t waits_on;
	int parent;
};

struct cf_material {
	char code[8], name[128], status[12], items[64], document_no[64];
};

struct cf_pause {
	int64_t task_id;
	char item_code[8], reason[16], from_on[11], to_on[11]; /* to_on "" = still paused */
};

struct cf_verification {
	int64_t id, task_id;
	char material[8], method[12], due_on[11], outcome[12], note[256], recorded_at[20];
};

struct cf_push {
	int64_t task_id;
	char target[16], created_at[20], exported_at[20], payload[256];
};

struct cf_evaluation {
	int rating;
	char comment[512], at[20], followup_due[11], followup_at[20];
};

struct casefile {
	struct cf_header h;
	struct cf_task *tasks;
	int ntasks, ncols;
	struct cf_material *materials;
	int nmaterials;
	struct cf_pause *pauses;
	int npauses;
	struct cf_verification *verifs;
	int nverifs;
	struct cf_push *pushes;
	int npushes;
	int has_eval;
	struct cf_evaluation eval;
	long nevents;
};

/* Loads a case by number ("GS340102-20261128-0007", case-insensitive) or
 * by id.  An unknown or malformed number returns -1 with YERR_NOTFOUND or
 * YERR_INPUT and a message naming it.  viewer is the reader (its login, role). */
int db_casefile_load(struct db *d, const struct catalog *c, const struct actor *viewer,
		     const char *case_no, struct casefile *cf, struct yerr *e);
int db_casefile_load_id(struct db *d, const struct catalog *c, const struct actor *viewer,
			int64_t id, struct casefile *cf, struct yerr *e);
void casefile_release(struct casefile *cf);

/* 0 when s has the shape of a case number (GS340102-20261128-0007, any
 * case) with a real date; else -1 with a message naming it. */
int casefile_case_no_check(const char *s, struct yerr *e);

/* The ID as screens and listings show it: masked, full only once the
 * viewer has revealed it (db_reveal_id, which writes the event). */
void casefile_show_id(int revealed, const char *id, char out[20]);

/* ---- the timeline ---- */

struct cf_event {
	int64_t id, task_id;
	char at[20], actor[64], actor_name[64], actor_role[12];
	char category[12], item_code[8], kind[16], detail[512];
	int paused;             /* inside a suspension of its task (or of any
	                           task, for a case event) */
};
/* A position in the timeline: events are ordered by (at, id). */
struct cf_cursor {
	char at[20];
	int64_t id;
};
/* Up to limit events after cur (NULL: from the first), in time order.
 * Returns how many. */
int db_casefile_events(struct db *d, const struct casefile *cf, const struct cf_cursor *after,
		       int limit, struct cf_event *out, struct yerr *e);
/* Up to limit events before cur (NULL: the last ones), in time order. */
int db_casefile_events_before(struct db *d, const struct casefile *cf,
			      const struct cf_cursor *before, int limit, struct cf_event *out,
			      struct yerr *e);

/* Deadline markers: each open task's promised and legal due dates. */
struct cf_marker {
	char day[11];
	int task;               /* index into cf->tasks */
	int legal;              /* 0 promised, 1 legal limit */
};
/* Fills a malloc'd array sorted by day; returns the count. */
int casefile_markers(const struct casefile *cf, struct cf_marker **out);

/* A line of the timeline: an event, or a deadline marker placed after the
 * events of its day (marker >= 0: its index; ev.at is then the day and
 * "~", ev.id the index, so lines are ordered by (ev.at, ev.id)). */
struct cf_line {
	int marker;             /* -1: the event ev */
	struct cf_event ev;
};
/* The timeline's keyset row source (the case view's list): up to n lines
 * after `from` (dir 1; from NULL: from the first), from it on (dir 0), or
 * before it (dir -1; from NULL: the last ones), in time order, the events
 * read from the database and the nm markers m merged in.  Returns how
 * many, -1 on an error. */
int db_casefile_lines(struct db *d, const struct casefile *cf, const struct cf_marker *m, int nm,
		      const struct cf_line *from, int dir, int n, struct cf_line *out,
		      struct yerr *e);

/* db_event_words.c: the detail of an event of kind in the reader's words
 * when it has one of the writers' shapes (codes and values), else NULL; a
 * decision's "; override of calc ..." and "; awaiting countersignature"
 * cut off detail (a copy) and said into tail. */
const char *event_words(const char *kind, const char *detail, char *buf, size_t n);
void event_decision_tail(char *detail, char *tail, size_t n);

/* Translated labels. */
const char *casefile_event_label(const char *kind);     /* "accepted" -> 受理 */
/* An event's detail as read: the SMS and the letter named, not their
 * keys (sms_accepted -> "application accepted"), a push's target by
 * its name; others as stored.  buf (n bytes) may hold the result. */
const char *casefile_event_detail(const char *kind, const char *detail, char *buf, size_t n);
const char *casefile_outcome_label(const char *outcome);
/* A verification's method (online, onsite, authority) or outcome
 * (pending, confirmed, false) as words. */
const char *casefile_verification_label(const char *code);
const char *casefile_target_label(const char *target);
const char *casefile_rating_label(int rating);           /* 5 非常满意 ... 1 非常不满意 */

/* ---- lists and lookup ---- */

struct cf_row {
	struct case_row r;
	int flagged;
};

struct case_filter {
	const char *state, *kind, *channel;  /* NULL = any */
	const char *from, *to;               /* "YYYY-MM-DD" on the acceptance (else
	                                        creation) date, inclusive; NULL = open */
	long limit;                          /* 0 = no limit */
};
/* Checks the filter values; -1 with a message naming the bad one. */
int case_filter_check(const struct case_filter *f, struct yerr *e);
/* Calls fn for each matching case, newest first. */
int db_case_each(struct db *d, const struct case_filter *f, const struct actor *viewer,
		 void (*fn)(const struct cf_row *row, void *arg), void *arg, struct yerr *e);

/* What a lookup text was taken for. */
enum find_kind { FIND_CASE_NO, FIND_DIGITS, FIND_ID, FIND_PHONE, FIND_CREDIT, FIND_INITIALS,
		 FIND_NAME, FIND_EXT_ID, FIND_ID_TAIL_NAME };
const char *find_kind_label(enum find_kind k);
/* An SMS kind (forms/templates.csv key: sms_accepted ...) in the reader's
 * words; a kind a province added is shown by its key. */
const char *casefile_sms_label(const char *kind);

#define FIND_CAP 1000   /* matches counted at most; beyond, "more than" */
struct find_result {
	enum find_kind kind;
	int64_t *ids;           /* matching case ids, newest first (at most FIND_CAP) */
	int nids;
	int more;               /* more than FIND_CAP matched */
};
/* Classifies and runs a lookup: Latin letters = pinyin initials; digits =
 * case number (tail), ID number or phone; 18 characters = a citizen ID or
 * a credit code, validated with a precise message when neither; "GS..." =
 * case number; Chinese = person name (full or part) or employer name.
 * Every path is an index search.  Returns 0 (possibly no matches) or -1
 * with a message for input it cannot search. */
int db_case_find(struct db *d, const char *text, struct find_result *out, struct yerr *e);
void find_result_release(struct find_result *r);
/* The rows of ids[from, from + n) for display. */
int db_case_rows(struct db *d, const struct actor *viewer, const int64_t *ids, int n,
		 struct cf_row *out, struct yerr *e);

/* Computes the pinyin initials of persons queued by the triggers of
 * db/005_lookup.sql (new or renamed people): inside the caller's
 * transaction when one is open (yici init --demo should call it before its
 * commit), else in its own; nothing on a read-only connection.  `max`
 * bounds the work (0: all).  Returns the number done or -1. */
long db_lookup_catch_up(struct db *d, long max, struct yerr *e);

/* The lookup index of a bulk write (an import, the demo), written once at
 * its end.  db/005's insert triggers on person and employer write FTS5
 * tables, and once a virtual table is written in a transaction every later
 * statement of it flushes the table's pending terms: per row, that was a
 * third of an import.  db_lookup_defer (inside the writer's transaction)
 * drops those two triggers and notes the largest ids; db_lookup_finish
 * (before the writer commits) writes for the new rows exactly what the
 * triggers would have (lookup_queue, person_fts, employer_fts) and creates
 * the triggers again from their own SQL.  A rollback brings them back by
 * itself.  Only for writers that never rename a person or employer they
 * inserted (the import and the demo do not). */
struct lookup_defer {
	char *sql[2];             /* person_lookup_insert, employer_lookup_insert */
	int64_t from[2];          /* person and employer ids up to here existed */
	int dropped[2];
};
int db_lookup_defer(struct db *d, struct lookup_defer *df, struct yerr *e);
int db_lookup_finish(struct db *d, struct lookup_defer *df, struct yerr *e);
void db_lookup_defer_release(struct lookup_defer *df);

#endif
