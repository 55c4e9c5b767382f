/* db_task_money.c — the decision of a task and its money: task calc as the
 * reference of an approval, an override with its reason, the
 * countersignature above review_above_yuan (复核), the payer rule of an
 * uninsured employer (条例 §62), the hold of a false commitment and the
 * "basis changed" flag of a new grade.  Layer: db. */
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

/* ---- money ---- */


int64_t db_task_review_above(struct db *d)
{
	char *v = db_config_get(d, "review_above_yuan");
	int64_t yuan = v && *v ? strtoll(v, NULL, 10) : 50000;
	free(v);
	return yuan * 100;
}

static int64_t default_avg_wage(struct db *d, const struct catalog *cat)
{
	int64_t avg = 0;
	char *cfg = db_config_get(d, "avg_wage_month");
	if (cfg && *cfg)
		avg = strtoll(cfg, NULL, 10) * 100;
	else if (catalog_rate(cat, "regional_avg_wage_month", 0, &avg) == 0)
		avg *= 100;
	free(cfg);
	return avg;
}

int db_task_calc(struct db *d, const struct catalog *cat, const struct task_info *t,
		 const struct calc_opts *o, struct benefit_input *in, struct benefit_calc *bc,
		 struct yerr *e)
{
	static const struct calc_opts none = CALC_OPTS_NONE;
	if (!o)
		o = &none;
	memset(in, 0, sizeof *in);
	in->item = t->item;
	in->grade = o->grade >= 0 ? o->grade : t->case_grade;
	in->care_level = o->care_level >= 0 ? o->care_level : t->case_care;
	in->death_year = t->death_year;
	if (!in->death_year) {
		int m, dd;
		date_to_ymd(clock_today(), &in->death_year, &m, &dd);
	}
	in->veteran = t->veteran;
	in->missing = t->missing;
	in->uninsured = t->uninsured;
	in->wage_fen = o->wage_fen;
	in->avg_wage_fen = o->avg_wage_fen >= 0 ? o->avg_wage_fen : default_avg_wage(d, cat);
	in->spouse = o->spouse;
	in->others = o->others;
	in->lonely = o->lonely;
	in->advance = o->advance;
	in->days = o->days;
	return benefit_calculate(cat, in, bc, e);
}

/* What an approval is checked against, and what it then needs. */
struct money {
	int64_t calc_fen;        /* -1: no formula or not computable */
	char why[320];           /* the override reason written here (a province's result) */
	int basis_grade;
	int countersign;         /* 1: a second officer must countersign */
	const char *override;
};

