/* test_inbox.c — unit tests of the inbox of online applications
 * (db_inbox.c, db/140): a row added once per ext_id (earlier import, same
 * import), the chain of digests in the import's log row, the columns
 * mapped to the form (application_from_columns), the window opening a row
 * into a case once, and verify finding a row changed or removed.  Run
 * from the repo root (reads forms/).  Layer: tests. */
#include "testutil.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "core_application.h"
#include "core_date.h"
#include "csv_forms.h"
#include "db.h"
#include "db_application.h"
#include "db_catalog.h"
#include "db_exchange.h"
#include "db_inbox.h"
#include "db_internal.h"

static struct catalog cat;
static char dir[] = "/tmp/yici-test-inbox-XXXXXX";
static char dbfile[64];
static struct db *d;
static const struct actor clerk = { .login = "tester", .role = ROLE_CLERK };

static const char *const names[] = {
	"ext_id", "submitted_at", "kind", "worker_name", "worker_id_number", "worker_phone",
	"employer_name", "employer_credit_code", "accident_date", "accident_place",
	"description", "items", "materials", "applicant_name", "applicant_id_number",
	"applicant_phone", "applicant_relation",
};

static void row(const char *ext_id, const char *values[17])
{
	static const char *const v[17] = {
		"", "2026-11-27 10:00:00", "injury", "张三", "11010519491231002X", "13800138000",
		"合肥某某机械有限公司", "91110000100006485K", "2026-11-20", "一号车间",
		"操作\"车床\"时右手受伤\\", "RD;YL", "M01;M04", "张三", "11010519491231002X",
		"13800138000", "本人",
	};
	for (int i = 0; i < 17; i++)
		values[i] = v[i];
	values[0] = ext_id;
}

