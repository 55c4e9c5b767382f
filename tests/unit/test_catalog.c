/* test_catalog.c — unit tests of the catalog: the real forms/ load, broken
 * copies fail with exact "file:line: message" errors, and the rules
 * (allowed items, prerequisites, waiting items, merged materials, the
 * application window).  Layer: tests (run from the repo root). */
#include "testutil.h"

#include <stdio.h>
#include <unistd.h>

#include "core_catalog.h"
#include "csv_forms.h"

static const char *const form_files[] = {
	"items.csv", "outcomes.csv", "materials.csv", "item_materials.csv", "rules.csv",
	"holidays.csv", "rates.csv", "form.csv", "templates.csv",
};

static struct catalog cat; /* the real forms, loaded once */

static int setup(void **state)
{
	struct yerr e = { 0 };
	catalog_init(&cat);
	if (forms_load("forms", &cat, &e) < 0) {
		fprintf(stderr, "forms_load: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	catalog_release(&cat);
	return 0;
}

static int ix(const char *code)
{
	int i = catalog_item_index(&cat, code);
	assert_true(i >= 0);
	return i;
}

/* "RD;JD" -> set over the real catalog. */
static itemset set(const char *codes)
{
	itemset s = 0;
	struct yerr e = { 0 };
	assert_int_equal(catalog_parse_items(&cat, codes, &s, &e), 0);
	return s;
}

static void assert_set(itemset got, const char *want)
{
	char *s = catalog_format_items(&cat, got);
	assert_string_equal(s, want);
	free(s);
}

/* ---- file helpers for broken copies ------------------------------------- */

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	*n = (size_t)len;
	return buf;
}

static void spit(const char *path, const char *buf, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, n, f), n);
	fclose(f);
}

static void copy_forms(char *dir)
{
	strcpy(dir, "/tmp/yici-catalog-XXXXXX");
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < sizeof form_files / sizeof *form_files; i++) {
		char src[256], dst[256];
		size_t n;
		snprintf(src, sizeof src, "forms/%s", form_files[i]);
		snprintf(dst, sizeof dst, "%s/%s", dir, form_files[i]);
		char *buf = slurp(src, &n);
		spit(dst, buf, n);
		free(buf);
	}
}

static void remove_forms(const char *dir)
{
	for (size_t i = 0; i < sizeof form_files / sizeof *form_files; i++) {
		char p[256];
		snprintf(p, sizeof p, "%s/%s", dir, form_files[i]);
		unlink(p);
	}
	rmdir(dir);
}

/* Replaces the first occurrence of from with to in dir/file. */
static void edit(const char *dir, const char *file, const char *from, const char *to)
{
	char path[256];
	size_t n;
	snprintf(path, sizeof path, "%s/%s", dir, file);
	char *buf = slurp(path, &n);
	char *at = strstr(buf, from);
	assert_non_null(at);
	size_t head = (size_t)(at - buf), fl = strlen(from), tl = strlen(to);
	char *out = malloc(n - fl + tl + 1);
	assert_non_null(out);
	memcpy(out, buf, head);
	memcpy(out + head, to, tl);
	memcpy(out + head + tl, at + fl, n - head - fl);
	spit(path, out, n - fl + tl);
	free(out);
	free(buf);
}

/* Loads dir and expects the error want, with "DIR" replaced by dir. */
static void expect_error(const char *dir, const char *want)
{
	struct catalog c;
	struct yerr e = { 0 };
	char exp[1024];
	const char *d = strstr(want, "DIR");
	if (d)
		snprintf(exp, sizeof exp, "%.*s%s%s", (int)(d - want), want, dir, d + 3);
	else
		snprintf(exp, sizeof exp, "%s", want);
	catalog_init(&c);
	assert_int_equal(forms_load(dir, &c, &e), -1);
	assert_string_equal(e.msg, exp);
	catalog_release(&c);
}

/* One broken copy: edit file (from -> to), expect want. */
static void broken(const char *file, const char *from, const char *to, const char *want)
{
	char dir[64];
	copy_forms(dir);
	edit(dir, file, from, to);
	expect_error(dir, want);
	remove_forms(dir);
}

