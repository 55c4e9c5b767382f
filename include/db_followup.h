/* db_followup.h — what the combined service promised after acceptance,
 * one concept per file: notice-commitment (告知承诺) instead of a proof,
 * its verification and the payments to recover after a false one
 * (src/db_commitment.c); pushes to other services (延伸服务) after decisions
 * (src/db_push.c); the applicant's evaluation (好差评) and its follow-up
 * (src/db_evaluation.c); the SMS outbox and the suspension notices
 * (src/db_outbox.c).  Every write is one BEGIN IMMEDIATE transaction with
 * its events, except the *_in_txn functions, which run inside the
 * caller's.  Layer: db. */
#ifndef YICI_DB_FOLLOWUP_H
#define YICI_DB_FOLLOWUP_H

#include <stdint.h>
#include "core_catalog.h"
#include "core_perm.h"
#include "db.h"

/* ---- notice-commitment and verification ---- */

struct commitment_in {
	const char *case_no;
	const char *material;    /* M11 ... */
	const char *item;        /* the item it serves; NULL = the ticked item
	                            whose catalog row allows a commitment */
	const char *method;      /* online | onsite | authority */
	const char *due_on;      /* "YYYY-MM-DD"; NULL = today + rule
	                            verify_commitment, else 20 working days */
	const char *note;
};

/* The clerk records the applicant's commitment instead of the proof: the
 * material becomes 'committed', a verification is opened with its due
 * date, and the 'committed' event is written.  Refused where the catalog
 * does not allow a commitment for that material and the case's items.
 * Needs ACT_CASE_WRITE.  Fills *verification (may be NULL). */
int db_commit_record(struct db *d, const struct catalog *c, const struct actor *a,
		     const struct commitment_in *in, int64_t *verification, struct yerr *e);

/* The same inside the caller's transaction, for the window's submit of an
 * application with committed materials.  No permission check. */
int64_t db_commitment_open_in_txn(struct db *d, const struct catalog *c, const struct actor *a,
				  int64_t case_id, int64_t task_id, const char *material,
				  const char *method, const char *due_on, const char *note,
				  struct yerr *e);

/* Records the outcome of the pending verification of the case's material:
 * confirmed, or false — which flags the case (cases.flagged), puts the
 * task it served on hold ('false_commitment': its payments stop) and
 * writes the events on the case and on the task.  When the benefit was
 * already approved, a payment to recover is opened (below), due after the
 * rule `recovery` of c.  Needs ACT_TASK_WORK in the task's category (or a
 * supervisor). */
int db_verify_record(struct db *d, const struct catalog *c, const struct actor *a,
		     const char *case_no, const char *material, const char *outcome,
		     const char *note, struct yerr *e);

/* The cases with a notice-commitment found false, for the supervisor:
 * up to max case numbers (the latest found false first) in nos, how many
 * such cases in *total.  0 or -1. */
int db_false_commitments(struct db *d, char nos[][24], int max, long *total, struct yerr *e);

/* ---- payments to recover (经办条例 §46) ---- */

/* One per task whose approved benefit rested on a commitment found false:
 * the amount paid, its payment reference, the due day of the order to
 * return it, and how it ended: open, recovered (with the voucher of the
 * repayment and the amount returned) or referred (to enforcement, with a
 * note). */
#define RECOVERY_VOUCHER_MAX 60  /* characters: refused above, so a row holds it whole */
#define RECOVERY_NOTE_MAX 300
struct recovery_row {
	int64_t id;
	char case_no[24], item[8], category[16], material[8];
	int64_t amount_fen, recovered_fen;  /* recovered_fen -1 = none yet */
	char payment_ref[64], state[16], opened_on[11], due_on[11];
	char voucher[4 * RECOVERY_VOUCHER_MAX + 1], note[4 * RECOVERY_NOTE_MAX + 1];
	char closed_at[20], closed_by[64];
};

/* Calls fn for each payment to recover, open ones first by due day; of
 * one case when case_no is given, closed ones too when all.  Returns how
 * many, or -1. */
int db_recovery_each(struct db *d, const char *case_no, int all,
		     void (*fn)(const struct recovery_row *r, void *arg), void *arg,
		     struct yerr *e);

struct recovery_close {
	const char *case_no, *item;
	const char *outcome;        /* recovered | referred */
	int64_t recovered_fen;      /* -1 = the whole amount */
	const char *voucher;        /* needed for recovered */
	const char *note;           /* needed for referred */
};
/* Closes the open recovery of the case's item with its event, in one
 * transaction.  Needs ACT_TASK_WORK in the benefit's category (or a
 * supervisor); refuses more than was paid, a closed one, a missing
 * voucher or note. */