static int check_amount(struct ctx *x, const struct decision *dc,
			const struct task_decision_in *in, struct money *m)
{
	memset(m, 0, sizeof *m);
	m->calc_fen = -1;
	int over = !dbt_is_blank(dc->override_reason);
	if (in->outcome != OUT_APPROVED) {
		if (over)
			return yerr_set(x->e, YERR_INPUT, _("--override-reason is for an approved "
							    "amount only"));
		return 0;
	}
	struct task_info t;
	memset(&t, 0, sizeof t);
	t.id = x->t.id;
	t.case_id = x->t.case_id;
	snprintf(t.item, sizeof t.item, "%s", x->t.item);
	snprintf(t.case_no, sizeof t.case_no, "%s", x->t.case_no);
	dbt_get_case_facts(x->d, &t);
	char amt[32], ref[32];
	money_format(in->amount_fen, amt, sizeof amt);
	if (t.uninsured)
		return yerr_set(x->e, YERR_STATE,
				_("%s %s: the employer is not insured, so by 条例 §62 ¶2 it pays this "
				  "benefit, not the fund: an approval from the fund is refused"),
				t.case_no, t.item);
	struct benefit_input bi;
	struct benefit_calc bc;
	struct yerr ce;
	yerr_clear(&ce);
	int crc = db_task_calc(x->d, &x->cat, &t, dc->calc, &bi, &bc, &ce);
	if (crc == 0 && bc.formula) {
		m->calc_fen = bc.reference_fen;
		m->basis_grade = bi.grade;
		money_format(bc.reference_fen, ref, sizeof ref);
		if (bc.reference_fen != in->amount_fen && !over && dc->province)
			return yerr_set(x->e, YERR_INPUT,
					_("%s %s: the amount %s yuan differs from task calc's %s yuan; "
					  "a result from the province does not override task calc: an "
					  "officer decides it with task decide --override-reason"),
					t.case_no, t.item, amt, ref);
		if (bc.reference_fen != in->amount_fen && !over)
			return yerr_set(x->e, YERR_INPUT,
					_("%s %s: the amount %s yuan differs from task calc's %s yuan; "
					  "give --override-reason TEXT (a second officer then "
					  "countersigns)"), t.case_no, t.item, amt, ref);
		if (bc.reference_fen == in->amount_fen && over)
			return yerr_set(x->e, YERR_INPUT,
					_("%s %s: the amount %s yuan is task calc's: there is nothing "
					  "to override"), t.case_no, t.item, amt);
	} else if (crc < 0 && !over && dc->province) {
		/* results.csv has no column for calc's inputs: the province's amount
		 * is recorded, and like any override it waits for a second officer
		 * here before an SMS says it was paid or it is delivered */
		snprintf(m->why, sizeof m->why, _("results.csv: the province's amount; task calc "
						  "cannot check it (%s)"), ce.msg);
		m->override = m->why;
		m->countersign = 1;
		return 0;
	} else if (crc < 0 && !over) {
		return yerr_set(x->e, YERR_INPUT,
				_("%s %s: the amount cannot be checked against task calc (%s); give "
				  "the inputs of task calc or --override-reason TEXT"),
				t.case_no, t.item, ce.msg);
	}
	m->override = over ? dc->override_reason : NULL;
	m->countersign = over || in->amount_fen > db_task_review_above(x->d);
	return 0;
}

static int store_money(struct ctx *x, const struct money *m)
{
	sqlite3_stmt *st = db_prep(x->d,
		"UPDATE task SET decided_by = ?, calc_fen = ?, override_reason = ?, "
		"countersign = ?, countersigned_by = NULL, basis_grade = ?, basis_changed = '' "
		"WHERE id = ?");
	db_bind_text(st, 1, x->a->login);
	if (m->calc_fen >= 0)
		sqlite3_bind_int64(st, 2, m->calc_fen);
	db_bind_text(st, 3, m->override ? m->override : "");
	db_bind_text(st, 4, m->countersign ? "pending" : "");
	if (m->basis_grade > 0)
		sqlite3_bind_int(st, 5, m->basis_grade);
	sqlite3_bind_int64(st, 6, x->t.id);
	return db_exec_stmt(x->d, st, x->e);
}

/* A new grade flags every benefit of the case computed from another one
 * ("basis changed": recalculation due), whichever item gives the grade. */
