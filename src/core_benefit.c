/* core_benefit.c — benefit formulas (条例 §34-39, §41, §64) in integer
 * fen from forms/rates.csv.  Layer: core (pure C). */
#include "core_benefit.h"

#include <stdio.h>
#include <string.h>

#include "core_task.h"
#include "i18n.h"

int64_t benefit_pct(int64_t fen, int64_t pct)
{
	return (fen * pct + 50) / 100;
}

static void yuan(int64_t fen, char *out, size_t n)
{
	money_format(fen, out, n);
}

static struct benefit_line *add_line(struct benefit_calc *o, const char *label, int64_t fen,
				     int monthly, int employer)
{
	struct benefit_line *l = &o->lines[o->n++];
	snprintf(l->label, sizeof l->label, "%s", label);
	l->fen = fen;
	l->monthly = monthly;
	l->employer = employer;
	if (!employer) {
		if (monthly)
			o->monthly_fund_fen += fen;
		else
			o->lump_fund_fen += fen;
	}
	return l;
}

static int need_rate(const struct catalog *c, const char *key, int n, int64_t *v, struct yerr *e)
{
	if (catalog_rate(c, key, n, v) == 0)
		return 0;
	return yerr_set(e, YERR_INPUT, _("forms/rates.csv has no rate %s for %d"), key, n);
}

/* 本人工资 bounded by 60% and 300% of the regional average (条例 §64). */
static int bound_wage(const struct catalog *c, const struct benefit_input *in,
		      struct benefit_calc *o, struct yerr *e)
{
	int64_t lo, hi;
	char w[32], a[32], b[32];
	if (in->wage_fen < 0)
		return yerr_set(e, YERR_INPUT, _("%s needs the worker's monthly wage (--wage)"),
				in->item);
	if (need_rate(c, "wage_floor_pct", 0, &lo, e) < 0 || need_rate(c, "wage_cap_pct", 0, &hi, e) < 0)
		return -1;
	int64_t flo = benefit_pct(in->avg_wage_fen, lo), fhi = benefit_pct(in->avg_wage_fen, hi);
	o->wage_fen = in->wage_fen < flo ? flo : in->wage_fen > fhi ? fhi : in->wage_fen;
	yuan(in->wage_fen, w, sizeof w);
	yuan(in->avg_wage_fen, a, sizeof a);
	yuan(o->wage_fen, b, sizeof b);
	snprintf(o->wage_note, sizeof o->wage_note,
		 _("wage %s, bounded to %lld%%-%lld%% of the average wage %s: %s"), w, (long long)lo,
		 (long long)hi, a, b);
	return 0;
}

/* A line "months × base". */
static void times_line(struct benefit_calc *o, const char *label, int64_t k, int64_t base,
		       const char *base_name, int monthly, int employer)
{
	char b[32], r[32];
	struct benefit_line *l = add_line(o, label, k * base, monthly, employer);
	yuan(base, b, sizeof b);
	yuan(l->fen, r, sizeof r);
	snprintf(l->formula, sizeof l->formula, "%lld × %s %s = %s", (long long)k, base_name, b, r);
}

/* A line "pct% × base". */
static void pct_line(struct benefit_calc *o, const char *label, int64_t pct, int64_t base,
		     const char *base_name, int monthly, int employer)
{
	char b[32], r[32];
	struct benefit_line *l = add_line(o, label, benefit_pct(base, pct), monthly, employer);
	yuan(base, b, sizeof b);
	yuan(l->fen, r, sizeof r);
	snprintf(l->formula, sizeof l->formula, "%lld%% × %s %s = %s", (long long)pct, base_name, b,
		 r);
}

static int need_grade(const struct benefit_input *in, int lo, struct yerr *e)
{
	if (in->grade < lo || in->grade > 10)
		return yerr_set(e, YERR_INPUT, _("%s needs a disability grade %d to 10 (got %d)"),
				in->item, lo, in->grade);
	return 0;
}

