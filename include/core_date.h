/* core_date.h — civil dates as day numbers, the pinned clock, the holiday
 * calendar and statutory deadline arithmetic.  Layer: core (pure C). */
#ifndef YICI_CORE_DATE_H
#define YICI_CORE_DATE_H

#include <stdint.h>
#include "util.h"

/* A civil date is an int: days since 1970-01-01 (proleptic Gregorian).
 * Negative values are fine.  Times are local wall-clock seconds since the
 * same epoch (no time zones: a service center lives in one). */
typedef int32_t yday;
typedef int64_t ytime;

yday date_from_ymd(int y, int m, int d);
void date_to_ymd(yday day, int *y, int *m, int *d);
/* 1 = Monday ... 7 = Sunday. */
int date_weekday(yday day);
/* 1 when y-m-d names a real date (1900..2999). */
int date_ymd_valid(int y, int m, int d);

/* Parses "YYYY-MM-DD".  On failure fills e with a precise message such as
 * "no such date 1999-13-32" or "'2026/01/01' is not a date (YYYY-MM-DD)". */
int date_parse(const char *s, yday *out, struct yerr *e);
/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void date_format(yday day, char out[11]);

/* Parses "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]"; a bare date
 * means 00:00:00. */
int time_parse(const char *s, ytime *out, struct yerr *e);
/* Writes "YYYY-MM-DD HH:MM:SS" (20 bytes with NUL). */
void time_format(ytime t, char out[20]);
static inline yday time_day(ytime t) { return (yday)((t >= 0 ? t : t - 86399) / 86400); }

/* The clock.  YICI_NOW ("2026-11-28 09:30") pins it for tests and demos;
 * otherwise the local time.  clock_init returns -1 with a message when
 * YICI_NOW is set but malformed. */
int clock_init(struct yerr *e);
ytime clock_now(void);
yday clock_today(void);

/* Day kinds of a rule: 自然日 or 工作日. */
enum day_kind { DAYS_CALENDAR = 0, DAYS_WORKING = 1 };
const char *day_kind_code(enum day_kind k);          /* "calendar" / "working" */
int day_kind_parse(const char *s, enum day_kind *k); /* 0 ok, -1 unknown */
/* The unit after a count of days, translated: "calendar days" 日（自然日）;
 * an unknown code is returned as it is. */
const char *day_kind_label(const char *code);

/* The holiday table: State Council 放假 days (off) and 调休 working
 * weekends (work) of the published years.  A year not yet published
 * counts its statutory days off (《全国年节及纪念日放假办法》, 2024
 * revision: 元旦 01-01, 劳动节 05-01..02 and 国庆 10-01..03 fixed, and
 * the lunar days 除夕, 春节 ×3, 清明, 端午, 中秋 from rows of type
 * `statutory`) and weekends, but not its 调休, which only the State
 * Council's notice gives: a deadline in such a year carries a warning. */
enum holiday_type { HOLIDAY_OFF = 0, HOLIDAY_WORK = 1, HOLIDAY_STATUTORY = 2 };
const char *holiday_type_code(enum holiday_type t);          /* "off", "work", "statutory" */
int holiday_type_parse(const char *s, enum holiday_type *t); /* 0 ok, -1 unknown */
struct holiday {
	yday day;
	enum holiday_type type;
	char *name;
};
struct calendar {
	struct holiday *days; /* sorted by day, unique */
	int n, cap;
	int year_min, year_max; /* years the table covers (published) */
	unsigned char *published; /* published[y - year_min] != 0 */
};
void calendar_init(struct calendar *c);
void calendar_release(struct calendar *c);
/* Adds one published day; returns -1 (with e) on a duplicate day. */
int calendar_add(struct calendar *c, yday day, enum holiday_type t, const char *name,
		 struct yerr *e);
/* Marks year y as published even if it has no row (rare). */
void calendar_mark_year(struct calendar *c, int y);
/* Sorts the table; call after the last calendar_add. */
void calendar_finish(struct calendar *c);
int calendar_year_published(const struct calendar *c, int y);
int calendar_is_workday(const struct calendar *c, yday day);
/* 1 when day is one of the fixed statutory days off (01-01, 05-01, 05-02,
 * 10-01..10-03), whatever the year. */
int calendar_fixed_holiday(yday day);
/* A translated warning when a deadline falls in a year whose 调休 are not
 * published ("2027: the 调休 days are not published; ..."), else NULL.
 * 0 and INT32_MAX (no deadline) give NULL.  out: at least 160 bytes. */
const char *calendar_unpublished_warning(const struct calendar *c, yday day, char *out,
					 size_t n);

/* A closed-open interval of days [from, to) during which a deadline clock
 * stands still (中止: suspension for reconsideration, litigation,
 * re-appraisal).  to < 0 means still suspended. */
struct pause {
	yday from, to;
};

/* The due date of a limit of n days of kind k starting on `start` (the day
 * of receipt or decision; counting begins the next day, per 民法典 §201).
 * Days inside a pause are not counted; an open pause (to < 0) means the
 * deadline cannot be known yet and the function returns INT32_MAX.
 * For DAYS_CALENDAR, a due date falling on a non-working day moves to the
 * next working day (民法典 §203). */
yday deadline_add(const struct calendar *c, yday start, int n, enum day_kind k,
		  const struct pause *p, int np);

/* Days left from today until due, counted in kind k (working days skip
 * weekends and holidays).  0 = due today, negative = overdue by that many. */
int deadline_days_left(const struct calendar *c, yday today, yday due, enum day_kind k);

/* Adds whole months/years the civil way (2024-01-31 + 1 month = 2024-02-29). */
yday date_add_months(yday day, int months);

#endif
