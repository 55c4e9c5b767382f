/* test_db.c — unit tests of the database layer: create and migrate, reopen,
 * upgrade from schema 1, refusal of newer, non-SQLite and foreign files,
 * the catalog round trip, settings, staff, and BEGIN IMMEDIATE.  Raw
 * sqlite3 is used only to build or inspect files from outside.  db_p, the
 * named parameters of the statements with many values.  Layer:
 * tests (run from the repo root: reads db/001_init.sql and forms/). */
#include "testutil.h"

#include <dirent.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include "core_catalog.h"
#include "core_date.h"
#include "csv_forms.h"
#include "db.h"
#include "db_catalog.h"
#include "db_internal.h"
#include "db_staff.h"

#include <signal.h>
#include <sys/wait.h>

#define TESTDIR_NAME "db"
#include "testdir.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sbuf b = { 0 };
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	if (!b.s)
		sbuf_addstr(&b, "");
	if (len)
		*len = b.len;
	return b.s;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fprintf(stderr, "raw_exec: %s\n", msg ? msg : "?");
	sqlite3_free(msg);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
	assert_int_equal(rc, SQLITE_OK);
}

/* The first column of the first row of sql, as an int (-1 when none). */
static int raw_int(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static struct db *create_db(char **pathp)
{
	struct yerr e = { 0 };
	char *path = new_path();
	struct db *d = db_open(path, DB_OPEN_CREATE, &e);
	if (!d)
		fprintf(stderr, "db_open create: %s\n", e.msg);
	assert_non_null(d);
	*pathp = path;
	return d;
}

/* ---- open, create, migrate ---- */

static void test_create_and_reopen(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *path;
	struct db *d = create_db(&path);
	assert_true(db_schema_latest() >= 2);
	assert_int_equal(db_schema_version(d), db_schema_latest());
	assert_string_equal(db_path(d), path);
	db_close(d);
	assert_int_equal(raw_int(path, "PRAGMA application_id"), 0x59494349);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
				       "AND name IN ('config', 'item', 'staff', 'cases', 'task', 'event')"),
			 6);

	d = db_open(path, DB_OPEN_RW, &e);
	assert_non_null(d);
	assert_int_equal(db_schema_version(d), db_schema_latest());
	db_close(d);

	d = db_open(path, DB_OPEN_RO, &e);
	assert_non_null(d);
	assert_int_equal(db_schema_version(d), db_schema_latest());
	/* Read-only: no transaction for writing. */
	yerr_clear(&e);
	assert_int_equal(db_begin(d, &e), -1);
	assert_int_not_equal(e.code, YERR_NONE);
	db_close(d);

	/* CREATE refuses an existing file. */
	yerr_clear(&e);
	assert_null(db_open(path, DB_OPEN_CREATE, &e));
	assert_int_equal(e.code, YERR_INPUT);
	assert_non_null(strstr(e.msg, "already exists"));
	free(path);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *path = new_path();
	assert_null(db_open(path, DB_OPEN_RW, &e));
	assert_int_equal(e.code, YERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "does not exist"));
	assert_int_equal(access(path, F_OK), -1);
	yerr_clear(&e);
	assert_null(db_open(path, DB_OPEN_RO, &e));
	assert_int_equal(e.code, YERR_NOTFOUND);
	assert_int_equal(access(path, F_OK), -1);
	free(path);
}

/* A database at schema 1, built from db/001_init.sql as an older yici
 * would have left it. */
static void test_migrate_from_v1(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *sql = slurp("db/001_init.sql", NULL);
	assert_non_null(sql);
	char *path = new_path();
	raw_exec(path, sql);
	raw_exec(path, "PRAGMA application_id = 0x59494349; PRAGMA user_version = 1");
	free(sql);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"),
			 0);

	/* Without write access a read-only open cannot upgrade: refused, file
	 * left at 1 (root may write any file, so only for other users). */
	if (geteuid() != 0) {
		assert_int_equal(chmod(path, 0440), 0);
		assert_null(db_open(path, DB_OPEN_RO, &e));
		assert_int_equal(e.code, YERR_VERSION);
		assert_non_null(strstr(e.msg, "needs an upgrade"));
		assert_int_equal(raw_int(path, "PRAGMA user_version"), 1);
		assert_int_equal(chmod(path, 0660), 0);
	}

	/* With it, the migrations run on any open, read-only included. */
	yerr_clear(&e);
	struct db *d = db_open(path, DB_OPEN_RO, &e);
	if (!d)
		fprintf(stderr, "db_open: %s\n", e.msg);
	assert_non_null(d);
	assert_int_equal(db_schema_version(d), db_schema_latest());
	db_close(d);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), db_schema_latest());
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
				       "AND name IN ('event_no_update', 'event_no_delete')"),
			 2);
	free(path);
}

