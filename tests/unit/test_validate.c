/* test_validate.c — unit tests of core_validate: citizen IDs, credit codes,
 * mobile numbers, dates; utf8_prefix and yerr_prefix, which cut a long
 * message on a character boundary.  Layer: tests.  Expected check characters were
 * computed independently (DOMAIN.md §6), not with the code under test. */
#include <locale.h>

#include "testutil.h"
#include "core_validate.h"
#include "core_text.h"

static int setup_clock(void **state)
{
	struct yerr e;
	setenv("YICI_NOW", "2026-11-28 09:30", 1);
	return clock_init(&e);
}

static int teardown_clock(void **state)
{
	struct yerr e;
	unsetenv("YICI_NOW");
	return clock_init(&e);
}

/* Asserts that validation fails with a message containing want. */
#define ID_BAD(id, want) do { \
	struct yerr e_; \
	yerr_clear(&e_); \
	assert_int_equal(validate_citizen_id((id), &e_), -1); \
	assert_int_equal(e_.code, YERR_INPUT); \
	if (!strstr(e_.msg, (want))) \
		fail_msg("'%s': got \"%s\", want \"%s\"", (id), e_.msg, (want)); \
} while (0)

#define CC_BAD(code, want) do { \
	struct yerr e_; \
	yerr_clear(&e_); \
	assert_int_equal(validate_credit_code((code), &e_), -1); \
	if (!strstr(e_.msg, (want))) \
		fail_msg("'%s': got \"%s\", want \"%s\"", (code), e_.msg, (want)); \
} while (0)

#define MOB_BAD(ph, want) do { \
	struct yerr e_; \
	char n_[12] = "x"; \
	yerr_clear(&e_); \
	assert_int_equal(validate_mobile((ph), n_, &e_), -1); \
	assert_string_equal(n_, ""); \
	if (!strstr(e_.msg, (want))) \
		fail_msg("'%s': got \"%s\", want \"%s\"", (ph), e_.msg, (want)); \
} while (0)

/* ---- citizen IDs -------------------------------------------------------- */

static void test_id_official_vector(void **state)
{
	struct yerr e;
	assert_int_equal(validate_citizen_id("11010519491231002X", &e), 0);
	assert_int_equal(validate_citizen_id("11010519491231002x", &e), 0);
	assert_int_equal(validate_citizen_id("340102199003071232", &e), 0);
	assert_int_equal(citizen_id_check_char("11010519491231002"), 'X');
	assert_int_equal(citizen_id_check_char("34010219900307123"), '2');
	assert_int_equal(citizen_id_check_char("10010519491231002"), '8');
	assert_int_equal(citizen_id_sex("11010519491231002X"), 'F');
	assert_int_equal(citizen_id_sex("340102199003071232"), 'M');
	assert_int_equal(citizen_id_birth("11010519491231002X"), date_from_ymd(1949, 12, 31));
	assert_int_equal(citizen_id_birth("340102199003071232"), date_from_ymd(1990, 3, 7));
}

static void test_id_check_digit(void **state)
{
	ID_BAD("110105194912310021", "check digit should be X");
	ID_BAD("340102199003071231", "check digit should be 2");
	ID_BAD("340102199003071242", "check digit should be 0, not 2"); /* one digit changed */
	ID_BAD("34010219900307123X", "check digit should be 2");
}

static void test_id_length(void **state)
{
	struct yerr e;
	assert_int_equal(validate_citizen_id("11010519491231002", &e), -1);
	assert_string_equal(e.msg, "citizen ID must be 18 characters, got 17");
	assert_int_equal(validate_citizen_id("11010519491231002X1", &e), -1);
	assert_string_equal(e.msg, "citizen ID must be 18 characters, got 19");
	ID_BAD("110105491231002", "got 15");
	ID_BAD("", "citizen ID is empty");
	ID_BAD(" 11010519491231002X", "got 19");
}

static void test_id_letters(void **state)
{
	ID_BAD("11010519491231A02X", "'A' at position 15");
	ID_BAD("1101051949123100X2", "X at position 17; only the last character may be X");
	ID_BAD("11010519491231002A", "must end in a digit or X, got 'A'");
	ID_BAD("110105 9491231002X", "' ' at position 7");
	ID_BAD("11010519491231002\xc3\x97", "non-ASCII character at position 18");
}

