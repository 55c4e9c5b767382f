/* test_date.c — unit tests of core_date: civil dates, parsing, the clock,
 * the holiday calendar and deadlines.  Layer: tests. */
#include "testutil.h"
#include "core_date.h"

#include <limits.h>
#include <time.h>

static yday D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void assert_day(yday got, int y, int m, int d)
{
	char g[11], w[11];
	date_format(got, g);
	date_format(D(y, m, d), w);
	assert_string_equal(g, w);
}

/* The 2026 table of DOMAIN.md Part A. */
static void add_range(struct calendar *c, int y, int m, int d1, int d2, const char *name)
{
	struct yerr e;
	for (int d = d1; d <= d2; d++)
		assert_int_equal(calendar_add(c, D(y, m, d), HOLIDAY_OFF, name, &e), 0);
}

static void add_work(struct calendar *c, int y, int m, int d, const char *name)
{
	struct yerr e;
	assert_int_equal(calendar_add(c, D(y, m, d), HOLIDAY_WORK, name, &e), 0);
}

static void cal2026(struct calendar *c)
{
	calendar_init(c);
	/* deliberately out of order: calendar_add keeps it sorted */
	add_range(c, 2026, 10, 1, 7, "国庆节");
	add_work(c, 2026, 9, 20, "国庆节");
	add_work(c, 2026, 10, 10, "国庆节");
	add_range(c, 2026, 1, 1, 3, "元旦");
	add_work(c, 2026, 1, 4, "元旦");
	add_range(c, 2026, 2, 15, 23, "春节");
	add_work(c, 2026, 2, 14, "春节");
	add_work(c, 2026, 2, 28, "春节");
	add_range(c, 2026, 4, 4, 6, "清明节");
	add_range(c, 2026, 5, 1, 5, "劳动节");
	add_work(c, 2026, 5, 9, "劳动节");
	add_range(c, 2026, 6, 19, 21, "端午节");
	add_range(c, 2026, 9, 25, 27, "中秋节");
	calendar_finish(c);
}

/* ---- civil dates ------------------------------------------------------ */

static void test_known_day_numbers(void **state)
{
	assert_int_equal(D(1970, 1, 1), 0);
	assert_int_equal(D(1969, 12, 31), -1);
	assert_int_equal(D(2000, 1, 1), 10957);
	assert_int_equal(D(1900, 1, 1), -25567);
	assert_int_equal(D(2026, 11, 28), 20785);
	assert_int_equal(D(2000, 3, 1) - D(2000, 2, 28), 2);
	assert_int_equal(D(1900, 3, 1) - D(1900, 2, 28), 1);
	assert_int_equal(D(2100, 3, 1) - D(2100, 2, 28), 1);
}

static void test_roundtrip_every_day(void **state)
{
	yday first = D(1900, 1, 1), last = D(2999, 12, 31);
	int py = 1899, pm = 12, pd = 31;
	for (yday x = first; x <= last; x++) {
		int y, m, d;
		date_to_ymd(x, &y, &m, &d);
		assert_true(date_ymd_valid(y, m, d));
		assert_int_equal(D(y, m, d), x);
		/* each day follows the previous one */
		if (d != 1)
			assert_true(y == py && m == pm && d == pd + 1);
		else
			assert_true((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1));
		py = y, pm = m, pd = d;
	}
	assert_int_equal(py, 2999);
}

static void test_leap_years(void **state)
{
	assert_true(date_ymd_valid(2000, 2, 29));
	assert_false(date_ymd_valid(1900, 2, 29));
	assert_false(date_ymd_valid(2100, 2, 29));
	assert_true(date_ymd_valid(2024, 2, 29));
	assert_false(date_ymd_valid(2026, 2, 29));
	assert_false(date_ymd_valid(2026, 4, 31));
	assert_false(date_ymd_valid(2026, 13, 1));
	assert_false(date_ymd_valid(2026, 0, 1));
	assert_false(date_ymd_valid(2026, 1, 0));
	assert_false(date_ymd_valid(1899, 12, 31));
	assert_false(date_ymd_valid(3000, 1, 1));
	assert_true(date_ymd_valid(2999, 12, 31));
	assert_int_equal(D(2001, 1, 1) - D(2000, 1, 1), 366);
	assert_int_equal(D(1901, 1, 1) - D(1900, 1, 1), 365);
}