/* ---- loading ------------------------------------------------------------- */

static void test_real_forms_load(void **state)
{
	static const char *const codes[] = {
		"RD", "JD", "KF", "YL", "FF", "HS", "JT", "FJ", "FY", "SC", "YB", "GW", "SZ", "FX",
	};
	int per_cat[CAT_N] = { 0 };
	assert_int_equal(cat.nitems, 14);
	for (int i = 0; i < cat.nitems; i++) {
		assert_string_equal(cat.items[i].code, codes[i]);
		assert_int_equal(cat.items[i].seq, i + 1);
		assert_true(cat.items[i].promised_days <= cat.items[i].limit_days);
		per_cat[cat.items[i].cat]++;
	}
	assert_int_equal(per_cat[CAT_ADMIN], 1);
	assert_int_equal(per_cat[CAT_APPRAISAL], 2);
	assert_int_equal(per_cat[CAT_AGENCY], 11);
	assert_int_equal(cat.nmaterials, 20);
	assert_string_equal(cat.materials[19].code, "M20");
	assert_int_equal(cat.ntemplates, 14);
	assert_non_null(catalog_template(&cat, "sms_accepted"));
	assert_non_null(catalog_template(&cat, "sms_received"));
	/* who accepts: RD, JD and FJ their office (工伤认定办法 §8: 15 days;
	 * JD/FJ 5 working days), the benefits the window */
	const struct item *rd = &cat.items[catalog_item_index(&cat, "RD")];
	const struct item *jd = &cat.items[catalog_item_index(&cat, "JD")];
	const struct item *yl = &cat.items[catalog_item_index(&cat, "YL")];
	assert_int_equal(rd->office_accepts, 1);
	assert_string_equal(rd->review_rule, "accept_review");
	assert_int_equal(rd->review_days, 15);
	assert_int_equal(rd->review_day_kind, DAYS_CALENDAR);
	assert_int_equal(jd->office_accepts, 1);
	assert_int_equal(jd->review_days, 5);
	assert_int_equal(jd->review_day_kind, DAYS_WORKING);
	assert_int_equal(yl->office_accepts, 0);
	assert_string_equal(yl->review_rule, "");
	/* task calc's formula is the item's column: HS the daily rate, YL none */
	assert_string_equal(cat.items[catalog_item_index(&cat, "HS")].formula, "hospital_food");
	assert_string_equal(yl->formula, "");
	assert_int_equal(strlen(cat.version), 64);
	assert_int_equal(strspn(cat.version, "0123456789abcdef"), 64);
}

static void test_real_forms_values(void **state)
{
	const struct rule *r = catalog_rule(&cat, "rd_decide");
	int64_t v;
	assert_non_null(r);
	assert_int_equal(r->amount, 60);
	assert_int_equal(r->unit, UNIT_DAY);
	r = catalog_rule(&cat, "reimburse");
	assert_non_null(r);
	assert_int_equal(r->day_kind, DAYS_WORKING);
	assert_int_equal(catalog_rule(&cat, "apply_worker")->unit, UNIT_YEAR);
	assert_null(catalog_rule(&cat, "nope"));
	assert_int_equal(catalog_rate(&cat, "disability_lump_months", 1, &v), 0);
	assert_int_equal(v, 27);
	assert_int_equal(catalog_rate(&cat, "national_urban_income", 2024, &v), 0);
	assert_int_equal(v, 54188);
	assert_int_equal(catalog_rate(&cat, "care_pct", 4, &v), -1);
	assert_int_equal(cat.items[ix("RD")].limit_days, 60);
	assert_int_equal(cat.items[ix("FX")].day_kind, DAYS_WORKING);
	assert_true(cat.items[ix("SC")].prereqs == set("JD"));
	assert_true(cat.items[ix("FY")].prereqs == set("FJ"));
	assert_true(cat.items[ix("RD")].prereqs == 0);
	assert_string_equal(cat.fields[0].key, "applicant.type");
	assert_string_equal(cat.fields[0].type, "choice:employer|worker|relative|union|agent");
	/* 2026-10-01 is 国庆 (off), 2026-10-10 a 调休 Saturday (work). */
	assert_false(calendar_is_workday(&cat.cal, date_from_ymd(2026, 10, 1)));
	assert_true(calendar_is_workday(&cat.cal, date_from_ymd(2026, 10, 10)));
}

