/* fuzz_catalog_db.c — libFuzzer target: loading the catalog back from the
 * database (db_catalog_load), as every command does, after someone with
 * write access changed one cell of a catalog table (issue 17).  The input
 * picks the table, column and row and gives the new value; the change is
 * rolled back after each input.  The load either gives a catalog or fails
 * with a message; it never crashes or reads past its tables.
 * Layer: test. */
#include "db_catalog.h"
#include "db_internal.h"
#include "fuzz.h"

static struct db *cd_db;
static struct catalog cd_cat;
#define MAX_CELLS 256
static char *cell_tbl[MAX_CELLS], *cell_col[MAX_CELLS], *cell_key[MAX_CELLS];
static int ncells;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	cd_db = fuzz_demo_db(0, &cd_cat);
	static const char *const tables[] = { "item", "item_outcome", "item_prereq", "item_track",
					      "material", "item_material", "rule", "rate",
					      "holiday", "form_field", "template" };
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
		/* the row is named by its primary key: some tables have no rowid */
		sqlite3_stmt *k = db_prep(cd_db, "SELECT group_concat('\"' || name || '\"', ', ') "
						 "FROM (SELECT name FROM pragma_table_info(?) "
						 "WHERE pk > 0 ORDER BY pk)");
		db_bind_text(k, 1, tables[t]);
		char *key = sqlite3_step(k) == SQLITE_ROW && *db_col(k, 0) ? xstrdup(db_col(k, 0))
									     : xstrdup("rowid");
		sqlite3_reset(k);
		sqlite3_stmt *st = db_prep(cd_db, "SELECT name FROM pragma_table_info(?)");
		db_bind_text(st, 1, tables[t]);
		while (sqlite3_step(st) == SQLITE_ROW && ncells < MAX_CELLS) {
			cell_tbl[ncells] = xstrdup(tables[t]);
			cell_key[ncells] = key;
			cell_col[ncells++] = xstrdup(db_col(st, 0));
		}
		sqlite3_reset(st);
	}
	if (!ncells) {
		fprintf(stderr, "fuzz: no catalog tables\n");
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	int cell = data[0] % ncells, row = data[1];
	char *value = malloc(size - 2 + 1);
	memcpy(value, data + 3, size - 3);
	value[size - 3] = '\0';
	struct yerr e;
	yerr_clear(&e);
	if (db_exec(cd_db, "SAVEPOINT fuzz", &e) < 0)
		fuzz_die("savepoint", &e);
	char *sql = xasprintf("UPDATE \"%s\" SET \"%s\" = ?1 WHERE (%s) = (SELECT %s FROM "
			      "\"%s\" ORDER BY %s LIMIT 1 OFFSET ?2)",
			      cell_tbl[cell], cell_col[cell], cell_key[cell], cell_key[cell],
			      cell_tbl[cell], cell_key[cell]);
	/* prepared here, not through db_prep: its cache is for fixed SQL */
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(cd_db->h, sql, -1, &st, NULL) != SQLITE_OK)
		fuzz_die("prepare", &e);
	free(sql);
	if (data[2] & 1)
		sqlite3_bind_int64(st, 1, (long long)strtoll(value, NULL, 10));
	else
		db_bind_text(st, 1, value);
	sqlite3_bind_int(st, 2, row);
	sqlite3_step(st); /* a CHECK or key the change breaks: the load sees it unchanged */
	sqlite3_finalize(st);
	struct catalog c;
	catalog_init(&c);
	yerr_clear(&e);
	int rc = db_catalog_load(cd_db, &c, &e);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	if (rc < 0)
		FUZZ_ASSERT(e.msg[0]);
	else
		FUZZ_ASSERT(c.nitems >= 0 && c.nitems <= MAX_ITEMS && c.nmaterials <= MAX_MATERIALS);
	catalog_release(&c);
	yerr_clear(&e);
	if (db_exec(cd_db, "ROLLBACK TO fuzz; RELEASE fuzz", &e) < 0)
		fuzz_die("rollback", &e);
	free(value);
	return 0;
}
