/* test_sms.c — the SMS templates of forms/templates.csv: every notice the
 * applicant was promised has a template, every placeholder of every
 * template is filled, and no rendered message ever contains a full citizen
 * ID number, whichever placeholder the ID is passed in (alone, inside
 * text, lower-case x).  Layer: tests (run from the repo root: reads forms/). */
#include "testutil.h"

#include <ctype.h>
#include <stdio.h>

#include "core_catalog.h"
#include "core_sms.h"
#include "csv_forms.h"

static struct catalog cat;

static int setup(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	catalog_init(&cat);
	const char *dir = getenv("YICI_FORMS") ? getenv("YICI_FORMS") : TOP_SRCDIR "/forms";
	if (forms_load(dir, &cat, &e) < 0) {
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

/* 1 when s holds 17 digits followed by a digit or X/x. */
static int has_full_id(const char *s)
{
	size_t run = 0;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p) || ((*p == 'X' || *p == 'x') && run == 17))
			run++;
		else
			run = 0;
		if (run == 18)
			return 1;
	}
	return 0;
}

static const char *const names[] = { "case_no", "worker_name", "date", "query_url", "due_date",
				     "missing", "reason", "item_name", "amount", "id_number",
				     "applicant_name", "employer_name" };

static void render_all(const char *value, int *checked)
{
	struct sms_var vars[ARRAY_SIZE(names)];
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		vars[i].name = names[i];
		vars[i].value = value;
	}
	for (int t = 0; t < cat.ntemplates; t++) {
		char *msg = sms_render(cat.templates[t].text, vars, (int)ARRAY_SIZE(vars));
		if (has_full_id(msg))
			fail_msg("template %s leaks a full ID: %s", cat.templates[t].key, msg);
		assert_null(strchr(msg, '{'));
		(*checked)++;
		free(msg);
	}
}

static void test_no_full_id(void **state)
{
	(void)state;
	int checked = 0;
	render_all("11010519491231002X", &checked);
	render_all("11010519491231002x", &checked);
	render_all("340102199001011234", &checked);
	render_all("张三（身份证340102199001011234）", &checked);
	render_all("340102199001011234,11010519491231002X", &checked);
	assert_true(checked >= 5 * 9);
}

static void test_masked_id_still_recognisable(void **state)
{
	(void)state;
	struct sms_var v = { "case_no", "11010519491231002X" };
	char *msg = sms_render("{case_no}", &v, 1);
	assert_string_equal(msg, "110105********002X");
	free(msg);
}

static void test_promised_notices_have_templates(void **state)
{
	(void)state;
	static const char *const keys[] = { "sms_accepted", "sms_deficient", "sms_rd_accepted",
					    "sms_rd_decided", "sms_jd_accepted", "sms_jd_decided",
					    "sms_pay_accepted", "sms_paid", "sms_ready" };
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (!catalog_template(&cat, keys[i]))
			fail_msg("no template %s in forms/templates.csv", keys[i]);
}

static void test_placeholders_filled(void **state)
{
	(void)state;
	struct sms_var v[] = { { "case_no", "GS340102-20261128-0007" }, { "worker_name", "张三" },
			       { "date", "2026-11-28" } };
	char *msg = sms_render(catalog_template(&cat, "sms_accepted"), v, 3);
	assert_non_null(strstr(msg, "GS340102-20261128-0007"));
	assert_non_null(strstr(msg, "张三"));
	assert_null(strstr(msg, "{case_no}"));
	free(msg);
	/* a long digit string that is not an ID (a phone, an amount) stays */
	struct sms_var a = { "amount", "13800001234" };
	msg = sms_render("{amount}", &a, 1);
	assert_string_equal(msg, "13800001234");
	free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_full_id),
		cmocka_unit_test(test_masked_id_still_recognisable),
		cmocka_unit_test(test_promised_notices_have_templates),
		cmocka_unit_test(test_placeholders_filled),
	};
	return cmocka_run_group_tests_name("sms", tests, setup, teardown);
}