static void test_copy_same_version(void **state)
{
	char dir[64];
	struct catalog c;
	struct yerr e = { 0 };
	copy_forms(dir);
	catalog_init(&c);
	assert_int_equal(forms_load(dir, &c, &e), 0);
	assert_string_equal(c.version, cat.version);
	catalog_release(&c);
	edit(dir, "materials.csv", "多个事项共用", "多个事项共享");
	catalog_init(&c);
	assert_int_equal(forms_load(dir, &c, &e), 0);
	assert_string_not_equal(c.version, cat.version);
	catalog_release(&c);
	remove_forms(dir);
}

static void test_unknown_category(void **state)
{
	broken("items.csv", ",HS,住院伙食补助费申领,agency,", ",HS,住院伙食补助费申领,amdin,",
	       "DIR/items.csv:7: unknown category 'amdin'");
}

static void test_unknown_formula(void **state)
{
	broken("items.csv", ",window,,hospital_food", ",window,,meals",
	       "DIR/items.csv:7: formula 'meals' is not one yici computes (disability_grant, "
	       "employment_grants, death_grant, dependants_pension, funeral_grant, hospital_food)");
}

static void test_unknown_push(void **state)
{
	broken("outcomes.csv", "no,no,,insurer", "no,no,,bank",
	       "DIR/outcomes.csv:2: push 'bank': 'bank' is not insurer, employment or unemployment "
	       "with an optional grade range like employment:5-10");
}

static void test_missing_file(void **state)
{
	char dir[64], p[128];
	copy_forms(dir);
	snprintf(p, sizeof p, "%s/rates.csv", dir);
	unlink(p);
	expect_error(dir, "cannot open 'DIR/rates.csv': No such file or directory");
	remove_forms(dir);
}

static void test_templates_optional(void **state)
{
	char dir[64], p[128];
	struct catalog c;
	struct yerr e = { 0 };
	copy_forms(dir);
	snprintf(p, sizeof p, "%s/templates.csv", dir);
	unlink(p);
	catalog_init(&c);
	assert_int_equal(forms_load(dir, &c, &e), 0);
	assert_int_equal(c.ntemplates, 0);
	assert_null(catalog_template(&c, "sms_accepted"));
	catalog_release(&c);
	remove_forms(dir);
}

static void test_missing_column(void **state)
{
	broken("items.csv", "name,category,kinds", "name,categ,kinds",
	       "DIR/items.csv:1: missing column 'category'");
}

/* A header and no rows: blamed on items.csv, not on the first link. */
static void test_no_items(void **state)
{
	char dir[64], path[128];
	static const char hdr[] = "seq,code,name,category,kinds,circumstances,prereqs,"
				  "prereq_note,limit_rule,promised_days,basis,once,sms_accept,"
				  "sms_start,sms_decide,delivery,suspend,extend,simple,"
				  "reappraise,accepts,review_rule,formula\n";
	copy_forms(dir);
	snprintf(path, sizeof path, "%s/items.csv", dir);
	spit(path, hdr, sizeof hdr - 1);
	expect_error(dir, "DIR/items.csv: no items");
	remove_forms(dir);
}

static void test_duplicate_code(void **state)
{
	broken("items.csv", "2,JD,", "2,RD,", "DIR/items.csv:3: duplicate item code 'RD'");
	broken("materials.csv", "M05,", "M04,", "DIR/materials.csv:6: duplicate material code 'M04'");
}

static void test_unknown_prereq(void **state)
{
	broken("items.csv", ",FJ:confirmed,", ",FZ:confirmed,", "DIR/items.csv:10: unknown item 'FZ'");
	broken("items.csv", ",FJ:confirmed,", ",FJ:approved,",
	       "DIR/items.csv:10: 'approved' is not an outcome of FJ");
	broken("items.csv", ",JD:grade=5-10,", ",JD:grade=5-11,",
	       "DIR/items.csv:12: bad grade range 'grade=5-11' (like grade=5-10, within 1-10)");
	broken("item_materials.csv", "FX,M17,", "FX,M27,",
	       "DIR/item_materials.csv:85: unknown material 'M27'");
}