static void test_weekday(void **state)
{
	assert_int_equal(date_weekday(D(2026, 11, 28)), 6); /* Saturday */
	assert_int_equal(date_weekday(D(1970, 1, 1)), 4);   /* Thursday */
	assert_int_equal(date_weekday(D(2000, 1, 1)), 6);
	assert_int_equal(date_weekday(D(1900, 1, 1)), 1);   /* Monday */
	assert_int_equal(date_weekday(D(1949, 10, 1)), 6);
	assert_int_equal(date_weekday(D(2026, 10, 1)), 4);
	assert_int_equal(date_weekday(D(2026, 9, 20)), 7);  /* Sunday */
}

/* ---- parsing and formatting ------------------------------------------- */

static void test_date_parse_ok(void **state)
{
	struct yerr e;
	yday x = -1;
	char out[11];
	assert_int_equal(date_parse("2026-11-28", &x, &e), 0);
	assert_int_equal(x, 20785);
	date_format(x, out);
	assert_string_equal(out, "2026-11-28");
	assert_int_equal(date_parse("1900-01-01", &x, &e), 0);
	date_format(x, out);
	assert_string_equal(out, "1900-01-01");
	assert_int_equal(date_parse("2000-02-29", &x, &e), 0);
	assert_int_equal(x, D(2000, 2, 29));
}

static void test_date_parse_errors(void **state)
{
	struct yerr e;
	yday x = 7;
	assert_int_equal(date_parse("2026/01/01", &x, &e), -1);
	assert_string_equal(e.msg, "'2026/01/01' is not a date (YYYY-MM-DD)");
	assert_int_equal(e.code, YERR_INPUT);
	assert_int_equal(date_parse("2026-02-29", &x, &e), -1);
	assert_string_equal(e.msg, "no such date 2026-02-29");
	assert_int_equal(date_parse("1999-13-32", &x, &e), -1);
	assert_string_equal(e.msg, "no such date 1999-13-32");
	assert_int_equal(date_parse("1900-02-29", &x, &e), -1);
	assert_string_equal(e.msg, "no such date 1900-02-29");
	assert_int_equal(date_parse("2026-1-1", &x, &e), -1);
	assert_non_null(strstr(e.msg, "is not a date"));
	assert_int_equal(date_parse("2026-01-01x", &x, &e), -1);
	assert_non_null(strstr(e.msg, "is not a date"));
	assert_int_equal(date_parse("", &x, &e), -1);
	assert_non_null(strstr(e.msg, "is not a date"));
	assert_int_equal(date_parse("1899-12-31", &x, &e), -1);
	assert_non_null(strstr(e.msg, "outside the years"));
	assert_int_equal(x, 7); /* untouched on failure */
}

static void test_time_parse_format(void **state)
{
	struct yerr e;
	ytime t;
	char out[20];
	assert_int_equal(time_parse("2026-11-28 09:30", &t, &e), 0);
	assert_true(t == (ytime)20785 * 86400 + 9 * 3600 + 30 * 60);
	time_format(t, out);
	assert_string_equal(out, "2026-11-28 09:30:00");
	assert_int_equal(time_parse("2026-11-28T23:59:58", &t, &e), 0);
	time_format(t, out);
	assert_string_equal(out, "2026-11-28 23:59:58");
	assert_int_equal(time_day(t), 20785);
	assert_int_equal(time_parse("2026-11-28", &t, &e), 0);
	assert_true(t == (ytime)20785 * 86400);
	assert_int_equal(time_parse("1969-12-31 23:00", &t, &e), 0);
	assert_int_equal(time_day(t), -1);
	time_format(t, out);
	assert_string_equal(out, "1969-12-31 23:00:00");

	assert_int_equal(time_parse("2026-11-28 24:00", &t, &e), -1);
	assert_non_null(strstr(e.msg, "no such time"));
	assert_int_equal(time_parse("2026-11-28 9:30", &t, &e), -1);
	assert_non_null(strstr(e.msg, "is not a time"));
	assert_int_equal(time_parse("2026-11-28 09:30:", &t, &e), -1);
	assert_int_equal(time_parse("2026-02-30 09:30", &t, &e), -1);
	assert_string_equal(e.msg, "no such date 2026-02-30");
}

