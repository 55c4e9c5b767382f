/* test_edit.c — unit tests of the wide-character line editor model
 * (core_edit): insertion and deletion by whole characters, Home/End,
 * Left/Right over double-width characters, limits in characters,
 * and the horizontal scroll that never splits a glyph.  Layer: tests. */
#include "testutil.h"

#include <locale.h>

#include "core_edit.h"
#include "core_text.h"
#include "util.h"

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void expect_text(const struct edit *ed, const char *want)
{
	char *s = edit_get(ed);
	assert_string_equal(s, want);
	free(s);
}

static void t_insert_ascii_and_cjk(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 0);
	assert_int_equal(edit_insert(&ed, L'a'), 0);
	assert_int_equal(edit_insert(&ed, L'张'), 0);
	assert_int_equal(edit_insert(&ed, L'三'), 0);
	expect_text(&ed, "a张三");
	assert_int_equal(ed.len, 3);
	assert_int_equal(ed.cur, 3);
	assert_int_equal(edit_columns(&ed, 0, ed.len), 5);
	assert_true(ed.changed);
	edit_release(&ed);
}

static void t_left_right_over_wide(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 0);
	edit_set(&ed, "张三丰");
	int first, count, col;
	edit_layout(&ed, 20, &first, &count, &col);
	assert_int_equal(col, 6);
	edit_left(&ed);
	edit_layout(&ed, 20, &first, &count, &col);
	assert_int_equal(col, 4);
	edit_left(&ed);
	edit_insert(&ed, L'X');
	expect_text(&ed, "张X三丰");
	edit_layout(&ed, 20, &first, &count, &col);
	assert_int_equal(col, 3);
	assert_int_equal(edit_right(&ed), 1);
	assert_int_equal(edit_right(&ed), 1);
	assert_int_equal(edit_right(&ed), 0); /* at the end */
	edit_layout(&ed, 20, &first, &count, &col);
	assert_int_equal(col, 7);
	edit_release(&ed);
}

static void t_home_end(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 0);
	edit_set(&ed, "张三丰");
	int first, count, col;
	assert_int_equal(edit_home(&ed), 1);
	edit_layout(&ed, 20, &first, &count, &col);
	assert_int_equal(col, 0);
	assert_int_equal(edit_home(&ed), 0);
	assert_int_equal(edit_end(&ed), 1);
	edit_layout(&ed, 20, &first, &count, &col);
	assert_int_equal(col, 6); /* not 18: the ncurses form bug */
	edit_insert(&ed, L'a');
	expect_text(&ed, "张三丰a");
	edit_release(&ed);
}

static void t_backspace_delete(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 0);
	edit_set(&ed, "李a四");
	assert_int_equal(edit_backspace(&ed), 1);
	expect_text(&ed, "李a");
	edit_home(&ed);
	assert_int_equal(edit_backspace(&ed), 0);
	assert_int_equal(edit_delete(&ed), 1);
	expect_text(&ed, "a");
	edit_end(&ed);
	assert_int_equal(edit_delete(&ed), 0);
	edit_set(&ed, "王小明");
	edit_home(&ed);
	edit_right(&ed);
	assert_int_equal(edit_kill_end(&ed), 1);
	expect_text(&ed, "王");
	edit_release(&ed);
}

static void t_limit_in_characters(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 3);
	assert_int_equal(edit_insert(&ed, L'张'), 0);
	assert_int_equal(edit_insert(&ed, L'三'), 0);
	assert_int_equal(edit_insert(&ed, L'丰'), 0);
	ed.changed = 0;
	assert_int_equal(edit_insert(&ed, L'a'), -1);
	assert_false(ed.changed);
	expect_text(&ed, "张三丰");
	assert_int_equal(edit_set(&ed, "abcdef"), 3);
	expect_text(&ed, "abc");
	edit_release(&ed);
}

static void t_control_refused(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 0);
	assert_int_equal(edit_insert(&ed, L'\n'), -1);
	assert_int_equal(edit_insert(&ed, 0x7f), -1);
	assert_int_equal(edit_insert(&ed, 0x1b), -1);
	assert_int_equal(ed.len, 0);
	edit_set(&ed, "a\tb\x01" "c");
	expect_text(&ed, "abc");
	edit_release(&ed);
}

