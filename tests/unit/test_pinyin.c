/* test_pinyin.c — unit tests of pinyin initials: plain names, polyphonic
 * surnames (曾 c/z, 单 c/d/s, 解 j/x, 区 o/q, 仇 c/q, 查 c/z), prefix
 * queries, non-Chinese characters in names, and the combination list the
 * lookup index stores.  Layer: tests. */
#include "testutil.h"

#include "core_pinyin.h"

#include <ctype.h>
#include <string.h>

static uint32_t bits(const char *letters)
{
	uint32_t b = 0;
	for (; *letters; letters++)
		b |= 1u << (*letters - 'a');
	return b;
}

static void test_single_characters(void **state)
{
	(void)state;
	assert_int_equal(pinyin_cp_bits(0x5F20), bits("z"));  /* 张 */
	assert_int_equal(pinyin_cp_bits(0x4E09), bits("s"));  /* 三 */
	assert_int_equal(pinyin_cp_bits(0x674E), bits("l"));  /* 李 */
	assert_int_equal(pinyin_cp_bits('A'), bits("a"));
	assert_int_equal(pinyin_cp_bits(0x00B7), 0);         /* · */
	assert_int_equal(pinyin_cp_bits(' '), 0);
}

static void test_polyphonic_surnames(void **state)
{
	(void)state;
	assert_true((pinyin_cp_bits(0x66FE) & bits("cz")) == bits("cz"));   /* 曾 céng zēng */
	assert_true((pinyin_cp_bits(0x5355) & bits("dsc")) == bits("dsc")); /* 单 dān shàn chán */
	assert_true((pinyin_cp_bits(0x89E3) & bits("jx")) == bits("jx"));   /* 解 jiě xiè */
	assert_true((pinyin_cp_bits(0x533A) & bits("qo")) == bits("qo"));   /* 区 qū ōu */
	assert_true((pinyin_cp_bits(0x4EC7) & bits("cq")) == bits("cq"));   /* 仇 chóu qiú */
	assert_true((pinyin_cp_bits(0x67E5) & bits("cz")) == bits("cz"));   /* 查 chá zhā */
	assert_true((pinyin_cp_bits(0x6734) & bits("p")) == bits("p"));     /* 朴 pǔ piáo */
}

/* 1 when query (ASCII letters, any case) is a prefix of one of the name's
 * combinations of initials, as the lookup's index (person_initials, filled
 * from pinyin_name_keys) is searched. */
static int match(const char *name, const char *query)
{
	char keys[PINYIN_KEYS_MAX][PINYIN_KEY_MAX + 1], q[PINYIN_KEY_MAX + 1];
	if (!pinyin_is_query(query))
		return 0;
	size_t n = strlen(query);
	for (size_t i = 0; i <= n; i++)
		q[i] = (char)tolower((unsigned char)query[i]);
	int k = pinyin_name_keys(name, keys, PINYIN_KEYS_MAX);
	for (int i = 0; i < k; i++)
		if (!strncmp(keys[i], q, n))
			return 1;
	return 0;
}

static void test_match(void **state)
{
	(void)state;
	assert_true(match("张三", "zs"));
	assert_true(match("张三", "ZS"));
	assert_true(match("张三", "z"));
	assert_true(match("张三丰", "zs"));
	assert_true(match("张三丰", "zsf"));
	assert_false(match("张三", "zsf"));
	assert_false(match("张三", "sz"));
	assert_false(match("李四", "zs"));
	assert_true(match("曾国藩", "zgf"));
	assert_true(match("曾国藩", "cgf"));
	assert_true(match("单雄信", "dxx"));
	assert_true(match("单雄信", "sxx"));
	assert_true(match("解缙", "xj"));
	assert_true(match("解缙", "jj"));
	assert_false(match("解缙", "zj"));
	assert_true(match("买买提·艾力", "mmtal"));
	assert_false(match("张三", ""));
	assert_false(match("张三", "z1"));
	assert_false(match("", "z"));
}

static void test_keys(void **state)
{
	(void)state;
	char keys[PINYIN_KEYS_MAX][PINYIN_KEY_MAX + 1];
	int n = pinyin_name_keys("张三", keys, PINYIN_KEYS_MAX);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0], "zs");
	n = pinyin_name_keys("曾敏", keys, PINYIN_KEYS_MAX);
	int c = 0, z = 0;
	for (int i = 0; i < n; i++) {
		c += !strcmp(keys[i], "cm");
		z += !strcmp(keys[i], "zm");
	}
	assert_int_equal(c, 1);
	assert_int_equal(z, 1);
	for (int i = 1; i < n; i++)
		assert_true(strcmp(keys[i - 1], keys[i]) < 0);
	assert_int_equal(pinyin_name_keys("···", keys, PINYIN_KEYS_MAX), 0);
	/* many polyphonic characters: capped, never overflowing */
	n = pinyin_name_keys("单单单单单单单单单单", keys, 5);
	assert_int_equal(n, 5);
	for (int i = 0; i < n; i++)
		assert_int_equal((int)strlen(keys[i]), PINYIN_KEY_MAX);
}

static void test_query_shape(void **state)
{
	(void)state;
	assert_true(pinyin_is_query("zs"));
	assert_true(pinyin_is_query("ZSF"));
	assert_false(pinyin_is_query(""));
	assert_false(pinyin_is_query("z s"));
	assert_false(pinyin_is_query("abcdefghi"));
	assert_false(pinyin_is_query("张"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_characters),
		cmocka_unit_test(test_polyphonic_surnames),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_query_shape),
	};
	return cmocka_run_group_tests_name("pinyin", tests, NULL, NULL);
}