static int calc_sc(const struct catalog *c, const struct benefit_input *in,
		   struct benefit_calc *o, struct yerr *e)
{
	int64_t v;
	if (need_grade(in, 1, e) < 0 || bound_wage(c, in, o, e) < 0)
		return -1;
	if (!in->veteran) {
		if (need_rate(c, "disability_lump_months", in->grade, &v, e) < 0)
			return -1;
		times_line(o, _("one-off disability grant"), v, o->wage_fen, _("wage"), 0, 0);
	}
	if (catalog_rate(c, "disability_allowance_pct", in->grade, &v) == 0) {
		pct_line(o, _("disability allowance"), v, o->wage_fen, _("wage"), 1,
			 in->grade >= 5);
		/* 条例 §35-36: topped up to the local minimum wage */
		int64_t mw;
		if (need_rate(c, "minimum_wage_month", 0, &mw, e) < 0)
			return -1;
		struct benefit_line *l = &o->lines[o->n - 1];
		if (l->fen < mw * 100) {
			int64_t diff = mw * 100 - l->fen;
			char m[32], r[32];
			yuan(mw * 100, m, sizeof m);
			yuan(diff, r, sizeof r);
			l->fen = mw * 100;
			if (!l->employer)
				o->monthly_fund_fen += diff;
			size_t k = strlen(l->formula);
			snprintf(l->formula + k, sizeof l->formula - k,
				 _(", below the minimum wage %s: topped up by %s"), m, r);
		}
	}
	if (in->care_level) {
		if (need_rate(c, "care_pct", in->care_level, &v, e) < 0)
			return -1;
		pct_line(o, _("care allowance"), v, in->avg_wage_fen, _("average wage"), 1, 0);
	}
	return 0;
}

static int calc_yb(const struct catalog *c, const struct benefit_input *in,
		   struct benefit_calc *o, struct yerr *e)
{
	int64_t v;
	if (need_grade(in, 5, e) < 0 || need_rate(c, "medical_lump_months", in->grade, &v, e) < 0)
		return -1;
	times_line(o, _("one-off medical grant"), v, in->avg_wage_fen, _("average wage"),
		   0, 0);
	if (catalog_rate(c, "employment_lump_months", in->grade, &v) == 0)
		times_line(o, _("one-off employment grant"), v, in->avg_wage_fen,
			   _("average wage"), 0, 1);
	return 0;
}

static int calc_gw(const struct catalog *c, const struct benefit_input *in,
		   struct benefit_calc *o, struct yerr *e)
{
	int64_t k, inc, adv;
	if (need_rate(c, "death_lump_multiplier", 0, &k, e) < 0 ||
	    need_rate(c, "national_urban_income", in->death_year - 1, &inc, e) < 0)
		return -1;
	char base[48];
	snprintf(base, sizeof base, _("national urban disposable income %d"), in->death_year - 1);
	times_line(o, _("one-off death grant"), k, inc * 100, base, 0, 0);
	if (in->advance) {
		if (!in->missing)
			return yerr_set(e, YERR_INPUT,
					_("the 50%% advance is only for a worker missing (下落不明) in an "
					  "accident at work or in rescue (条例 §41), not this case"));
		if (need_rate(c, "advance_pct", 0, &adv, e) < 0)
			return -1;
		int64_t whole = o->lines[o->n - 1].fen;
		o->lump_fund_fen -= whole;
		o->lines[o->n - 1].info = 1; /* shown, not paid now */
		pct_line(o, _("advance while missing (50%)"), adv, whole, _("lump sum"), 0, 0);
	}
	return 0;
}

static int calc_fx(const struct catalog *c, const struct benefit_input *in,
		   struct benefit_calc *o, struct yerr *e)
{
	int64_t sp, ot, lo;
	if (in->spouse + in->others <= 0)
		return yerr_set(e, YERR_INPUT, _("FX needs at least one dependant"));
	/* 孤寡老人 or 孤儿 (+10%) are other dependants: a spouse is neither */
	if (in->lonely > in->others)
		return yerr_set(e, YERR_INPUT,
				_("%d lonely dependants (孤寡老人 or 孤儿) but only %d dependants other "
				  "than the spouse: the spouse cannot be counted as lonely"),
				in->lonely, in->others);
	if (bound_wage(c, in, o, e) < 0 || need_rate(c, "dependant_spouse_pct", 0, &sp, e) < 0 ||
	    need_rate(c, "dependant_other_pct", 0, &ot, e) < 0 ||
	    need_rate(c, "dependant_lonely_extra_pct", 0, &lo, e) < 0)
		return -1;
	int64_t pct = in->spouse * sp + in->others * ot + in->lonely * lo;
	int64_t sum = benefit_pct(o->wage_fen, pct), cap = o->wage_fen;
	char w[32], r[32];
	struct benefit_line *l = add_line(o, _("dependants' pension"),
					  sum > cap ? cap : sum, 1, 0);
	yuan(o->wage_fen, w, sizeof w);
	yuan(l->fen, r, sizeof r);
	snprintf(l->formula, sizeof l->formula,
		 _("(%d × %lld%% + %d × %lld%% + %d × %lld%%) × wage %s%s = %s"), in->spouse,
		 (long long)sp, in->others, (long long)ot, in->lonely, (long long)lo, w,
		 sum > cap ? _(", capped at the wage") : "", r);
	return 0;
}

