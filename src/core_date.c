/* core_date.c — civil day numbers, parsing and formatting, the pinned clock,
 * the holiday calendar and statutory deadline arithmetic.  Layer: core. */
#include "core_date.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

#define YEAR_LO 1900
#define YEAR_HI 2999

/* ---- civil dates (H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms") ---------------------------------------------------------- */

yday date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;                                 /* [0, 399] */
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         /* [0, 146096] */
	return (yday)(era * 146097 + doe - 719468);
}

void date_to_ymd(yday day, int *y, int *m, int *d)
{
	int64_t z = (int64_t)day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;                                   /* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            /* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;                                 /* [0, 11] */
	int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400) + (mm <= 2);
	*m = mm;
	*d = dd;
}

int date_weekday(yday day)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)(((int64_t)day + 3) % 7);
	if (w < 0)
		w += 7;
	return w + 1;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const unsigned char n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

int date_ymd_valid(int y, int m, int d)
{
	if (y < YEAR_LO || y > YEAR_HI || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= month_days(y, m);
}

/* ---- parsing and formatting ------------------------------------------- */

/* Reads exactly n ASCII digits. */
static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* "YYYY-MM-DD" at s; fills y m d without checking that the date exists. */
static int scan_ymd(const char *s, int *y, int *m, int *d)
{
	if (digits(s, 4, y) || s[4] != '-' || digits(s + 5, 2, m) || s[7] != '-' ||
	    digits(s + 8, 2, d))
		return -1;
	return 0;
}

int date_parse(const char *s, yday *out, struct yerr *e)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || scan_ymd(s, &y, &m, &d))
		return yerr_set(e, YERR_INPUT, _("'%.40s' is not a date (YYYY-MM-DD)"),
				s ? s : "");
	if (y < YEAR_LO || y > YEAR_HI)
		return yerr_set(e, YERR_INPUT, _("date %s is outside the years %d-%d"), s,
				YEAR_LO, YEAR_HI);
	if (!date_ymd_valid(y, m, d))
		return yerr_set(e, YERR_INPUT, _("no such date %s"), s);
	*out = date_from_ymd(y, m, d);
	return 0;
}

void date_format(yday day, char out[11])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		memcpy(out, "0000-00-00", 11); /* out of range */
		return;
	}
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* " HH:MM" or " HH:MM:SS" (or with 'T'); returns seconds or -1. */
static int scan_clock(const char *s, int *bad_range)
{
	int h, mi, se = 0;
	size_t n = strlen(s);
	if ((n != 6 && n != 9) || (s[0] != ' ' && s[0] != 'T') || digits(s + 1, 2, &h) ||
	    s[3] != ':' || digits(s + 4, 2, &mi))
		return -1;
	if (n == 9 && (s[6] != ':' || digits(s + 7, 2, &se)))
		return -1;
	if (h > 23 || mi > 59 || se > 59) {
		*bad_range = 1;
		return -1;
	}
	return h * 3600 + mi * 60 + se;
}

int time_parse(const char *s, ytime *out, struct yerr *e)
{
	int y, m, d, bad_range = 0, secs = 0;
	if (!s || strlen(s) < 10 || scan_ymd(s, &y, &m, &d) ||
	    (s[10] != '\0' && (secs = scan_clock(s + 10, &bad_range)) < 0)) {
		if (bad_range)
			return yerr_set(e, YERR_INPUT, _("no such time of day in '%.40s'"), s);
		return yerr_set(e, YERR_INPUT,
				_("'%.40s' is not a time (YYYY-MM-DD HH:MM[:SS])"), s ? s : "");
	}
	if (y < YEAR_LO || y > YEAR_HI)
		return yerr_set(e, YERR_INPUT, _("date %.10s is outside the years %d-%d"), s,
				YEAR_LO, YEAR_HI);
	if (!date_ymd_valid(y, m, d))
		return yerr_set(e, YERR_INPUT, _("no such date %.10s"), s);
	*out = (ytime)date_from_ymd(y, m, d) * 86400 + secs;
	return 0;
}

void time_format(ytime t, char out[20])
{
	yday day = time_day(t);
	int secs = (int)(t - (ytime)day * 86400);
	char ds[11];
	date_format(day, ds);
	memcpy(out, ds, 10);
	out[10] = ' ';
	out[11] = (char)('0' + secs / 36000);
	out[12] = (char)('0' + secs / 3600 % 10);
	out[13] = ':';
	out[14] = (char)('0' + secs % 3600 / 600);
	out[15] = (char)('0' + secs % 3600 / 60 % 10);
	out[16] = ':';
	out[17] = (char)('0' + secs % 60 / 10);
	out[18] = (char)('0' + secs % 10);
	out[19] = '\0';
}