/* ---- the clock -------------------------------------------------------- */

static void test_clock_pinned(void **state)
{
	struct yerr e;
	char out[20];
	setenv("YICI_NOW", "2026-11-28 09:30", 1);
	assert_int_equal(clock_init(&e), 0);
	assert_int_equal(clock_today(), D(2026, 11, 28));
	time_format(clock_now(), out);
	assert_string_equal(out, "2026-11-28 09:30:00");
	setenv("YICI_NOW", "2026-11-28 09:30:15", 1);
	assert_int_equal(clock_init(&e), 0);
	time_format(clock_now(), out);
	assert_string_equal(out, "2026-11-28 09:30:15");
	unsetenv("YICI_NOW");
	assert_int_equal(clock_init(&e), 0);
}

static void test_clock_malformed(void **state)
{
	struct yerr e;
	setenv("YICI_NOW", "tomorrow", 1);
	assert_int_equal(clock_init(&e), -1);
	assert_non_null(strstr(e.msg, "YICI_NOW"));
	assert_non_null(strstr(e.msg, "tomorrow"));
	setenv("YICI_NOW", "2026-13-01 09:30", 1);
	assert_int_equal(clock_init(&e), -1);
	assert_non_null(strstr(e.msg, "YICI_NOW"));
	unsetenv("YICI_NOW");
	assert_int_equal(clock_init(&e), 0);
}

