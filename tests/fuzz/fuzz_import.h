/* fuzz_import.h — the body shared by fuzz_import_apps.c and
 * fuzz_import_results.c: each input is a whole CSV file, imported with
 * --dry-run semantics (every row validated and applied inside the import's
 * transaction, then rolled back) into a small demo database, so the state
 * does not drift between inputs.  Every return code must be one the
 * contract names.  Layer: test. */
#ifndef YICI_FUZZ_IMPORT_H
#define YICI_FUZZ_IMPORT_H

#include "core_perm.h"
#include "csv_exchange.h"
#include "fuzz.h"

static struct db *imp_db;
static struct catalog imp_cat;
static char *imp_path;

static inline void fuzz_import_init(const char *name)
{
	fuzz_env();
	imp_db = fuzz_demo_db(40, &imp_cat);
	imp_path = xasprintf("%s/%s", fuzz_dir(), name);
}

static inline void fuzz_import_one(const uint8_t *data, size_t size)
{
	struct actor a = { .login = "fuzz", .role = ROLE_SUPERVISOR, .cats = 0 };
	struct import_opts o = { .dry_run = 1, .max_field = 4096 };
	struct import_result r;
	struct yerr e;
	memset(&r, 0, sizeof r);
	yerr_clear(&e);
	fuzz_write(imp_path, data, size);
	int rc = exchange_import_file(imp_db, &imp_cat, &a, imp_path, &o, &r, &e);
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "import: rc %d, read %ld, applied %ld, skipped %ld, rejected %ld: %s\n",
			rc, r.read, r.applied, r.skipped, r.rejected, e.msg);
	FUZZ_ASSERT(rc == 0 || rc == 1 || rc == 2 || rc == -1);
	FUZZ_ASSERT(r.read >= 0 && r.applied >= 0 && r.skipped >= 0 && r.rejected >= 0);
	FUZZ_ASSERT(rc != 0 || r.rejected == 0);
	FUZZ_ASSERT(rc == 0 || rc == 1 || e.msg[0]);
	FUZZ_ASSERT(!db_import_active(imp_db));
}

#endif