/* ---- the clock --------------------------------------------------------- */

static int clock_pinned;
static ytime clock_pin;

int clock_init(struct yerr *e)
{
	const char *s = getenv("YICI_NOW");
	ytime t;
	clock_pinned = 0;
	if (!s || !*s)
		return 0;
	if (time_parse(s, &t, NULL) < 0)
		return yerr_set(e, YERR_INPUT,
				_("YICI_NOW='%.40s' is not a time (YYYY-MM-DD HH:MM[:SS])"), s);
	clock_pin = t;
	clock_pinned = 1;
	return 0;
}

ytime clock_now(void)
{
	if (clock_pinned)
		return clock_pin;
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return (ytime)now;
	return (ytime)date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
	       tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

yday clock_today(void)
{
	return time_day(clock_now());
}

/* ---- day kinds --------------------------------------------------------- */

const char *day_kind_code(enum day_kind k)
{
	return k == DAYS_WORKING ? "working" : "calendar";
}

int day_kind_parse(const char *s, enum day_kind *k)
{
	if (s && strcmp(s, "calendar") == 0)
		*k = DAYS_CALENDAR;
	else if (s && strcmp(s, "working") == 0)
		*k = DAYS_WORKING;
	else
		return -1;
	return 0;
}

const char *day_kind_label(const char *code)
{
	enum day_kind k;
	if (day_kind_parse(code, &k) < 0)
		return code ? code : "";
	return k == DAYS_WORKING ? _("working days") : _("calendar days");
}

/* ---- the holiday calendar ---------------------------------------------- */

void calendar_init(struct calendar *c)
{
	memset(c, 0, sizeof(*c));
	c->year_max = -1;
}

void calendar_release(struct calendar *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->days[i].name);
	free(c->days);
	free(c->published);
	calendar_init(c);
}

