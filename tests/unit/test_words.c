/* test_words.c — Chinese dates and amounts on official papers (core_words):
 * 2026年11月28日, 12,345.67 and the capital figures (大写) with their zeros.
 * Layer: tests. */
#include "testutil.h"

#include "core_words.h"

static void upper_is(int64_t fen, const char *want)
{
	char out[256];
	assert_int_equal(words_amount_upper(fen, out, sizeof out), 0);
	assert_string_equal(out, want);
}

static void test_upper_examples(void **state)
{
	(void)state;
	upper_is(1234567, "壹万贰仟叁佰肆拾伍元陆角柒分");
	upper_is(0, "零元整");
	upper_is(100, "壹元整");
	upper_is(1000, "壹拾元整");
	upper_is(1000000, "壹万元整");
	upper_is(10010000, "壹拾万零壹佰元整");
	upper_is(100100, "壹仟零壹元整");
	upper_is(1001000, "壹万零壹拾元整");
	upper_is(105, "壹元零伍分");
	upper_is(56, "伍角陆分");
	upper_is(6, "陆分");
	upper_is(150, "壹元伍角");
	upper_is(100000000000LL, "壹拾亿元整");
	upper_is(10000010000LL, "壹亿零壹佰元整");
	upper_is(10000100000LL, "壹亿零壹仟元整");
	upper_is(100010000000LL, "壹拾亿零壹拾万元整");
	upper_is(1000100000LL, "壹仟万壹仟元整");
	upper_is(8075006, "捌万零柒佰伍拾元零陆分");
	upper_is(2000000000, "贰仟万元整");
}

static void test_upper_bounds(void **state)
{
	(void)state;
	char out[64] = "x";
	assert_int_equal(words_amount_upper(-1, out, sizeof out), -1);
	assert_string_equal(out, "");
	assert_int_equal(words_amount_upper(100000000000000LL, out, sizeof out), -1);
	char small[8];
	assert_int_equal(words_amount_upper(1234567, small, sizeof small), 0); /* truncated, no overflow */
}

static void test_figures(void **state)
{
	(void)state;
	char out[64];
	words_amount(1234567, out, sizeof out);
	assert_string_equal(out, "12,345.67");
	words_amount(5, out, sizeof out);
	assert_string_equal(out, "0.05");
	words_amount(100000000, out, sizeof out);
	assert_string_equal(out, "1,000,000.00");
	words_amount(99999, out, sizeof out);
	assert_string_equal(out, "999.99");
}

static void test_dates(void **state)
{
	(void)state;
	char out[64];
	words_date(date_from_ymd(2026, 11, 28), out, sizeof out);
	assert_string_equal(out, "2026年11月28日");
	words_date(date_from_ymd(2027, 1, 5), out, sizeof out);
	assert_string_equal(out, "2027年1月5日");
	words_date_str("2026-03-09 10:00:00", out, sizeof out);
	assert_string_equal(out, "2026年3月9日");
	words_date_str("", out, sizeof out);
	assert_string_equal(out, "");
	words_date_str("2026-02-30", out, sizeof out);
	assert_string_equal(out, "2026-02-30");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upper_examples),
		cmocka_unit_test(test_upper_bounds),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests_name("core_words", tests, NULL, NULL);
}