static void test_newer_version_refused(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *path;
	db_close(create_db(&path));
	char sql[64], num[16];
	int v = db_schema_latest() + 1;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
	snprintf(num, sizeof num, "%d", v);
	raw_exec(path, sql);
	assert_null(db_open(path, DB_OPEN_RW, &e));
	assert_int_equal(e.code, YERR_VERSION);
	assert_non_null(strstr(e.msg, num));
	yerr_clear(&e);
	assert_null(db_open(path, DB_OPEN_RO, &e));
	assert_int_equal(e.code, YERR_VERSION);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), v);
	free(path);
}

static void test_not_sqlite_refused(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *path = new_path();
	static const char text[] = "name,phone\n张三,13800000000\n";
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_null(db_open(path, DB_OPEN_RW, &e));
	assert_int_not_equal(e.code, YERR_NONE);
	assert_non_null(strstr(e.msg, "not an SQLite database"));
	yerr_clear(&e);
	assert_null(db_open(path, DB_OPEN_RO, &e));
	assert_non_null(strstr(e.msg, "not an SQLite database"));
	size_t n;
	char *back = slurp(path, &n);
	assert_non_null(back);
	assert_int_equal(n, strlen(text));
	assert_memory_equal(back, text, n);
	free(back);
	free(path);
}

static void test_foreign_refused(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *path = new_path();
	raw_exec(path, "CREATE TABLE foo (a); INSERT INTO foo VALUES (1)");
	assert_null(db_open(path, DB_OPEN_RO, &e));
	assert_int_equal(e.code, YERR_VERSION);
	assert_non_null(strstr(e.msg, "not a yici database"));
	yerr_clear(&e);
	assert_null(db_open(path, DB_OPEN_RW, &e));
	assert_int_equal(e.code, YERR_VERSION);
	assert_non_null(strstr(e.msg, "not a yici database"));
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 0);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_schema"), 1);
	free(path);
}

/* Refusing another program's database must not change it: no switch to
 * WAL, not a byte written. */