static void test_id_fullwidth(void **state)
{
	struct yerr e;
	/* "１１０１０５" in full-width followed by ASCII */
	const char *fw = "\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91\xef\xbc\x90"
			 "\xef\xbc\x95" "19491231002X";
	assert_int_equal(validate_citizen_id(fw, &e), -1);
	assert_string_equal(e.msg, "citizen ID contains full-width digits; type ASCII digits");
	/* full-width Ｘ only */
	ID_BAD("11010519491231002\xef\xbc\xb8", "full-width characters");
	/* other non-ASCII: a Chinese character in place of a digit */
	ID_BAD("1101051949123100\xe4\xb8\x80X", "non-ASCII character at position 17");
}

static void test_id_region(void **state)
{
	ID_BAD("990105194912310023", "starts with 99, which is not a province code");
	ID_BAD("100105194912310028", "starts with 10, which is not a province code");
	assert_true(region_province_valid(34));
	assert_true(region_province_valid(11));
	assert_true(region_province_valid(65));
	assert_true(region_province_valid(81));
	assert_false(region_province_valid(10));
	assert_false(region_province_valid(20));
	assert_false(region_province_valid(99));
	assert_false(region_province_valid(0));
}

static void test_id_birth_date(void **state)
{
	struct yerr e;
	assert_int_equal(validate_citizen_id("340102199913321237", &e), -1);
	assert_string_equal(e.msg, "no such date 1999-13-32 (birth date in the citizen ID)");
	ID_BAD("340102199902291239", "no such date 1999-02-29 (birth date in the citizen ID)");
	assert_int_equal(citizen_id_birth("340102199902291239"), INT32_MIN);
}

static void test_id_future_birth(void **state)
{
	struct yerr e;
	/* YICI_NOW = 2026-11-28 (group setup) */
	assert_int_equal(clock_today(), date_from_ymd(2026, 11, 28));
	assert_int_equal(validate_citizen_id("340102202611280016", &e), 0);
	assert_int_equal(validate_citizen_id("340102202611290011", &e), -1);
	assert_string_equal(e.msg, "birth date 2026-11-29 in citizen ID is in the future");
}

static void test_id_mask(void **state)
{
	char out[19];
	mask_citizen_id("11010519491231002X", out);
	assert_string_equal(out, "110105********002X");
	mask_citizen_id("340102199003071232", out);
	assert_string_equal(out, "340102********1232");
	mask_citizen_id("12345", out);
	assert_string_equal(out, "*****");
	mask_citizen_id("", out);
	assert_string_equal(out, "");
}

/* ---- credit codes ------------------------------------------------------- */

static void test_cc_official_vectors(void **state)
{
	struct yerr e;
	assert_int_equal(validate_credit_code("9144030071526726XG", &e), 0);
	assert_int_equal(validate_credit_code("91110000100006485K", &e), 0);
	assert_int_equal(validate_credit_code("9144030071526726xg", &e), 0);
	assert_int_equal(validate_credit_code("91340100MA2N0B1AXY", &e), 0);
	assert_int_equal(credit_code_check_char("9144030071526726X"), 'G');
	assert_int_equal(credit_code_check_char("91110000100006485"), 'K');
	assert_int_equal(credit_code_check_char("9111000010000648I"), '?');
}

static void test_cc_check_char(void **state)
{
	struct yerr e;
	assert_int_equal(validate_credit_code("9144030071526726XA", &e), -1);
	assert_string_equal(e.msg, "credit code check character should be G, not A");
	CC_BAD("91110000100006485L", "check character should be K");
	CC_BAD("91110000100006486K", "check character should be");
}

static void test_cc_inner_check(void **state)
{
	struct yerr e;
	/* outer check right (N), inner GB 11714 check wrong (should be X) */
	assert_int_equal(validate_credit_code("91440300715267260N", &e), -1);
	assert_string_equal(e.msg, "organisation code 715267260 inside the credit code "
				   "fails its own check: character 17 should be X, not 0");
	CC_BAD("91340100MA2N0B1A18", "character 17 should be X, not 1");
}

