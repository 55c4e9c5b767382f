/* core_task.h — the task state machine of the back offices: which action
 * is allowed in which state, the outcomes each item may have, linked
 * activation of waiting tasks ("同步获取"), deadlines recomputed around
 * pauses, and the red/yellow thresholds of the queues.  Layer: core (pure
 * C; db_task.c applies these rules inside its transactions). */
#ifndef YICI_CORE_TASK_H
#define YICI_CORE_TASK_H

#include <stdint.h>
#include "core_case.h"
#include "core_catalog.h"
#include "core_date.h"
#include "core_perm.h"
#include "util.h"

/* ---- the one table of task actions ----
 *
 * Everything a person (or the results import) does to a task is one row
 * of task_actions[] in core_task.c: its word, who may do it (a core_perm
 * action: the role, and for ACT_TASK_WORK an officer of the task's
 * office), the task states it starts from, whether the case must be open,
 * the assignee and second-officer conditions (flags), and the catalog
 * column (forms/items.csv) that must allow it.  task_may() applies a row;
 * db_task.c calls it inside the transaction before it writes, the queue
 * screen (F3) before it offers or prompts, cli_task.c picks its
 * subcommands from the table, and the results import reaches it through
 * db_task_decide.  A refusal has the same words everywhere.
 *
 * To add an action (e.g. an office's accept/reject/request):
 *   1. a TA_ value before TA_N (the enum order is the table order);
 *   2. its row in task_actions[]: code, label (msgid), perm, from states,
 *      flags, column, inputs;
 *   3. a db_task_* function that starts with begin(..., TA_X) (db_task.c),
 *      which calls task_may, then writes its row change and its event;
 *   4. one line in cli_task.c's subs[] (its options and the function to
 *      call), and a key in ui_queue.c's actions[] calling actionable()
 *      with TA_X; po/zh_CN.po entries for the new words. */
enum task_action { TA_TAKE, TA_ASSIGN, TA_REVIEW, TA_DECIDE, TA_SUSPEND, TA_RESUME,
		   TA_EXTEND, TA_DELIVER, TA_REAPPRAISE, TA_COUNTERSIGN, TA_ACCEPT, TA_REJECT,
		   TA_REQUEST, TA_SHOW, TA_CALC, TA_N };

/* Conditions of a row beyond role and state. */
enum {
	TAF_READ = 1 << 0,       /* only reads: the database is opened read-only */
	TAF_CASE_OPEN = 1 << 1,  /* the case must be open (accepted; not withdrawn,
	                            not accepted or closed) */
	TAF_FREE = 1 << 2,       /* nobody holds the task yet (take) */
	TAF_SECOND = 1 << 3,     /* a countersignature is pending, and the actor is not
	                            the officer who decided (复核) */
	TAF_SIGNED = 1 << 4,     /* no countersignature is pending (deliver) */
};

/* The forms/items.csv column an action needs non-empty for the item. */
enum task_column { TC_NONE, TC_SUSPEND, TC_EXTEND, TC_REAPPRAISE };

struct task_action_def {
	const char *code;        /* "decide": the CLI word; events say "task decide" */
	const char *label;       /* msgid, what it did: "decided" */
	enum action perm;        /* core_perm: ACT_TASK_WORK (officers of the task's office,
	                            supervisors, the results import), ACT_ASSIGN,
	                            ACT_DELIVER or ACT_READ */
	unsigned from;           /* bits (1 << task_state) it starts from; 0 = any */
	unsigned flags;          /* TAF_* */
	enum task_column column;
	const char *inputs;      /* what it takes, as option syntax (not translated) */
};
const struct task_action_def *task_action_def(enum task_action a);
const char *task_action_code(enum task_action a);    /* "take", "decide" ... */
int task_action_parse(const char *s, enum task_action *a);

/* A task as task_may sees it. */
struct task_view {
	char case_no[32], item[8];
	const struct item *it;   /* the item's catalog row; NULL: not in the catalog */
	enum category cat;
	enum task_state state;
	char assignee[64];       /* "" nobody */
	char decided_by[64];
	int countersign_pending;
	int case_state;          /* enum case_state; -1 unknown (not checked) */
};

/* 0 when actor a may take action act on task t; else -1 with the
 * translated reason and its code: YERR_DENIED (role, office, the same
 * officer countersigning), YERR_STATE (task or case state, assignee,
 * countersignature) or YERR_INPUT (the catalog does not allow it for the
 * item: no suspension, 条例 §31, or no extension). */
int task_may(const struct actor *a, const struct task_view *t, enum task_action act,
	     struct yerr *e);

/* 0 when item it may be suspended for reason (its forms/items.csv
 * "suspend" list); else -1 naming the reasons it allows, or 条例 §31 when
 * it allows none. */
int task_may_suspend(const struct item *it, const char *item_code, const char *reason,
		     struct yerr *e);

/* 0 when action a may be taken on a task in state s; else -1 with a
 * translated reason naming the state ("task is decided; only accepted or
 * in-review tasks can be decided"), code YERR_STATE. */
int task_action_allowed(enum task_action a, enum task_state s, struct yerr *e);

