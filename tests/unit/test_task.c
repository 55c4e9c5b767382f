/* test_task.c — unit tests of the task state machine (core_task): allowed
 * actions per state, decisions per item, linked activation and closure,
 * deadlines paused by suspensions and extended once, queue thresholds,
 * money; and the benefit formulas (core_benefit) on forms/rates.csv.
 * Layer: tests (run from the repo root: reads forms/). */
#include "testutil.h"

#include <stdio.h>

#include "core_benefit.h"
#include "core_catalog.h"
#include "core_date.h"
#include "core_task.h"
#include "csv_forms.h"

static struct catalog cat;

static int setup(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	setenv("YICI_NOW", "2026-11-28 09:30", 1);
	if (clock_init(&e) < 0)
		return -1;
	catalog_init(&cat);
	if (forms_load(TOP_SRCDIR "/forms", &cat, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	catalog_release(&cat);
	return 0;
}

static yday D(const char *s)
{
	yday v = 0;
	struct yerr e;
	assert_int_equal(date_parse(s, &v, &e), 0);
	return v;
}

/* ---- the state machine ---- */

static void test_allowed_states(void **state)
{
	(void)state;
	struct yerr e;
	/* every action against every state: exactly these are allowed */
	static const char *const ok[TA_N] = {
		[TA_TAKE] = "accepted in_review suspended",
		[TA_ASSIGN] = "waiting accepted in_review suspended",
		[TA_REVIEW] = "accepted in_review",
		[TA_DECIDE] = "accepted in_review",
		[TA_SUSPEND] = "accepted in_review",
		[TA_RESUME] = "suspended",
		[TA_EXTEND] = "accepted in_review suspended",
		[TA_DELIVER] = "decided",
		[TA_REAPPRAISE] = "decided delivered",
		[TA_COUNTERSIGN] = "decided",
		[TA_ACCEPT] = "reviewing",
		[TA_REJECT] = "reviewing",
		[TA_REQUEST] = "reviewing",
		[TA_SHOW] = "waiting accepted in_review suspended decided delivered closed "
			    "not_accepted rejected withdrawn reviewing",
		[TA_CALC] = "waiting accepted in_review suspended decided delivered closed "
			    "not_accepted rejected withdrawn reviewing",
	};
	for (int a = 0; a < TA_N; a++)
		for (int s = 0; s < TS_N; s++) {
			char word[32];
			snprintf(word, sizeof word, "%s", task_state_code((enum task_state)s));
			const char *hit = strstr(ok[a], word);
			int want = hit && (hit == ok[a] || hit[-1] == ' ') &&
				   (hit[strlen(word)] == ' ' || hit[strlen(word)] == '\0');
			yerr_clear(&e);
			int got = task_action_allowed((enum task_action)a, (enum task_state)s, &e) == 0;
			if (got != want)
				fail_msg("%s on %s: got %d, want %d", task_action_code((enum task_action)a),
					 word, got, want);
			if (!got)
				assert_int_equal(e.code, YERR_STATE);
		}
}

static void test_refusal_names_state(void **state)
{
	(void)state;
	struct yerr e;
	yerr_clear(&e);
	assert_int_equal(task_action_allowed(TA_DECIDE, TS_DELIVERED, &e), -1);
	assert_non_null(strstr(e.msg, "delivered"));
	assert_non_null(strstr(e.msg, "in review"));
}

static void test_next_state(void **state)
{
	(void)state;
	assert_int_equal(task_action_next(TA_DECIDE, TS_IN_REVIEW, 1), TS_DECIDED);
	assert_int_equal(task_action_next(TA_SUSPEND, TS_ACCEPTED, 0), TS_SUSPENDED);
	assert_int_equal(task_action_next(TA_RESUME, TS_SUSPENDED, 1), TS_IN_REVIEW);
	assert_int_equal(task_action_next(TA_RESUME, TS_SUSPENDED, 0), TS_ACCEPTED);
	assert_int_equal(task_action_next(TA_DELIVER, TS_DECIDED, 1), TS_DELIVERED);
	assert_int_equal(task_action_next(TA_TAKE, TS_ACCEPTED, 0), TS_ACCEPTED);
	enum task_action a;
	assert_int_equal(task_action_parse("deliver", &a), 0);
	assert_int_equal(a, TA_DELIVER);
	assert_int_equal(task_action_parse("deliverx", &a), -1);
}

/* ---- the one table of task actions: task_may ---- */

static struct task_view view(const char *item, const struct item *it, enum task_state st)
{
	struct task_view v = { .it = it, .cat = CAT_AGENCY, .state = st, .case_state = CS_ACCEPTED };
	snprintf(v.case_no, sizeof v.case_no, "GS340102-20261128-0001");
	snprintf(v.item, sizeof v.item, "%s", item);
	return v;
}

static void test_task_may(void **state)
{
	(void)state;
	struct yerr e;
	/* items made here, not read from forms/: the rules come from the columns */
	struct item pay = { .cat = CAT_AGENCY }, lump = { .cat = CAT_AGENCY };
	snprintf(lump.suspend, sizeof lump.suspend, "judicial;reappraisal");
	snprintf(lump.extend, sizeof lump.extend, "x_extend");
	const struct actor off = { "wang", ROLE_OFFICER, 1u << CAT_AGENCY };
	const struct actor other = { "li", ROLE_OFFICER, 1u << CAT_AGENCY };
	const struct actor adm = { "zhao", ROLE_OFFICER, 1u << CAT_ADMIN };
	const struct actor clerk = { "chen", ROLE_CLERK, 0 };
	const struct actor sup = { "boss", ROLE_SUPERVISOR, 0 };
	struct task_view v = view("PAY", &pay, TS_IN_REVIEW);

	/* role and office */
	yerr_clear(&e);
	assert_int_equal(task_may(&off, &v, TA_DECIDE, &e), 0);
	assert_int_equal(task_may(&adm, &v, TA_DECIDE, &e), -1);
	assert_int_equal(e.code, YERR_DENIED);
	assert_int_equal(task_may(&clerk, &v, TA_DECIDE, &e), -1);
	assert_int_equal(e.code, YERR_DENIED);
	assert_int_equal(task_may(&off, &v, TA_ASSIGN, &e), -1);
	assert_int_equal(task_may(&sup, &v, TA_ASSIGN, &e), 0);
	assert_int_equal(task_may(&clerk, &v, TA_SHOW, &e), 0);
	assert_true(task_action_def(TA_SHOW)->flags & TAF_READ);
	assert_false(task_action_def(TA_DECIDE)->flags & TAF_READ);

	/* 条例 §31: an empty suspend column refuses any suspension, naming the rule */
	yerr_clear(&e);
	assert_int_equal(task_may(&off, &v, TA_SUSPEND, &e), -1);
	assert_int_equal(e.code, YERR_INPUT);
	assert_non_null(strstr(e.msg, "§31"));
	assert_non_null(strstr(e.msg, "GS340102-20261128-0001"));
	struct task_view l = view("LUMP", &lump, TS_IN_REVIEW);
	assert_int_equal(task_may(&off, &l, TA_SUSPEND, &e), 0);
	assert_int_equal(task_may_suspend(&lump, "LUMP", "judicial", &e), 0);
	yerr_clear(&e);
	assert_int_equal(task_may_suspend(&lump, "LUMP", "litigation", &e), -1);
	assert_non_null(strstr(e.msg, "§31"));
	assert_int_equal(task_may_suspend(&lump, "LUMP", "nonsense", &e), -1);

	/* the extend column */
	assert_int_equal(task_may(&off, &v, TA_EXTEND, &e), -1);
	assert_int_equal(e.code, YERR_INPUT);
	assert_int_equal(task_may(&off, &l, TA_EXTEND, &e), 0);

	/* the case must be open; state */
	v.case_state = CS_WITHDRAWN;
	assert_int_equal(task_may(&off, &v, TA_DECIDE, &e), -1);
	assert_int_equal(e.code, YERR_STATE);
	v.case_state = -1; /* unknown: not checked here */
	assert_int_equal(task_may(&off, &v, TA_DECIDE, &e), 0);
	v.state = TS_DELIVERED;
	assert_int_equal(task_may(&off, &v, TA_DECIDE, &e), -1);
	assert_int_equal(e.code, YERR_STATE);
	assert_non_null(strstr(e.msg, "GS340102-20261128-0001 PAY"));

	/* take: nobody holds it */
	v.state = TS_ACCEPTED;
	assert_int_equal(task_may(&off, &v, TA_TAKE, &e), 0);
	snprintf(v.assignee, sizeof v.assignee, "wang");
	assert_int_equal(task_may(&off, &v, TA_TAKE, &e), -1);
	assert_non_null(strstr(e.msg, "already yours"));
	assert_int_equal(task_may(&other, &v, TA_TAKE, &e), -1);
	assert_non_null(strstr(e.msg, "assigned to wang"));

	/* countersign: pending, and a second officer; deliver waits for it */
	v.state = TS_DECIDED;
	snprintf(v.decided_by, sizeof v.decided_by, "wang");
	assert_int_equal(task_may(&other, &v, TA_COUNTERSIGN, &e), -1);
	assert_non_null(strstr(e.msg, "does not await"));
	v.countersign_pending = 1;
	assert_int_equal(task_may(&off, &v, TA_COUNTERSIGN, &e), -1);
	assert_int_equal(e.code, YERR_DENIED);
	assert_int_equal(task_may(&other, &v, TA_COUNTERSIGN, &e), 0);
	assert_int_equal(task_may(&sup, &v, TA_COUNTERSIGN, &e), 0);
	assert_int_equal(task_may(&clerk, &v, TA_DELIVER, &e), -1);
	assert_non_null(strstr(e.msg, "countersignature"));
	v.countersign_pending = 0;
	assert_int_equal(task_may(&clerk, &v, TA_DELIVER, &e), 0);

	/* every row has a word that parses back to it */
	for (int a = 0; a < TA_N; a++) {
		enum task_action b;
		assert_int_equal(task_action_parse(task_action_code((enum task_action)a), &b), 0);
		assert_int_equal(b, a);
	}
}

/* ---- decisions ---- */

/* The rules are the catalog's (forms/outcomes.csv): looked up by code. */
static const struct item *item_of(const char *code)
{
	int i = catalog_item_index(&cat, code);
	assert_true(i >= 0);
	return &cat.items[i];
}

static int check(const char *item, enum category c, struct task_decision_in d)
{
	struct yerr e;
	yerr_clear(&e);
	(void)c;
	return task_decision_check(item_of(item), item, &d, NULL, &e);
}

static void test_decision_outcomes(void **state)
{
	(void)state;
	struct task_decision_in rd = { .outcome = OUT_RECOGNISED, .document_no = "X1", .amount_fen = -1 };
	assert_int_equal(check("RD", CAT_ADMIN, rd), 0);
	rd.outcome = OUT_GRADED;
	assert_int_equal(check("RD", CAT_ADMIN, rd), -1);            /* not an RD outcome */
	rd.outcome = OUT_NOT_RECOGNISED;
	assert_int_equal(check("RD", CAT_ADMIN, rd), -1);            /* needs a reason */
	rd.reason = "不符合条例第十四条";
	assert_int_equal(check("RD", CAT_ADMIN, rd), 0);
	rd.document_no = " ";
	assert_int_equal(check("RD", CAT_ADMIN, rd), -1);            /* needs the document */
	struct task_decision_in sc = { .outcome = OUT_APPROVED, .amount_fen = TASK_AMOUNT_MAX_FEN,
				       .payment_ref = "ZF1" };
	assert_int_equal(check("SC", CAT_AGENCY, sc), 0);
	sc.amount_fen = TASK_AMOUNT_MAX_FEN + 1;                     /* --amount 99999999999 */
	assert_int_equal(check("SC", CAT_AGENCY, sc), -1);

	struct task_decision_in jd = { .outcome = OUT_GRADED, .grade = 7, .document_no = "J",
				       .amount_fen = -1 };
	assert_int_equal(check("JD", CAT_APPRAISAL, jd), 0);
	jd.grade = 11;
	assert_int_equal(check("JD", CAT_APPRAISAL, jd), -1);
	jd.grade = 0;
	assert_int_equal(check("JD", CAT_APPRAISAL, jd), -1);
	jd.grade = 3;
	jd.care_level = 4;
	assert_int_equal(check("JD", CAT_APPRAISAL, jd), -1);
	jd.care_level = 1;
	assert_int_equal(check("JD", CAT_APPRAISAL, jd), 0);
	jd.outcome = OUT_NO_GRADE;
	assert_int_equal(check("JD", CAT_APPRAISAL, jd), -1);        /* no grade, no care */
	jd.grade = 0;
	jd.care_level = 0;
	assert_int_equal(check("JD", CAT_APPRAISAL, jd), 0);

	struct task_decision_in pay = { .outcome = OUT_APPROVED, .amount_fen = 1234567,
					.payment_ref = "ZF1" };
	assert_int_equal(check("SC", CAT_AGENCY, pay), 0);
	pay.payment_ref = NULL;
	assert_int_equal(check("SC", CAT_AGENCY, pay), -1);
	pay.payment_ref = "ZF1";
	pay.amount_fen = -1;
	assert_int_equal(check("SC", CAT_AGENCY, pay), -1);
	pay.outcome = OUT_RECOGNISED;
	assert_int_equal(check("SC", CAT_AGENCY, pay), -1);
	struct task_decision_in fj = { .outcome = OUT_REFUSED, .document_no = "F",
				       .reason = "无配置必要", .amount_fen = -1 };
	assert_int_equal(check("FJ", CAT_APPRAISAL, fj), 0);
}

/* ---- linked work ---- */

static enum link_effect link1(const char *item, const char *pre, int decided, enum outcome o,
			      int grade)
{
	struct link_prereq p = { .index = catalog_item_index(&cat, pre), .decided = decided,
				 .outcome = o, .grade = grade };
	char why[256] = "";
	return task_link_resolve(&cat, catalog_item_index(&cat, item), &p, 1, KIND_INJURY, why,
				 sizeof why);
}

static void test_linked_activation(void **state)
{
	(void)state;
	assert_int_equal(link1("JD", "RD", 1, OUT_RECOGNISED, 0), LINK_ACTIVATE);
	assert_int_equal(link1("YL", "RD", 1, OUT_DEEMED, 0), LINK_ACTIVATE);
	assert_int_equal(link1("JD", "RD", 1, OUT_NOT_RECOGNISED, 0), LINK_CLOSE);
	assert_int_equal(link1("JD", "RD", 0, OUT_NONE, 0), LINK_KEEP);
	/* a JD grade activates SC (1-10) and YB (5-10 only) */
	assert_int_equal(link1("SC", "JD", 1, OUT_GRADED, 3), LINK_ACTIVATE);
	assert_int_equal(link1("YB", "JD", 1, OUT_GRADED, 3), LINK_CLOSE);
	assert_int_equal(link1("YB", "JD", 1, OUT_GRADED, 5), LINK_ACTIVATE);
	assert_int_equal(link1("YB", "JD", 1, OUT_GRADED, 10), LINK_ACTIVATE);
	assert_int_equal(link1("SC", "JD", 1, OUT_NO_GRADE, 0), LINK_CLOSE);
	assert_int_equal(link1("FY", "FJ", 1, OUT_CONFIRMED, 0), LINK_ACTIVATE);
	assert_int_equal(link1("FY", "FJ", 1, OUT_REFUSED, 0), LINK_CLOSE);
	/* a prerequisite closed without decision closes its followers */
	assert_int_equal(link1("SC", "JD", 1, OUT_NONE, 0), LINK_CLOSE);
	/* no prerequisite in the case: decided earlier, so it starts */
	char why[64];
	assert_int_equal(task_link_resolve(&cat, catalog_item_index(&cat, "YL"), NULL, 0,
					   KIND_INJURY, why, sizeof why), LINK_ACTIVATE);
	/* GW needs a recognised death (items.csv RD:kind=death) */
	struct link_prereq rd = { .index = catalog_item_index(&cat, "RD"), .decided = 1,
				  .outcome = OUT_RECOGNISED };
	int gw = catalog_item_index(&cat, "GW");
	assert_int_equal(task_link_resolve(&cat, gw, &rd, 1, KIND_DEATH, why, sizeof why),
			 LINK_ACTIVATE);
	assert_int_equal(task_link_resolve(&cat, gw, &rd, 1, KIND_INJURY, why, sizeof why),
			 LINK_CLOSE);
}

static void test_link_reason(void **state)
{
	(void)state;
	struct link_prereq p[2] = {
		{ .index = catalog_item_index(&cat, "RD"), .decided = 1, .outcome = OUT_RECOGNISED },
		{ .index = catalog_item_index(&cat, "JD"), .decided = 1, .outcome = OUT_GRADED,
		  .grade = 8 },
	};
	char why[256] = "";
	int yb = catalog_item_index(&cat, "YB");
	assert_int_equal(task_link_resolve(&cat, yb, p, 2, KIND_INJURY, why, sizeof why), LINK_ACTIVATE);
	p[1].grade = 2;
	assert_int_equal(task_link_resolve(&cat, yb, p, 2, KIND_INJURY, why, sizeof why), LINK_CLOSE);
	assert_non_null(strstr(why, "JD"));
	assert_non_null(strstr(why, "2"));
	p[1].decided = 0;
	assert_int_equal(task_link_resolve(&cat, yb, p, 2, KIND_INJURY, why, sizeof why), LINK_KEEP);
}

/* ---- deadlines ---- */

static void test_deadline_pause(void **state)
{
	(void)state;
	struct task_clock k = { .started = D("2026-11-02"), .promised_days = 40, .limit_days = 60,
				.kind = DAYS_CALENDAR };
	yday due, legal, due2, legal2;
	task_deadlines(&cat.cal, &k, NULL, 0, &due, &legal);
	assert_int_equal(due, deadline_add(&cat.cal, k.started, 40, DAYS_CALENDAR, NULL, 0));
	assert_int_equal(legal, deadline_add(&cat.cal, k.started, 60, DAYS_CALENDAR, NULL, 0));
	/* ten days suspended push both dates back ten days (or to the next working day) */
	struct pause p = { D("2026-11-10"), D("2026-11-20") };
	task_deadlines(&cat.cal, &k, &p, 1, &due2, &legal2);
	assert_true(due2 > due && legal2 > legal);
	assert_int_equal(due2, deadline_add(&cat.cal, k.started + 10, 40, DAYS_CALENDAR, NULL, 0));
	assert_int_equal(legal2, deadline_add(&cat.cal, k.started + 10, 60, DAYS_CALENDAR, NULL, 0));
	assert_int_equal(due2, D("2026-12-22"));
	/* an open suspension: the deadline is unknown */
	p.to = -1;
	task_deadlines(&cat.cal, &k, &p, 1, &due2, &legal2);
	assert_int_equal(due2, INT32_MAX);
	assert_int_equal(legal2, INT32_MAX);
	/* the one extension adds its days to both */
	k.extended_days = 30;
	task_deadlines(&cat.cal, &k, NULL, 0, &due2, &legal2);
	assert_int_equal(legal2, deadline_add(&cat.cal, k.started, 90, DAYS_CALENDAR, NULL, 0));
	/* the delivery rule is the item's forms/items.csv column */
	assert_string_equal(task_delivery_rule(&cat, "JD"), "jd_delivery");
	assert_string_equal(task_delivery_rule(&cat, "RD"), "rd_delivery");
	assert_string_equal(task_delivery_rule(&cat, "NO"), "");
}

static void test_deadline_working_pause(void **state)
{
	(void)state;
	/* 20 working days from Monday 2026-11-02; a week's pause adds 5 working days */
	struct task_clock k = { .started = D("2026-11-02"), .promised_days = 20, .limit_days = 20,
				.kind = DAYS_WORKING };
	yday due, legal, due2, legal2;
	task_deadlines(&cat.cal, &k, NULL, 0, &due, &legal);
	assert_int_equal(due, D("2026-11-30"));
	struct pause p = { D("2026-11-09"), D("2026-11-16") };
	task_deadlines(&cat.cal, &k, &p, 1, &due2, &legal2);
	assert_int_equal(due2, D("2026-12-07"));
}

static void test_thresholds(void **state)
{
	(void)state;
	struct thresholds t;
	yday today = D("2026-11-27"); /* a Friday */
	task_thresholds(&cat.cal, today, 3, DAYS_WORKING, 0, &t);
	assert_int_equal(task_urgency(&t, today - 1), URG_RED);
	assert_int_equal(task_urgency(&t, today), URG_YELLOW);
	assert_int_equal(task_urgency(&t, D("2026-12-02")), URG_YELLOW); /* Wed: 3 working days */
	assert_int_equal(task_urgency(&t, D("2026-12-03")), URG_OK);
	assert_int_equal(task_urgency(&t, INT32_MAX), URG_NONE);
	/* red only after two days overdue */
	task_thresholds(&cat.cal, today, 3, DAYS_CALENDAR, 2, &t);
	assert_int_equal(task_urgency(&t, today - 2), URG_YELLOW);
	assert_int_equal(task_urgency(&t, today - 3), URG_RED);
	assert_int_equal(task_urgency(&t, today + 3), URG_YELLOW);
	assert_int_equal(task_urgency(&t, today + 4), URG_OK);
}

static void test_suspend_reasons(void **state)
{
	(void)state;
	assert_true(task_suspend_reason_ok("judicial"));
	assert_true(task_suspend_reason_ok("reconsideration"));
	assert_true(task_suspend_reason_ok("litigation"));
	assert_true(task_suspend_reason_ok("reappraisal"));
	assert_false(task_suspend_reason_ok("holiday"));
	assert_true(task_delivery_method_ok("window"));
	assert_true(task_delivery_method_ok("post"));
	assert_false(task_delivery_method_ok("email"));
}

static void test_money(void **state)
{
	(void)state;
	struct yerr e;
	int64_t f;
	char s[32];
	assert_int_equal(money_parse_yuan("1234", &f, &e), 0);
	assert_int_equal(f, 123400);
	assert_int_equal(money_parse_yuan("1234.5", &f, &e), 0);
	assert_int_equal(f, 123450);
	assert_int_equal(money_parse_yuan("0.07", &f, &e), 0);
	assert_int_equal(f, 7);
	assert_int_equal(money_parse_yuan("1.234", &f, &e), -1);
	assert_int_equal(money_parse_yuan("-5", &f, &e), -1);
	assert_int_equal(money_parse_yuan("12a", &f, &e), -1);
	assert_int_equal(money_parse_yuan("", &f, &e), -1);
	assert_int_equal(money_parse_yuan("3.", &f, &e), -1);
	money_format(8450000, s, sizeof s);
	assert_string_equal(s, "84500.00");
	money_format(5, s, sizeof s);
	assert_string_equal(s, "0.05");
}

/* ---- benefits ---- */

static void test_benefit_sc(void **state)
{
	(void)state;
	struct benefit_input in = { .item = "SC", .wage_fen = 650000, .avg_wage_fen = 700000,
				    .grade = 7 };
	struct benefit_calc bc;
	struct yerr e;
	assert_int_equal(benefit_calculate(&cat, &in, &bc, &e), 0);
	assert_int_equal(bc.n, 1);                       /* grade 7: lump sum only */
	assert_int_equal(bc.lines[0].fen, 13 * 650000);  /* 13 months × 本人工资 */
	assert_non_null(strstr(bc.lines[0].formula, "13 × "));
	assert_non_null(strstr(bc.lines[0].formula, "84500.00"));
	/* grade 3 with care level 1: allowance 80% and care 50% of 社平工资 */
	in.grade = 3;
	in.care_level = 1;
	assert_int_equal(benefit_calculate(&cat, &in, &bc, &e), 0);
	assert_int_equal(bc.n, 3);
	assert_int_equal(bc.lines[0].fen, 23 * 650000);
	assert_int_equal(bc.lines[1].fen, 520000);
	assert_int_equal(bc.lines[2].fen, 350000);
	assert_int_equal(bc.monthly_fund_fen, 870000);
	/* the wage is floored at 60% of the average */
	in.wage_fen = 100000;
	assert_int_equal(benefit_calculate(&cat, &in, &bc, &e), 0);
	assert_int_equal(bc.wage_fen, 420000);
	/* and capped at 300% */
	in.wage_fen = 5000000;
	assert_int_equal(benefit_calculate(&cat, &in, &bc, &e), 0);
	assert_int_equal(bc.wage_fen, 2100000);
	/* without a grade: refused */
	in.grade = 0;
	assert_int_equal(benefit_calculate(&cat, &in, &bc, &e), -1);
}

static void test_benefit_death(void **state)
{
	(void)state;
	struct benefit_calc bc;
	struct yerr e;
	struct benefit_input sz = { .item = "SZ", .avg_wage_fen = 700000 };
	assert_int_equal(benefit_calculate(&cat, &sz, &bc, &e), 0);
	assert_int_equal(bc.lines[0].fen, 6 * 700000);
	struct benefit_input gw = { .item = "GW", .death_year = 2026 };
	assert_int_equal(benefit_calculate(&cat, &gw, &bc, &e), 0);
	assert_int_equal(bc.lines[0].fen, (int64_t)20 * 56502 * 100);
	gw.advance = 1; /* 条例 §41: only for a worker missing */
	assert_int_equal(benefit_calculate(&cat, &gw, &bc, &e), -1);
	gw.missing = 1;
	assert_int_equal(benefit_calculate(&cat, &gw, &bc, &e), 0);
	assert_int_equal(bc.lump_fund_fen, (int64_t)10 * 56502 * 100);
	gw.death_year = 1990; /* no income figure for 1989 */
	assert_int_equal(benefit_calculate(&cat, &gw, &bc, &e), -1);
	/* dependants: spouse 40% + two others 30% = 100%, capped at the wage */
	struct benefit_input fx = { .item = "FX", .wage_fen = 600000, .avg_wage_fen = 700000,
				    .spouse = 1, .others = 1 };
	assert_int_equal(benefit_calculate(&cat, &fx, &bc, &e), 0);
	assert_int_equal(bc.lines[0].fen, 420000);
	fx.others = 2;
	fx.lonely = 1;
	assert_int_equal(benefit_calculate(&cat, &fx, &bc, &e), 0);
	assert_int_equal(bc.lines[0].fen, 600000);
	struct benefit_input yl = { .item = "YL" };
	assert_int_equal(benefit_calculate(&cat, &yl, &bc, &e), 0);
	assert_int_equal(bc.formula, 0);
	struct benefit_input yb = { .item = "YB", .avg_wage_fen = 700000, .grade = 6 };
	assert_int_equal(benefit_calculate(&cat, &yb, &bc, &e), 0);
	assert_int_equal(bc.lines[0].fen, 14 * 700000);
	assert_int_equal(bc.lines[1].employer, 1);
	yb.grade = 4;
	assert_int_equal(benefit_calculate(&cat, &yb, &bc, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allowed_states),
		cmocka_unit_test(test_refusal_names_state),
		cmocka_unit_test(test_next_state),
		cmocka_unit_test(test_decision_outcomes),
		cmocka_unit_test(test_linked_activation),
		cmocka_unit_test(test_link_reason),
		cmocka_unit_test(test_deadline_pause),
		cmocka_unit_test(test_deadline_working_pause),
		cmocka_unit_test(test_thresholds),
		cmocka_unit_test(test_suspend_reasons),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_task_may),
		cmocka_unit_test(test_benefit_sc),
		cmocka_unit_test(test_benefit_death),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