/* A fixed field holds the text whole or cut on a character with "…". */
static void t_text_copy(void **state)
{
	(void)state;
	char d[8];
	text_copy(d, sizeof d, "合肥");
	assert_string_equal(d, "合肥");
	text_copy(d, sizeof d, "合肥众诚"); /* 12 bytes: 合 and the ellipsis */
	assert_string_equal(d, "合…");
	text_copy(d, sizeof d, "abcdefghij");
	assert_string_equal(d, "abcd…");
	text_copy(d, sizeof d, "abcdefg"); /* 7 bytes and the NUL fit */
	assert_string_equal(d, "abcdefg");
}

static void t_invalid_utf8(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 0);
	edit_set(&ed, "a\xff" "b\xe5\xbc");
	assert_int_equal(ed.len, 4);
	assert_int_equal(ed.buf[1], 0xfffd);
	expect_text(&ed, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	edit_release(&ed);
}

/* Scrolling: a field 6 columns wide holding 5 CJK characters (10 columns). */
static void t_scroll_never_splits(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 0);
	edit_set(&ed, "一二三四五");
	int first, count, col;
	edit_layout(&ed, 6, &first, &count, &col);
	/* cursor at the end needs one blank cell: 一二三四五 is 10 + 1 */
	assert_int_equal(first, 3);
	assert_int_equal(count, 2);
	assert_int_equal(col, 4);
	assert_true(edit_columns(&ed, first, first + count) <= 6);
	edit_home(&ed);
	edit_layout(&ed, 6, &first, &count, &col);
	assert_int_equal(first, 0);
	assert_int_equal(count, 3);
	assert_int_equal(col, 0);
	/* odd width: 5 columns show two CJK characters, never half a third */
	edit_layout(&ed, 5, &first, &count, &col);
	assert_int_equal(count, 2);
	for (int i = 0; i < 5; i++)
		edit_right(&ed);
	edit_layout(&ed, 5, &first, &count, &col);
	assert_true(col <= 4);
	assert_true(edit_columns(&ed, first, first + count) <= 5);
	assert_int_equal(first + count, 5);
	edit_release(&ed);
}

static void t_scroll_cursor_glyph_visible(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 0);
	edit_set(&ed, "abcde张");
	edit_left(&ed); /* on 张 */
	int first, count, col;
	edit_layout(&ed, 6, &first, &count, &col);
	/* the glyph under the cursor must fit entirely: col + 2 <= 6 */
	assert_true(col + 2 <= 6);
	assert_int_equal(ed.buf[ed.cur], L'张');
	assert_int_equal(col, edit_columns(&ed, first, ed.cur));
	assert_true(first + count >= ed.cur + 1);
	edit_release(&ed);
}

static void t_scroll_pulls_back(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 0);
	edit_set(&ed, "abcdefghij");
	int first, count, col;
	edit_layout(&ed, 5, &first, &count, &col);
	assert_int_equal(first, 6);
	for (int i = 0; i < 8; i++)
		edit_backspace(&ed);
	edit_layout(&ed, 5, &first, &count, &col);
	assert_int_equal(first, 0);
	assert_int_equal(count, 2);
	assert_int_equal(col, 2);
	edit_release(&ed);
}

static void t_long_text_typed(void **state)
{
	(void)state;
	struct edit ed;
	edit_init(&ed, 200);
	for (int i = 0; i < 250; i++)
		edit_insert(&ed, i % 2 ? L'路' : L'1');
	assert_int_equal(ed.len, 200);
	int first, count, col;
	edit_layout(&ed, 30, &first, &count, &col);
	assert_true(col < 30);
	assert_true(edit_columns(&ed, first, first + count) <= 30);
	assert_int_equal(first + count, 200);
	edit_release(&ed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_insert_ascii_and_cjk),
		cmocka_unit_test(t_left_right_over_wide),
		cmocka_unit_test(t_home_end),
		cmocka_unit_test(t_backspace_delete),
		cmocka_unit_test(t_limit_in_characters),
		cmocka_unit_test(t_control_refused),
		cmocka_unit_test(t_invalid_utf8),
		cmocka_unit_test(t_text_copy),
		cmocka_unit_test(t_scroll_never_splits),
		cmocka_unit_test(t_scroll_cursor_glyph_visible),
		cmocka_unit_test(t_scroll_pulls_back),
		cmocka_unit_test(t_long_text_typed),
	};
	return cmocka_run_group_tests_name("edit", tests, setup, NULL);
}
