/* test_chain.c — unit tests of the hash chain: the canonical serialisation
 * and SHA-256 against vectors computed with Python's hashlib, appending in
 * transactions from two connections (the head is read again at the start
 * of each transaction), verify on intact and tampered files, the anchor,
 * events written before the chain existed, and file creation modes.  Raw
 * sqlite3 is used only to tamper from outside.  Layer: tests. */
#include "testutil.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_date.h"
#include "db.h"
#include "db_event.h"
#include "db_internal.h"
#include "db_verify.h"
#include "util_file.h"

#define TESTDIR_NAME "chain"
#include "testdir.h"

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static const char *const new_case =
	"INSERT INTO cases (kind, channel, state, applicant_type, created_at, created_by, "
	"updated_at) VALUES ('injury', 'window', 'draft', 'worker', '2026-11-28 09:00:00', "
	"'tester', '2026-11-28 09:00:00')";

/* A new database with one case. */
static struct db *new_db(char **path)
{
	struct yerr e = { 0 };
	*path = new_path();
	struct db *d = db_open(*path, DB_OPEN_CREATE, &e);
	assert_non_null(d);
	/* through yici's own connection, so that the ledger records the case */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_exec(d, new_case, &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	return d;
}

/* Appends n events in one transaction. */
static void add_events(struct db *d, int n, const char *detail)
{
	struct yerr e = { 0 };
	assert_int_equal(db_begin(d, &e), 0);
	for (int i = 0; i < n; i++) {
		struct event_input ev = { .case_id = 1, .actor = "tester", .actor_role = "clerk",
					  .kind = "material", .detail = detail };
		assert_true(db_event_add(d, &ev, &e) > 0);
	}
	assert_int_equal(db_commit(d, &e), 0);
}

static int verify_path(const char *path, const char *anchor, struct yerr *e)
{
	struct verify_report r;
	struct db *d = db_open(path, DB_OPEN_RO, e);
	assert_non_null(d);
	int rc = db_verify(d, anchor, &r, e);
	db_close(d);
	return rc;
}

static void test_canonical(void **state)
{
	(void)state;
	struct event_content ev = { 7, 42, 0, "2026-11-28 09:30:00", "chenjing", "clerk",
				    "created", "abc" };
	struct sbuf b = { 0 };
	event_canonical(&ev, &b);
	sbuf_add(&b, "", 1);
	assert_string_equal(b.s, "1:7,2:42,0:,19:2026-11-28 09:30:00,8:chenjing,5:clerk,"
				 "7:created,3:abc,");
	sbuf_release(&b);
	struct event_content ev2 = { 123456789012, 1, 99, "", "", "system", "denied",
				     "中文 x" };
	event_canonical(&ev2, &b);
	sbuf_add(&b, "", 1);
	assert_string_equal(b.s, "12:123456789012,1:1,2:99,0:,0:,6:system,6:denied,8:中文 x,");
	sbuf_release(&b);
}

static void test_hash_vector(void **state)
{
	(void)state;
	struct event_content ev = { 7, 42, 0, "2026-11-28 09:30:00", "chenjing", "clerk",
				    "created", "abc" };
	char h[HASH_HEX + 1];
	event_hash(HASH_GENESIS, &ev, h);
	/* python3: sha256(b'0'*64 + canonical).hexdigest() */
	assert_string_equal(h, "35531932fe0fcd60fb11527893c4a6171a0fd7fbdb5b9ad924b91a1c858df85d");
	assert_true(hash_valid(h));
	assert_false(hash_valid("abc"));
	assert_false(hash_valid("g5531932fe0fcd60fb11527893c4a6171a0fd7fbdb5b9ad924b91a1c858df85d"));
	ev.detail = "abd";
	char h2[HASH_HEX + 1];
	event_hash(HASH_GENESIS, &ev, h2);
	assert_string_not_equal(h, h2);
}

static void test_two_connections(void **state)
{
	(void)state;
	char *path;
	struct yerr e = { 0 };
	struct db *a = new_db(&path);
	struct db *b = db_open(path, DB_OPEN_RW, &e);
	assert_non_null(b);
	add_events(a, 3, "a1");
	add_events(b, 2, "b1");   /* b must see a's head */
	add_events(a, 2, "a2");   /* and a must read b's */
	add_events(b, 1, "b2");
	int64_t id;
	char head[HASH_HEX + 1];
	assert_int_equal(db_chain_head(a, &id, head, &e), 0);
	assert_int_equal(id, 8);
	db_close(a);
	db_close(b);
	yerr_clear(&e);
	assert_int_equal(verify_path(path, head, &e), 0);
	free(path);
}

static void test_rollback_forgets(void **state)
{
	(void)state;
	char *path;
	struct yerr e = { 0 };
	struct db *d = new_db(&path);
	add_events(d, 2, "x");
	assert_int_equal(db_begin(d, &e), 0);
	struct event_input ev = { .case_id = 1, .actor = "t", .actor_role = "clerk",
				  .kind = "material" };
	assert_int_equal(db_event_add(d, &ev, &e), 3);
	db_rollback(d);
	add_events(d, 1, "y");  /* id 3 again, chained to event 2 */
	db_close(d);
	assert_int_equal(verify_path(path, NULL, &e), 0);
	free(path);
}

/* A nested transaction (savepoint) rolled back takes its events back; the
 * next event chains to what is left. */
static void test_savepoint_rollback(void **state)
{
	(void)state;
	char *path;
	struct yerr e = { 0 };
	struct db *d = new_db(&path);
	struct event_input ev = { .case_id = 1, .actor = "t", .actor_role = "clerk",
				  .kind = "material" };
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_event_add(d, &ev, &e), 1);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_event_add(d, &ev, &e), 2);
	assert_int_equal(db_event_add(d, &ev, &e), 3);
	db_rollback(d);
	assert_int_equal(db_event_add(d, &ev, &e), 2);
	assert_int_equal(db_commit(d, &e), 0);
	db_close(d);
	assert_int_equal(verify_path(path, NULL, &e), 0);
	free(path);
}

