/* test_list.c — the list widget's arithmetic (core_list: selection,
 * scrolling, paging, search) and its cells (cli_columns: cut with "…" by
 * display columns, the last column taking the rest).  Layer: tests. */
#include "testutil.h"

#include <locale.h>

#include "cli_columns.h"
#include "core_list.h"

static struct list_pos at(int count, int sel, int top, int height)
{
	struct list_pos l = { .count = count, .sel = sel, .top = top, .height = height };
	return l;
}

static void is(const struct list_pos *l, int sel, int top)
{
	assert_int_equal(l->sel, sel);
	assert_int_equal(l->top, top);
}

static void test_move(void **state)
{
	(void)state;
	struct list_pos l = at(25, 0, 0, 10);
	list_move(&l, -1);
	is(&l, 0, 0);                     /* stays at the first row */
	list_move(&l, 9);
	is(&l, 9, 0);                     /* the last line: no scroll yet */
	list_move(&l, 1);
	is(&l, 10, 1);                    /* one past: scrolls by one */
	list_move(&l, -5);
	is(&l, 5, 1);                     /* up inside the page: no scroll */
	list_move(&l, -5);
	is(&l, 0, 0);
	list_move(&l, 100);
	is(&l, 24, 15);                   /* the last row, the last page full */
	l = at(0, 0, 0, 10);
	list_move(&l, 1);
	is(&l, 0, 0);                     /* an empty list */
	list_move(&l, -1);
	is(&l, 0, 0);
}

static void test_page(void **state)
{
	(void)state;
	struct list_pos l = at(25, 0, 0, 10);
	list_page(&l, 1);
	is(&l, 10, 10);                   /* the next page: nothing in common */
	list_page(&l, 1);
	is(&l, 20, 15);                   /* the last page is full: top 15 */
	list_page(&l, 1);
	is(&l, 24, 15);                   /* at the end: the last row */
	list_page(&l, -1);
	is(&l, 14, 5);
	list_page(&l, -1);
	is(&l, 4, 0);
	list_page(&l, -1);
	is(&l, 0, 0);                     /* at the start: the first row */
	l = at(5, 2, 0, 10);              /* shorter than a page */
	list_page(&l, 1);
	is(&l, 4, 0);
	list_page(&l, -1);
	is(&l, 0, 0);
}

static void test_home_end_select(void **state)
{
	(void)state;
	struct list_pos l = at(25, 12, 8, 10);
	list_end(&l);
	is(&l, 24, 15);
	list_home(&l);
	is(&l, 0, 0);
	list_select(&l, 17);
	is(&l, 17, 8);
	list_select(&l, 99);
	is(&l, 24, 15);
	list_select(&l, -3);
	is(&l, 0, 0);
}

static void test_fit(void **state)
{
	(void)state;
	struct list_pos l = at(25, 24, 15, 10);
	l.height = 20;                    /* the terminal grew: the rows above fill it */
	list_fit(&l);
	is(&l, 24, 5);
	l.height = 4;                     /* it shrank: the selection stays shown */
	list_fit(&l);
	is(&l, 24, 21);
	l.count = 3;                      /* the list shrank under the selection */
	list_fit(&l);
	is(&l, 2, 0);
	l = at(10, 0, 0, 0);              /* no room: one line all the same */
	list_fit(&l);
	assert_int_equal(l.height, 1);
}

static void test_scroll(void **state)
{
	(void)state;
	struct list_pos l = at(25, 0, 0, 10);
	list_scroll(&l, 1);
	is(&l, 1, 1);                     /* a line on: the text moves */
	list_scroll(&l, 10);
	is(&l, 11, 11);
	list_scroll(&l, 10);
	is(&l, 15, 15);                   /* never past the last full page */
	list_scroll(&l, 1);
	is(&l, 15, 15);
	list_scroll(&l, -100);
	is(&l, 0, 0);
	l = at(5, 0, 0, 10);              /* shorter than the screen: no scroll */
	list_scroll(&l, 1);
	is(&l, 0, 0);
}

static const char *const words[] = { "alpha", "beta", "gamma", "beta2" };

static int has(int row, void *arg)
{
	return strstr(words[row], arg) != NULL;
}

static void test_find(void **state)
{
	(void)state;
	assert_int_equal(list_find(4, 0, has, "beta"), 1);
	assert_int_equal(list_find(4, 2, has, "beta"), 3);
	assert_int_equal(list_find(4, 3, has, "alpha"), 0); /* wraps round */
	assert_int_equal(list_find(4, 0, has, "delta"), -1);
	assert_int_equal(list_find(0, 0, has, "a"), -1);
}

/* ---- cells ---- */

static const char *get_word(const void *row, const void *ctx, enum col_out out, char *b, size_t n)
{
	(void)ctx, (void)out, (void)b, (void)n;
	return *(const char *const *)row;
}

static const char *get_second(const void *row, const void *ctx, enum col_out out, char *b,
			      size_t n)
{
	(void)ctx, (void)out, (void)b, (void)n;
	return ((const char *const *)row)[1];
}

static const struct column cols[] = {
	{ "Name", "name", 8, get_word },
	{ "Employer", "employer", 0, get_second },
	{ NULL, "code", 0, get_word },
};

static char *row_text(const char *a, const char *b, int width)
{
	const char *row[2] = { a, b };
	struct sbuf s = { 0 };
	columns_row(&s, cols, 3, row, NULL, COL_SCREEN, width);
	return s.s;
}

static void test_cells(void **state)
{
	(void)state;
	char *t = row_text("王建国", "马鞍山钢铁", 20);
	assert_string_equal(t, "王建国  马鞍山钢铁");  /* fits: as it is */
	free(t);
	t = row_text("欧阳建国同志", "马鞍山钢铁股份有限公司", 20);
	/* 8 columns: 3 wide glyphs, "…" and a space; the rest, 12 columns,
	 * ends in … after 10 (one more glyph would take 13) */
	assert_string_equal(t, "欧阳建… 马鞍山钢铁…");
	free(t);
	t = row_text("abcdefghij", "x", 0);
	assert_string_equal(t, "abcdef… x");           /* unbounded: the last is whole */
	free(t);
	t = row_text("ab", "马鞍山", 12);
	assert_string_equal(t, "ab      马…");          /* never half a wide glyph */
	free(t);
	struct sbuf h = { 0 };
	columns_header(&h, cols, 3, 80);
	assert_string_equal(h.s, "Name    Employer");   /* a CSV-only column is not on screen */
	sbuf_release(&h);
	const char *names[3];
	assert_int_equal(columns_csv_header(cols, 3, names), 3);
	assert_string_equal(names[2], "code");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_move),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_home_end_select),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_cells),
	};
	return cmocka_run_group_tests_name("core_list", tests, NULL, NULL);
}