/* The state a task is in after action a (TA_RESUME returns to in review
 * when the task has an assignee, else accepted). */
enum task_state task_action_next(enum task_action a, enum task_state s, int assigned);

/* Decision outcomes, as stored in task.outcome. */
enum outcome { OUT_NONE, OUT_RECOGNISED, OUT_DEEMED, OUT_NOT_RECOGNISED, OUT_GRADED,
	       OUT_NO_GRADE, OUT_CONFIRMED, OUT_REFUSED, OUT_APPROVED, OUT_N };
const char *outcome_code(enum outcome o);            /* "recognised" ... ("" for none) */
const char *outcome_label(enum outcome o);           /* translated: 认定工伤 ... */
int outcome_parse(const char *s, enum outcome *o);

/* The outcomes an item may have (its rows of forms/outcomes.csv), as a
 * bit set (1 << outcome). */
unsigned task_outcomes(const struct item *it);

/* What a decision carries, checked before anything is written. */
struct task_decision_in {
	enum outcome outcome;
	int grade;               /* JD graded: 1..10 */
	int care_level;          /* JD: 0 none, 1..3 */
	int64_t amount_fen;      /* approved: 0..TASK_AMOUNT_MAX_FEN; -1 = not given */
	const char *payment_ref; /* approved */
	const char *document_no; /* RD, JD, FJ: required */
	const char *reason;      /* refusals, not_recognised: required */
};
/* The most one decision pays, in fen (20,000,000.00 yuan): the same bound
 * for --amount, --amount-fen, the queue screen and imported results. */
#define TASK_AMOUNT_MAX_FEN 2000000000LL
/* 0 when the decision fits the item it (code item, for messages): one of
 * its outcomes, with what that outcome needs (forms/outcomes.csv:
 * document, reason, grade, amount); else -1 with the reason (YERR_INPUT)
 * and, when field is not NULL, the name of the member of d at fault
 * ("outcome", "document_no", "reason", "grade", "care_level", "amount_fen"
 * or "payment_ref"), so an importer can name its column. */
int task_decision_check(const struct item *it, const char *item,
			const struct task_decision_in *d, const char **field, struct yerr *e);

/* ---- linked work ---- */

/* A prerequisite of a waiting task, as found in the same case. */
struct link_prereq {
	int index;               /* the prerequisite's catalog index */
	int decided;             /* 1 when decided (or later: delivered) */
	enum outcome outcome;
	int grade;
};
enum link_effect { LINK_KEEP, LINK_ACTIVATE, LINK_CLOSE };
/* What the prerequisites found in the case mean for a waiting task of
 * item (a catalog index), by its forms/items.csv "prereqs" conditions
 * (catalog_prereq_satisfied: a positive outcome, a grade range, the case
 * kind): close it when one was decided against it (不予认定, 未达级, a
 * grade outside the item's range, a refused device), activate it when
 * all are decided in its favour, else keep it waiting.  For LINK_CLOSE,
 * why gets a translated reason. */
enum link_effect task_link_resolve(const struct catalog *c, int item, const struct link_prereq *p,
				   int np, int case_kind, char *why, size_t whylen);

/* ---- deadlines ---- */

struct task_clock {
	yday started;            /* the day the clock started (acceptance or activation) */
	int promised_days, limit_days, extended_days;
	enum day_kind kind;
};
/* The promised and legal due dates: deadline_add over the pauses.  An
 * open pause gives INT32_MAX (unknown while suspended). */
void task_deadlines(const struct calendar *cal, const struct task_clock *k, const struct pause *p,
		    int np, yday *due, yday *legal);

/* The colour of a deadline in the queues. */
enum urgency { URG_NONE, URG_OK, URG_YELLOW, URG_RED };
struct thresholds {
	yday today;
	yday red_cut;            /* due <= red_cut: red (overdue) */
	yday yellow_cut;         /* due <= yellow_cut (and not red): yellow (due soon) */
};
/* Red: overdue by more than red_days calendar days (0: as soon as the due
 * day has passed).  Yellow: at most yellow_n days of kind yellow_kind
 * left (forms/rules.csv warn_yellow, or the yellow_days setting). */
void task_thresholds(const struct calendar *cal, yday today, int yellow_n,
		     enum day_kind yellow_kind, int red_days, struct thresholds *t);
enum urgency task_urgency(const struct thresholds *t, yday due);

/* ---- suspension and delivery ---- */

/* 中止 reasons, as stored in task_pause.reason. */
int task_suspend_reason_ok(const char *s);
const char *task_suspend_reason_label(const char *s);
/* window | post. */
int task_delivery_method_ok(const char *s);
/* The rules.csv key of the delivery limit of an item (its forms/items.csv
 * "delivery": jd_delivery, rd_delivery ...); "" for an unknown item. */
const char *task_delivery_rule(const struct catalog *c, const char *item);

/* Parses a money amount in yuan ("1234", "1234.5", "1234.56") into fen
 * without floating point; -1 with a message for anything else. */
int money_parse_yuan(const char *s, int64_t *fen, struct yerr *e);
/* Writes "1234.56" (at least 24 bytes). */
void money_format(int64_t fen, char *out, size_t n);

#endif
