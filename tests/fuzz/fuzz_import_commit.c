/* fuzz_import_commit.c — libFuzzer target: the import's commit path and
 * its rejects and replies writers, not only the dry run (issue 17).  Each
 * input is a whole applications.csv imported for real into a fresh copy
 * of a 30-case demo database.  The return code is one the contract
 * names; the inbox grows by what was applied and no case is written (the
 * window opens the rows: db_inbox.h); a rejects file, when written,
 * is CSV the strict reader takes back, with one line per rejected row and
 * no permission for others; the import leaves no transaction open.
 * Layer: test. */
#include <sys/stat.h>

#include "core_perm.h"
#include "csv_exchange.h"
#include "csv_read.h"
#include "db_internal.h"
#include "fuzz.h"

static char *tmpl_path, *work_db, *in_path;
static struct catalog ic_cat;

static void copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	char buf[65536];
	size_t n;
	if (!a || !b) {
		perror("fuzz: copy");
		exit(1);
	}
	while ((n = fread(buf, 1, sizeof buf, a)) > 0)
		if (fwrite(buf, 1, n, b) != n) {
			perror("fuzz: copy");
			exit(1);
		}
	fclose(a);
	if (fclose(b) != 0)
		exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	struct db *d = fuzz_demo_db(30, &ic_cat);
	db_close(d);
	tmpl_path = xasprintf("%s/fuzz.db", fuzz_dir());
	work_db = xasprintf("%s/commit.db", fuzz_dir());
	in_path = xasprintf("%s/applications.csv", fuzz_dir());
	return 0;
}

static long count_rows(struct db *d, const char *sql)
{
	sqlite3_stmt *st = db_prep(d, sql);
	long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

static const char q_cases[] = "SELECT count(*) FROM cases";
static const char q_inbox[] = "SELECT count(*) FROM inbox";

static int count_rec(const struct csv_record *r, void *arg)
{
	(*(long *)arg)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *side[] = { xasprintf("%s-wal", work_db), xasprintf("%s-shm", work_db),
			 xasprintf("%s.rejects.csv", in_path), xasprintf("%s.replies.csv", in_path) };
	for (int i = 0; i < 4; i++)
		unlink(side[i]);
	copy_file(tmpl_path, work_db);
	struct yerr e;
	yerr_clear(&e);
	struct db *d = db_open(work_db, DB_OPEN_RW, &e);
	if (!d)
		fuzz_die("db_open", &e);
	long before = count_rows(d, q_inbox), cases = count_rows(d, q_cases);
	fuzz_write(in_path, data, size);
	struct actor a = { .login = "fuzz", .role = ROLE_SUPERVISOR, .cats = 0 };
	struct import_opts o = { .max_field = 4096 };
	struct import_result r;
	memset(&r, 0, sizeof r);
	int rc = exchange_import_file(d, &ic_cat, &a, in_path, &o, &r, &e);
	FUZZ_ASSERT(rc == 0 || rc == 1 || rc == 2 || rc == -1);
	FUZZ_ASSERT(rc == 0 || rc == 1 || e.msg[0]);
	FUZZ_ASSERT(!db_import_active(d));
	long after = count_rows(d, q_inbox);
	if (rc == 0 || rc == 1)
		FUZZ_ASSERT(after == before + r.applied);
	else
		FUZZ_ASSERT(after == before);
	FUZZ_ASSERT(count_rows(d, q_cases) == cases);
	if (r.rejects[0]) {
		struct stat sb;
		FUZZ_ASSERT(stat(r.rejects, &sb) == 0 && (sb.st_mode & 0007) == 0);
		long recs = 0;
		struct yerr e2;
		yerr_clear(&e2);
		FUZZ_ASSERT(csv_read_file(r.rejects, NULL, NULL, count_rec, &recs, &e2) == 0);
		FUZZ_ASSERT(recs == r.rejected + 1);
	}
	db_close(d);
	for (int i = 0; i < 4; i++)
		free(side[i]);
	return 0;
}
