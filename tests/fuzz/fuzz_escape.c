/* fuzz_escape.c — libFuzzer target: the export escaper.  The first byte
 * chooses the profile (bit 0: --for excel), the rest up to a NUL is the
 * value.  Property: exchange_cell writes one CSV cell that the reader
 * (csv_read.c, libcsv strict) parses back into exactly one record of one
 * field equal to the value — with a leading ' when the excel profile
 * neutralised a formula.  Layer: test. */
#include "csv_exchange.h"
#include "csv_read.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

struct got {
	int records, fields;
	char *first;
};

static int esc_record(const struct csv_record *r, void *arg)
{
	struct got *g = arg;
	g->records++;
	g->fields = r->n;
	if (!g->first && r->n > 0)
		g->first = xstrdup(r->field[0]);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int excel = data[0] & 1;
	char *v = xstrndup((const char *)data + 1, size - 1);
	if (!utf8_valid(v, strlen(v))) {
		free(v);
		return 0;
	}
	struct sbuf b = { 0 };
	exchange_cell(&b, v, excel);
	sbuf_add(&b, "\r\n", 2);
	struct got g = { 0 };
	struct yerr e;
	yerr_clear(&e);
	int rc = csv_read_mem(b.s, b.len, "cell", NULL, esc_record, &g, &e);
	if (rc != 0)
		fprintf(stderr, "reader: %s\n", e.msg);
	FUZZ_ASSERT(rc == 0);
	FUZZ_ASSERT(g.records == 1 && g.fields == 1 && g.first);
	int neutral = excel && v[0] && strchr("=+-@\t\r", v[0]);
	if (neutral)
		FUZZ_ASSERT(g.first[0] == '\'' && !strcmp(g.first + 1, v));
	else
		FUZZ_ASSERT(!strcmp(g.first, v));
	free(g.first);
	sbuf_release(&b);
	free(v);
	return 0;
}