static int flag_basis(struct ctx *x, const struct task_decision_in *in)
{
	if (in->outcome != OUT_GRADED && in->outcome != OUT_NO_GRADE)
		return 0;
	int me = catalog_item_index(&x->cat, x->t.item);
	sqlite3_stmt *st = db_prep(x->d, "SELECT id, item, basis_grade FROM task WHERE case_id = ? "
					 "AND basis_grade IS NOT NULL AND basis_grade <> ?");
	sqlite3_bind_int64(st, 1, x->t.case_id);
	sqlite3_bind_int(st, 2, in->outcome == OUT_GRADED ? in->grade : 0);
	struct { int64_t id; int grade; char item[8]; } hit[MAX_ITEMS];
	int n = 0;
	while (n < MAX_ITEMS && sqlite3_step(st) == SQLITE_ROW) {
		int idx = catalog_item_index(&x->cat, db_col(st, 1));
		if (idx < 0 || me < 0 || !(x->cat.items[idx].prereqs & (1u << me)))
			continue;
		hit[n].id = sqlite3_column_int64(st, 0);
		DB_CPY(hit[n].item, st, 1);
		hit[n++].grade = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	for (int i = 0; i < n; i++) {
		char why[160];
		if (in->outcome == OUT_GRADED)
			snprintf(why, sizeof why, _("grade %d → %d (%s %s): recalculation due"),
				 hit[i].grade, in->grade, x->t.item, x->t.case_no);
		else
			snprintf(why, sizeof why, _("grade %d → below grade 10 (%s %s): recalculation due"),
				 hit[i].grade, x->t.item, x->t.case_no);
		st = db_prep(x->d, "UPDATE task SET basis_changed = ?, version = version + 1, "
				   "updated_at = ? WHERE id = ?");
		db_bind_text(st, 1, why);
		db_bind_text(st, 2, x->now);
		sqlite3_bind_int64(st, 3, hit[i].id);
		if (db_exec_stmt(x->d, st, x->e) < 0 || dbt_event(x, hit[i].id, "basis_changed", why) < 0)
			return -1;
	}
	return 0;
}

/* A false notice-commitment holds the task's payments (db_commitment.c). */
int dbt_check_hold(struct ctx *x, int64_t task)
{
	sqlite3_stmt *st = db_prep(x->d, "SELECT hold FROM task WHERE id = ?");
	sqlite3_bind_int64(st, 1, task);
	char hold[64] = "";
	if (sqlite3_step(st) == SQLITE_ROW)
		DB_CPY(hold, st, 0);
	sqlite3_reset(st);
	if (!*hold)
		return 0;
	return yerr_set(x->e, YERR_STATE,
			_("%s %s: payments are on hold (%s); resolve the notice-commitment first"),
			x->t.case_no, x->t.item, hold);
}

int db_task_decide(struct db *d, const struct actor *a, int64_t task, const struct decision *dc,
		   int version, struct yerr *e)
{
	if (db_text_ok("--reason", dc->reason, TASK_TEXT_MAX, e) < 0 ||
	    db_text_ok("--note", dc->note, TASK_TEXT_MAX, e) < 0 ||
	    db_text_ok("--override-reason", dc->override_reason, TASK_TEXT_MAX, e) < 0 ||
	    db_text_ok("--document-no", dc->document_no, TASK_REF_MAX, e) < 0 ||
	    db_text_ok("--payment-ref", dc->payment_ref, TASK_REF_MAX, e) < 0)
		return -1;
	struct ctx x = { .d = d, .a = a, .e = e };
	struct task_decision_in in;
	yday on = 0;
	struct money m;
	int rc = dbt_begin(&x, task, version, TA_DECIDE);
	if (rc == 0)
		rc = dbt_decision_in(&x, dc, &in, &on);
	if (rc == 0 && dc->outcome && !strcmp(dc->outcome, "approved"))
		rc = dbt_check_hold(&x, task);
	if (rc == 0)
		rc = check_amount(&x, dc, &in, &m);
	if (rc == 0)
		rc = dbt_store_decision(&x, &in, on, dc->note);
	if (rc == 0)
		rc = store_money(&x, &m);
	char detail[768], cause[96];
	if (rc == 0) {
		dbt_decision_detail(&in, detail, sizeof detail);
		size_t l = strlen(detail);
		char ref[32];
		money_format(m.calc_fen, ref, sizeof ref);
		if (m.override)
			snprintf(detail + l, sizeof detail - l, "; override of calc %s: %s",
				 m.calc_fen >= 0 ? ref : "-", m.override);
		l = strlen(detail);
		if (m.countersign)
			snprintf(detail + l, sizeof detail - l, "; awaiting countersignature");
		rc = dbt_event(&x, task, "decided", detail);
	}
	if (rc == 0)
		rc = flag_basis(&x, &in);
	if (rc == 0) {
		snprintf(cause, sizeof cause, "%s %s", x.t.item, outcome_code(in.outcome));
		rc = dbt_resolve_links(&x, on, cause, in.reason);
	}
	/* no payment SMS says it was paid before the countersignature */
	if (rc == 0 && !m.countersign)
		rc = dbt_decision_sms(&x, &in, on);
	if (rc == 0 && db_push_on_decision(d, task, e) < 0)
		rc = -1;
	return dbt_finish(&x, rc);
}
