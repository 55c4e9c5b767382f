/* db_application.h — the combined application at the window: drafts,
 * online intake, acceptance (case number, one task per ticked item routed
 * to its category, deadlines, events, acceptance SMS), the one-time
 * deficiency notice, supplementing, and not-accepting.  Each call is one
 * BEGIN IMMEDIATE transaction.  The form editor, the CLI and the import of
 * online applications all call these.  Layer: db. */
#ifndef YICI_DB_APPLICATION_H
#define YICI_DB_APPLICATION_H

#include <stdint.h>
#include "core_case.h"
#include "core_catalog.h"
#include "core_application.h"
#include "core_perm.h"
#include "db.h"


/* Validates every field against forms/form.csv (required, max length,
 * type: ID numbers, credit codes, phones, dates not in the future) and the
 * rules (items allowed for the case kind, prerequisites ticked or decided
 * earlier, the application window).  Fills errs (caller frees each) with
 * one message per problem, "field: reason"; returns how many. */
int application_check(struct db *d, const struct catalog *c, const struct application *ap,
		      char ***errs);


/* Saves a draft (new when *case_id == 0) or an online application waiting
 * in the intake list (channel "online", state intake).  Idempotent for an
 * ext_id already present: returns 1 and sets *case_id without changes. */
int db_application_save(struct db *d, const struct catalog *c, const struct actor *a,
			struct application *ap, int64_t *case_id, struct yerr *e);

/* The import's db_application_save of a new online application (channel
 * "online" with its ext_id): the same rows and event, written directly in
 * the caller's transaction, whose per-row savepoint undoes a failure (no
 * savepoint of its own); decided as from db_application_decided.  Returns
 * 1 with *case_id for an ext_id already present, 0 when saved, -1 (e). */
int db_application_import(struct db *d, const struct catalog *c, const struct actor *a,
			  struct application *ap, itemset decided, int64_t *case_id,
			  struct yerr *e);

/* Submits: all required materials present → accepted (case number, tasks,
 * deadlines, events, SMS, 受理通知书 text in *notice); otherwise deficient
 * with the one-time notice of EVERY missing material in *notice.  Returns
 * 0 on success with *state set; *notice is malloc'd. */
int db_application_submit(struct db *d, const struct catalog *c, const struct actor *a,
			  struct application *ap, int64_t *case_id, enum case_state *state,
			  char **notice, struct yerr *e);

/* Not accepted (不予受理) with the reason and the remedy. */
int db_application_refuse(struct db *d, const struct actor *a, int64_t case_id,
			  const char *reason, char **notice, struct yerr *e);

/* Loads a saved case back into an application (for resume and re-check). */
int db_application_load(struct db *d, const struct catalog *c, int64_t case_id,
			struct application *ap, struct yerr *e);

/* ---- extensions (issue 3: the window) ----
 * Transactions: every db_application_* call that writes is one BEGIN
 * IMMEDIATE transaction, or, when the caller already holds one (the import
 * batches rows), a savepoint inside it that is rolled back on failure.
 * Events: first save 'created' (online: 'imported' with the ext_id),
 * later saves 'created' ("draft saved") or, for a deficient case,
 * 'supplemented' with the materials that changed; submit 'submitted', then
 * 'deficient' or 'accepted' with 'task_accepted' / 'task_waiting' per task;
 * refuse 'not_accepted'; every letter 'notice_printed', every SMS
 * 'sms_queued'.  Ticked items live in case_field under "items.ticked";
 * field values that do not fit their column (a draft's half-typed ID)
 * live in case_field under their own key, so nothing typed is lost. */


/* Items decided positively (an outcome marked positive in outcomes.csv)
 * in the case ap follows and the cases it follows in turn: their
 * materials are produced, not asked again.  Nothing when ap follows no
 * case: another case of the same worker is another accident. */
int db_application_decided(struct db *d, const struct catalog *c, const struct application *ap,
			   itemset *out, struct yerr *e);
/* The decisions an application relies on: every decided task of the case
 * it follows (ap->follows) and of the cases that one follows in turn
 * (followed = 1), and those of other cases of the same worker with the
 * same accident date (followed = 0, read only for once-per-accident
 * benefits).  -1 when the followed case does not exist or is another
 * worker's. */
int db_application_prior(struct db *d, const struct catalog *c, const struct application *ap,
			 struct prior *p, struct yerr *e);
/* Makes ap follow case_no: checks it is a case of the same worker (when
 * the worker's ID is given), sets ap->follows and fills the worker,
 * employer and accident fields left empty from that case (not the death
 * date: a death may follow an injury, given with accident.kind=death). */
int db_application_follow(struct db *d, const struct catalog *c, struct application *ap,
			  const char *case_no, struct yerr *e);
/* One earlier case of a worker, for the form's picker. */
struct earlier_case {
	char case_no[32];
	char accident_date[11];
	char kind[8];
	char decisions[160];    /* "RD recognised, JD graded 7" */
};
/* The worker's accepted cases (newest first, at most max), except
 * except_case.  Returns the count, -1 on error. */
