/* xlsx_write.c — .xlsx workbooks for people with libxlsxwriter
 * (xlsx_write.h).  Layer: xlsx. */
#include "xlsx_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "i18n.h"

#define MAX_ROWS 1048576  /* Excel's rows per sheet, the header included */
#define MAX_COLS 64
#define MAX_WIDTH 60.0

struct xlsx_file {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *datetime, *time;
	char *path, *sheet;
	const char *const *cols;
	int n, sheets;
	char kind[MAX_COLS];
	double width[MAX_COLS];
	lxw_row_t row;
	lxw_error err;
};

/* Counts and amounts are numbers; codes, names, IDs, phones, case numbers
 * and everything unknown are text. */
int xlsx_column_kind(const char *c)
{
	static const char *const numbers[] = { "case_id", "task_id", "event_id", "notice_id",
					       "push_id", "limit_days", "promised_days",
					       "extended_days", "grade", "care_level", "amount_fen",
					       "version", "rating", "rows", "bytes", NULL };
	static const char *const dates[] = { "worker_birth_date", "accident_date", "death_date",
					     "started_on", "due_on", "legal_due_on", "decided_on",
					     "delivered_on", "supplement_due", "followup_due", NULL };
	for (int i = 0; numbers[i]; i++)
		if (!strcmp(c, numbers[i]))
			return 'n';
	for (int i = 0; dates[i]; i++)
		if (!strcmp(c, dates[i]))
			return 'd';
	if (!strcmp(c, "accident_time"))
		return 'h';
	size_t k = strlen(c);
	if (!strcmp(c, "at") || (k > 3 && !strcmp(c + k - 3, "_at")))
		return 't';
	return 's';
}

/* Display width: a character of two or more UTF-8 bytes (CJK, full-width
 * punctuation) takes two columns. */
static double text_width(const char *s)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			w += 1;
		else if (*p >= 0xC0)
			w += 2;
	return w;
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or "HH:MM[:SS]" into dt; 0 when v
 * is one of those, -1 when it is to be written as text. */
static int parse_when(const char *v, int kind, lxw_datetime *dt)
{
	memset(dt, 0, sizeof *dt);
	size_t n = strlen(v);
	const char *t = v;
	if (kind == 'd' || kind == 't') {
		if (n < 10 || !digits(v, 4) || v[4] != '-' || !digits(v + 5, 2) || v[7] != '-' ||
		    !digits(v + 8, 2))
			return -1;
		dt->year = atoi(v);
		dt->month = (uint8_t)atoi(v + 5);
		dt->day = (uint8_t)atoi(v + 8);
		if (dt->month < 1 || dt->month > 12 || dt->day < 1 || dt->day > 31 || dt->year < 1900)
			return -1;
		if (n == 10)
			return kind == 'd' ? 0 : -1;
		if (kind == 'd' || v[10] != ' ')
			return -1;
		t = v + 11;
		n -= 11;
	}
	if ((n != 5 && n != 8) || !digits(t, 2) || t[2] != ':' || !digits(t + 3, 2) ||
	    (n == 8 && (t[5] != ':' || !digits(t + 6, 2))))
		return -1;
	dt->hour = (uint8_t)atoi(t);
	dt->min = (uint8_t)atoi(t + 3);
	dt->sec = n == 8 ? atoi(t + 6) : 0;
	return dt->hour < 24 && dt->min < 60 && dt->sec < 60 ? 0 : -1;
}

/* An integer without a leading zero that a double holds exactly. */
static int plain_integer(const char *v)
{
	size_t n = strlen(v);
	return n > 0 && n < 16 && digits(v, (int)n) && (v[0] != '0' || n == 1);
}

static void header(struct xlsx_file *x)
{
	for (int i = 0; i < x->n; i++) {
		lxw_error r = worksheet_write_string(x->ws, 0, (lxw_col_t)i, x->cols[i], x->bold);
		if (r && !x->err)
			x->err = r;
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
}

static void set_widths(struct xlsx_file *x)
{
	for (int i = 0; i < x->n; i++) {
		double w = x->width[i] + 2;
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, w > MAX_WIDTH ? MAX_WIDTH : w,
				     NULL);
	}
}