static void test_clock_local(void **state)
{
	struct yerr e;
	unsetenv("YICI_NOW");
	assert_int_equal(clock_init(&e), 0);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	yday want = D(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	yday got = clock_today();
	assert_true(got == want || got == want + 1); /* midnight race */
}

static void test_day_kind(void **state)
{
	enum day_kind k = DAYS_CALENDAR;
	assert_string_equal(day_kind_code(DAYS_CALENDAR), "calendar");
	assert_string_equal(day_kind_code(DAYS_WORKING), "working");
	assert_int_equal(day_kind_parse("working", &k), 0);
	assert_int_equal(k, DAYS_WORKING);
	assert_int_equal(day_kind_parse("calendar", &k), 0);
	assert_int_equal(k, DAYS_CALENDAR);
	assert_int_equal(day_kind_parse("Working", &k), -1);
	assert_int_equal(day_kind_parse("", &k), -1);
}

/* ---- the calendar ----------------------------------------------------- */

static void test_calendar_table(void **state)
{
	struct calendar c;
	struct yerr e;
	cal2026(&c);
	assert_int_equal(c.n, 3 + 1 + 9 + 2 + 3 + 5 + 1 + 3 + 3 + 7 + 2);
	for (int i = 1; i < c.n; i++)
		assert_true(c.days[i - 1].day < c.days[i].day);
	assert_int_equal(calendar_add(&c, D(2026, 1, 1), HOLIDAY_OFF, "元旦", &e), -1);
	assert_string_equal(e.msg, "holiday 2026-01-01 listed twice");
	assert_int_equal(calendar_add(&c, D(2026, 10, 10), HOLIDAY_OFF, "x", &e), -1);
	assert_string_equal(e.msg, "holiday 2026-10-10 listed twice");
	assert_true(calendar_year_published(&c, 2026));
	assert_false(calendar_year_published(&c, 2025));
	assert_false(calendar_year_published(&c, 2027));
	calendar_release(&c);
	assert_int_equal(c.n, 0);
	assert_false(calendar_year_published(&c, 2026));
}

static void test_calendar_mark_year(void **state)
{
	struct calendar c;
	calendar_init(&c);
	assert_false(calendar_year_published(&c, 2026));
	calendar_mark_year(&c, 2030);
	calendar_mark_year(&c, 2020);
	calendar_mark_year(&c, 2025);
	assert_true(calendar_year_published(&c, 2030));
	assert_true(calendar_year_published(&c, 2020));
	assert_true(calendar_year_published(&c, 2025));
	assert_false(calendar_year_published(&c, 2026));
	assert_false(calendar_year_published(&c, 2019));
	assert_false(calendar_year_published(&c, 2031));
	/* a published year without rows: plain weekends */
	assert_true(calendar_is_workday(&c, D(2025, 1, 1)));
	calendar_release(&c);
}

static void test_is_workday(void **state)
{
	struct calendar c;
	cal2026(&c);
	assert_false(calendar_is_workday(&c, D(2026, 1, 1)));  /* Thu, off */
	assert_true(calendar_is_workday(&c, D(2026, 1, 4)));   /* Sun, work */
	assert_true(calendar_is_workday(&c, D(2026, 1, 5)));   /* Mon */
	assert_false(calendar_is_workday(&c, D(2026, 1, 10))); /* Sat */
	assert_true(calendar_is_workday(&c, D(2026, 2, 14)));  /* Sat, work */
	assert_false(calendar_is_workday(&c, D(2026, 2, 16))); /* Mon, off */
	assert_false(calendar_is_workday(&c, D(2026, 2, 23))); /* Mon, off */
	assert_true(calendar_is_workday(&c, D(2026, 2, 24)));
	assert_true(calendar_is_workday(&c, D(2026, 2, 28)));  /* Sat, work */
	assert_false(calendar_is_workday(&c, D(2026, 3, 1)));  /* Sun */
	assert_true(calendar_is_workday(&c, D(2026, 9, 20)));  /* Sun, work */
	assert_false(calendar_is_workday(&c, D(2026, 10, 5))); /* Mon, off */
	assert_true(calendar_is_workday(&c, D(2026, 10, 8)));
	assert_true(calendar_is_workday(&c, D(2026, 10, 10))); /* Sat, work */
	assert_false(calendar_is_workday(&c, D(2026, 10, 11)));
	/* 2027 is not published: the fixed statutory days and weekends, so
	 * Jan 1 (Fri, 元旦) is off (it counted as a workday before) */
	assert_false(calendar_is_workday(&c, D(2027, 1, 1)));
	assert_false(calendar_is_workday(&c, D(2027, 1, 2)));
	assert_true(calendar_is_workday(&c, D(2027, 1, 4)));
	/* no calendar at all: the same fixed days */
	assert_false(calendar_is_workday(NULL, D(2026, 11, 28)));
	assert_false(calendar_is_workday(NULL, D(2026, 10, 1)));
	assert_true(calendar_is_workday(NULL, D(2026, 10, 9)));
	calendar_release(&c);
}

/* Years whose 调休 are not published: 元旦, 劳动节 ×2 and 国庆 ×3 fixed by
 * the 放假办法 (2024 revision), the lunar days from `statutory` rows, no
 * working weekends; statutory rows do not publish a year. */
static void test_unpublished_years(void **state)
{
	(void)state;
	struct calendar c;
	struct yerr e;
	char w[200];
	cal2026(&c);
	for (int d = 5; d <= 8; d++)
		assert_int_equal(calendar_add(&c, D(2027, 2, d), HOLIDAY_STATUTORY, "春节", &e), 0);
	assert_int_equal(calendar_add(&c, D(2027, 6, 9), HOLIDAY_STATUTORY, "端午节", &e), 0);
	calendar_finish(&c);
	assert_false(calendar_year_published(&c, 2027));
	assert_false(calendar_is_workday(&c, D(2027, 2, 5)));  /* Fri 除夕 */
	assert_false(calendar_is_workday(&c, D(2027, 2, 8)));  /* Mon 初三 */
	assert_true(calendar_is_workday(&c, D(2027, 2, 9)));
	assert_false(calendar_is_workday(&c, D(2027, 6, 9)));  /* Wed 端午 */
	assert_true(calendar_is_workday(&c, D(2027, 4, 30)));   /* Fri */
	assert_true(calendar_is_workday(&c, D(2027, 5, 3)));    /* Mon: 05-01..02 only */
	assert_false(calendar_is_workday(&c, D(2028, 5, 1)));  /* Mon 劳动节 */
	assert_false(calendar_is_workday(&c, D(2028, 5, 2)));  /* Tue */
	assert_true(calendar_is_workday(&c, D(2028, 5, 3)));
	assert_false(calendar_is_workday(&c, D(2027, 10, 1))); /* Fri 国庆 */
	assert_true(calendar_is_workday(&c, D(2027, 10, 4)));  /* Mon: 10-01..03 only */
	/* a published year keeps its table: 2026-10-08 is a workday */
	assert_true(calendar_is_workday(&c, D(2026, 10, 8)));
	/* a deadline of 10 working days from Thu 2027-09-30: Oct 1 off, then
	 * weekends only: Mon 4 .. Fri 8, Mon 11 .. Thu 14 = 9, Fri 15 = 10 */
	assert_day(deadline_add(&c, D(2027, 9, 30), 10, DAYS_WORKING, NULL, 0), 2027, 10, 15);
	/* calendar days: a due date on 元旦 moves to the next workday */
	assert_day(deadline_add(&c, D(2026, 11, 22), 40, DAYS_CALENDAR, NULL, 0), 2027, 1, 4);
	/* the warning names the year, only for unpublished years */
	assert_non_null(calendar_unpublished_warning(&c, D(2027, 1, 4), w, sizeof w));
	assert_non_null(strstr(w, "2027"));
	assert_null(calendar_unpublished_warning(&c, D(2026, 12, 31), w, sizeof w));
	assert_null(calendar_unpublished_warning(&c, 0, w, sizeof w));
	assert_null(calendar_unpublished_warning(&c, INT32_MAX, w, sizeof w));
	enum holiday_type t;
	assert_int_equal(holiday_type_parse("statutory", &t), 0);
	assert_int_equal(t, HOLIDAY_STATUTORY);
	assert_int_equal(holiday_type_parse("lunar", &t), -1);
	calendar_release(&c);
}

/* ---- deadlines -------------------------------------------------------- */

static void test_deadline_national_day(void **state)
{
	struct calendar c;
	cal2026(&c);
	/* Tue 29, Wed 30, (Oct 1-7 off), Thu 8, Fri 9, Sat 10 (work) */
	assert_day(deadline_add(&c, D(2026, 9, 28), 5, DAYS_WORKING, NULL, 0), 2026, 10, 10);
	/* Fri 18 -> Sat 19 no, Sun 20 (work) */
	assert_day(deadline_add(&c, D(2026, 9, 18), 1, DAYS_WORKING, NULL, 0), 2026, 9, 20);
	/* 中秋 Sep 25-27 then 国庆: Thu 24 + 2 working days = Mon 28, Tue 29 */
	assert_day(deadline_add(&c, D(2026, 9, 24), 2, DAYS_WORKING, NULL, 0), 2026, 9, 29);
	/* calendar: Mon 28 + 5 = Oct 3 (off) -> Thu Oct 8 */
	assert_day(deadline_add(&c, D(2026, 9, 28), 5, DAYS_CALENDAR, NULL, 0), 2026, 10, 8);
	/* calendar: Sep 25 + 5 = Wed Sep 30, a workday, stays */
	assert_day(deadline_add(&c, D(2026, 9, 25), 5, DAYS_CALENDAR, NULL, 0), 2026, 9, 30);
	/* calendar landing on the 调休 Saturday stays there */
	assert_day(deadline_add(&c, D(2026, 10, 9), 1, DAYS_CALENDAR, NULL, 0), 2026, 10, 10);
	/* 15-day rule received Tue Sep 22 -> Oct 7 (off) -> Oct 8 */
	assert_day(deadline_add(&c, D(2026, 9, 22), 15, DAYS_CALENDAR, NULL, 0), 2026, 10, 8);
	calendar_release(&c);
}

static void test_deadline_spring_festival(void **state)
{
	struct calendar c;
	cal2026(&c);
	/* Fri 13 -> Sat 14 (work) */
	assert_day(deadline_add(&c, D(2026, 2, 13), 1, DAYS_WORKING, NULL, 0), 2026, 2, 14);
	/* Thu 12: Fri 13, Sat 14, (15-23 off), Tue 24 */
	assert_day(deadline_add(&c, D(2026, 2, 12), 3, DAYS_WORKING, NULL, 0), 2026, 2, 24);
	/* Tue 24: 25, 26, 27, Sat 28 (work), Mon Mar 2 */
	assert_day(deadline_add(&c, D(2026, 2, 24), 5, DAYS_WORKING, NULL, 0), 2026, 3, 2);
	/* calendar: Feb 10 + 10 = Feb 20 (off) -> Tue 24 */
	assert_day(deadline_add(&c, D(2026, 2, 10), 10, DAYS_CALENDAR, NULL, 0), 2026, 2, 24);
	/* calendar landing on Sun Feb 22 -> Tue 24 */
	assert_day(deadline_add(&c, D(2026, 2, 12), 10, DAYS_CALENDAR, NULL, 0), 2026, 2, 24);
	/* 20 working days from Feb 2: Feb 3-13 (9), 14 (10), 24-27 (14),
	 * 28 (15), Mar 2-6 (20) */
	assert_day(deadline_add(&c, D(2026, 2, 2), 20, DAYS_WORKING, NULL, 0), 2026, 3, 6);
	calendar_release(&c);
}

static void test_deadline_unpublished_year(void **state)
{
	struct calendar c;
	cal2026(&c);
	/* 2027 has no table: Jan 1 (Fri) is still 元旦, a statutory day off */
	assert_day(deadline_add(&c, D(2026, 12, 31), 1, DAYS_WORKING, NULL, 0), 2027, 1, 4);
	assert_day(deadline_add(&c, D(2027, 1, 1), 5, DAYS_WORKING, NULL, 0), 2027, 1, 8);
	/* calendar: Fri Jan 1 + 1 = Sat -> Mon Jan 4 */
	assert_day(deadline_add(&c, D(2027, 1, 1), 1, DAYS_CALENDAR, NULL, 0), 2027, 1, 4);
	/* crossing from 2026 (published) into 2027: Dec 25 (Fri) + 60 = Feb 23 2027 (Tue) */
	assert_day(deadline_add(&c, D(2026, 12, 25), 60, DAYS_CALENDAR, NULL, 0), 2027, 2, 23);
	calendar_release(&c);
}

static void test_deadline_calendar_on_holiday(void **state)
{
	struct calendar c;
	cal2026(&c);
	/* Apr 1 + 3 = Sat Apr 4 (清明, off through Mon 6) -> Tue Apr 7 */
	assert_day(deadline_add(&c, D(2026, 4, 1), 3, DAYS_CALENDAR, NULL, 0), 2026, 4, 7);
	/* Mar 2 + 60 = May 1 (劳动节 1-5) -> Wed May 6 */
	assert_day(deadline_add(&c, D(2026, 3, 2), 60, DAYS_CALENDAR, NULL, 0), 2026, 5, 6);
	/* without the table the same limit is Fri May 1, 劳动节 by the 放假办法
	 * (05-01..02), then the weekend: Mon May 4 */
	assert_day(deadline_add(NULL, D(2026, 3, 2), 60, DAYS_CALENDAR, NULL, 0), 2026, 5, 4);
	/* a plain weekday stays */
	assert_day(deadline_add(&c, D(2026, 3, 2), 30, DAYS_CALENDAR, NULL, 0), 2026, 4, 1);
	calendar_release(&c);
}

static void test_deadline_pauses(void **state)
{
	struct calendar c;
	cal2026(&c);
	yday start = D(2026, 3, 2);
	/* a 7-day suspension shifts a calendar limit by exactly 7 days */
	struct pause p1 = { D(2026, 3, 10), D(2026, 3, 17) };
	assert_day(deadline_add(&c, start, 30, DAYS_CALENDAR, NULL, 0), 2026, 4, 1);
	assert_day(deadline_add(&c, start, 30, DAYS_CALENDAR, &p1, 1), 2026, 4, 8);
	/* working: Mar 16 without; a suspended week (Mon 9 - Sun 15) -> Mar 23 */
	struct pause p2 = { D(2026, 3, 9), D(2026, 3, 16) };
	assert_day(deadline_add(&c, start, 10, DAYS_WORKING, NULL, 0), 2026, 3, 16);
	assert_day(deadline_add(&c, start, 10, DAYS_WORKING, &p2, 1), 2026, 3, 23);
	/* two pauses of 3 and 4 days add up to 7 */
	struct pause p3[2] = { { D(2026, 3, 20), D(2026, 3, 23) },
			       { D(2026, 3, 5), D(2026, 3, 9) } };
	assert_day(deadline_add(&c, start, 30, DAYS_CALENDAR, p3, 2), 2026, 4, 8);
	/* a pause before the start, or on the start day only, changes nothing */
	struct pause p4[2] = { { D(2026, 2, 1), D(2026, 2, 10) }, { start, start + 1 } };
	assert_day(deadline_add(&c, start, 30, DAYS_CALENDAR, p4, 2), 2026, 4, 1);
	/* a pause that begins after the due date changes nothing */
	struct pause p5 = { D(2026, 4, 2), D(2026, 4, 20) };
	assert_day(deadline_add(&c, start, 30, DAYS_CALENDAR, &p5, 1), 2026, 4, 1);
	/* a pause beginning on the due date itself moves it */
	struct pause p6 = { D(2026, 4, 1), D(2026, 4, 2) };
	assert_day(deadline_add(&c, start, 30, DAYS_CALENDAR, &p6, 1), 2026, 4, 2);
	calendar_release(&c);
}

static void test_deadline_open_pause(void **state)
{
	struct calendar c;
	cal2026(&c);
	yday start = D(2026, 3, 2);
	struct pause open = { D(2026, 3, 10), -1 };
	assert_int_equal(deadline_add(&c, start, 30, DAYS_CALENDAR, &open, 1), INT32_MAX);
	assert_int_equal(deadline_add(&c, start, 10, DAYS_WORKING, &open, 1), INT32_MAX);
	struct pause mixed[2] = { { D(2026, 3, 3), D(2026, 3, 5) }, { D(2026, 3, 20), -1 } };
	assert_int_equal(deadline_add(&c, start, 30, DAYS_CALENDAR, mixed, 2), INT32_MAX);
	/* an open pause starting after the limit ran out does not hide it */
	struct pause late = { D(2026, 4, 10), -1 };
	assert_day(deadline_add(&c, start, 30, DAYS_CALENDAR, &late, 1), 2026, 4, 1);
	assert_int_equal(deadline_days_left(&c, start, INT32_MAX, DAYS_WORKING), INT_MAX);
	assert_int_equal(deadline_days_left(&c, start, INT32_MAX, DAYS_CALENDAR), INT_MAX);
	calendar_release(&c);
}

static void test_days_left_calendar(void **state)
{
	struct calendar c;
	cal2026(&c);
	yday due = D(2026, 4, 1);
	assert_int_equal(deadline_days_left(&c, D(2026, 3, 30), due, DAYS_CALENDAR), 2);
	assert_int_equal(deadline_days_left(&c, due, due, DAYS_CALENDAR), 0);
	assert_int_equal(deadline_days_left(&c, D(2026, 4, 3), due, DAYS_CALENDAR), -2);
	assert_int_equal(deadline_days_left(&c, D(2026, 3, 2), due, DAYS_CALENDAR), 30);
	calendar_release(&c);
}

static void test_days_left_working(void **state)
{
	struct calendar c;
	cal2026(&c);
	yday due = D(2026, 10, 8);
	/* (Sep 30, Oct 8]: only Oct 8 is a workday */
	assert_int_equal(deadline_days_left(&c, D(2026, 9, 30), due, DAYS_WORKING), 1);
	/* (Sep 18, Oct 8]: Sep 20 (Sun, work), 21-24, 28-30, Oct 8 */
	assert_int_equal(deadline_days_left(&c, D(2026, 9, 18), due, DAYS_WORKING), 9);
	assert_int_equal(deadline_days_left(&c, due, due, DAYS_WORKING), 0);
	/* (Oct 8, Oct 12]: Fri 9, Sat 10 (work), Mon 12 */
	assert_int_equal(deadline_days_left(&c, D(2026, 10, 12), due, DAYS_WORKING), -3);
	/* (Oct 8, Oct 11]: Fri 9, Sat 10 */
	assert_int_equal(deadline_days_left(&c, D(2026, 10, 11), due, DAYS_WORKING), -2);
	/* consistent with deadline_add */
	yday start = D(2026, 9, 28);
	yday d5 = deadline_add(&c, start, 5, DAYS_WORKING, NULL, 0);
	assert_int_equal(deadline_days_left(&c, start, d5, DAYS_WORKING), 5);
	calendar_release(&c);
}

static void test_add_months(void **state)
{
	assert_day(date_add_months(D(2024, 1, 31), 1), 2024, 2, 29);
	assert_day(date_add_months(D(2023, 1, 31), 1), 2023, 2, 28);
	assert_day(date_add_months(D(2024, 2, 29), 12), 2025, 2, 28);
	assert_day(date_add_months(D(2024, 2, 29), 48), 2028, 2, 29);
	assert_day(date_add_months(D(2026, 3, 31), -1), 2026, 2, 28);
	assert_day(date_add_months(D(2026, 1, 15), -13), 2024, 12, 15);
	assert_day(date_add_months(D(2026, 11, 28), 6), 2027, 5, 28);
	assert_day(date_add_months(D(2026, 8, 31), 1), 2026, 9, 30);
	assert_day(date_add_months(D(2026, 12, 31), 0), 2026, 12, 31);
	assert_day(date_add_months(D(2000, 1, 31), 1), 2000, 2, 29);
	assert_day(date_add_months(D(1900, 1, 31), 1), 1900, 2, 28);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_day_numbers),
		cmocka_unit_test(test_roundtrip_every_day),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_date_parse_ok),
		cmocka_unit_test(test_date_parse_errors),
		cmocka_unit_test(test_time_parse_format),
		cmocka_unit_test(test_clock_pinned),
		cmocka_unit_test(test_clock_malformed),
		cmocka_unit_test(test_clock_local),
		cmocka_unit_test(test_day_kind),
		cmocka_unit_test(test_calendar_table),
		cmocka_unit_test(test_calendar_mark_year),
		cmocka_unit_test(test_unpublished_years),
		cmocka_unit_test(test_is_workday),
		cmocka_unit_test(test_deadline_national_day),
		cmocka_unit_test(test_deadline_spring_festival),
		cmocka_unit_test(test_deadline_unpublished_year),
		cmocka_unit_test(test_deadline_calendar_on_holiday),
		cmocka_unit_test(test_deadline_pauses),
		cmocka_unit_test(test_deadline_open_pause),
		cmocka_unit_test(test_days_left_calendar),
		cmocka_unit_test(test_days_left_working),
		cmocka_unit_test(test_add_months),
	};
	return cmocka_run_group_tests_name("core_date", tests, NULL, NULL);
}