static void test_foreign_untouched(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *path = new_path();
	raw_exec(path, "CREATE TABLE foo (a); INSERT INTO foo VALUES (1)");
	size_t n0, n1;
	char *before = slurp(path, &n0);
	assert_null(db_open(path, DB_OPEN_RW, &e));
	char *after = slurp(path, &n1);
	assert_int_equal(n1, n0);
	int same = memcmp(before, after, n0) == 0;
	free(before);
	free(after);
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char mode[16];
	snprintf(mode, sizeof mode, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	free(path);
	assert_string_equal(mode, "delete");
	assert_true(same);
}

/* ---- the catalog ---- */

static const struct item_material *find_link(const struct catalog *c, const char *item,
					      const char *mat)
{
	for (int i = 0; i < c->nlinks; i++)
		if (!strcmp(c->items[c->links[i].item].code, item) &&
		    !strcmp(c->materials[c->links[i].material].code, mat))
			return &c->links[i];
	return NULL;
}

static void test_catalog_roundtrip(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	struct catalog a, b;
	catalog_init(&a);
	catalog_init(&b);
	if (forms_load("forms", &a, &e) < 0)
		fprintf(stderr, "forms_load: %s\n", e.msg);
	assert_int_equal(a.nitems, 14);
	char *path;
	struct db *d = create_db(&path);
	char ver[65], at[20];
	assert_int_equal(db_catalog_version(d, ver, at), -1);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_catalog_store(d, &a, "tester", "forms", &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	db_close(d);

	d = db_open(path, DB_OPEN_RO, &e);
	assert_non_null(d);
	assert_int_equal(db_catalog_load(d, &b, &e), 0);
	assert_int_equal(db_catalog_version(d, ver, at), 0);
	db_close(d);
	assert_string_equal(ver, a.version);
	assert_string_equal(at, "2026-11-28 09:30:00");
	assert_int_equal(strlen(a.version), 64);
	assert_string_equal(b.version, a.version);

	assert_int_equal(b.nitems, 14);
	for (int i = 0; i < a.nitems; i++) {
		const struct item *x = &a.items[i];
		int j = catalog_item_index(&b, x->code);
		assert_true(j >= 0);
		const struct item *y = &b.items[j];
		assert_int_equal(y->seq, x->seq);
		assert_string_equal(y->name, x->name);
		assert_int_equal(y->cat, x->cat);
		assert_int_equal(y->kinds, x->kinds);
		assert_int_equal(y->limit_days, x->limit_days);
		assert_int_equal(y->promised_days, x->promised_days);
		assert_int_equal(y->day_kind, x->day_kind);
		char *pa = catalog_format_items(&a, x->prereqs), *pb = catalog_format_items(&b, y->prereqs);
		assert_string_equal(pb, pa);
		free(pa);
		free(pb);
	}
	assert_int_equal(b.nmaterials, a.nmaterials);
	for (int i = 0; i < a.nmaterials; i++) {
		int j = catalog_material_index(&b, a.materials[i].code);
		assert_true(j >= 0);
		assert_string_equal(b.materials[j].name, a.materials[i].name);
	}
	assert_int_equal(b.nlinks, a.nlinks);
	for (int i = 0; i < a.nlinks; i++) {
		const struct item_material *x = &a.links[i];
		const struct item_material *y =
			find_link(&b, a.items[x->item].code, a.materials[x->material].code);
		assert_non_null(y);
		assert_int_equal(y->required, x->required);
		assert_int_equal(y->commitment_ok, x->commitment_ok);
		if (x->produced_by < 0)
			assert_int_equal(y->produced_by, -1);
		else
			assert_string_equal(b.items[y->produced_by].code, a.items[x->produced_by].code);
	}
	assert_int_equal(b.cal.n, a.cal.n);
	assert_true(a.cal.n > 0);
	for (int y = 2020; y <= 2030; y++)
		assert_int_equal(calendar_year_published(&b.cal, y), calendar_year_published(&a.cal, y));
	assert_int_equal(b.nrules, a.nrules);
	assert_int_equal(b.nrates, a.nrates);
	assert_int_equal(b.nfields, a.nfields);
	assert_int_equal(b.ntemplates, a.ntemplates);
	int64_t va, vb;
	for (int i = 0; i < a.nrates; i++) {
		assert_int_equal(catalog_rate(&a, a.rates[i].key, a.rates[i].grade, &va), 0);
		assert_int_equal(catalog_rate(&b, a.rates[i].key, a.rates[i].grade, &vb), 0);
		assert_int_equal(vb, va);
	}
	for (int i = 0; i < a.nrules; i++) {
		const struct rule *r = catalog_rule(&b, a.rules[i].key);
		assert_non_null(r);
		assert_int_equal(r->amount, a.rules[i].amount);
		assert_int_equal(r->unit, a.rules[i].unit);
		assert_int_equal(r->day_kind, a.rules[i].day_kind);
	}
	catalog_release(&a);
	catalog_release(&b);
	free(path);
}

/* ---- settings ---- */

static void test_config(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *path;
	struct db *d = create_db(&path);
	char *v = db_config_get(d, "region_code");
	assert_non_null(v);
	assert_string_equal(v, config_key_find("region_code")->def);
	free(v);
	assert_null(db_config_get(d, "nosuchkey"));

	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_config_set(d, "region_code", "340104", &e), 0);
	static const char *const bad_regions[] = { "12345", "3401045", "34010a", "990101", "" };
	for (size_t i = 0; i < ARRAY_SIZE(bad_regions); i++) {
		yerr_clear(&e);
		assert_int_equal(db_config_set(d, "region_code", bad_regions[i], &e), -1);
		assert_int_equal(e.code, YERR_INPUT);
		assert_non_null(strstr(e.msg, "region_code"));
	}
	yerr_clear(&e);
	assert_int_equal(db_config_set(d, "nosuchkey", "1", &e), -1);
	assert_int_equal(e.code, YERR_INPUT);
	yerr_clear(&e);
	assert_int_equal(db_config_set(d, "windows", "1-4,x", &e), -1);
	assert_int_equal(db_config_set(d, "windows", "1-4,7", &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	db_close(d);

	d = db_open(path, DB_OPEN_RO, &e);
	assert_non_null(d);
	v = db_config_get(d, "region_code");
	assert_string_equal(v, "340104");
	free(v);
	v = db_config_get(d, "windows");
	assert_string_equal(v, "1-4,7");
	free(v);
	db_close(d);

	yerr_clear(&e);
	assert_int_equal(db_config_check("region_code", "340102", &e), 0);
	assert_int_equal(db_config_check("region_code", "12345", &e), -1);
	free(path);
}

/* ---- staff ---- */

static void test_staff(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *path;
	struct db *d = create_db(&path);
	struct staff s;
	assert_int_equal(db_staff_get(d, "zhangsan", &s, &e), 1);

	assert_int_equal(db_begin(d, &e), 0);
	struct staff_input clerk = { .login = "zhangsan", .name = "张三", .role = "clerk",
				     .window_no = 3 };
	assert_int_equal(db_staff_add(d, &clerk, &e), 0);
	struct staff_input off = { .login = "lisi", .name = "李四", .role = "officer",
				   .categories = "agency;admin" };
	assert_int_equal(db_staff_add(d, &off, &e), 0);

	struct staff_input bad = { .login = "wangwu", .name = "王五", .role = "officer" };
	yerr_clear(&e);
	assert_int_equal(db_staff_add(d, &bad, &e), -1);
	assert_int_equal(e.code, YERR_INPUT);
	bad.role = "boss";
	yerr_clear(&e);
	assert_int_equal(db_staff_add(d, &bad, &e), -1);
	assert_non_null(strstr(e.msg, "boss"));
	bad.role = "clerk";
	bad.categories = "admin";
	yerr_clear(&e);
	assert_int_equal(db_staff_add(d, &bad, &e), -1);
	bad.role = "officer";
	bad.categories = "amdin";
	yerr_clear(&e);
	assert_int_equal(db_staff_add(d, &bad, &e), -1);
	assert_non_null(strstr(e.msg, "amdin"));
	bad.categories = "admin";
	bad.login = "wang wu";
	yerr_clear(&e);
	assert_int_equal(db_staff_add(d, &bad, &e), -1);
	assert_int_equal(db_staff_get(d, "wangwu", &s, &e), 1);
	assert_int_equal(db_staff_get(d, "wang wu", &s, &e), 1);
	assert_int_equal(db_commit(d, &e), 0);

	assert_int_equal(db_staff_get(d, "zhangsan", &s, &e), 0);
	assert_string_equal(s.login, "zhangsan");
	assert_string_equal(s.name, "张三");
	assert_string_equal(s.role, "clerk");
	assert_string_equal(s.categories, "");
	assert_int_equal(s.window_no, 3);
	assert_int_equal(s.active, 1);
	assert_int_equal(db_staff_get(d, "lisi", &s, &e), 0);
	assert_string_equal(s.role, "officer");
	assert_string_equal(s.categories, "admin;agency");
	assert_int_equal(s.window_no, 0);

	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_staff_disable(d, "zhangsan", &e), 0);
	yerr_clear(&e);
	assert_int_equal(db_staff_disable(d, "nobody", &e), -1);
	assert_int_equal(e.code, YERR_NOTFOUND);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(db_staff_get(d, "zhangsan", &s, &e), 0);
	assert_int_equal(s.active, 0);
	assert_int_equal(db_staff_get(d, "lisi", &s, &e), 0);
	assert_int_equal(s.active, 1);

	/* Adding a disabled login again is refused (issue 17); enable does it. */
	assert_int_equal(db_begin(d, &e), 0);
	yerr_clear(&e);
	assert_int_equal(db_staff_add(d, &clerk, &e), -1);
	assert_int_equal(e.code, YERR_STATE);
	assert_non_null(strstr(e.msg, "staff enable zhangsan"));
	assert_int_equal(db_staff_enable(d, "zhangsan", &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(db_staff_get(d, "zhangsan", &s, &e), 0);
	assert_int_equal(s.active, 1);
	db_close(d);
	free(path);
}

/* ---- transactions ---- */

/* db_begin takes the write lock at once (BEGIN IMMEDIATE): a second
 * writer is refused while it is held, though readers still read. */
static void test_begin_immediate(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *path;
	struct db *d = create_db(&path);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 100);

	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_BUSY);
	assert_int_equal(sqlite3_exec(h, "SELECT count(*) FROM config", NULL, NULL, NULL),
			 SQLITE_OK);
	db_rollback(d);

	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL), SQLITE_OK);

	/* A commit releases the lock too. */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_config_set(d, "windows", "2-5", &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);

	/* A rolled-back change is gone. */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_config_set(d, "windows", "9", &e), 0);
	db_rollback(d);
	char *v = db_config_get(d, "windows");
	assert_string_equal(v, "2-5");
	free(v);

	sqlite3_close(h);
	db_close(d);
	free(path);
}

/* db_p: a named parameter's index, whatever its place; a name the statement
 * lacks aborts (SQLite would ignore index 0 and store NULL unseen). */
static void test_named_param(void **state)
{
	(void)state;
	sqlite3 *h;
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT :b || :a || :b, ?", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(db_p(st, ":b"), 1);
	assert_int_equal(db_p(st, ":a"), 2);
	db_bind_text(st, db_p(st, ":a"), "A");
	db_bind_text(st, db_p(st, ":b"), "B");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "BAB");
	sqlite3_reset(st);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		freopen("/dev/null", "w", stderr);
		db_p(st, ":nosuch");
		_exit(0);
	}
	int ws;
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFSIGNALED(ws));
	assert_int_equal(WTERMSIG(ws), SIGABRT);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_reopen),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_migrate_from_v1),
		cmocka_unit_test(test_newer_version_refused),
		cmocka_unit_test(test_not_sqlite_refused),
		cmocka_unit_test(test_foreign_refused),
		cmocka_unit_test(test_foreign_untouched),
		cmocka_unit_test(test_catalog_roundtrip),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_staff),
		cmocka_unit_test(test_begin_immediate),
		cmocka_unit_test(test_named_param),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