static void test_cycle(void **state)
{
	broken("items.csv", "injury;death,,,", "injury;death,,FY,",
	       "DIR/items.csv: prerequisite cycle: RD -> FY -> FJ -> RD");
}

static void test_bad_holiday(void **state)
{
	broken("holidays.csv", "2026-02-15,off", "2026-02-30,off",
	       "DIR/holidays.csv:40: no such date 2026-02-30");
	broken("holidays.csv", "2026-02-15,off", "2026-02-16,off",
	       "DIR/holidays.csv:41: holiday 2026-02-16 listed twice");
}

static void test_bad_fields(void **state)
{
	broken("items.csv", ",rd_decide,40,", ",rd_decide,4x,",
	       "DIR/items.csv:2: bad promised_days '4x' (expected a whole number)");
	broken("items.csv", ",rd_decide,40,", ",rd_decide,70,",
	       "DIR/items.csv:2: promised_days 70 exceeds limit_days 60 (rd_decide)");
	broken("items.csv", ",rd_decide,40,", ",rd_decidex,40,",
	       "DIR/items.csv:2: limit_rule 'rd_decidex' is not a rule of rules.csv");
	broken("rules.csv", "30,day,calendar,条例 §17", "30,day,calender,条例 §17",
	       "DIR/rules.csv:18: unknown day kind 'calender' (calendar or working)");
	/* a row the code does not read and no item names: two sources of truth */
	broken("rules.csv", "rd_simple,", "rd_simple,事实清楚的工伤认定决定,15,day,calendar,x\n"
					  "rd_unused,",
	       "DIR/rules.csv: rule 'rd_unused' is read by nothing (no item names it and the "
	       "code does not look it up): remove the row or name it in items.csv");
	broken("item_materials.csv", "applicant=agent", "applcant=agent",
	       "DIR/item_materials.csv:9: bad condition 'applcant=agent' (kind, applicant or "
	       "circumstance, = or !=, values separated by |)");
	broken("item_materials.csv", "applicant=agent", "applicant=agnet",
	       "DIR/item_materials.csv:9: unknown applicant 'agnet' in condition 'applicant=agnet'");
	/* rd_simple is named by RD's simple column now, not looked up by the code */
	broken("rules.csv", "rd_simple,", "rd_simplest,",
	       "DIR/items.csv:2: simple 'rd_simple' is not a rule of rules.csv");
	broken("rules.csv", "supplement_deadline,", "supplement_deadlinx,",
	       "DIR/rules.csv: missing rule 'supplement_deadline'");
	broken("item_materials.csv", "RD,M01,yes,no,,\n", "RD,M01,yes,no,,,x\n",
	       "DIR/item_materials.csv:2: expected 6 columns but found 7");
	broken("items.csv", "2,JD,劳动能力鉴定申请,appraisal,injury,", "2,JD,劳动能力鉴定申请,appraisal,injry,",
	       "DIR/items.csv:3: unknown kind 'injry'");
	broken("items.csv", "1,RD,工伤认定申请,admin,injury;death,", "1,RD,工伤认定申请,admin,injury;dead,",
	       "DIR/items.csv:2: unknown kind 'dead'");
	/* A quote left open swallows the rest of the file: the line is where
	 * it opened, not one past the end. */
	broken("materials.csv", "M05,", "M05,\"",
	       "DIR/materials.csv:6: malformed CSV: stray or unterminated quote");
	broken("form.csv", "bool,yes,1", "boolean,yes,1",
	       "DIR/form.csv:17: unknown field type 'boolean'");
	broken("templates.csv", "{worker_name}", "{worker_id_number}",
	       "DIR/templates.csv:2: template 'sms_accepted' must not show a full ID number: "
	       "{worker_id_number}");
}

/* ---- labels and item sets ----------------------------------------------- */