/* 住院伙食补助费: the daily rate of the 统筹地区 × days (条例 §30), not
 * "as invoiced". */
static int calc_hs(const struct catalog *c, const struct benefit_input *in,
		   struct benefit_calc *o, struct yerr *e)
{
	int64_t rate;
	if (in->days < 0)
		return yerr_set(e, YERR_INPUT, _("%s needs the days in hospital (--days)"), in->item);
	if (need_rate(c, "hospital_meal_daily", 0, &rate, e) < 0)
		return -1;
	times_line(o, _("hospital meal allowance"), in->days, rate * 100, _("daily rate"), 0, 0);
	return 0;
}

static int calc_sz(const struct catalog *c, const struct benefit_input *in,
		   struct benefit_calc *o, struct yerr *e)
{
	int64_t k;
	if (need_rate(c, "funeral_months", 0, &k, e) < 0)
		return -1;
	times_line(o, _("funeral grant"), k, in->avg_wage_fen, _("average wage"), 0, 0);
	return 0;
}

/* The formulas, by the name an item's items.csv "formula" column gives:
 * which item pays by which is the catalog's to say. */
static const struct {
	const char *name;
	int (*fn)(const struct catalog *, const struct benefit_input *, struct benefit_calc *,
		  struct yerr *);
} formulas[] = {
	{ "disability_grant", calc_sc },   /* 一次性伤残补助金, 伤残津贴 (条例 §35-37) */
	{ "employment_grants", calc_yb },  /* 一次性工伤医疗补助金、伤残就业补助金 (§36-37) */
	{ "death_grant", calc_gw },        /* 一次性工亡补助金 (§39) */
	{ "dependants_pension", calc_fx }, /* 供养亲属抚恤金 (§39) */
	{ "funeral_grant", calc_sz },      /* 丧葬补助金 (§39) */
	{ "hospital_food", calc_hs },      /* 住院伙食补助费 (§30) */
};

int benefit_formula_known(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(formulas); i++)
		if (!strcmp(name, formulas[i].name))
			return 1;
	return 0;
}

const char *benefit_formula_names(void)
{
	return "disability_grant, employment_grants, death_grant, dependants_pension, "
	       "funeral_grant, hospital_food";
}

int benefit_calculate(const struct catalog *c, const struct benefit_input *in,
		      struct benefit_calc *out, struct yerr *e)
{
	memset(out, 0, sizeof *out);
	out->wage_fen = in->wage_fen;
	int item = catalog_item_index(c, in->item);
	const char *name = item >= 0 ? c->items[item].formula : "";
	for (size_t i = 0; *name && i < ARRAY_SIZE(formulas); i++) {
		if (strcmp(name, formulas[i].name))
			continue;
		out->formula = 1;
		if (formulas[i].fn(c, in, out, e) < 0)
			return -1;
		break;
	}
	if (!out->formula)
		return 0;
	for (int i = 0; i < out->n; i++) {
		struct benefit_line *l = &out->lines[i];
		if (l->info)
			continue;
		if (in->uninsured && !l->employer) {
			/* 条例 §62 ¶2: the uninsured employer pays what the fund would */
			l->employer = 1;
			if (l->monthly)
				out->monthly_fund_fen -= l->fen;
			else
				out->lump_fund_fen -= l->fen;
		}
		if (l->employer)
			out->employer_fen += l->fen;
	}
	out->uninsured = in->uninsured;
	out->reference_fen = out->lump_fund_fen > 0 ? out->lump_fund_fen : out->monthly_fund_fen;
	return 0;
}