static int setup(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	setlocale(LC_ALL, "C.UTF-8");
	setenv("YICI_NOW", "2026-11-28 09:30", 1);
	if (clock_init(&e) < 0 || !mkdtemp(dir))
		return -1;
	catalog_init(&cat);
	if (forms_load("forms", &cat, &e) < 0)
		return -1;
	snprintf(dbfile, sizeof dbfile, "%s/a.db", dir);
	d = db_open(dbfile, DB_OPEN_CREATE, &e);
	if (!d || db_begin(d, &e) < 0 || db_catalog_store(d, &cat, "tester", "forms", &e) < 0 ||
	    db_commit(d, &e) < 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(d);
	catalog_release(&cat);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void t_columns(void **state)
{
	(void)state;
	assert_string_equal(application_column_key(&cat, "worker_id_number"), "worker.id_number");
	assert_string_equal(application_column_key(&cat, "kind"), "accident.kind");
	assert_null(application_column_key(&cat, "platform_note"));
	const char *v[17];
	row("WS-1", v);
	struct application ap;
	application_init(&ap);
	const char *col = "";
	char why[128];
	assert_int_equal(application_from_columns(&cat, names, NULL, v, 17, &ap, &col, why,
						  sizeof why), 0);
	assert_string_equal(application_get(&ap, "applicant.type"), "worker");
	assert_int_equal(ap.mstatus[catalog_material_index(&cat, "M04")], MS_RECEIVED);
	application_release(&ap);
	v[12] = "M01;M99";
	application_init(&ap);
	assert_int_equal(application_from_columns(&cat, names, NULL, v, 17, &ap, &col, why,
						  sizeof why), -1);
	assert_string_equal(col, "materials");
	assert_non_null(strstr(why, "M99"));
	application_release(&ap);
}

static int64_t new_log(void)
{
	struct yerr e = { 0 };
	int64_t log = 0;
	assert_int_equal(db_import_begin(d, "applications.csv", 1, &log, &e), 0);
	assert_int_equal(db_inbox_columns(d, log, names, 17, &e), 0);
	return log;
}

static void t_add_open_verify(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	const char *v[17];
	int64_t log = new_log();
	struct inbox_chain ch = { "", 0, { 0 } };
	row("WS-1", v);
	struct inbox_in in = { v, 17, "WS-1", v[1], 2, log };
	assert_int_equal(db_inbox_add(d, &in, &ch, &e), 0);
	assert_int_equal(db_inbox_add(d, &in, &ch, &e), 2);   /* twice in this import */
	row("WS-2", v);
	in.ext_id = "WS-2";
	in.line = 3;
	assert_int_equal(db_inbox_add(d, &in, &ch, &e), 0);
	assert_int_equal(ch.rows, 2);
	assert_int_equal(db_inbox_chain_save(d, log, &ch, &e), 0);
	struct import_counts n = { 2, 2, 0, 0 };
	assert_int_equal(db_import_end(d, log, "applications.csv", "2026-11-28 09:30:00", &n, "ok",
				       0, &e), 0);
	/* a second import of the same row: received before */
	int64_t log2 = new_log();
	struct inbox_chain ch2 = { "", 0, { 0 } };
	in.log_id = log2;
	assert_int_equal(db_inbox_add(d, &in, &ch2, &e), 1);
	db_rollback(d);
	sbuf_release(&ch2.buf);
	sbuf_release(&ch.buf);

	struct inbox_row r;
	assert_int_equal(db_inbox_find(d, "WS-1", &r, &e), 0);
	assert_string_equal(r.worker_name, "张三");
	assert_string_equal(r.items, "RD;YL");
	assert_int_equal(r.case_id, 0);
	assert_int_equal(db_inbox_find(d, "WS-9", &r, &e), 1);
	struct intake_row rows[4];
	assert_int_equal(db_application_intake(d, "", 0, 4, rows, &e), 2);
	assert_int_equal(rows[0].inbox, 1);
	long checked = 0;
	assert_int_equal(db_inbox_verify(d, &checked, &e), 0);
	assert_int_equal(checked, 2);

	/* the window opens WS-1: its case, once */
	int64_t id = 0, again = 0;
	assert_int_equal(db_inbox_open(d, &cat, &clerk, "WS-1", &id, &e), 0);
	assert_true(id > 0);
	assert_int_equal(db_inbox_open(d, &cat, &clerk, "WS-1", &again, &e), 0);
	assert_int_equal(again, id);
	assert_int_equal(db_inbox_open(d, &cat, &clerk, "WS-9", &again, &e), 1);
	struct application ap;
	application_init(&ap);
	assert_int_equal(db_application_load(d, &cat, id, &ap, &e), 0);
	assert_int_equal(ap.state, CS_INTAKE);
	assert_string_equal(ap.ext_id, "WS-1");
	assert_string_equal(application_get(&ap, "accident.description"), "操作\"车床\"时右手受伤\\");
	application_release(&ap);
	assert_int_equal(db_application_intake(d, "", 0, 4, rows, &e), 2); /* opened: still waits */
	assert_int_equal(rows[0].inbox + rows[1].inbox, 1);
	/* an officer may not open an application at the window */
	struct actor off = { .login = "off", .role = ROLE_OFFICER, .cats = 1 };
	assert_int_equal(db_inbox_open(d, &cat, &off, "WS-2", &again, &e), -1);

	/* verify: a value changed after the import, then a row removed */
	assert_int_equal(db_exec(d, "UPDATE inbox SET fields = replace(fields, '张三', '李四') "
				    "WHERE ext_id = 'WS-2'", &e), 0);
	assert_int_equal(db_inbox_verify(d, &checked, &e), -1);
	assert_int_equal(e.code, YERR_STATE);
	assert_non_null(strstr(e.msg, "WS-2"));
	assert_int_equal(db_exec(d, "DELETE FROM inbox WHERE ext_id = 'WS-2'", &e), 0);
	assert_int_equal(db_inbox_verify(d, &checked, &e), -1);
	assert_non_null(strstr(e.msg, "differ"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_columns),
		cmocka_unit_test(t_add_open_verify),
	};
	return cmocka_run_group_tests_name("inbox", tests, setup, teardown);
}
