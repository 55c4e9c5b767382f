/* db_task_read.c — a task as read: by case and item, and with its
 * pauses, case facts and deadlines for task show and the queue.
 * Layer: db. */
#include "db_task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_catalog.h"
#include "core_date.h"
#include "core_task.h"
#include "db_audit.h"
#include "db_catalog.h"
#include "db_event.h"
#include "db_followup.h"
#include "db_internal.h"
#include "db_notice.h"
#include "i18n.h"
#include "db_task_internal.h"

/* ---- reading ---- */

int db_task_find(struct db *d, const char *case_no, const char *item, int64_t *task,
		 int *version, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT t.id, t.version FROM task t JOIN cases c "
				      "ON c.id = t.case_id WHERE c.case_no = ? AND t.item = ?");
	db_bind_text(st, 1, case_no);
	db_bind_text(st, 2, item);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*task = sqlite3_column_int64(st, 0);
		if (version)
			*version = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_DONE) {
		db_error(d, _("task"), e);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 1;
}

static void copy(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	text_copy(dst, n, db_col(st, i));
}

static void get_pauses(struct db *d, struct task_info *o)
{
	sqlite3_stmt *st = db_prep(d, "SELECT reason, from_on, coalesce(to_on, ''), "
				      "coalesce(confirmed_by, ''), note FROM task_pause "
				      "WHERE task_id = ? ORDER BY id");
	sqlite3_bind_int64(st, 1, o->id);
	while (o->npauses < 8 && sqlite3_step(st) == SQLITE_ROW) {
		struct task_pause_info *p = &o->pauses[o->npauses++];
		copy(p->reason, sizeof p->reason, st, 0);
		copy(p->from_on, sizeof p->from_on, st, 1);
		copy(p->to_on, sizeof p->to_on, st, 2);
		copy(p->confirmed_by, sizeof p->confirmed_by, st, 3);
		copy(p->note, sizeof p->note, st, 4);
	}
	sqlite3_reset(st);
}

void dbt_get_case_facts(struct db *d, struct task_info *o)
{
	/* the case's grade: its graded conclusion, whichever item gives it,
	 * else that of the case it follows (apply --follows), nearest first */
	sqlite3_stmt *st = db_prep(d,
		"WITH RECURSIVE chain (id, depth) AS (SELECT ?, 0 UNION ALL "
		"  SELECT c.follows_id, chain.depth + 1 FROM cases c JOIN chain ON c.id = chain.id "
		"  WHERE c.follows_id IS NOT NULL AND chain.depth < 16) "
		"SELECT coalesce(t.grade, 0), coalesce(t.care_level, 0) FROM task t "
		"JOIN chain ON t.case_id = chain.id WHERE t.outcome = 'graded' "
		"ORDER BY chain.depth, t.id LIMIT 1");
	sqlite3_bind_int64(st, 1, o->case_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		o->case_grade = sqlite3_column_int(st, 0);
		o->case_care = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	struct case_contact cc;
	dbt_case_contact(d, o->case_id, &cc);
	snprintf(o->worker, sizeof o->worker, "%s", cc.worker);
	o->death_year = cc.death_year;
	o->veteran = cc.veteran;
	o->missing = cc.missing;
	o->uninsured = cc.uninsured;
}

static void fill_info(sqlite3_stmt *st, struct task_info *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->case_id = sqlite3_column_int64(st, 1);
	o->version = sqlite3_column_int(st, 2);
	copy(o->case_no, sizeof o->case_no, st, 3);
	copy(o->item, sizeof o->item, st, 4);
	copy(o->item_name, sizeof o->item_name, st, 5);
	copy(o->category, sizeof o->category, st, 6);
	copy(o->state, sizeof o->state, st, 7);
	copy(o->assignee, sizeof o->assignee, st, 8);
	copy(o->started_on, sizeof o->started_on, st, 9);
	copy(o->due_on, sizeof o->due_on, st, 10);
	copy(o->legal_due_on, sizeof o->legal_due_on, st, 11);
	copy(o->day_kind, sizeof o->day_kind, st, 12);
	o->limit_days = sqlite3_column_int(st, 13);
	o->promised_days = sqlite3_column_int(st, 14);
	o->extended_days = sqlite3_column_int(st, 15);
	o->simple_track = sqlite3_column_int(st, 16);
	copy(o->outcome, sizeof o->outcome, st, 17);
	o->grade = sqlite3_column_int(st, 18);
	o->care_level = sqlite3_column_int(st, 19);
	o->amount_fen = sqlite3_column_type(st, 20) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 20);
	copy(o->payment_ref, sizeof o->payment_ref, st, 21);
	copy(o->document_no, sizeof o->document_no, st, 22);
	copy(o->reason, sizeof o->reason, st, 23);
	copy(o->decided_on, sizeof o->decided_on, st, 24);
	copy(o->delivered_on, sizeof o->delivered_on, st, 25);
	copy(o->delivery_to, sizeof o->delivery_to, st, 26);
	copy(o->decided_by, sizeof o->decided_by, st, 27);
	copy(o->countersign, sizeof o->countersign, st, 28);
	copy(o->countersigned_by, sizeof o->countersigned_by, st, 29);
	copy(o->override_reason, sizeof o->override_reason, st, 30);
	o->calc_fen = sqlite3_column_type(st, 31) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 31);
	o->basis_grade = sqlite3_column_int(st, 32);
	copy(o->basis_changed, sizeof o->basis_changed, st, 33);
	copy(o->hold, sizeof o->hold, st, 34);
	copy(o->assignee_name, sizeof o->assignee_name, st, 35);
}

int db_task_get(struct db *d, int64_t task, struct task_info *o, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT t.id, t.case_id, t.version, coalesce(c.case_no, ''), t.item, i.name, "
		"  t.category, t.state, coalesce(t.assignee, ''), coalesce(t.started_on, ''), "
		"  coalesce(t.due_on, ''), coalesce(t.legal_due_on, ''), t.day_kind, t.limit_days, "
		"  t.promised_days, t.extended_days, t.simple_track, coalesce(t.outcome, ''), "
		"  coalesce(t.grade, 0), coalesce(t.care_level, 0), t.amount_fen, "
		"  coalesce(t.payment_ref, ''), coalesce(t.document_no, ''), t.reason, "
		"  coalesce(t.decided_on, ''), coalesce(t.delivered_on, ''), coalesce(t.delivery_to, ''), "
		"  coalesce(t.decided_by, ''), t.countersign, coalesce(t.countersigned_by, ''), "
		"  t.override_reason, t.calc_fen, coalesce(t.basis_grade, 0), t.basis_changed, t.hold, "
		"  coalesce((SELECT s.name FROM staff s WHERE s.login = t.assignee), '') "
		"FROM task t JOIN cases c ON c.id = t.case_id JOIN item i ON i.code = t.item "
		"WHERE t.id = ?");
	sqlite3_bind_int64(st, 1, task);
	if (db_step_one(d, st, _("task"), e, _("no task %lld"), (long long)task) < 0)
		return -1;
	memset(o, 0, sizeof *o);
	fill_info(st, o);
	sqlite3_reset(st);
	get_pauses(d, o);
	dbt_get_case_facts(d, o);
	if (!strcmp(o->state, "decided")) {
		struct catalog c;
		catalog_init(&c);
		if (db_catalog_load(d, &c, e) == 0)
			dbt_dfmt(dbt_delivery_due(&c, o->item, dbt_dparse(o->decided_on)), o->delivery_due);
		catalog_release(&c);
	}
	return 0;
}
