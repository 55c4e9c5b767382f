/* test_benefit.c — the benefit formulas against worked examples computed
 * by hand, to the fen, on a fixture of rates written here (not forms/, so
 * a province editing its rates does not change these).  Layer: tests. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "core_benefit.h"
#include "core_catalog.h"

#define R(k, g, v) { (char *)(k), (g), (v), (char *)"", (char *)"" }
static struct rate rates[] = {
	R("disability_lump_months", 3, 23), R("disability_lump_months", 4, 21),
	R("disability_lump_months", 6, 16), R("disability_allowance_pct", 3, 80),
	R("disability_allowance_pct", 4, 75), R("disability_allowance_pct", 6, 60),
	R("care_pct", 2, 40), R("funeral_months", 0, 6), R("dependant_spouse_pct", 0, 40),
	R("dependant_other_pct", 0, 30), R("dependant_lonely_extra_pct", 0, 10),
	R("death_lump_multiplier", 0, 20), R("advance_pct", 0, 50),
	R("national_urban_income", 2025, 56502), R("wage_floor_pct", 0, 60),
	R("wage_cap_pct", 0, 300), R("minimum_wage_month", 0, 2060),
	R("hospital_meal_daily", 0, 30), R("medical_lump_months", 6, 14),
	R("employment_lump_months", 6, 16),
};
static struct catalog cat = { .rates = rates, .nrates = (int)(sizeof rates / sizeof rates[0]) };

static struct benefit_input base(const char *item)
{
	struct benefit_input in = { .item = item, .wage_fen = -1, .avg_wage_fen = 700000,
				    .death_year = 2026, .days = -1 };
	return in;
}

static void calc_ok(const struct benefit_input *in, struct benefit_calc *bc)
{
	struct yerr e = { 0 };
	int rc = benefit_calculate(&cat, in, bc, &e);
	if (rc < 0)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, 0);
}

static void calc_fails(const struct benefit_input *in, const char *want)
{
	struct benefit_calc bc;
	struct yerr e = { 0 };
	assert_int_equal(benefit_calculate(&cat, in, &bc, &e), -1);
	assert_non_null(strstr(e.msg, want));
}

/* SC grade 3, wage 6500.00, care level 2: 23 × 6500 = 149500.00 from the
 * fund; allowance 80% = 5200.00 and care 40% × 7000 = 2800.00 monthly. */
static void test_sc_grade3(void **state)
{
	(void)state;
	struct benefit_input in = base("SC");
	in.grade = 3;
	in.care_level = 2;
	in.wage_fen = 650000;
	struct benefit_calc bc;
	calc_ok(&in, &bc);
	assert_int_equal(bc.lump_fund_fen, 14950000);
	assert_int_equal(bc.monthly_fund_fen, 520000 + 280000);
	assert_int_equal(bc.reference_fen, 14950000);
	assert_int_equal(bc.employer_fen, 0);
}

/* 条例 §35: grade 4 with the average wage at 3000.00, wage 1000.00 raised
 * to the floor 60% = 1800.00; allowance 75% = 1350.00 is below the minimum
 * wage 2060.00 and topped up by 710.00 to 2060.00. */
static void test_allowance_minimum_wage(void **state)
{
	(void)state;
	struct benefit_input in = base("SC");
	in.grade = 4;
	in.wage_fen = 100000;
	in.avg_wage_fen = 300000;
	struct benefit_calc bc;
	calc_ok(&in, &bc);
	assert_int_equal(bc.wage_fen, 180000);
	assert_int_equal(bc.lump_fund_fen, 21 * 180000);
	assert_int_equal(bc.monthly_fund_fen, 206000);
	assert_non_null(strstr(bc.lines[1].formula, "topped up by 710.00"));
	/* grade 6: the employer's allowance 60% × 1800 = 1080.00, topped up
	 * by the employer too (§36), the fund's monthly stays 0 */
	in.grade = 6;
	calc_ok(&in, &bc);
	assert_int_equal(bc.monthly_fund_fen, 0);
	assert_int_equal(bc.lines[1].fen, 206000);
	assert_int_equal(bc.employer_fen, 206000);
}

