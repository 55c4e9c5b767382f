/* fuzz_decode.c — libFuzzer target: the GBK/GB18030 decoder of the CSV
 * reader (issue 17).  Random bytes read as GB18030 and as GBK: either the
 * file is refused with a "path:line:" message, or every field handed on is
 * valid UTF-8 without NUL bytes, its length is the one the record says and
 * never over the reader's cap (4,096 bytes here: a longer field refuses
 * the file).
 * Layer: test. */
#include "csv_read.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

static int check(const struct csv_record *r, void *arg)
{
	for (int i = 0; i < r->n; i++) {
		FUZZ_ASSERT(strlen(r->field[i]) == r->len[i]);
		FUZZ_ASSERT(utf8_valid(r->field[i], r->len[i]));
		FUZZ_ASSERT(r->len[i] <= 4096);
	}
	FUZZ_ASSERT(r->line >= 1 && r->recno >= 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const enc[] = { "gb18030", "gbk", "utf-8" };
	for (int k = 0; k < 3; k++) {
		struct csv_read_opts o = { .encoding = enc[k], .max_field = 4096 };
		struct yerr e;
		yerr_clear(&e);
		int rc = csv_read_mem((const char *)data, size, "in.csv", &o, check, NULL, &e);
		if (rc < 0)
			FUZZ_ASSERT(!strncmp(e.msg, "in.csv", 6));
	}
	return 0;
}