/* The bytes of the first n characters of s (Excel counts a sheet's name,
 * at most 31, in characters: a Chinese name is cut whole characters). */
static int chars_bytes(const char *s, int n)
{
	int i = 0;
	for (; s[i] && n > 0; n--)
		do
			i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

static int add_sheet(struct xlsx_file *x)
{
	char name[31 * 4 + 16];
	if (x->sheets == 0)
		snprintf(name, sizeof name, "%.*s", chars_bytes(x->sheet, 31), x->sheet);
	else
		snprintf(name, sizeof name, "%.*s (%d)", chars_bytes(x->sheet, 24), x->sheet,
			 x->sheets + 1 > 99999 ? 99999 : x->sheets + 1);
	if (x->ws)
		set_widths(x);
	x->ws = workbook_add_worksheet(x->wb, name);
	if (!x->ws) {
		x->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return -1;
	}
	x->sheets++;
	header(x);
	return 0;
}

struct xlsx_file *xlsx_open(const char *path, const char *sheet, const char *const *cols, int n,
			    struct yerr *e)
{
	if (n > MAX_COLS) {
		yerr_set(e, YERR_INPUT, "%s: %d columns", path, n);
		return NULL;
	}
	struct xlsx_file *x = xcalloc(1, sizeof *x);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL,
				     .use_zip64 = LXW_TRUE };
	x->wb = workbook_new_opt(path, &opt);
	if (!x->wb) {
		yerr_set(e, YERR_IO, _("cannot create '%s'"), path);
		free(x);
		return NULL;
	}
	x->path = xstrdup(path);
	x->sheet = xstrdup(sheet);
	x->cols = cols;
	x->n = n;
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->datetime = workbook_add_format(x->wb);
	format_set_num_format(x->datetime, "yyyy-mm-dd hh:mm:ss");
	x->time = workbook_add_format(x->wb);
	format_set_num_format(x->time, "hh:mm");
	for (int i = 0; i < n; i++) {
		x->kind[i] = (char)xlsx_column_kind(cols[i]);
		x->width[i] = text_width(cols[i]);
		if (x->kind[i] == 'd' && x->width[i] < 10)
			x->width[i] = 10;
		if (x->kind[i] == 't' && x->width[i] < 19)
			x->width[i] = 19;
	}
	add_sheet(x);
	return x;
}

int xlsx_row(struct xlsx_file *x, const char *const *v, int n)
{
	if (x->err)
		return -1;
	if (x->row >= MAX_ROWS && add_sheet(x) < 0)
		return -1;
	for (int i = 0; i < n && i < x->n; i++) {
		if (!v[i] || !*v[i])
			continue;
		lxw_col_t c = (lxw_col_t)i;
		lxw_error r;
		lxw_datetime dt;
		int k = x->kind[i];
		if ((k == 'd' || k == 't' || k == 'h') && parse_when(v[i], k, &dt) == 0)
			r = worksheet_write_datetime(x->ws, x->row, c, &dt,
						     k == 'd' ? x->date : k == 't' ? x->datetime : x->time);
		else if (k == 'n' && plain_integer(v[i]))
			r = worksheet_write_number(x->ws, x->row, c, strtod(v[i], NULL), NULL);
		else
			r = worksheet_write_string(x->ws, x->row, c, v[i], NULL);
		if (r) {
			x->err = r;
			return -1;
		}
		if (k == 's' || k == 'n') {
			double w = text_width(v[i]);
			if (w > x->width[i])
				x->width[i] = w;
		}
	}
	x->row++;
	return 0;
}

int xlsx_close(struct xlsx_file *x, struct yerr *e)
{
	if (x->ws)
		set_widths(x);
	lxw_error r = workbook_close(x->wb);
	if (!x->err)
		x->err = r;
	int rc = 0;
	if (x->err)
		rc = yerr_set(e, YERR_IO, _("cannot write '%s': %s"), x->path, lxw_strerror(x->err));
	free(x->path);
	free(x->sheet);
	free(x);
	return rc;
}
