/* db_task.h — the work of the back offices on tasks: take, assign, review,
 * decide, suspend/resume, extend, deliver.  Each call is one BEGIN
 * IMMEDIATE transaction: the permission check (core_perm), the state check
 * (core_task), the task row, its event, linked activation of waiting tasks
 * and the SMS it queues.  The TUI, the CLI and the results import all call
 * these and nothing else.  Layer: db. */
#ifndef YICI_DB_TASK_H
#define YICI_DB_TASK_H

#include <stdint.h>
#include "core_perm.h"
#include "db.h"

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

/* Finds a task by case number and item code; 0 found, 1 not found, -1 error. */
int db_task_find(struct db *d, const char *case_no, const char *item, int64_t *task,
		 int *version, struct yerr *e);

#endif
