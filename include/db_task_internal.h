/* db_task_internal.h — what the db_task*.c files share: the task row an
 * action works on, the action's context (one transaction, its catalog and
 * clock) and the steps every action takes.  Only for src/db_task*.c.
 * Layer: db. */
#ifndef YICI_DB_TASK_INTERNAL_H
#define YICI_DB_TASK_INTERNAL_H

#include <stdint.h>
#include <sqlite3.h>
#include "core_catalog.h"
#include "core_date.h"
#include "core_perm.h"
#include "core_task.h"
#include "db.h"
#include "db_task.h"

/* The task row an action works on. */
struct trow {
	int64_t id, case_id;
	char item[8], assignee[64], outcome[16], case_no[32];
	enum category cat;
	enum task_state state;
	enum day_kind kind;
	yday started, decided, delivered;
	int limit, promised, extended, simple, version, grade;
	char countersign[12], decided_by[64];
	int64_t amount_fen;
	int case_state;          /* enum case_state, -1 unknown */
	int case_kind;           /* KIND_* of the case, 0 unknown */
};

/* Everything one action needs. */
struct ctx {
	struct db *d;
	const struct actor *a;
	struct catalog cat;
	struct trow t;
	char now[20];
	yday today;
	struct yerr *e;
	int began;      /* this action opened a transaction (or savepoint) */
	enum task_action ta;
};

struct case_contact {
	char case_no[32], worker[64], phone[32];
	int death_year, veteran, missing, uninsured;
};

int dbt_begin(struct ctx *x, int64_t task, int version, enum task_action ta);
int dbt_finish(struct ctx *x, int rc);
int dbt_event(struct ctx *x, int64_t task, const char *kind, const char *detail);
int dbt_is_blank(const char *s);
int dbt_resolve_links(struct ctx *x, yday day, const char *cause, const char *reason);
void dbt_decision_detail(const struct task_decision_in *in, char *out, size_t n);
int dbt_decision_in(struct ctx *x, const struct decision *dc, struct task_decision_in *in,
		    yday *on);
int dbt_decision_sms(struct ctx *x, const struct task_decision_in *in, yday on);
int dbt_store_decision(struct ctx *x, const struct task_decision_in *in, yday on,
		       const char *note);
void dbt_case_contact(struct db *d, int64_t case_id, struct case_contact *cc);
yday dbt_delivery_due(const struct catalog *c, const char *item, yday decided);
void dbt_dfmt(yday v, char out[11]);
yday dbt_dparse(const char *s);
void dbt_bind_day(sqlite3_stmt *st, int i, yday v);
struct task_clock dbt_clock_of(const struct trow *t);
int dbt_load_row(struct db *d, int64_t id, struct trow *t, struct yerr *e);
const char *dbt_role_of(const struct actor *a);
const char *dbt_self_if_unassigned(const struct ctx *x);
int dbt_set_state(struct ctx *x, int64_t task, enum task_state s, const char *assignee);
int dbt_sms(struct ctx *x, int64_t task, const char *key, const char *item, yday date,
	    yday due, const char *amount);
int dbt_store_deadlines(struct ctx *x, int64_t task, const struct task_clock *k);
int dbt_check_hold(struct ctx *x, int64_t task);
void dbt_get_case_facts(struct db *d, struct task_info *o);
#endif