static void test_codes(void **state)
{
	enum category c;
	enum applicant_type t;
	int k;
	assert_int_equal(category_parse("appraisal", &c), 0);
	assert_int_equal(c, CAT_APPRAISAL);
	assert_int_equal(category_parse("amdin", &c), -1);
	assert_string_equal(category_code(CAT_AGENCY), "agency");
	assert_string_equal(category_label(CAT_ADMIN), "Administrative");
	assert_int_equal(kind_parse("death", &k), 0);
	assert_int_equal(k, KIND_DEATH);
	assert_int_equal(kind_parse("injury;death", &k), -1);
	assert_string_equal(kind_code(KIND_INJURY), "injury");
	assert_int_equal(applicant_type_parse("union", &t), 0);
	assert_int_equal(t, APPL_UNION);
	assert_string_equal(applicant_type_label(APPL_UNION), "Trade union");
}

static void test_item_sets(void **state)
{
	itemset s;
	struct yerr e = { 0 };
	assert_set(set("JD; RD"), "RD;JD");
	assert_set(0, "");
	assert_int_equal(catalog_parse_items(&cat, "RD;XX", &s, &e), -1);
	assert_string_equal(e.msg, "unknown item 'XX'");
	assert_int_equal(catalog_parse_items(&cat, "", &s, &e), 0);
	assert_true(s == 0);
}

/* ---- rules ---------------------------------------------------------------- */

static void test_allowed_items(void **state)
{
	itemset injury = 0, death = 0;
	char why[256];
	for (int i = 0; i < cat.nitems; i++) {
		if (rule_item_allowed(&cat, i, KIND_INJURY, why, sizeof why))
			injury |= (itemset)1 << i;
		if (rule_item_allowed(&cat, i, KIND_DEATH, why, sizeof why))
			death |= (itemset)1 << i;
	}
	assert_set(injury, "RD;JD;KF;YL;FF;HS;JT;FJ;FY;SC;YB");
	assert_set(death, "RD;YL;HS;GW;SZ;FX");
	assert_int_equal(rule_item_allowed(&cat, ix("SZ"), KIND_INJURY, why, sizeof why), 0);
	assert_string_equal(why, "丧葬补助金申领 applies to death cases only");
	assert_int_equal(rule_item_allowed(&cat, ix("JD"), KIND_DEATH, why, sizeof why), 0);
	assert_string_equal(why, "劳动能力鉴定申请 applies to injury cases only");
	assert_int_equal(rule_item_allowed(&cat, 99, KIND_DEATH, why, sizeof why), 0);
}

static void test_missing_prereqs(void **state)
{
	assert_set(rule_missing_prereqs(&cat, set("SC"), 0), "RD;JD");
	assert_set(rule_missing_prereqs(&cat, set("SC"), set("RD")), "JD");
	assert_set(rule_missing_prereqs(&cat, set("SC"), set("JD")), "");
	assert_set(rule_missing_prereqs(&cat, set("RD;JD;SC"), 0), "");
	assert_set(rule_missing_prereqs(&cat, set("FY;YL"), 0), "RD;FJ");
}

static void test_waiting_items(void **state)
{
	assert_set(rule_waiting_items(&cat, set("RD;JD"), 0), "JD");
	assert_set(rule_waiting_items(&cat, set("RD;JD;SC;YB"), 0), "JD;SC;YB");
	assert_set(rule_waiting_items(&cat, set("JD;SC"), set("RD")), "SC");
	assert_set(rule_waiting_items(&cat, set("JD"), set("RD")), "");
	assert_set(rule_waiting_items(&cat, set("RD"), 0), "");
}

static const struct merged_material *find_mat(const struct merged_material *m, int n,
					       const char *code)
{
	int k = catalog_material_index(&cat, code);
	for (int i = 0; i < n; i++)
		if (m[i].material == k)
			return &m[i];
	return NULL;
}

