/* test_csv.c — unit tests of the exchange's CSV layer: the export cell
 * writer (libcsv quoting, formula neutralisation) read back by the strict
 * reader, and the reader on hostile input (BOM, CRLF, embedded newlines,
 * stray and unterminated quotes, NUL, invalid UTF-8, GBK, field cap).
 * Layer: tests. */
#include "testutil.h"

#include <stdio.h>

#include "csv_exchange.h"
#include "csv_read.h"
#include "db_exchange.h"

/* Collects the records of a read as "f1|f2|...@line" lines. */
struct got {
	struct sbuf s;
};

static int collect(const struct csv_record *r, void *arg)
{
	struct got *g = arg;
	for (int i = 0; i < r->n; i++) {
		if (i)
			sbuf_addstr(&g->s, "|");
		sbuf_addstr(&g->s, r->field[i]);
	}
	sbuf_addf(&g->s, "@%ld\n", r->line);
	return 0;
}

static int read_str(const char *csv, size_t n, const char *enc, struct got *g, struct yerr *e)
{
	struct csv_read_opts o = { .encoding = enc, .max_field = 64 };
	memset(g, 0, sizeof *g);
	sbuf_add(&g->s, "", 0);
	yerr_clear(e);
	return csv_read_mem(csv, n, "t.csv", &o, collect, g, e);
}

/* The first field of the first record of a one-cell CSV. */
static int first_field(const struct csv_record *r, void *arg)
{
	struct sbuf *b = arg;
	sbuf_add(b, r->field[0], r->len[0]);
	return 1;
}

static void cell_roundtrip(const char *v, int excel, const char *want)
{
	struct sbuf c = { 0 }, back = { 0 };
	exchange_cell(&c, v, excel);
	sbuf_add(&back, "", 0);
	struct yerr e;
	struct csv_read_opts o = { .max_field = 1 << 20 };
	int rc = csv_read_mem(c.s, c.len, "cell", &o, first_field, &back, &e);
	assert_int_equal(rc, 1);
	assert_string_equal(back.s, want);
	sbuf_release(&c);
	sbuf_release(&back);
}

static void test_cell_exact(void **state)
{
	(void)state;
	static const char *const vals[] = {
		"plain", "a,b", "say \"hi\"", "two\r\nlines", "=1+2", "-3", "@x", "\ttab",
		" lead and trail ", "张三,\"李四\"", "",
	};
	for (size_t i = 0; i < ARRAY_SIZE(vals); i++)
		cell_roundtrip(vals[i], 0, vals[i]);
	struct sbuf c = { 0 };
	exchange_cell(&c, "a\"b", 0);
	assert_string_equal(c.s, "\"a\"\"b\"");
	sbuf_release(&c);
}

static void test_cell_excel(void **state)
{
	(void)state;
	cell_roundtrip("=HYPERLINK(\"x\")", 1, "'=HYPERLINK(\"x\")");
	cell_roundtrip("+1", 1, "'+1");
	cell_roundtrip("-1", 1, "'-1");
	cell_roundtrip("@SUM(A1)", 1, "'@SUM(A1)");
	cell_roundtrip("\t=1", 1, "'\t=1");
	cell_roundtrip("\r=1", 1, "'\r=1");
	cell_roundtrip("a=1", 1, "a=1");
	cell_roundtrip("张三", 1, "张三");
}

static void test_read_bom_crlf_newlines(void **state)
{
	(void)state;
	struct got g;
	struct yerr e;
	static const char csv[] = "\xEF\xBB\xBF" "a,b\r\n\"x\r\ny\",2\r\nz,3\r\n";
	assert_int_equal(read_str(csv, sizeof csv - 1, NULL, &g, &e), 0);
	assert_string_equal(g.s.s, "a|b@1\nx\r\ny|2@2\nz|3@4\n");
	sbuf_release(&g.s);
}

static void test_read_structural(void **state)
{
	(void)state;
	struct got g;
	struct yerr e;
	static const char stray[] = "a,b\n1,2\nx\"y,3\n";
	assert_int_equal(read_str(stray, sizeof stray - 1, NULL, &g, &e), -1);
	assert_non_null(strstr(e.msg, "t.csv:3:"));
	sbuf_release(&g.s);
	static const char unterminated[] = "a,b\n\"open,2\n";
	assert_int_equal(read_str(unterminated, sizeof unterminated - 1, NULL, &g, &e), -1);
	assert_non_null(strstr(e.msg, "t.csv:"));
	sbuf_release(&g.s);
	static const char nul[] = "a,b\nx\0y,2\n";
	assert_int_equal(read_str(nul, sizeof nul - 1, NULL, &g, &e), -1);
	assert_non_null(strstr(e.msg, "NUL"));
	sbuf_release(&g.s);
	static const char bad8[] = "a,b\n\xff\xfe,2\n";
	assert_int_equal(read_str(bad8, sizeof bad8 - 1, NULL, &g, &e), -1);
	assert_non_null(strstr(e.msg, "t.csv:2:"));
	sbuf_release(&g.s);
	char big[200];
	memset(big, 'x', sizeof big);
	memcpy(big, "a\n\"", 3);
	big[sizeof big - 2] = '"';
	big[sizeof big - 1] = '\n';
	assert_int_equal(read_str(big, sizeof big, NULL, &g, &e), -1);
	assert_non_null(strstr(e.msg, "longer than"));
	sbuf_release(&g.s);
}

static void test_read_gbk(void **state)
{
	(void)state;
	struct got g;
	struct yerr e;
	/* 张三 in GBK */
	static const char gbk[] = "name\n\xD5\xC5\xC8\xFD\n";
	assert_int_equal(read_str(gbk, sizeof gbk - 1, "gbk", &g, &e), 0);
	assert_string_equal(g.s.s, "name@1\n张三@2\n");
	sbuf_release(&g.s);
	assert_int_equal(read_str(gbk, sizeof gbk - 1, NULL, &g, &e), -1);
	sbuf_release(&g.s);
}

static void test_columns(void **state)
{
	(void)state;
	for (int f = 0; f < XF_N; f++) {
		int n;
		const char *const *cols = xfile_columns((enum xfile)f, &n);
		assert_true(n > 0);
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < i; j++)
				assert_string_not_equal(cols[i], cols[j]);
		}
	}
	assert_string_equal(xfile_name(XF_NOTICES), "notices.csv");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell_exact),
		cmocka_unit_test(test_cell_excel),
		cmocka_unit_test(test_read_bom_crlf_newlines),
		cmocka_unit_test(test_read_structural),
		cmocka_unit_test(test_read_gbk),
		cmocka_unit_test(test_columns),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