/* Index of the first row with day >= d (c->n when none). */
static int lower_bound(const struct calendar *c, yday d)
{
	int lo = 0, hi = c->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->days[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void calendar_mark_year(struct calendar *c, int y)
{
	if (y < YEAR_LO || y > YEAR_HI)
		return;
	if (!c->published) {
		c->published = xcalloc(1, 1);
		c->year_min = c->year_max = y;
	} else if (y < c->year_min || y > c->year_max) {
		int lo = y < c->year_min ? y : c->year_min;
		int hi = y > c->year_max ? y : c->year_max;
		unsigned char *p = xcalloc((size_t)(hi - lo + 1), 1);
		memcpy(p + (c->year_min - lo), c->published,
		       (size_t)(c->year_max - c->year_min + 1));
		free(c->published);
		c->published = p;
		c->year_min = lo;
		c->year_max = hi;
	}
	c->published[y - c->year_min] = 1;
}

int calendar_add(struct calendar *c, yday day, enum holiday_type t, const char *name,
		 struct yerr *e)
{
	int y, m, d;
	char ds[11];
	date_to_ymd(day, &y, &m, &d);
	date_format(day, ds);
	if (y < YEAR_LO || y > YEAR_HI)
		return yerr_set(e, YERR_INPUT, _("holiday %s is outside the years %d-%d"), ds,
				YEAR_LO, YEAR_HI);
	int i = lower_bound(c, day);
	if (i < c->n && c->days[i].day == day)
		return yerr_set(e, YERR_INPUT, _("holiday %s listed twice"), ds);
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->days = xrealloc(c->days, (size_t)c->cap * sizeof(*c->days));
	}
	memmove(c->days + i + 1, c->days + i, (size_t)(c->n - i) * sizeof(*c->days));
	c->days[i].day = day;
	c->days[i].type = t == HOLIDAY_WORK || t == HOLIDAY_STATUTORY ? t : HOLIDAY_OFF;
	c->days[i].name = xstrdup(name ? name : "");
	c->n++;
	/* a statutory row alone does not publish the year's 调休 */
	if (t != HOLIDAY_STATUTORY)
		calendar_mark_year(c, y);
	return 0;
}

static int holiday_cmp(const void *a, const void *b)
{
	const struct holiday *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

void calendar_finish(struct calendar *c)
{
	/* calendar_add keeps the rows sorted already; this is a safety net for
	 * callers that filled days[] by hand. */
	if (c->n > 1)
		qsort(c->days, (size_t)c->n, sizeof(*c->days), holiday_cmp);
}

int calendar_year_published(const struct calendar *c, int y)
{
	if (!c || !c->published || y < c->year_min || y > c->year_max)
		return 0;
	return c->published[y - c->year_min] != 0;
}

const char *holiday_type_code(enum holiday_type t)
{
	return t == HOLIDAY_WORK ? "work" : t == HOLIDAY_STATUTORY ? "statutory" : "off";
}

int holiday_type_parse(const char *s, enum holiday_type *t)
{
	static const enum holiday_type all[] = { HOLIDAY_OFF, HOLIDAY_WORK, HOLIDAY_STATUTORY };
	for (size_t i = 0; s && i < ARRAY_SIZE(all); i++)
		if (!strcmp(s, holiday_type_code(all[i]))) {
			*t = all[i];
			return 0;
		}
	return -1;
}

int calendar_fixed_holiday(yday day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return (m == 1 && d == 1) || (m == 5 && d <= 2) || (m == 10 && d <= 3);
}

int calendar_is_workday(const struct calendar *c, yday day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int i = c ? lower_bound(c, day) : 0;
	int row = c && i < c->n && c->days[i].day == day;
	if (calendar_year_published(c, y)) {
		if (row && c->days[i].type != HOLIDAY_STATUTORY)
			return c->days[i].type == HOLIDAY_WORK;
		return date_weekday(day) <= 5;
	}
	/* not published: the statutory days off, then weekends */
	if ((row && c->days[i].type == HOLIDAY_STATUTORY) || calendar_fixed_holiday(day))
		return 0;
	return date_weekday(day) <= 5;
}

const char *calendar_unpublished_warning(const struct calendar *c, yday day, char *out,
					 size_t n)
{
	if (day == 0 || day == INT32_MAX)
		return NULL;
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (calendar_year_published(c, y))
		return NULL;
	snprintf(out, n, _("%d: the State Council's holiday arrangement (working weekends) is "
			   "not published yet; this deadline counts statutory days off and "
			   "weekends only"), y);
	return out;
}

/* ---- deadlines --------------------------------------------------------- */

/* 0 = not paused, 1 = inside a closed pause, 2 = inside an open pause. */
static int paused(const struct pause *p, int np, yday d)
{
	int r = 0;
	for (int i = 0; i < np; i++) {
		if (p[i].to < 0 && d >= p[i].from)
			return 2;
		if (d >= p[i].from && d < p[i].to)
			r = 1;
	}
	return r;
}

/* An open pause that begins after the limit has already run out does not
 * hide the due date: only an open pause reached while counting does. */
yday deadline_add(const struct calendar *c, yday start, int n, enum day_kind k,
		  const struct pause *p, int np)
{
	yday d = start;
	for (int counted = 0; counted < n;) {
		if (d >= INT32_MAX - 1)
			return INT32_MAX;
		d++;
		int ps = paused(p, np, d);
		if (ps == 2)
			return INT32_MAX;
		if (ps || (k == DAYS_WORKING && !calendar_is_workday(c, d)))
			continue;
		counted++;
	}
	if (k == DAYS_CALENDAR)
		while (d < INT32_MAX - 1 && !calendar_is_workday(c, d))
			d++;
	return d;
}

/* Workdays in (a, b], a <= b. */
static int workdays_between(const struct calendar *c, yday a, yday b)
{
	int n = 0;
	for (int64_t d = (int64_t)a + 1; d <= b; d++)
		n += calendar_is_workday(c, (yday)d);
	return n;
}

int deadline_days_left(const struct calendar *c, yday today, yday due, enum day_kind k)
{
	if (due == INT32_MAX)
		return INT_MAX;
	if (k == DAYS_CALENDAR)
		return (int)((int64_t)due - today);
	if (due >= today)
		return workdays_between(c, today, due);
	return -workdays_between(c, due, today);
}

yday date_add_months(yday day, int months)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	int64_t t = (int64_t)y * 12 + (m - 1) + months;
	int64_t ny = t >= 0 ? t / 12 : (t - 11) / 12;
	int nm = (int)(t - ny * 12) + 1;
	int dim = month_days((int)ny, nm);
	return date_from_ymd((int)ny, nm, d < dim ? d : dim);
}