static void test_cc_forbidden_letters(void **state)
{
	CC_BAD("91I40300715267260N", "'I' at position 3; the letters I, O, S, V and Z");
	CC_BAD("9144O300715267260N", "'O' at position 5");
	CC_BAD("914403007152S7260N", "'S' at position 13");
	CC_BAD("91440300715267260V", "'V' at position 18");
	CC_BAD("z1440300715267260N", "'z' at position 1");
	CC_BAD("9144030071526726-G", "'-' at position 17; only digits and capital letters");
}

static void test_cc_length_and_width(void **state)
{
	struct yerr e;
	assert_int_equal(validate_credit_code("9144030071526726X", &e), -1);
	assert_string_equal(e.msg, "credit code must be 18 characters, got 17");
	CC_BAD("9144030071526726XGG", "got 19");
	CC_BAD("", "credit code is empty");
	CC_BAD("\xef\xbc\x99" "144030071526726XG", "full-width characters");
	CC_BAD("9144030071526726X\xe4\xb8\x80", "non-ASCII character at position 18");
}

/* ---- mobile numbers ----------------------------------------------------- */

static void test_mobile_ok(void **state)
{
	struct yerr e;
	char n[12];
	assert_int_equal(validate_mobile("13812345678", n, &e), 0);
	assert_string_equal(n, "13812345678");
	assert_int_equal(validate_mobile("+86 138 1234 5678", n, &e), 0);
	assert_string_equal(n, "13812345678");
	assert_int_equal(validate_mobile("+86-199-0000-1111", n, &e), 0);
	assert_string_equal(n, "19900001111");
	assert_int_equal(validate_mobile("86 13812345678", n, &e), 0);
	assert_string_equal(n, "13812345678");
	assert_int_equal(validate_mobile("138-1234-5678", NULL, &e), 0);
}

static void test_mobile_bad(void **state)
{
	struct yerr e;
	char n[12];
	assert_int_equal(validate_mobile("138123456789", n, &e), -1);
	assert_string_equal(e.msg, "mobile number must be 11 digits, got 12");
	MOB_BAD("1381234567", "must be 11 digits, got 10");
	MOB_BAD("+86 1381234567", "must be 11 digits, got 10");
	MOB_BAD("12812345678", "must start with 13 to 19, not 12");
	MOB_BAD("23812345678", "must start with 13 to 19, not 23");
	MOB_BAD("+1 4155550100", "only the +86 country code");
	MOB_BAD("138a2345678", "contains 'a'");
	MOB_BAD("138(1234)5678", "contains '('");
	MOB_BAD("", "mobile number is empty");
	MOB_BAD("\xef\xbc\x91" "3812345678", "full-width digits");
}

/* ---- dates -------------------------------------------------------------- */

static void test_validate_date(void **state)
{
	struct yerr e;
	yday d = 0, today = date_from_ymd(2026, 11, 28);
	assert_int_equal(validate_date("2026-11-28", today, &d, &e), 0);
	assert_int_equal(d, today);
	assert_int_equal(validate_date("2027-01-01", today, &d, &e), -1);
	assert_string_equal(e.msg, "date 2027-01-01 is in the future");
	assert_int_equal(validate_date("2027-01-01", -1, &d, &e), 0);
	assert_int_equal(validate_date("2026-02-29", -1, &d, &e), -1);
	assert_string_equal(e.msg, "no such date 2026-02-29");
	assert_int_equal(validate_date("2026/01/01", -1, &d, &e), -1);
	assert_string_equal(e.msg, "'2026/01/01' is not a date (YYYY-MM-DD)");
	assert_int_equal(validate_date("2024-02-29", today, NULL, &e), 0);
}

/* ---- text: UTF-8 and unsafe characters ---------------------------------- */

/* Written from the definitions, not from the code under test: the code
 * point of a well-formed sequence, else the byte itself (length 1). */
static unsigned ref_code(const unsigned char *s, size_t *len)
{
	size_t n = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
		 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 1;
	unsigned cp = n == 1 ? s[0] : s[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*len = 1;
			return s[0];
		}
		cp = cp << 6 | (s[i] & 0x3F);
	}
	*len = n;
	return cp;
}