int db_application_earlier(struct db *d, const struct catalog *c, const char *worker_id_number,
			   int64_t except_case, struct earlier_case *out, int max, struct yerr *e);

/* Prefill: a person (by citizen ID) or an employer (by credit code) known
 * from earlier cases.  1 found, 0 unknown, -1 error. */
struct known_person {
	char name[128], phone[32], address[256];
};
int db_application_person(struct db *d, const char *id_number, struct known_person *p,
			  struct yerr *e);
struct known_employer {
	char name[256], address[256], contact[128], phone[32], supp_insurer[256];
	int insured;
};
int db_application_employer(struct db *d, const char *credit_code, struct known_employer *em,
			    struct yerr *e);

/* A case by number ("GS340102-20261128-0007"), by online ext_id, or by
 * "#ID" (a draft without a number).  0 found, 1 not found, -1 error. */
int db_application_find(struct db *d, const char *ref, int64_t *case_id, struct yerr *e);

/* The online applications waiting at the window, oldest submission
 * first: the inbox's rows not yet opened, and the online cases opened but
 * not yet submitted; after (after_at, after_id) ("" / 0 from the start). */
struct intake_row {
	int64_t id;            /* the inbox row's (inbox) or the case's */
	int inbox;             /* 1: waiting in the inbox, opened at F7 (db_inbox_open) */
	char ext_id[64];
	char submitted_at[20];
	char created_at[20];
	char worker_name[64];
	char applicant_name[64];
	char kind[8];
	char items[64];
};
int db_application_intake(struct db *d, const char *after_at, int64_t after_id, int limit,
			  struct intake_row *out, struct yerr *e);
/* How long the application has waited since it was submitted online (its
 * clock runs from then): "3d 04h" or "5h 20m", as of clock_now(). */
void intake_waited(const struct intake_row *r, char out[24]);

/* Notice kinds: "acceptance" (受理通知书), "deficiency" (一次性告知书),
 * "refusal" (不予受理通知书), "form" (联办事项申请表, made from the case as
 * it is now).  The kind a case's state calls for when none is given. */
const char *application_notice_kind(enum case_state s);
/* The text of a notice: the latest stored letter of that kind (as the
 * applicant got it), or, for "form", the filled form.  *text is malloc'd.
 * YERR_NOTFOUND when the case never had that notice. */
int db_application_notice(struct db *d, const struct catalog *c, int64_t case_id,
			  const char *kind, char **text, struct yerr *e);
/* Where a notice file goes: config notices_dir (relative to the database's
 * folder) / CASE-kind.txt.  malloc'd. */
char *db_application_notice_path(struct db *d, const char *case_no, const char *kind);
/* Records a (re)printed notice and its file: one transaction, a letter row
 * and a 'notice_printed' event. */
int db_application_letter(struct db *d, const struct actor *a, int64_t case_id,
			  const char *kind, const char *body, const char *file, struct yerr *e);

/* Issues a new query code for an accepted case (the old one no longer
 * matches: only hashes are kept, so a code is never printed twice), with
 * a 'notice_printed' event "query_code reissued".  code: the 6 digits for
 * the slip; case_no: the case's number. */
int db_application_query_code(struct db *d, const struct actor *a, int64_t case_id,
			      char code[8], char case_no[32], struct yerr *e);

/* ---- a lapsed 补正期限 ---- */

/* Deficient cases past their supplement deadline, the longest overdue
 * first: at most max rows in out, *total of them in all; returns the rows
 * filled or -1. */
struct lapsed_row {
	int64_t id;
	char case_no[32], due[11], worker_name[64];
	int days_over, extended;
};
int db_application_lapsed(struct db *d, struct lapsed_row *out, int max, long *total,
			  struct yerr *e);
/* The window's decision on a lapsed case.  Extend: once, with a reason, a
 * new deadline (rule supplement_deadline from today) in new_due, an
 * 'extended' event and the deficiency SMS again.  Withdraw: 视为撤回, state
 * withdrawn with an event, the SMS sms_withdrawn (when the catalog has it)
 * and a written notice ("withdrawal", *notice malloc'd).  Both refuse a
 * case that has not lapsed.  Until one of them, a lapsed case can be
 * neither saved, supplemented nor submitted. */
int db_application_lapse_extend(struct db *d, const struct catalog *c, const struct actor *a,
				int64_t case_id, const char *reason, char new_due[11],
				struct yerr *e);
int db_application_lapse_withdraw(struct db *d, const struct catalog *c, const struct actor *a,
				  int64_t case_id, char **notice, struct yerr *e);

/* The window records what an office asked for (yici task request) on an
 * accepted case: marks are CODE=STATUS; each code must be asked for by a
 * task still in review.  A task whose materials are all in resumes its
 * review clock (db_task_supplemented).  One transaction. */
int db_application_office_supplement(struct db *d, const struct actor *a, int64_t case_id,
				     char *const *marks, int nmarks, struct yerr *e);

#endif
