/* db_task.h — the work of the back offices on tasks: take, assign, review,
 * decide, suspend/resume, extend, deliver.  Each call is one BEGIN
 * IMMEDIATE transaction: the permission check (core_perm), the state check
 * (core_task), the task row, its event, linked activation of waiting tasks
 * and the SMS it queues.  The TUI, the CLI and the results import all call
 * these and nothing else.  Layer: db. */
#ifndef YICI_DB_TASK_H
#define YICI_DB_TASK_H

#include <stdint.h>
#include "core_benefit.h"
#include "core_catalog.h"
#include "core_perm.h"
#include "core_task.h"
#include "db.h"

/* The inputs of a benefit calculation that the case does not hold
 * (task calc's options; task decide takes the same ones). */
struct calc_opts {
	int64_t wage_fen;        /* 本人工资; -1 not given */
	int64_t avg_wage_fen;    /* -1: config avg_wage_month, else rates.csv */
	int grade, care_level;   /* -1: the case's own JD conclusion */
	int spouse, others, lonely, advance;
	int days;                /* HS: days in hospital; -1 not given */
};
#define CALC_OPTS_NONE { .wage_fen = -1, .avg_wage_fen = -1, .grade = -1, .care_level = -1, \
			 .days = -1 }

struct decision {
	const char *outcome;     /* recognised | deemed | not_recognised (RD);
	                            graded | no_grade (JD); confirmed | refused (FJ);
	                            approved | refused (agency items) */
	int grade;               /* JD: 1..10 when graded, else 0 */
	int care_level;          /* JD: 0 none, 1..3 生活自理障碍 level */
	int64_t amount_fen;      /* agency approve: integer fen */
	const char *payment_ref; /* agency approve */
	const char *document_no; /* decision document number */
	const char *reason;      /* required for refusals and not_recognised */
	const char *decided_on;  /* "YYYY-MM-DD"; NULL = today */
	const char *note;
	/* approved: the inputs of task calc, whose reference amount the
	 * approval must equal unless override_reason says why not; NULL =
	 * none given (an item with a formula then needs override_reason) */
	const struct calc_opts *calc;
	const char *override_reason;
	/* a decision the province made, read from results.csv: its amount is
	 * recorded as given (the file carries no inputs of task calc), with
	 * calc's reference kept beside it when calc can compute one */
	int province;
};

/* Every function returns 0, or -1 with e set (YERR_DENIED, YERR_STATE,
 * YERR_INPUT, YERR_BUSY ...) and nothing changed.  `version` is the task
 * row version the actor saw (0 = don't check): a task changed meanwhile by
 * another officer is refused with YERR_STATE ("changed by X meanwhile"). */
int db_task_take(struct db *d, const struct actor *a, int64_t task, int version, struct yerr *e);
int db_task_assign(struct db *d, const struct actor *a, int64_t task, const char *login,
		   int version, struct yerr *e);
int db_task_review(struct db *d, const struct actor *a, int64_t task, int version,
		   struct yerr *e);
int db_task_decide(struct db *d, const struct actor *a, int64_t task, const struct decision *dc,
		   int version, struct yerr *e);
/* reason: judicial | reconsideration | litigation | reappraisal. */
int db_task_suspend(struct db *d, const struct actor *a, int64_t task, const char *reason,
		    const char *note, int version, struct yerr *e);
/* confirmation: how the applicant confirmed the resumption (required). */
int db_task_resume(struct db *d, const struct actor *a, int64_t task, const char *confirmation,
		   int version, struct yerr *e);
/* JD/FJ: one extension of the rule's days (jd_extend / fj_extend) with a reason. */
int db_task_extend(struct db *d, const struct actor *a, int64_t task, const char *reason,
		   int version, struct yerr *e);
/* method: window | post; recipient: who signed for it. */
int db_task_deliver(struct db *d, const struct actor *a, int64_t task, const char *method,
		    const char *recipient, const char *on, int version, struct yerr *e);

/* RD: the 15-day simple-case track (条例 §20, rules.csv rd_simple) for a
 * case whose facts are clear; puts the task in review. */
int db_task_simple(struct db *d, const struct actor *a, int64_t task, int version,
		   struct yerr *e);
/* JD: 再次鉴定 requested on `on` (NULL = today), within jd_reappraisal_request
 * days of delivery: the task goes back to review with a new clock, and the
 * active tasks that its grade started (SC, YB) are suspended until the new
 * conclusion, which resumes or closes them. */
int db_task_reappraise(struct db *d, const struct actor *a, int64_t task, const char *on,
		       int version, struct yerr *e);

/* 复核: a second officer of the task's office (or a supervisor), not the
 * one who decided, countersigns an approval whose amount was overridden or
 * is above config review_above_yuan; only then is its payment SMS queued
 * and may it be delivered. */
