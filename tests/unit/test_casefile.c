/* test_casefile.c — unit tests of what follows acceptance and of the
 * lookup, on a small database built here: the push rules (pure and
 * written, never twice, only with consent), the notice-commitment and
 * verification life cycle (catalog permission, pending once, a false one
 * flags the case and holds the task's payments, who may record it), the
 * evaluation (once, poor ratings open a follow-up in 15 working days), the
 * case file (flow layout, timeline keyset paging over 10,000 events) and
 * the lookup (pinyin initials with polyphonic surnames, names, IDs,
 * phones, case numbers, precise refusals).  Raw sqlite3 only builds the
 * cases.  Layer: tests (run from the repo root: reads forms/). */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "core_catalog.h"
#include "core_date.h"
#include "csv_forms.h"
#include "db.h"
#include "db_audit.h"
#include "db_casefile.h"
#include "db_catalog.h"
#include "db_followup.h"
#include "db_staff.h"

static char dir[] = "/tmp/yici-test-casefile-XXXXXX";
static char *path;
static struct db *d;
static struct catalog cat;
static const struct actor clerk = { "clerk1", ROLE_CLERK, 0 };
static const struct actor officer = { "off1", ROLE_OFFICER, 1u << CAT_AGENCY };
static const struct actor admin_officer = { "off2", ROLE_OFFICER, 1u << CAT_ADMIN };
static const struct actor super = { "sup", ROLE_SUPERVISOR, 0 };

static const char build_sql[] =
	"INSERT INTO employer (id, credit_code, name, supp_insurer, updated_at) VALUES "
	" (1, '9144030071526726XG', '合肥建工集团有限公司', '平安财产保险', 'x'),"
	" (2, '91110000100006485K', '芜湖纺织厂', '', 'x');"
	"INSERT INTO person (id, id_number, name, phone, updated_at) VALUES "
	" (1, '11010519491231002X', '张三', '13800001111', 'x'),"
	" (2, '340102199001011236', '曾敏', '13900002222', 'x'),"
	" (3, '34010219850202345X', '李建国', '13700003333', 'x'),"
	" (4, '340102197003034563', '单雄信', '13600004444', 'x');"
	"INSERT INTO cases (id, case_no, kind, channel, state, worker_id, applicant_id, "
	" applicant_type, employer_id, consent_extended, created_at, created_by, accepted_at, "
	" accepted_by, updated_at) VALUES "
	" (1, 'GS340102-20261128-0001', 'death', 'window', 'accepted', 1, 2, 'relative', 1, 1, "
	"  '2026-11-28 08:00:00', 'clerk1', '2026-11-28 08:10:00', 'clerk1', 'x'),"
	" (2, 'GS340102-20261128-0002', 'injury', 'online', 'accepted', 3, 3, 'worker', 2, 1, "
	"  '2026-11-28 08:20:00', 'clerk2', '2026-11-28 08:30:00', 'clerk2', 'x'),"
	" (3, 'GS340102-20261127-0001', 'injury', 'window', 'accepted', 4, 4, 'worker', 1, 0, "
	"  '2026-11-27 08:20:00', 'clerk2', '2026-11-27 08:30:00', 'clerk2', 'x'),"
	" (4, 'GS340102-20261126-0001', 'injury', 'window', 'draft', 2, 2, 'worker', 2, 1, "
	"  '2026-11-26 08:20:00', 'clerk2', NULL, NULL, 'x');"
	"INSERT INTO task (id, case_id, item, category, state, day_kind, limit_days, promised_days, "
	" outcome, grade, due_on, updated_at) VALUES "
	" (1, 1, 'RD', 'admin', 'decided', 'calendar', 60, 40, 'recognised', NULL, '2027-01-10', 'x'),"
	" (2, 1, 'FX', 'agency', 'accepted', 'working', 60, 45, NULL, NULL, '2027-01-20', 'x'),"
	" (3, 2, 'RD', 'admin', 'decided', 'calendar', 60, 40, 'recognised', NULL, NULL, 'x'),"
	" (4, 2, 'JD', 'appraisal', 'decided', 'calendar', 60, 45, 'graded', 7, NULL, 'x'),"
	" (5, 2, 'SC', 'agency', 'waiting', 'working', 20, 15, NULL, NULL, NULL, 'x'),"
	" (6, 3, 'JD', 'appraisal', 'decided', 'calendar', 60, 45, 'graded', 7, NULL, 'x'),"
	" (7, 2, 'YB', 'agency', 'waiting', 'working', 20, 15, NULL, NULL, NULL, 'x');"
	"INSERT INTO staff (login, name, role, created_at) VALUES ('clerk1', '陈静', 'clerk', 'x'),"
	" ('off1', '吴刚', 'officer', 'x'), ('off2', '赵磊', 'officer', 'x'), ('sup', '主任', 'supervisor', 'x');";