static void test_merge_rd_yl_hs(void **state)
{
	struct merged_material m[MAX_MATERIALS];
	static const char *const want[] = {
		"M01", "M02", "M03", "M04", "M05", "M08", "M09", "M19",
	};
	struct case_facts plain = { KIND_INJURY, "worker", "work" };
	int n = rule_merge_materials(&cat, set("RD;YL;HS"), 0, &plain, 0, m);
	assert_int_equal(n, 8);
	for (int i = 0; i < n; i++) {
		assert_string_equal(cat.materials[m[i].material].code, want[i]);
		assert_int_equal(m[i].produced, 0);
	}
	assert_set(find_mat(m, n, "M01")->items, "RD;YL");
	assert_set(find_mat(m, n, "M08")->items, "YL;HS");
	assert_set(find_mat(m, n, "M09")->items, "YL;HS");
	assert_set(find_mat(m, n, "M02")->items, "RD");
	assert_int_equal(find_mat(m, n, "M04")->required, 1);
	assert_null(find_mat(m, n, "M18"));
	assert_null(find_mat(m, n, "M06"));

	n = rule_merge_materials(&cat, set("RD;YL;HS"), 0, &plain, 1, m);
	assert_int_equal(n, 9);
	assert_int_equal(find_mat(m, n, "M06")->produced, 1);
	assert_set(find_mat(m, n, "M06")->items, "YL;HS");
}

/* Materials that depend on the case (issue 14 item 4). */
static void test_merge_conditions(void **state)
{
	struct merged_material m[MAX_MATERIALS];
	struct case_facts agent = { KIND_INJURY, "agent", "commute" };
	int n = rule_merge_materials(&cat, set("RD;YL"), 0, &agent, 0, m);
	assert_int_equal(find_mat(m, n, "M18")->required, 1);
	assert_set(find_mat(m, n, "M18")->items, "RD;YL");
	assert_int_equal(find_mat(m, n, "M20")->required, 1);
	assert_null(find_mat(m, n, "M10"));
	assert_null(find_mat(m, n, "M11"));
	struct case_facts death = { KIND_DEATH, "relative", "work" };
	n = rule_merge_materials(&cat, set("RD;GW"), 0, &death, 0, m);
	assert_int_equal(find_mat(m, n, "M10")->required, 1);
	assert_set(find_mat(m, n, "M10")->items, "RD;GW");
	assert_int_equal(find_mat(m, n, "M11")->required, 1);
	assert_null(find_mat(m, n, "M17"));
	assert_null(find_mat(m, n, "M18"));
	struct case_facts missing = { KIND_DEATH, "relative", "missing" };
	n = rule_merge_materials(&cat, set("RD;GW"), 0, &missing, 0, m);
	assert_int_equal(find_mat(m, n, "M17")->required, 1);
	assert_null(find_mat(m, n, "M10"));
	/* unknown facts: conditional links are left out */
	n = rule_merge_materials(&cat, set("RD"), 0, NULL, 0, m);
	assert_null(find_mat(m, n, "M18"));
	assert_int_equal(catalog_condition_holds("", NULL), 1);
	assert_int_equal(catalog_condition_holds("kind=death", &agent), 0);
	assert_int_equal(catalog_condition_holds("kind!=death;applicant=agent|worker", &agent), 1);
}

static void test_merge_decided_earlier(void **state)
{
	struct merged_material m[MAX_MATERIALS];
	int n = rule_merge_materials(&cat, set("JD"), set("RD"), NULL, 1, m);
	assert_int_equal(n, 4);
	assert_int_equal(find_mat(m, n, "M06")->produced, 1);
	assert_int_equal(find_mat(m, n, "M01")->produced, 0);
	n = rule_merge_materials(&cat, set("JD"), set("RD"), NULL, 0, m);
	assert_int_equal(n, 3);
	assert_null(find_mat(m, n, "M06"));
	/* FF lists M07 (produced by JD): asked for unless JD is in the bundle. */
	n = rule_merge_materials(&cat, set("FF"), set("RD"), NULL, 0, m);
	assert_non_null(find_mat(m, n, "M07"));
	n = rule_merge_materials(&cat, set("FF;JD"), set("RD"), NULL, 0, m);
	assert_null(find_mat(m, n, "M07"));
}