int db_task_countersign(struct db *d, const struct actor *a, int64_t task, int version,
			struct yerr *e);

/* task_may (core_task.h) on the task as the database holds it now: what
 * the queue screen asks before it offers an action or prompts, with the
 * words db_task would refuse it with.  0 allowed, -1 with e. */
int db_task_may(struct db *d, const struct catalog *c, const struct actor *a, int64_t task,
		enum task_action ta, struct yerr *e);

/* 受理审核 by the office (a task in 'reviewing', items.csv accepts=office):
 * accept starts the decision clock today and queues the item's acceptance
 * SMS; reject (不予受理) records the reason, writes the refusal notice with
 * the remedy, queues sms_not_accepted and closes the items that wait for
 * it; request (补正) marks the materials missing, writes one notice of all
 * of them, queues sms_deficient and stops the review clock until the
 * window records the supplement (db_task_supplemented).  An officer of the
 * task's office, or a supervisor. */
int db_task_accept(struct db *d, const struct actor *a, int64_t task, int version,
		   struct yerr *e);
int db_task_reject(struct db *d, const struct actor *a, int64_t task, const char *reason,
		   int version, struct yerr *e);
int db_task_request(struct db *d, const struct actor *a, int64_t task, const char *const *codes,
		    int ncodes, int version, struct yerr *e);
/* Inside the caller's transaction: each reviewing task of the case whose
 * requested materials are all in again resumes its review clock, with a
 * 'supplemented' event. */
int db_task_supplemented(struct db *d, const struct actor *a, int64_t case_id, struct yerr *e);

/* The benefit calculation of a task from the case (grade, death year,
 * circumstance, the employer's insurance) and opts: what task calc prints
 * and task decide checks an approval against. */
struct task_info;
int db_task_calc(struct db *d, const struct catalog *cat, const struct task_info *t,
		 const struct calc_opts *o, struct benefit_input *in, struct benefit_calc *bc,
		 struct yerr *e);

/* The amount above which an approval needs a countersignature, in fen
 * (config review_above_yuan, default 50000 yuan). */
int64_t db_task_review_above(struct db *d);

/* The free text of a task action, in characters: a reason, a note, an
 * override reason or a confirmation at most TASK_TEXT_MAX, a document
 * number or payment reference at most TASK_REF_MAX, a recipient at most
 * TASK_NAME_MAX.  Longer is refused (db_text_ok names the field), so the
 * rows below hold every stored value whole (4 bytes per character). */
#define TASK_TEXT_MAX 100
#define TASK_REF_MAX 40
#define TASK_NAME_MAX 50
#define TASK_TEXT_BYTES (4 * TASK_TEXT_MAX + 1)
#define TASK_REF_BYTES (4 * TASK_REF_MAX + 1)

/* One task as `yici task show` and the queue screen show it. */
struct task_info {
	int64_t id, case_id;
	int version;
	char case_no[32], item[8], item_name[128], category[12], state[16], assignee[64];
	char assignee_name[64];      /* the assignee's name in staff, "" when none */
	char worker[64], started_on[11], due_on[11], legal_due_on[11], day_kind[12];
	int limit_days, promised_days, extended_days, simple_track;
	char outcome[16], payment_ref[TASK_REF_BYTES], document_no[TASK_REF_BYTES];
	char reason[TASK_TEXT_BYTES];
	int grade, care_level;
	int64_t amount_fen;          /* -1 when none */
	char decided_on[11], delivered_on[11], delivery_to[4 * TASK_NAME_MAX + 1];
	char delivery_due[11];       /* decided: the day delivery is due */
	int npauses;
	struct task_pause_info {
		char reason[20], from_on[11], to_on[11];
		char confirmed_by[TASK_TEXT_BYTES], note[TASK_TEXT_BYTES];
	} pauses[8];
	/* for benefit calculations */
	int case_grade, case_care;   /* the case's JD conclusion, 0 when none */
	int death_year;              /* year of the death date (death cases), else 0 */
	int veteran;                 /* circumstance 'veteran' (条例 §15(三)) */
	int missing;                 /* circumstance 'missing' (下落不明, 条例 §41) */
	int uninsured;               /* the employer is not insured (条例 §62 ¶2) */
	/* money */
	char decided_by[64], countersign[12], countersigned_by[64];
	char override_reason[TASK_TEXT_BYTES];
	int64_t calc_fen;            /* task calc's reference at the decision; -1 none */
	int basis_grade;             /* the grade the amount was computed from, 0 none */
	char basis_changed[160];     /* "" or why a recalculation is due */
	char hold[64];               /* "" or why payments are held */
};
int db_task_get(struct db *d, int64_t task, struct task_info *out, struct yerr *e);

/* Finds a task by case number and item code; 0 found, 1 not found, -1 error. */
int db_task_find(struct db *d, const char *case_no, const char *item, int64_t *task,
		 int *version, struct yerr *e);

#endif