static int setup(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	if (!mkdtemp(dir))
		return -1;
	setenv("YICI_NOW", "2026-11-28 09:30", 1);
	if (clock_init(&e) < 0)
		return -1;
	path = xasprintf("%s/c.db", dir);
	catalog_init(&cat);
	if (forms_load(TOP_SRCDIR "/forms", &cat, &e) < 0 || !(d = db_open(path, DB_OPEN_CREATE, &e)) ||
	    db_begin(d, &e) < 0 || db_catalog_store(d, &cat, "tester", "forms", &e) < 0 ||
	    db_commit(d, &e) < 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	db_close(d);
	sqlite3 *h;
	char *err = NULL;
	if (sqlite3_open(path, &h) != SQLITE_OK || sqlite3_exec(h, build_sql, NULL, NULL, &err)) {
		fprintf(stderr, "setup: %s\n", err ? err : sqlite3_errmsg(h));
		return -1;
	}
	sqlite3_close(h);
	d = db_open(path, DB_OPEN_RW, &e);
	return d ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_close(d);
	catalog_release(&cat);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(path);
	return 0;
}

/* Changes the test database behind the library's back (a delivery). */
static void x1(const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

/* One integer from the test database. */
static long long q1(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

/* assert_int_equal(rc, 0) that shows the message. */
#define OK(call)                                                        \
	do {                                                            \
		if ((call) != 0)                                        \
			fail_msg("%s failed: %s", #call, e.msg);        \
	} while (0)

/* The rows of outcomes.csv's push column, not item codes (shipped: RD
 * recognised/deemed "insurer", JD graded "employment:5-10;unemployment:5-10"). */
static void test_push_rules(void **state)
{
	(void)state;
	const char *jd = "employment:5-10;unemployment:5-10";
	char why[64];
	assert_int_equal(push_targets("insurer", 0, 1, 1), PUSH_INSURER);
	assert_int_equal(push_targets("", 0, 1, 1), 0);
	assert_int_equal(push_targets("insurer", 0, 0, 1), 0); /* no insurer */
	assert_int_equal(push_targets("insurer", 0, 1, 0), 0); /* no consent */
	assert_int_equal(push_targets(jd, 5, 0, 1), PUSH_EMPLOYMENT | PUSH_UNEMPLOYMENT);
	assert_int_equal(push_targets(jd, 10, 1, 1), PUSH_EMPLOYMENT | PUSH_UNEMPLOYMENT);
	assert_int_equal(push_targets(jd, 4, 1, 1), 0);
	assert_int_equal(push_targets(jd, 7, 1, 0), 0);
	assert_int_equal(push_targets("employment:1-4;insurer", 3, 1, 1),
			 PUSH_EMPLOYMENT | PUSH_INSURER);
	assert_int_equal(catalog_push_targets("insurer;bank", 0, why), -1);
	assert_string_equal(why, "bank");
	assert_int_equal(catalog_push_targets("employment:0-11", 5, why), -1);
	assert_string_equal(why, "employment:0-11");
	assert_int_equal(catalog_push_targets("employment:5-10x", 5, why), -1);
}

static void test_push_written(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	OK(db_begin(d, &e));
	assert_int_equal(db_push_on_decision(d, 1, &e), 1);   /* RD, insurer, consent */
	assert_int_equal(db_push_on_decision(d, 1, &e), 0);   /* never twice */
	assert_int_equal(db_push_on_decision(d, 4, &e), 2);   /* JD grade 7 */
	assert_int_equal(db_push_on_decision(d, 6, &e), 0);   /* JD grade 7, no consent */
	assert_int_equal(db_push_on_decision(d, 3, &e), 0);   /* RD, no insurer */
	assert_int_equal(db_push_on_decision(d, 999, &e), -1);
	OK(db_commit(d, &e));
	assert_int_equal(q1("SELECT count(*) FROM push"), 3);
	assert_int_equal(q1("SELECT count(*) FROM push WHERE case_id = 1 AND target = 'insurer'"), 1);
	assert_int_equal(q1("SELECT count(*) FROM event WHERE kind = 'pushed'"), 3);
	assert_int_equal(q1("SELECT count(*) FROM push WHERE payload LIKE '%11010519491231002X%'"), 0);
}

static void test_commitment_cycle(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	struct commitment_in in = { .case_no = "GS340102-20261128-0001", .material = "M11",
				    .method = "online" };
	int64_t vid = 0;
	/* not where the catalog forbids it */
	struct commitment_in bad = in;
	bad.material = "M10";
	assert_int_equal(db_commit_record(d, &cat, &clerk, &bad, &vid, &e), -1);
	assert_int_equal(e.code, YERR_INPUT);
	bad.material = "M11";
	bad.method = "telepathy";
	assert_int_equal(db_commit_record(d, &cat, &clerk, &bad, &vid, &e), -1);
	/* an officer may not take it at the window */
	assert_int_equal(db_commit_record(d, &cat, &officer, &in, &vid, &e), -1);
	assert_int_equal(e.code, YERR_DENIED);
	OK(db_commit_record(d, &cat, &clerk, &in, &vid, &e));
	assert_true(vid > 0);
	assert_int_equal(q1("SELECT count(*) FROM verification WHERE outcome = 'pending' "
			    "AND task_id = 2 AND material = 'M11' AND due_on > '2026-11-28'"), 1);
	assert_int_equal(q1("SELECT count(*) FROM case_material WHERE case_id = 1 AND material = "
			    "'M11' AND status = 'committed'"), 1);
	assert_int_equal(q1("SELECT count(*) FROM event WHERE case_id = 1 AND kind = 'committed'"), 1);
	/* pending once */
	assert_int_equal(db_commit_record(d, &cat, &clerk, &in, &vid, &e), -1);
	assert_int_equal(e.code, YERR_STATE);
	/* the verification: not the clerk, not another office */
	assert_int_equal(db_verify_record(d, &cat, &clerk, in.case_no, "M11", "false", NULL, &e), -1);
	assert_int_equal(db_verify_record(d, &cat, &admin_officer, in.case_no, "M11", "false", NULL, &e), -1);
	assert_int_equal(q1("SELECT flagged FROM cases WHERE id = 1"), 0);
	assert_int_equal(db_verify_record(d, &cat, &officer, in.case_no, "M11", "maybe", NULL, &e), -1);
	OK(db_verify_record(d, &cat, &officer, in.case_no, "M11", "false", "公安户籍不符", &e));
	assert_int_equal(q1("SELECT flagged FROM cases WHERE id = 1"), 1);
	assert_int_equal(q1("SELECT count(*) FROM task WHERE id = 2 AND hold = 'false_commitment'"), 1);
	assert_int_equal(q1("SELECT count(*) FROM task WHERE id = 1 AND hold = ''"), 1);
	assert_int_equal(q1("SELECT count(*) FROM verification WHERE outcome = 'false'"), 1);
	assert_true(q1("SELECT count(*) FROM event WHERE case_id = 1 AND kind = 'verified'") >= 2);
	/* nothing pending any more */
	assert_int_equal(db_verify_record(d, &cat, &super, in.case_no, "M11", "confirmed", NULL, &e), -1);
	assert_int_equal(e.code, YERR_STATE);
	/* unknown case */
	assert_int_equal(db_verify_record(d, &cat, &super, "GS340102-20261128-0099", "M11", "confirmed",
					  NULL, &e), -1);
	assert_int_equal(e.code, YERR_NOTFOUND);
}

static void test_evaluation(void **state)
{
	static const struct eval_source pad = { .channel = "pad" };
	(void)state;
	struct yerr e = { 0 };
	char due[11] = "x";
	assert_int_equal(db_evaluate_from(d, &cat, &clerk, "GS340102-20261128-0002", 6, NULL, &pad, due, &e), -1);
	assert_int_equal(db_evaluate_from(d, &cat, &officer, "GS340102-20261128-0002", 2, NULL, &pad, due, &e), -1);
	assert_int_equal(db_evaluate_from(d, &cat, &clerk, "GS340102-20261126-0001", 2, NULL, &pad, due, &e), -1);
	/* rated after delivery at the window, not before */
	assert_int_equal(db_evaluate_from(d, &cat, &clerk, "GS340102-20261128-0002", 2, NULL, &pad, due, &e), -1);
	assert_int_equal(e.code, YERR_STATE);
	assert_non_null(strstr(e.msg, "nothing delivered"));
	assert_int_equal(q1("SELECT count(*) FROM evaluation"), 0);
	x1("UPDATE task SET state = 'delivered', delivered_on = '2026-11-28' WHERE id IN (3, 6)");
	assert_int_equal(db_evaluate_from(d, &cat, &clerk, "GS340102-20261128-0002", 2, "等太久", &pad,
				     due, &e), 0);
	char want[11];
	date_format(deadline_add(&cat.cal, clock_today(), 15, DAYS_WORKING, NULL, 0), want);
	assert_string_equal(due, want);
	assert_string_equal(due, "2026-12-18");
	assert_int_equal(db_evaluate_from(d, &cat, &clerk, "GS340102-20261128-0002", 5, NULL, &pad, due, &e), -1);
	assert_int_equal(e.code, YERR_STATE);
	OK(db_evaluate_from(d, &cat, &clerk, "GS340102-20261127-0001", 5, NULL, &pad, due, &e));
	assert_string_equal(due, "");
	assert_int_equal(q1("SELECT count(*) FROM evaluation WHERE followup_due IS NULL"), 1);
	assert_int_equal(q1("SELECT count(*) FROM event WHERE kind = 'evaluated'"), 2);
}

static void test_casefile(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	struct casefile cf;
	OK(db_casefile_load(d, &cat, &clerk, "gs340102-20261128-0002", &cf, &e));
	assert_int_equal(cf.ntasks, 4);
	/* RD -> JD -> SC and YB: three columns */
	assert_string_equal(cf.tasks[0].item_code, "RD");
	assert_int_equal(cf.tasks[0].col, 0);
	assert_int_equal(cf.tasks[1].col, 1);
	assert_int_equal(cf.tasks[2].col, 2);
	assert_int_equal(cf.tasks[3].col, 2);
	assert_int_equal(cf.tasks[3].row, 1);
	assert_int_equal(cf.ncols, 3);
	casefile_release(&cf);
	/* who works on the case is db_audit's one rule: 0002 was taken by
	 * clerk2, 0001 by this clerk */
	char id[19];
	assert_int_equal(db_reveal_id(d, &clerk, "GS340102-20261128-0002", REVEAL_WORKER, id, &e), -1);
	assert_int_equal(e.code, YERR_DENIED);
	OK(db_reveal_id(d, &clerk, "GS340102-20261128-0001", REVEAL_WORKER, id, &e));
	assert_int_equal(strlen(id), 18);
	OK(db_casefile_load(d, &cat, &clerk, "GS340102-20261128-0001", &cf, &e));
	assert_true(cf.h.flagged);
	assert_string_equal(cf.h.employer_insurer, "平安财产保险");
	assert_int_equal(cf.nverifs, 1);
	assert_int_equal(cf.npushes, 1);
	casefile_release(&cf);
	assert_int_equal(db_casefile_load(d, &cat, &clerk, "GS340102-20261128-0099", &cf, &e), -1);
	assert_int_equal(e.code, YERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "GS340102-20261128-0099"));
	assert_int_equal(db_casefile_load(d, &cat, &clerk, "GS340102-20261399-0001", &cf, &e), -1);
	assert_int_equal(e.code, YERR_INPUT);
	assert_int_equal(db_casefile_load(d, &cat, &clerk, "hello", &cf, &e), -1);
}

/* Details stored as codes and values are said in the reader's words
 * (here the msgids: English); others are shown as they are. */
static void detail_is(const char *kind, const char *detail, const char *want)
{
	char buf[512];
	assert_string_equal(casefile_event_detail(kind, detail, buf, sizeof buf), want);
}

static void test_event_words(void **state)
{
	(void)state;
	detail_is("supplemented", "materials: M03=received M04=missing",
		  "materials: M03 received, M04 missing");
	detail_is("created", "form saved M01=received", "form saved: M01 received");
	detail_is("created", "form saved", "form saved");
	detail_is("material", "M03=missing", "M03 missing");
	detail_is("assigned", "zhoumin (was sunli)", "zhoumin (was sunli)");
	detail_is("extended", "30 days: 需补充", "30 days longer: 需补充");
	detail_is("decided", "approved 104000.00 yuan ref ZF1; override of calc 100.00: 复核; "
		  "awaiting countersignature",
		  "approved, 104000.00 yuan (payment ZF1); calculated 100.00 yuan, overridden: 复核; "
		  "awaiting countersignature");
	/* free text and old rows of no known shape: as stored */
	detail_is("supplemented", "RD: M03;M04", "RD: M03;M04");
	detail_is("supplemented", "materials: M03=bogus", "materials: M03=bogus");
	detail_is("extended", "longer", "longer");
	/* a delivery: the method in words, the recipient and a late one's due day */
	detail_is("delivered", "window 本人", "at the window, to 本人");
	detail_is("delivered", "post 张三 EMS1234; late, due 2026-12-01",
		  "by post, to 张三 EMS1234; late, due 2026-12-01");
	detail_is("delivered", "window", "window");
	detail_is("delivered", "fax 本人", "fax 本人");
	detail_is("delivered", "windowx 本人", "windowx 本人");
	detail_is("delivered", "", "");
	/* a suspension: the reason in words, the note as typed */
	detail_is("suspended", "judicial: 等待判决", "awaiting a judicial or administrative conclusion: 等待判决");
	detail_is("suspended", "中止：申请人申请行政复议", "中止：申请人申请行政复议");
}

/* The timeline's row source: events and deadline markers merged, each
 * marker after the events of its day, paged forwards, backwards and from
 * a line on, so the last page ends with the last line. */
static void test_timeline_lines(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	struct casefile cf;
	OK(db_casefile_load(d, &cat, &clerk, "GS340102-20261128-0002", &cf, &e));
	struct cf_event ev[64];
	int ne = db_casefile_events(d, &cf, NULL, 64, ev, &e);
	assert_true(ne >= 3 && ne < 64);
	struct cf_marker m[3] = { { "2000-01-01", 0, 0 }, { "", 1, 1 }, { "2099-01-01", 2, 0 } };
	snprintf(m[1].day, sizeof m[1].day, "%.10s", ev[0].at);
	/* expected: m0, the events of the first day, m1, the rest, m2 */
	int64_t want[80];
	int nw = 0, i = 0;
	want[nw++] = -1;
	while (i < ne && !strncmp(ev[i].at, m[1].day, 10))
		want[nw++] = ev[i++].id;
	want[nw++] = -2;
	while (i < ne)
		want[nw++] = ev[i++].id;
	want[nw++] = -3;
#define LINE_ID(l) ((l).marker >= 0 ? -1 - (int64_t)(l).marker : (l).ev.id)
	struct cf_line page[2], all[80];
	int got = 0, n;
	const struct cf_line *from = NULL;
	while ((n = db_casefile_lines(d, &cf, m, 3, from, 1, 2, page, &e)) > 0) {
		for (int k = 0; k < n; k++)
			all[got++] = page[k];
		from = &all[got - 1];
	}
	assert_int_equal(n, 0);
	assert_int_equal(got, nw);
	for (int k = 0; k < nw; k++)
		assert_int_equal(LINE_ID(all[k]), want[k]);
	assert_string_equal(all[0].ev.at, "2000-01-01~");
	/* the last two lines: the last event and the marker after it */
	assert_int_equal(db_casefile_lines(d, &cf, m, 3, NULL, -1, 2, page, &e), 2);
	assert_int_equal(LINE_ID(page[0]), want[nw - 2]);
	assert_int_equal(LINE_ID(page[1]), -3);
	/* from a line on, and the lines before it, across a marker */
	int at = 0;
	while (want[at] != -2)
		at++;
	assert_int_equal(db_casefile_lines(d, &cf, m, 3, &all[at], 0, 2, page, &e), 2);
	assert_int_equal(LINE_ID(page[0]), -2);
	assert_int_equal(LINE_ID(page[1]), want[at + 1]);
	assert_int_equal(db_casefile_lines(d, &cf, m, 3, &all[at + 1], 0, 1, page, &e), 1);
	assert_int_equal(LINE_ID(page[0]), want[at + 1]);
	assert_int_equal(db_casefile_lines(d, &cf, m, 3, &all[at + 1], -1, 2, page, &e), 2);
	assert_int_equal(LINE_ID(page[0]), want[at - 1]);
	assert_int_equal(LINE_ID(page[1]), -2);
	assert_int_equal(db_casefile_lines(d, &cf, m, 3, &all[1], -1, 5, page, &e), 1);
	assert_int_equal(LINE_ID(page[0]), -1);
#undef LINE_ID
	casefile_release(&cf);
}

/* 10,000 events: every page is read by keyset, in (time, id) order. */
static void test_timeline_paging(void **state)
{
	(void)state;
	struct yerr e = { 0 };
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
				      "SELECT i + 1 FROM n WHERE i < 10000) INSERT INTO event "
				      "(case_id, at, actor, actor_role, kind, detail) SELECT 3, "
				      "printf('2026-%02d-%02d 10:00:00', 1 + (i * 7) % 11, 1 + i % 28), "
				      "'system', 'system', 'sms_queued', i FROM n; COMMIT;",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	struct casefile cf;
	OK(db_casefile_load(d, &cat, &super, "GS340102-20261127-0001", &cf, &e));
	assert_true(cf.nevents >= 10000);
	struct cf_event ev[100];
	struct cf_cursor cur, *after = NULL;
	long total = 0;
	char last[20] = "";
	int n;
	while ((n = db_casefile_events(d, &cf, after, 100, ev, &e)) > 0) {
		for (int i = 0; i < n; i++) {
			assert_true(strcmp(last, ev[i].at) <= 0);
			snprintf(last, sizeof last, "%s", ev[i].at);
		}
		total += n;
		snprintf(cur.at, sizeof cur.at, "%s", ev[n - 1].at);
		cur.id = ev[n - 1].id;
		after = &cur;
	}
	assert_int_equal(total, cf.nevents);
	n = db_casefile_events_before(d, &cf, NULL, 100, ev, &e);
	assert_int_equal(n, 100);
	assert_string_equal(ev[99].at, last);
	casefile_release(&cf);
}

static int find_has(const char *text, int64_t id)
{
	struct find_result r;
	struct yerr e = { 0 };
	if (db_case_find(d, text, &r, &e) < 0)
		return -1;
	int has = 0;
	for (int i = 0; i < r.nids; i++)
		has |= r.ids[i] == id;
	find_result_release(&r);
	return has;
}

static void test_find(void **state)
{
	(void)state;
	struct find_result r;
	struct yerr e = { 0 };
	assert_int_equal(find_has("zs", 1), 1);          /* 张三 */
	assert_int_equal(find_has("ZS", 1), 1);
	assert_int_equal(find_has("zm", 1), 1);          /* 曾敏, applicant of case 1 */
	assert_int_equal(find_has("cm", 1), 1);          /* 曾 read céng */
	assert_int_equal(find_has("cm", 4), 1);          /* and the worker of case 4 */
	assert_int_equal(find_has("sxx", 3), 1);         /* 单雄信 read shàn */
	assert_int_equal(find_has("dxx", 3), 1);
	assert_int_equal(find_has("lj", 2), 1);          /* 李建国 */
	assert_int_equal(find_has("xx", 3), 0);
	assert_int_equal(find_has("张三", 1), 1);
	assert_int_equal(find_has("张", 1), 1);
	assert_int_equal(find_has("建国", 2), 1);        /* end of a name */
	assert_int_equal(find_has("李建国", 2), 1);
	assert_int_equal(find_has("建工集团", 1), 1);     /* part of an employer */
	assert_int_equal(find_has("芜湖", 2), 1);         /* start of an employer */
	assert_int_equal(find_has("11010519491231002X", 1), 1);
	assert_int_equal(find_has("11010519491231002x", 1), 1);
	assert_int_equal(find_has("340102199001011236", 1), 1);   /* the applicant's ID */
	assert_int_equal(find_has("13700003333", 2), 1);
	assert_int_equal(find_has("GS340102-20261128-0002", 2), 1);
	assert_int_equal(find_has("gs340102-20261128", 1), 1);
	assert_int_equal(find_has("20261127-0001", 3), 1);
	assert_int_equal(find_has("202611270001", 3), 1);
	assert_int_equal(find_has("9144030071526726XG", 1), 1);
	assert_int_equal(find_has("914403007152", 1), 1);   /* credit code prefix */
	/* precise refusals */
	assert_int_equal(db_case_find(d, "110105194912310021", &r, &e), -1);
	assert_non_null(strstr(e.msg, "110105194912310021"));
	assert_int_equal(db_case_find(d, "12", &r, &e), -1);
	assert_int_equal(db_case_find(d, "   ", &r, &e), -1);
	assert_int_equal(db_case_find(d, "GS340102-20261399-0001", &r, &e), -1);
	/* no match is not an error */
	OK(db_case_find(d, "欧阳", &r, &e));
	assert_int_equal(r.nids, 0);
	find_result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_push_rules),
		cmocka_unit_test(test_push_written),
		cmocka_unit_test(test_commitment_cycle),
		cmocka_unit_test(test_evaluation),
		cmocka_unit_test(test_casefile),
		cmocka_unit_test(test_timeline_lines),
		cmocka_unit_test(test_event_words),
		cmocka_unit_test(test_timeline_paging),
		cmocka_unit_test(test_find),
	};
	return cmocka_run_group_tests_name("casefile", tests, setup, teardown);
}