/* 条例 §62 ¶2: uninsured, the employer pays all of it. */
static void test_uninsured(void **state)
{
	(void)state;
	struct benefit_input in = base("SZ");
	in.uninsured = 1;
	struct benefit_calc bc;
	calc_ok(&in, &bc);
	assert_int_equal(bc.lump_fund_fen, 0);
	assert_int_equal(bc.reference_fen, 0);
	assert_int_equal(bc.employer_fen, 4200000);
	assert_true(bc.uninsured);
}

/* FX: spouse 40% + one 30% + that one lonely 10% of 6000 = 4800.00; the
 * spouse cannot be the lonely one. */
static void test_fx_lonely(void **state)
{
	(void)state;
	struct benefit_input in = base("FX");
	in.wage_fen = 600000;
	in.spouse = 1;
	in.others = 1;
	in.lonely = 1;
	struct benefit_calc bc;
	calc_ok(&in, &bc);
	assert_int_equal(bc.monthly_fund_fen, 480000);
	in.others = 0;
	calc_fails(&in, "the spouse cannot be counted as lonely");
	/* capped at the wage: spouse + 3 others, 2 lonely = 40+90+20 = 150% */
	in.others = 3;
	in.lonely = 2;
	calc_ok(&in, &bc);
	assert_int_equal(bc.monthly_fund_fen, 600000);
}

/* GW: 20 × 56502 = 1130040.00; the 50% advance (565020.00) only when the
 * worker is missing (条例 §41). */
static void test_gw_advance(void **state)
{
	(void)state;
	struct benefit_input in = base("GW");
	struct benefit_calc bc;
	calc_ok(&in, &bc);
	assert_int_equal(bc.reference_fen, 113004000);
	in.advance = 1;
	calc_fails(&in, "only for a worker missing");
	in.missing = 1;
	calc_ok(&in, &bc);
	assert_int_equal(bc.lump_fund_fen, 56502000);
	assert_int_equal(bc.reference_fen, 56502000);
}

/* HS: 12 days × 30.00 = 360.00, not "as invoiced". */
static void test_hs_daily(void **state)
{
	(void)state;
	struct benefit_input in = base("HS");
	calc_fails(&in, "days in hospital");
	in.days = 12;
	struct benefit_calc bc;
	calc_ok(&in, &bc);
	assert_true(bc.formula);
	assert_int_equal(bc.reference_fen, 36000);
	/* YL has no formula: reimbursed as invoiced */
	in = base("YL");
	calc_ok(&in, &bc);
	assert_false(bc.formula);
}

/* The formula is the item's items.csv column: an item code names none of
 * them, and XX paid by the funeral formula is computed as SZ is. */
static void test_formula_column(void **state)
{
	(void)state;
	struct benefit_input in = base("XX");
	struct benefit_calc bc;
	calc_ok(&in, &bc);
	assert_int_equal(bc.reference_fen, 6 * 700000);
	assert_true(benefit_formula_known("funeral_grant"));
	assert_false(benefit_formula_known("SZ"));
}

/* The items of the fixture with the formula of each (forms/items.csv's
 * column), and XX, an item of no shipped catalog. */
static int setup_items(void **state)
{
	(void)state;
	static const char *const f[][2] = {
		{ "SC", "disability_grant" }, { "YB", "employment_grants" },
		{ "GW", "death_grant" },      { "FX", "dependants_pension" },
		{ "SZ", "funeral_grant" },    { "HS", "hospital_food" },
		{ "YL", "" },                 { "XX", "funeral_grant" },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		struct item *it = &cat.items[cat.nitems++];
		snprintf(it->code, sizeof it->code, "%s", f[i][0]);
		snprintf(it->formula, sizeof it->formula, "%s", f[i][1]);
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sc_grade3), cmocka_unit_test(test_allowance_minimum_wage),
		cmocka_unit_test(test_uninsured), cmocka_unit_test(test_fx_lonely),
		cmocka_unit_test(test_gw_advance), cmocka_unit_test(test_hs_daily),
		cmocka_unit_test(test_formula_column),
	};
	return cmocka_run_group_tests(tests, setup_items, NULL);
}