int db_recovery_close(struct db *d, const struct actor *a, const struct recovery_close *in,
		      struct yerr *e);

/* How many are open and the earliest due day ("" when none), for the
 * supervisor.  0 or -1. */
int db_open_recoveries(struct db *d, long *n, char next_due[11], struct yerr *e);

/* open -> 待追回 ... (translated). */
const char *recovery_state_label(const char *state);

/* The follow-ups of poor evaluations not yet done, for the supervisor: how
 * many in *n, the earliest due day in next_due ("" when none).  0 or -1. */
int db_open_followups(struct db *d, long *n, char next_due[11], struct yerr *e);

/* ---- extended services ---- */

/* The push rule alone (pure): which targets a decision goes to, from its
 * outcome's outcomes.csv push column (PUSH_* of core_catalog.h): none
 * without the applicant's consent, the insurer only when the employer has
 * one, a grade range by the decision's grade. */
unsigned push_targets(const char *push, int grade, int has_insurer, int consent);

/* Called by db_task_decide inside its transaction after a task is
 * decided: a push to each target of the outcome's `push` column
 * (forms/outcomes.csv, e.g. RD recognised -> insurer, when the employer
 * has a supplementary commercial insurer; JD graded -> employment and
 * unemployment for grades 5-10).  Only when the applicant consented
 * (cases.consent_extended = 1); never twice for the same task and target.
 * Writes a 'pushed' event per push (actor "system").  Returns the number
 * of pushes written, or -1. */
int db_push_on_decision(struct db *d, int64_t task_id, struct yerr *e);

/* ---- service evaluation ---- */

/* The supervisor's follow-up of a poor rating, done: sets followup_at and
 * writes an event with the note (full IDs in it masked).  Refused when
 * the case has no open follow-up.  Needs ACT_FOLLOWUP. */
int db_followup_done(struct db *d, const struct actor *a, const char *case_no, const char *note,
		     struct yerr *e);

/* Where a rating came from: channel "pad" (at the window), "sms" (a reply)
 * or "online"; ext_id and log_id for a row of the platform's
 * evaluations.csv (NULL for one typed in). */
struct eval_source {
	const char *channel;
	const char *ext_id;
	int64_t log_id;
};
/* 1 for pad, sms and online. */
int eval_channel_ok(const char *ch);
/* Records the rating (1 very dissatisfied .. 5 very satisfied) and the
 * comment, once per case, with where it came from; a poor rating (1 or 2)
 * opens a follow-up for the supervisor due after the eval_followup rule
 * (15 working days), written to followup_due (may be NULL).  Typed in:
 * needs ACT_DELIVER, and a user who served the case at the window (an actor of
 * its created, submitted, accepted, deficient, supplemented, not_accepted,
 * refused, delivered or withdrawn events) may not enter its rating
 * (YERR_DENIED).  Imported (ext_id set): needs ACT_EXCHANGE. */
int db_evaluate_from(struct db *d, const struct catalog *c, const struct actor *a,
		     const char *case_no, int rating, const char *comment,
		     const struct eval_source *src, char followup_due[11], struct yerr *e);
/* Of an imported rating's id: 0 new, 1 applied by an earlier import, 2
 * seen earlier in this one (log_id); -1 with e. */
int db_evaluation_key_state(struct db *d, const char *ext_id, int64_t log_id, struct yerr *e);

/* ---- the SMS outbox ---- */

struct outbox_row {
	int64_t id;
	char case_no[32], kind[32], recipient[24], state[12], created_at[20], exported_at[20];
	char body[1024];
};
/* Calls fn for each SMS in state (NULL: queued and exported), newest
 * first, at most limit (0: all). */
int db_outbox_each(struct db *d, const char *state, long limit,
		   void (*fn)(const struct outbox_row *r, void *arg), void *arg, struct yerr *e);

/* ---- suspension and resumption: the applicant told in writing ---- */

/* Inside the suspend or resume transaction, after its pause row: a written
 * notice (letter kind "suspension" with the reason and what ends it, or
 * "resumption" with the confirmation and the new deadline), kept for
 * 'yici notice CASE --kind suspension|resumption', and the SMS
 * sms_suspended / sms_resumed when the catalog has it and the applicant a
 * mobile. */
int db_pause_notice(struct db *d, const struct catalog *c, const struct actor *a, int64_t task,
		    int resumed, const char *confirmation, struct yerr *e);

#endif
