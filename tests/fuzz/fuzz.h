/* fuzz.h — shared helpers of the libFuzzer targets in tests/fuzz/: the
 * entry points, a private scratch folder, writing an input to a file, and
 * a small demo database (catalog from forms/, a supervisor, n demo cases)
 * for the import targets.  Header-only so that each target is one .c file
 * that builds both with clang -fsanitize=fuzzer (make fuzz) and with gcc
 * against tests/fuzz/replay.c (make test replays the corpora).  Layer:
 * test. */
#ifndef YICI_FUZZ_H
#define YICI_FUZZ_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <unistd.h>

#include "core_catalog.h"
#include "core_date.h"
#include "csv_forms.h"
#include "db.h"
#include "db_catalog.h"
#include "db_demo.h"
#include "db_staff.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A crash with a message: the property a target checks does not hold. */
#define FUZZ_ASSERT(c)                                                              \
	do {                                                                        \
		if (!(c)) {                                                         \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__,   \
				__LINE__, #c);                                      \
			abort();                                                    \
		}                                                                   \
	} while (0)

/* The pinned clock, the UTF-8 locale and the forms folder of the tests. */
static inline void fuzz_env(void)
{
	setenv("YICI_NOW", "2026-11-28 09:30", 0);
	setenv("YICI_USER", "fuzz", 1);
	setlocale(LC_ALL, "C.UTF-8");
	struct yerr e;
	if (clock_init(&e) < 0) {
		fprintf(stderr, "fuzz: %s\n", e.msg);
		exit(1);
	}
}

static inline const char *fuzz_forms_dir(void)
{
	const char *f = getenv("YICI_FORMS");
	return f && *f ? f : "forms";
}

static char fuzz_scratch[64];

static inline int fuzz_rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	return remove(p);
}

static inline void fuzz_cleanup(void)
{
	if (fuzz_scratch[0])
		nftw(fuzz_scratch, fuzz_rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* A scratch folder for this process in /dev/shm (else /tmp), removed at
 * exit. */
static inline const char *fuzz_dir(void)
{
	char *dir = fuzz_scratch;
	if (!dir[0]) {
		atexit(fuzz_cleanup);
		snprintf(dir, sizeof fuzz_scratch, "%s/yici-fuzz-XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (!mkdtemp(dir)) {
			perror("fuzz: mkdtemp");
			exit(1);
		}
	}
	return dir;
}

static inline void fuzz_write(const char *path, const uint8_t *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static inline void fuzz_die(const char *what, const struct yerr *e)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, e->msg);
	exit(1);
}

/* A new database in the scratch folder with the catalog, a supervisor
 * 'fuzz' and n demo cases (seed 1, so the case numbers of the seed corpus
 * exist).  c receives the catalog. */
static inline struct db *fuzz_demo_db(long n, struct catalog *c)
{
	struct yerr e;
	yerr_clear(&e);
	char *path = xasprintf("%s/fuzz.db", fuzz_dir());
	unlink(path);
	struct db *d = db_open(path, DB_OPEN_CREATE, &e);
	free(path);
	if (!d)
		fuzz_die("db_open", &e);
	catalog_init(c);
	if (forms_load(fuzz_forms_dir(), c, &e) < 0)
		fuzz_die("forms_load", &e);
	struct staff_input si = { .login = "fuzz", .name = "Fuzz", .role = "supervisor" };
	if (db_begin(d, &e) < 0 || db_catalog_store(d, c, "fuzz", fuzz_forms_dir(), &e) < 0 ||
	    db_config_set(d, "region_code", "340102", &e) < 0 || db_staff_add(d, &si, &e) < 0 ||
	    (n > 0 && db_demo_generate(d, c, n, 1, "340102", &e) < 0) || db_commit(d, &e) < 0)
		fuzz_die("demo database", &e);
	return d;
}

#endif