static void test_merge_commitment(void **state)
{
	struct merged_material m[MAX_MATERIALS];
	struct case_facts death = { KIND_DEATH, "relative", "work" };
	int n = rule_merge_materials(&cat, set("FX"), set("RD"), &death, 0, m);
	assert_int_equal(find_mat(m, n, "M11")->commitment_ok, 1);
	n = rule_merge_materials(&cat, set("RD;FX"), 0, &death, 0, m);
	assert_int_equal(find_mat(m, n, "M11")->commitment_ok, 1); /* RD allows it too */
	assert_int_equal(find_mat(m, n, "M11")->required, 1);
	n = rule_merge_materials(&cat, set("GW;SZ;FX"), set("RD"), &death, 0, m);
	assert_int_equal(find_mat(m, n, "M11")->commitment_ok, 0);
	assert_set(find_mat(m, n, "M11")->items, "GW;SZ;FX");
	assert_int_equal(find_mat(m, n, "M10")->required, 1);
}

static void test_window_employer(void **state)
{
	char msg[256];
	yday acc = date_from_ymd(2026, 3, 2);
	assert_int_equal(rule_application_window(&cat, APPL_EMPLOYER, acc, acc, msg, sizeof msg), 0);
	assert_int_equal(rule_application_window(&cat, APPL_EMPLOYER, acc, acc + 30, msg,
						 sizeof msg), 0);
	assert_string_equal(msg, "");
	assert_int_equal(rule_application_window(&cat, APPL_EMPLOYER, acc, acc + 31, msg,
						 sizeof msg), 1);
	assert_string_equal(msg, "accident on 2026-03-02 is 31 days ago: an employer must "
				 "apply within 30 days (条例 §17)");
	/* Day 30 is 2026-10-01 (国庆): the window runs to the next working day. */
	acc = date_from_ymd(2026, 9, 1);
	assert_int_equal(rule_application_window(&cat, APPL_EMPLOYER, acc,
						 date_from_ymd(2026, 10, 8), msg, sizeof msg), 0);
	assert_int_equal(rule_application_window(&cat, APPL_EMPLOYER, acc,
						 date_from_ymd(2026, 10, 9), msg, sizeof msg), 1);
}

static void test_window_worker(void **state)
{
	char msg[256];
	yday acc = date_from_ymd(2025, 3, 3);
	yday year = date_from_ymd(2026, 3, 3);
	assert_int_equal(rule_application_window(&cat, APPL_WORKER, acc, year, msg, sizeof msg), 0);
	assert_int_equal(rule_application_window(&cat, APPL_RELATIVE, acc, year, msg, sizeof msg),
			 0);
	assert_int_equal(rule_application_window(&cat, APPL_EMPLOYER, acc, year, msg, sizeof msg),
			 1);
	assert_int_equal(rule_application_window(&cat, APPL_WORKER, acc, year + 1, msg, sizeof msg),
			 1);
	assert_string_equal(msg, "accident on 2025-03-03 is 366 days ago: the worker, a relative "
				 "or the union must apply within 1 year (条例 §17)");
	assert_int_equal(rule_application_window(&cat, APPL_UNION, acc, year + 1, msg, sizeof msg),
			 1);
	assert_int_equal(rule_application_window(&cat, APPL_AGENT, acc, year + 1, msg, sizeof msg),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_forms_load),
		cmocka_unit_test(test_real_forms_values),
		cmocka_unit_test(test_copy_same_version),
		cmocka_unit_test(test_unknown_category),
		cmocka_unit_test(test_unknown_formula),
		cmocka_unit_test(test_unknown_push),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_templates_optional),
		cmocka_unit_test(test_missing_column),
		cmocka_unit_test(test_no_items),
		cmocka_unit_test(test_duplicate_code),
		cmocka_unit_test(test_unknown_prereq),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_bad_holiday),
		cmocka_unit_test(test_bad_fields),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_item_sets),
		cmocka_unit_test(test_allowed_items),
		cmocka_unit_test(test_missing_prereqs),
		cmocka_unit_test(test_waiting_items),
		cmocka_unit_test(test_merge_rd_yl_hs),
		cmocka_unit_test(test_merge_conditions),
		cmocka_unit_test(test_merge_decided_earlier),
		cmocka_unit_test(test_merge_commitment),
		cmocka_unit_test(test_window_employer),
		cmocka_unit_test(test_window_worker),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
