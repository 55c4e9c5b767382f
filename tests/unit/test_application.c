/* test_application.c — unit tests of the combined application behind the
 * form: field checks, checklist rules (kinds, prerequisites, reuse of
 * earlier decisions), the merged material list and its statuses, the
 * application window, and the database side (draft round trip, acceptance
 * with tasks and case numbers, the one-time notice, supplementing,
 * refusal, online intake idempotent by ext_id, a savepoint inside the
 * caller's transaction).  Run from the repo root (reads forms/).
 * Layer: tests. */
#include "testutil.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "core_case.h"
#include "core_catalog.h"
#include "core_date.h"
#include "csv_forms.h"
#include "db.h"
#include "db_application.h"
#include "db_catalog.h"

static struct catalog cat;
static char dir[] = "/tmp/yici-test-app-XXXXXX";
static char dbfile[64];
static struct db *d;
static const struct actor clerk = { .login = "tester", .role = ROLE_CLERK };

static int setup(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	setlocale(LC_ALL, "C.UTF-8");
	setenv("YICI_NOW", "2026-11-28 09:30", 1);
	if (clock_init(&e) < 0 || !mkdtemp(dir))
		return -1;
	catalog_init(&cat);
	if (forms_load("forms", &cat, &e) < 0) {
		fprintf(stderr, "forms_load: %s\n", e.msg);
		return -1;
	}
	snprintf(dbfile, sizeof dbfile, "%s/a.db", dir);
	d = db_open(dbfile, DB_OPEN_CREATE, &e);
	if (!d || db_begin(d, &e) < 0 || db_catalog_store(d, &cat, "tester", "forms", &e) < 0 ||
	    db_commit(d, &e) < 0) {
		fprintf(stderr, "db: %s\n", e.msg);
		return -1;
	}
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

static itemset items(const char *list)
{
	itemset s = 0;
	assert_int_equal(catalog_parse_items(&cat, list, &s, NULL), 0);
	return s;
}

static int mat(const char *code)
{
	return catalog_material_index(&cat, code);
}

/* A complete injury application by the worker. */
static void fill_injury(struct application *ap, const char *worker_id)
{
	static const char *const kv[][2] = {
		{ "applicant.type", "worker" }, { "applicant.name", "张三" },
		{ "applicant.phone", "13812345678" }, { "worker.name", "张三" },
		{ "employer.name", "合肥某机械厂" }, { "employer.credit_code", "91110000100006485K" },
		{ "employer.insured", "1" }, { "accident.kind", "injury" },
		{ "accident.date", "2026-11-20" }, { "accident.place", "车间" },
		{ "accident.type", "accident" }, { "accident.circumstance", "work" },
		{ "accident.description", "操作机床时右手受伤" }, { "accident.body_part", "右手" },
		{ "accident.diagnosis", "右手骨折" }, { "delivery.method", "window" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(kv); i++)
		application_set(ap, kv[i][0], kv[i][1]);
	application_set(ap, "applicant.id_number", worker_id);
	application_set(ap, "worker.id_number", worker_id);
}

static void receive_all(struct application *ap)
{
	struct merged_material mm[MAX_MATERIALS];
	int n = application_materials(&cat, ap, 0, mm);
	for (int i = 0; i < n; i++)
		if (mm[i].required)
			ap->mstatus[mm[i].material] = MS_RECEIVED;
}

static int count_errors(struct db *db, const struct application *ap, const char *prefix)
{
	char **errs;
	int n = application_check(db, &cat, ap, &errs), hits = 0;
	for (int i = 0; i < n; i++) {
		if (!prefix || !strncmp(errs[i], prefix, strlen(prefix)))
			hits++;
		free(errs[i]);
	}
	free(errs);
	return hits;
}

static const struct form_field *field(const char *key)
{
	for (int i = 0; i < cat.nfields; i++)
		if (!strcmp(cat.fields[i].key, key))
			return &cat.fields[i];
	fail_msg("no field %s", key);
	return NULL;
}

/* ---- pure checks ---- */

static void t_set_get_bool(void **state)
{
	(void)state;
	struct application ap;
	application_init(&ap);
	assert_string_equal(application_get(&ap, "worker.name"), "");
	application_set(&ap, "worker.name", "王");
	application_set(&ap, "worker.name", "王五");
	assert_string_equal(application_get(&ap, "worker.name"), "王五");
	assert_int_equal(ap.nfields, 1);
	assert_int_equal(ap.mstatus[0], MS_MISSING);
	assert_int_equal(application_bool("是"), 1);
	assert_int_equal(application_bool("no"), 0);
	assert_int_equal(application_bool("maybe"), -1);
	application_release(&ap);
}

static void t_field_checks(void **state)
{
	(void)state;
	char msg[256];
	assert_int_equal(application_check_field(field("worker.id_number"), "11010519491231002X",
						 msg, sizeof msg), 0);
	assert_int_equal(application_check_field(field("worker.id_number"), "110105194912310021",
						 msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "check"));
	assert_int_equal(application_check_field(field("worker.name"), "", msg, sizeof msg), -1);
	assert_int_equal(application_check_field(field("worker.phone"), "", msg, sizeof msg), 0);
	/* limits count characters: 50 Chinese characters fit a 50-character field */
	char name[256] = "";
	for (int i = 0; i < 50; i++)
		strcat(name, "张");
	assert_int_equal(application_check_field(field("worker.name"), name, msg, sizeof msg), 0);
	strcat(name, "张");
	assert_int_equal(application_check_field(field("worker.name"), name, msg, sizeof msg), -1);
	assert_int_equal(application_check_field(field("accident.date"), "2026-12-01", msg,
						 sizeof msg), -1);
	assert_non_null(strstr(msg, "future"));
	assert_int_equal(application_check_field(field("accident.kind"), "death", msg, sizeof msg), 0);
	assert_int_equal(application_check_field(field("accident.kind"), "dead", msg, sizeof msg), -1);
	assert_int_equal(application_check_field(field("employer.insured"), "yes", msg, sizeof msg), 0);
	assert_int_equal(application_check_field(field("accident.time"), "25:00", msg, sizeof msg), -1);
}

static void t_check_items_and_kinds(void **state)
{
	(void)state;
	struct application ap;
	application_init(&ap);
	fill_injury(&ap, "340102198503121238");
	assert_int_equal(count_errors(NULL, &ap, "items"), 1); /* none ticked */
	ap.items = items("RD;YL;HS");
	receive_all(&ap);
	assert_int_equal(count_errors(NULL, &ap, NULL), 0);
	ap.items = items("RD;GW");
	assert_int_equal(count_errors(NULL, &ap, "items"), 1); /* GW: death only */
	ap.items = items("SC");
	assert_true(count_errors(NULL, &ap, "items") >= 1);    /* SC needs JD (and RD) */
	application_set(&ap, "applicant.type", "relative");
	assert_int_equal(count_errors(NULL, &ap, "applicant.relation"), 1);
	application_set(&ap, "accident.kind", "death");
	assert_int_equal(count_errors(NULL, &ap, "accident.death_date"), 1);
	application_release(&ap);
}

static void t_prereqs_and_waiting(void **state)
{
	(void)state;
	itemset ticked = items("JD;SC"), rd = items("RD");
	assert_int_equal(rule_missing_prereqs(&cat, ticked, 0), rd);
	assert_int_equal(rule_missing_prereqs(&cat, ticked, rd), 0);
	assert_int_equal(rule_waiting_items(&cat, items("RD;JD;SC"), 0), items("JD;SC"));
	assert_int_equal(rule_waiting_items(&cat, items("JD;SC"), rd), items("SC"));
}

static void t_materials_merge(void **state)
{
	(void)state;
	struct application ap;
	application_init(&ap);
	ap.items = items("RD;YL;HS");
	struct merged_material mm[MAX_MATERIALS];
	int n = application_materials(&cat, &ap, 0, mm), m06 = -1, m08 = -1;
	for (int i = 0; i < n; i++) {
		if (mm[i].material == mat("M06"))
			m06 = i;
		if (mm[i].material == mat("M08"))
			m08 = i;
		for (int j = 0; j < i; j++)
			assert_int_not_equal(mm[i].material, mm[j].material); /* each once */
	}
	assert_true(m06 >= 0 && m08 >= 0);
	assert_true(mm[m06].produced);
	assert_int_equal(mm[m08].items, items("YL;HS"));
	ap.mstatus[mat("M06")] = MS_MISSING;
	assert_int_equal(application_mstatus(&ap, &mm[m06]), MS_PRODUCED);
	/* required and not produced: M01 M02 M03 M04 M05 M08 M09 */
	assert_int_equal(application_missing(&cat, &ap, 0), 7);
	receive_all(&ap);
	assert_int_equal(application_missing(&cat, &ap, 0), 0);
	application_release(&ap);
}

static void t_commitment_only_where_allowed(void **state)
{
	(void)state;
	struct application ap;
	application_init(&ap);
	fill_injury(&ap, "340102198503121238");
	application_set(&ap, "accident.kind", "death");
	application_set(&ap, "accident.death_date", "2026-11-21");
	ap.items = items("RD;FX");
	receive_all(&ap);
	ap.mstatus[mat("M11")] = MS_COMMITTED;
	assert_int_equal(count_errors(NULL, &ap, "materials"), 0);
	ap.items = items("RD;SZ;FX");
	receive_all(&ap);
	ap.mstatus[mat("M11")] = MS_COMMITTED;
	assert_int_equal(count_errors(NULL, &ap, "materials"), 1);
	application_release(&ap);
}

static void t_application_window(void **state)
{
	(void)state;
	struct application ap;
	char msg[512];
	application_init(&ap);
	ap.items = items("RD");
	application_set(&ap, "applicant.type", "employer");
	application_set(&ap, "accident.date", "2026-10-29"); /* 30 days before */
	assert_int_equal(application_window(&cat, &ap, msg, sizeof msg), 0);
	application_set(&ap, "accident.date", "2026-10-20");
	assert_int_equal(application_window(&cat, &ap, msg, sizeof msg), 1);
	assert_non_null(strstr(msg, "§17"));
	application_set(&ap, "applicant.type", "worker");
	assert_int_equal(application_window(&cat, &ap, msg, sizeof msg), 0);
	ap.items = items("YL");
	application_set(&ap, "accident.date", "2024-01-01");
	assert_int_equal(application_window(&cat, &ap, msg, sizeof msg), 0); /* no RD ticked */
	application_release(&ap);
}

/* ---- the database side ---- */

static void t_draft_round_trip(void **state)
{
	(void)state;
	struct application ap, back;
	struct yerr e = { 0 };
	application_init(&ap);
	application_init(&back);
	application_set(&ap, "worker.name", "赵六");
	application_set(&ap, "worker.id_number", "3401021985");      /* half typed */
	application_set(&ap, "accident.kind", "");                    /* not chosen yet */
	application_set(&ap, "accident.exposure", "2019-2025 粉尘");  /* no column */
	ap.items = items("RD;YL");
	ap.mstatus[mat("M03")] = MS_RECEIVED;
	int64_t id = 0;
	assert_int_equal(db_application_save(d, &cat, &clerk, &ap, &id, &e), 0);
	assert_true(id > 0);
	assert_int_equal(ap.state, CS_DRAFT);
	assert_int_equal(db_application_load(d, &cat, id, &back, &e), 0);
	assert_string_equal(application_get(&back, "worker.name"), "赵六");
	assert_string_equal(application_get(&back, "worker.id_number"), "3401021985");
	assert_string_equal(application_get(&back, "accident.kind"), "");
	assert_string_equal(application_get(&back, "accident.exposure"), "2019-2025 粉尘");
	assert_int_equal(back.items, items("RD;YL"));
	assert_int_equal(back.mstatus[mat("M03")], MS_RECEIVED);
	assert_int_equal(back.mstatus[mat("M06")], MS_PRODUCED);
	assert_int_equal(back.state, CS_DRAFT);
	application_release(&ap);
	application_release(&back);
}

static void t_accept_and_reuse(void **state)
{
	(void)state;
	struct application ap;
	struct yerr e = { 0 };
	application_init(&ap);
	fill_injury(&ap, "340102198503121238");
	ap.items = items("RD;JD;SC");
	receive_all(&ap);
	int64_t id = 0;
	enum case_state st;
	char *notice = NULL;
	assert_int_equal(db_application_submit(d, &cat, &clerk, &ap, &id, &st, &notice, &e), 0);
	assert_int_equal(st, CS_ACCEPTED);
	assert_string_equal(ap.case_no, "GS340102-20261128-0001");
	assert_non_null(strstr(notice, "GS340102-20261128-0001"));
	free(notice);
	/* nothing decided yet: a JD case of the same worker must tick RD */
	struct application ap2;
	application_init(&ap2);
	fill_injury(&ap2, "340102198503121238");
	ap2.items = items("JD");
	assert_int_equal(count_errors(d, &ap2, "items"), 1);
	itemset dec = 0;
	assert_int_equal(db_application_decided(d, &cat, &ap2, &dec, &e), 0);
	assert_int_equal(dec, 0);
	/* following the first case: RD not decided there yet, still refused */
	snprintf(ap2.follows, sizeof ap2.follows, "%s", ap.case_no);
	assert_int_equal(count_errors(d, &ap2, "items"), 1);
	snprintf(ap2.follows, sizeof ap2.follows, "GS340102-20261128-0999");
	assert_int_equal(count_errors(d, &ap2, "follows"), 1);
	application_release(&ap2);
	application_release(&ap);
}

static void t_deficient_then_supplement(void **state)
{
	(void)state;
	struct application ap;
	struct yerr e = { 0 };
	application_init(&ap);
	fill_injury(&ap, "11010519491231002X");
	ap.items = items("RD;YL;HS");
	receive_all(&ap);
	ap.mstatus[mat("M03")] = MS_MISSING;
	ap.mstatus[mat("M08")] = MS_MISSING;
	int64_t id = 0;
	enum case_state st;
	char *notice = NULL;
	assert_int_equal(db_application_submit(d, &cat, &clerk, &ap, &id, &st, &notice, &e), 0);
	assert_int_equal(st, CS_DEFICIENT);
	assert_string_equal(ap.supplement_due, "2026-12-14");
	assert_non_null(strstr(notice, "M03"));
	assert_non_null(strstr(notice, "M08"));
	free(notice);
	notice = NULL;
	/* still missing M08: refused, the M03 mark kept */
	ap.mstatus[mat("M03")] = MS_RECEIVED;
	assert_int_equal(db_application_submit(d, &cat, &clerk, &ap, &id, &st, &notice, &e), -1);
	assert_int_equal(e.code, YERR_STATE);
	assert_non_null(strstr(e.msg, "M08"));
	struct application back;
	application_init(&back);
	assert_int_equal(db_application_load(d, &cat, id, &back, &e), 0);
	assert_int_equal(back.state, CS_DEFICIENT);
	assert_int_equal(back.mstatus[mat("M03")], MS_RECEIVED);
	back.mstatus[mat("M08")] = MS_RECEIVED;
	int src = db_application_submit(d, &cat, &clerk, &back, &id, &st, &notice, &e);
	if (src < 0)
		fprintf(stderr, "submit: %s\n", e.msg);
	assert_int_equal(src, 0);
	assert_int_equal(st, CS_ACCEPTED);
	free(notice);
	char *text = NULL;
	assert_int_equal(db_application_notice(d, &cat, id, "deficiency", &text, &e), 0);
	assert_non_null(strstr(text, "M08"));
	free(text);
	application_release(&back);
	application_release(&ap);
}

static void t_refuse_and_online(void **state)
{
	(void)state;
	struct application ap;
	struct yerr e = { 0 };
	application_init(&ap);
	ap.channel = "online";
	ap.ext_id = "WEB-1";
	application_set(&ap, "worker.name", "钱七");
	ap.items = items("RD");
	int64_t id = 0, again = 0;
	struct actor boss = { .login = "boss", .role = ROLE_SUPERVISOR };
	assert_int_equal(db_application_save(d, &cat, &boss, &ap, &id, &e), 0);
	assert_int_equal(ap.state, CS_INTAKE);
	assert_int_equal(db_application_save(d, &cat, &boss, &ap, &again, &e), 1);
	assert_int_equal(again, id);
	struct intake_row rows[4];
	assert_int_equal(db_application_intake(d, "", 0, 4, rows, &e), 1);
	assert_string_equal(rows[0].ext_id, "WEB-1");
	assert_string_equal(rows[0].worker_name, "钱七");
	char *notice = NULL;
	assert_int_equal(db_application_refuse(d, &clerk, id, "", &notice, &e), -1);
	assert_int_equal(db_application_refuse(d, &clerk, id, "重复申请", &notice, &e), 0);
	assert_non_null(strstr(notice, "重复申请"));
	free(notice);
	assert_int_equal(db_application_intake(d, "", 0, 4, rows, &e), 0);
	int64_t found = 0;
	assert_int_equal(db_application_find(d, "WEB-1", &found, &e), 0);
	assert_int_equal(found, id);
	struct actor officer = { .login = "off", .role = ROLE_OFFICER, .cats = 1 };
	struct application ap2;
	application_init(&ap2);
	int64_t none = 0;
	assert_int_equal(db_application_save(d, &cat, &officer, &ap2, &none, &e), -1);
	assert_int_equal(e.code, YERR_DENIED);
	application_release(&ap2);
	application_release(&ap);
}

/* The import batches rows in its own transaction: a failing row rolls
 * back to its savepoint only. */
static void t_savepoint_in_callers_txn(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	struct actor boss = { .login = "boss", .role = ROLE_SUPERVISOR };
	assert_int_equal(db_begin(d, &e), 0);
	struct application ap;
	application_init(&ap);
	ap.channel = "online";
	ap.ext_id = "WEB-2";
	ap.items = items("RD");
	int64_t id = 0;
	assert_int_equal(db_application_save(d, &cat, &boss, &ap, &id, &e), 0);
	application_release(&ap);
	application_init(&ap);
	ap.channel = "online";
	ap.ext_id = "WEB-3";
	int64_t bad = 999999; /* no such case: the row fails */
	assert_int_equal(db_application_save(d, &cat, &boss, &ap, &bad, &e), -1);
	assert_int_equal(db_commit(d, &e), 0);
	int64_t found = 0;
	assert_int_equal(db_application_find(d, "WEB-2", &found, &e), 0);
	assert_int_equal(found, id);
	application_release(&ap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_set_get_bool),
		cmocka_unit_test(t_field_checks),
		cmocka_unit_test(t_check_items_and_kinds),
		cmocka_unit_test(t_prereqs_and_waiting),
		cmocka_unit_test(t_materials_merge),
		cmocka_unit_test(t_commitment_only_where_allowed),
		cmocka_unit_test(t_application_window),
		cmocka_unit_test(t_draft_round_trip),
		cmocka_unit_test(t_accept_and_reuse),
		cmocka_unit_test(t_deficient_then_supplement),
		cmocka_unit_test(t_refuse_and_online),
		cmocka_unit_test(t_savepoint_in_callers_txn),
	};
	return cmocka_run_group_tests_name("application", tests, setup, teardown);
}
