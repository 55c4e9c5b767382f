/* fuzz_lookup.c — libFuzzer target: the one-box lookup's query builder
 * (db_case_find, behind F5 and `yici case find`) on a 60-case demo
 * database (issue 17).  Any text: 0 with at most FIND_CAP ids, each a case
 * that exists and none twice, or -1 with a message; the rows of the ids
 * read back.  Layer: test. */
#include "core_perm.h"
#include "db_casefile.h"
#include "fuzz.h"

static struct db *lk_db;
static struct catalog lk_cat;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	lk_db = fuzz_demo_db(60, &lk_cat);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct find_result r;
	memset(&r, 0, sizeof r);
	struct yerr e;
	yerr_clear(&e);
	int rc = db_case_find(lk_db, text, &r, &e);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	if (rc < 0) {
		FUZZ_ASSERT(e.msg[0]);
	} else {
		FUZZ_ASSERT(r.nids >= 0 && r.nids <= FIND_CAP);
		for (int i = 0; i < r.nids; i++)
			for (int j = i + 1; j < r.nids; j++)
				FUZZ_ASSERT(r.ids[i] != r.ids[j]);
		int n = r.nids < 20 ? r.nids : 20;
		struct cf_row rows[20];
		struct actor a = { .login = "fuzz", .role = ROLE_SUPERVISOR, .cats = 0 };
		if (n > 0)
			FUZZ_ASSERT(db_case_rows(lk_db, &a, r.ids, n, rows, &e) == n);
	}
	find_result_release(&r);
	free(text);
	return 0;
}