static int ref_unsafe(const char *str, unsigned *cp_out, size_t *pos_out)
{
	const unsigned char *p = (const unsigned char *)str;
	for (size_t chars = 1; *p; chars++) {
		size_t n;
		unsigned cp = ref_code(p, &n);
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C || cp == 0x200E || cp == 0x200F) {
			*cp_out = cp;
			*pos_out = chars;
			return 1;
		}
		p += n;
	}
	return 0;
}

/* RFC 3629: shortest form, no surrogates, at most U+10FFFF, no NUL. */
static int ref_utf8(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		unsigned c = s[i], need, lo = 0x80, hi = 0xBF;
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
		else
			return 0;
		if (n - i <= need || s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (unsigned j = 2; j <= need; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
		i += need + 1;
	}
	return 1;
}

static void test_unsafe_cases(void **state)
{
	static const struct { const char *s; unsigned cp; size_t pos; } t[] = {
		{ "张平", 0, 0 },
		{ "a\xC2\x85" "b", 0x85, 2 },
		{ "中\xE2\x80\xAE" "文", 0x202E, 2 },
		{ "二号车间\x1B[2J", 0x1B, 5 },
		{ "\xD8\x9C", 0x061C, 1 },
		{ "é\xE2\x81\xA6", 0x2066, 2 },
		{ "中\xE2\x80\x8F", 0x200F, 2 },
		{ "a\tb\nc", 0, 0 },
		{ "\x7F", 0x7F, 1 },
		{ "中\xE4\x1B", 0x1B, 3 }, /* a cut sequence does not hide what follows */
		{ "（本人）·", 0, 0 },
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		unsigned cp = 0;
		size_t pos = 0;
		int got = text_find_unsafe(t[i].s, &cp, &pos);
		if (got != (t[i].cp != 0) || (got && (cp != t[i].cp || pos != t[i].pos)))
			fail_msg("case %zu: got %d U+%04X at %zu", i, got, cp, pos);
	}
}

/* Random strings over the byte classes both searches tell apart. */
static void test_text_property(void **state)
{
	static const char *const atoms[] = {
		"a", " ", "\t", "\n", "\x01", "\x1B", "\x7F", "\xC2\x85", "\xC2\xA0", "\xC3\xA9",
		"\xD8\x9C", "\xD8\x9D", "\xE2\x80\x8E", "\xE2\x80\xAA", "\xE2\x80\x94",
		"\xE2\x81\xA6", "\xE4\xB8\xAD", "\xEF\xBC\x8C", "\xE0\xA0\x80", "\xE0\x80\x80",
		"\xED\xA0\x80", "\xF0\x9F\x98\x80", "\xF4\x90\x80\x80", "\x80", "\xBF", "\xC0",
		"\xC1\xBF", "\xE4", "\xE4\xB8", "\xF5", "\xFF", "\xE3\x80\x82",
		"341302198201272235", "BENCH-1,",
	};
	unsigned seed = 20261203;
	char buf[160];
	for (int round = 0; round < 200000; round++) {
		size_t len = 0;
		int k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 8;
		for (int j = 0; j < k; j++) {
			seed = seed * 1103515245u + 12345u;
			const char *a = atoms[(seed >> 16) % (sizeof atoms / sizeof *atoms)];
			memcpy(buf + len, a, strlen(a));
			len += strlen(a);
		}
		buf[len] = '\0';
		unsigned c1 = 0, c2 = 0;
		size_t p1 = 0, p2 = 0;
		int r1 = text_find_unsafe(buf, &c1, &p1), r2 = ref_unsafe(buf, &c2, &p2);
		if (r1 != r2 || (r1 && (c1 != c2 || p1 != p2)))
			fail_msg("round %d: unsafe %d U+%04X@%zu, reference %d U+%04X@%zu", round, r1,
				 c1, p1, r2, c2, p2);
		if (utf8_valid(buf, len) != ref_utf8(buf, len))
			fail_msg("round %d: utf8_valid %d, reference %d", round, utf8_valid(buf, len),
				 ref_utf8(buf, len));
	}
}

/* a bounded copy never ends inside a UTF-8 sequence */
static void test_utf8_prefix(void **state)
{
	(void)state;
	const char *s = "ab中文"; /* a b, then two 3-byte characters */
	assert_int_equal(utf8_prefix(s, 100), strlen(s));
	assert_int_equal(utf8_prefix(s, 2), 2);
	assert_int_equal(utf8_prefix(s, 3), 2);
	assert_int_equal(utf8_prefix(s, 4), 2);
	assert_int_equal(utf8_prefix(s, 5), 5);
	assert_int_equal(utf8_prefix(s, 7), 5);
	assert_int_equal(utf8_prefix(s, 0), 0);
	/* a prefix longer than the message: the whole is kept, whole characters */
	struct yerr e;
	yerr_set(&e, YERR_INPUT, "%s", "x");
	char pre[1100];
	memset(pre, 'p', 1021);
	strcpy(pre + 1021, "中文");
	yerr_prefix(&e, "%s", pre);
	assert_int_equal(strlen(e.msg), 1021);
	assert_true(utf8_valid(e.msg, strlen(e.msg)));
	yerr_set(&e, YERR_INPUT, "%s", "第3行");
	yerr_prefix(&e, "%s", "items.csv");
	assert_string_equal(e.msg, "items.csv: 第3行");
}

/* A table cell is exactly its width: whole text padded, cut text ended in
 * "…", never half a wide glyph, and a text longer than any buffer padded
 * by its real width (issue 18: nothing cut silently). */
static void cell(const char *s, int width, const char *want)
{
	struct sbuf b = { 0 };
	text_cell(&b, s, width);
	assert_string_equal(b.s, want);
	assert_int_equal(text_width(b.s), width);
	sbuf_release(&b);
}

static void test_text_cell(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8")); /* columns need UTF-8 */
	cell("abc", 5, "abc  ");
	cell("abcd", 5, "abcd ");
	cell("abcde", 5, "abc… ");
	cell("中文", 5, "中文 ");
	cell("中文字", 5, "中…  ");  /* 6 columns: cut to 3, a wide glyph not split */
	cell("中文字", 6, "中文… ");
	cell("a\033[2Jb", 8, "a?[2Jb  ");  /* made safe for the terminal */
	/* a text of 5,000 bytes: cut by its columns, not by a buffer */
	char big[5001];
	memset(big, 'x', 5000);
	big[5000] = '\0';
	struct sbuf b = { 0 };
	text_pad(&b, big, 4999);
	assert_int_equal(strlen(b.s), 4999);
	sbuf_release(&b);
	text_pad(&b, "中", 5000);
	assert_int_equal(text_width(b.s), 5000);
	sbuf_release(&b);
	/* a fixed field: whole, or cut on a character boundary with "…" */
	char f4[4], f8[8], f32[32];
	text_copy(f32, sizeof f32, "张三丰");
	assert_string_equal(f32, "张三丰");
	text_copy(f8, sizeof f8, "张三丰");  /* 9 bytes: one character and "…" */
	assert_string_equal(f8, "张…");
	text_copy(f4, sizeof f4, "张三丰");  /* no room for "…": the character alone */
	assert_string_equal(f4, "张");
	text_copy(f4, sizeof f4, "abcdef");
	assert_string_equal(f4, "abc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_official_vector),
		cmocka_unit_test(test_id_check_digit),
		cmocka_unit_test(test_id_length),
		cmocka_unit_test(test_id_letters),
		cmocka_unit_test(test_id_fullwidth),
		cmocka_unit_test(test_id_region),
		cmocka_unit_test(test_id_birth_date),
		cmocka_unit_test(test_id_future_birth),
		cmocka_unit_test(test_id_mask),
		cmocka_unit_test(test_cc_official_vectors),
		cmocka_unit_test(test_cc_check_char),
		cmocka_unit_test(test_cc_inner_check),
		cmocka_unit_test(test_cc_forbidden_letters),
		cmocka_unit_test(test_cc_length_and_width),
		cmocka_unit_test(test_mobile_ok),
		cmocka_unit_test(test_mobile_bad),
		cmocka_unit_test(test_validate_date),
		cmocka_unit_test(test_unsafe_cases),
		cmocka_unit_test(test_text_property),
		cmocka_unit_test(test_utf8_prefix),
		cmocka_unit_test(test_text_cell),
	};
	return cmocka_run_group_tests_name("core_validate", tests, setup_clock, teardown_clock);
}