/* The same while the chain row lags behind (d->defer_chain, the import and
 * the demo): after the savepoint's rollback the head is the newest event
 * left, not the chain row written before the transaction. */
static void test_deferred_savepoint_rollback(void **state)
{
	(void)state;
	char *path;
	struct yerr e = { 0 };
	struct db *d = new_db(&path);
	add_events(d, 2, "before");
	struct event_input ev = { .case_id = 1, .actor = "t", .actor_role = "clerk",
				  .kind = "material" };
	d->defer_chain = 1;
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_event_add(d, &ev, &e), 3);
	assert_int_equal(db_event_add(d, &ev, &e), 4);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_event_add(d, &ev, &e), 5);
	db_rollback(d);
	assert_int_equal(db_event_add(d, &ev, &e), 5);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_event_add(d, &ev, &e), 6);
	db_rollback(d);
	/* the head is written from the events even though the cache was voided */
	assert_int_equal(db_event_sync_head(d, &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	d->defer_chain = 0;
	db_close(d);
	assert_int_equal(verify_path(path, NULL, &e), 0);
	free(path);
}

static void test_tamper(void **state)
{
	(void)state;
	char *path;
	struct yerr e = { 0 };
	struct db *d = new_db(&path);
	add_events(d, 6, "ok");
	db_close(d);
	raw_exec(path, "DROP TRIGGER event_no_update; UPDATE event SET detail = 'no' WHERE id = 4");
	assert_int_equal(verify_path(path, NULL, &e), 1);
	assert_non_null(strstr(e.msg, "event 4:"));
	raw_exec(path, "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id = 2");
	yerr_clear(&e);
	assert_int_equal(verify_path(path, NULL, &e), 1);
	assert_non_null(strstr(e.msg, "event 2 "));
	free(path);
}

static void test_anchor_unknown(void **state)
{
	(void)state;
	char *path;
	struct yerr e = { 0 };
	struct db *d = new_db(&path);
	add_events(d, 2, "ok");
	db_close(d);
	assert_int_equal(verify_path(path, HASH_GENESIS, &e), 1);
	assert_non_null(strstr(e.msg, "anchor"));
	free(path);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct sbuf b = { 0 };
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	sbuf_add(&b, "", 1);
	return b.s;
}

/* A schema-2 file with events, as an older yici left it: its events are
 * chained when the file is upgraded and the next event is written; an
 * unchained event written around yici after that is reported. */
static void test_legacy(void **state)
{
	(void)state;
	char *path = new_path(), *v1 = slurp("db/001_init.sql"), *v2 = slurp("db/002_history.sql");
	struct yerr e = { 0 };
	raw_exec(path, v1);
	raw_exec(path, v2);
	raw_exec(path, "PRAGMA user_version = 2; PRAGMA application_id = 1497973577");
	raw_exec(path, new_case);
	raw_exec(path, "INSERT INTO event (case_id, at, actor, actor_role, kind, detail) VALUES "
		       "(1, '2026-11-01 09:00:00', 'old', 'clerk', 'created', 'one'), "
		       "(1, '2026-11-02 09:00:00', 'old', 'clerk', 'accepted', 'two')");
	struct db *d = db_open(path, DB_OPEN_RW, &e);
	assert_non_null(d);
	add_events(d, 2, "new");
	db_close(d);
	assert_int_equal(verify_path(path, NULL, &e), 0);
	raw_exec(path, "DROP TRIGGER event_no_update; UPDATE event SET detail = 'uno' WHERE id = 1");
	assert_int_equal(verify_path(path, NULL, &e), 1);
	assert_non_null(strstr(e.msg, "event 3:"));  /* the first chained event names the change */
	free(v1);
	free(v2);
	free(path);
}

static void test_file_modes(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	char *p = xasprintf("%s/f.csv", dir), *q = xasprintf("%s/sub", dir);
	mode_t old = umask(0);
	FILE *f = file_create_stream(p, FILE_MODE_GROUP_READ, &e);
	umask(old);
	assert_non_null(f);
	fclose(f);
	struct stat sb;
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(file_create(p, FILE_MODE_GROUP_READ, &e), -1);
	assert_non_null(strstr(e.msg, "f.csv"));
	old = umask(077);
	assert_int_equal(dir_create_shared(q, &e), 0);
	umask(old);
	assert_int_equal(stat(q, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0770);
	assert_int_equal(dir_create_shared(q, &e), 0);
	rmdir(q);
	free(p);
	free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_hash_vector),
		cmocka_unit_test(test_two_connections),
		cmocka_unit_test(test_rollback_forgets),
		cmocka_unit_test(test_savepoint_rollback),
		cmocka_unit_test(test_deferred_savepoint_rollback),
		cmocka_unit_test(test_tamper),
		cmocka_unit_test(test_anchor_unknown),
		cmocka_unit_test(test_legacy),
		cmocka_unit_test(test_file_modes),
	};
	return cmocka_run_group_tests_name("chain", tests, setup, teardown);
}
