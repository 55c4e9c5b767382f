/* db_queue.c — queue pages with keyset paging, tab counts, supervisor
 * figures and the period report.  A queue is a set of (category, state)
 * ranges of the task_queue* indexes; each range is read in index order
 * from the page anchor and the ranges are merged here, so no query ever
 * sorts or counts more than it returns.  Layer: db. */
#include "db_queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "db_internal.h"
#include "i18n.h"

static const char *const sort_codes[QSORT_N] = { "deadline", "accepted", "case" };
static const char *const sort_labels[QSORT_N] = { N_("deadline"), N_("accepted"),
						  N_("case number") };

const char *queue_sort_label(enum queue_sort s) { return _(sort_labels[s]); }

int queue_sort_parse(const char *s, enum queue_sort *out)
{
	for (int i = 0; i < QSORT_N; i++)
		if (!strcmp(s, sort_codes[i])) {
			*out = (enum queue_sort)i;
			return 0;
		}
	return -1;
}

/* ---- the page queries: one static statement per sort key, direction
 * and section (rows with a key, rows without) ---- */

#define QCOLS                                                                              \
	"SELECT t.id, t.case_id, t.version, coalesce(c.case_no, ''), c.worker_name, "          \
	"t.item, t.category, t.state, coalesce(t.started_on, ''), coalesce(t.due_on, ''), "  \
	"coalesce(t.assignee, ''), t.day_kind, coalesce(t.decided_on, ''), "                 \
	"t.countersign = 'pending', t.basis_changed, "
#define QFROM                                                                              \
	" FROM task t JOIN cases c ON c.id = t.case_id "                                     \
	"LEFT JOIN person w ON w.id = c.worker_id "                                          \
	"WHERE t.category = ?1 AND t.state = ?2 AND "
#define QFILT                                                                              \
	" AND (?5 IS NULL OR t.assignee = ?5) AND (?6 = 0 OR t.assignee IS NULL) "            \
	"AND (?7 IS NULL OR (?2 <> 'decided' AND t.due_on <= ?7) "                           \
	"  OR (?2 = 'decided' AND t.decided_on <= "                                          \
	"      (SELECT j.value FROM json_each(?10) j WHERE j.key = t.item))) "                 \
	"AND (?8 IS NULL OR instr(c.case_no, ?8) > 0 OR instr(c.worker_name, ?8) > 0 "      \
	"  OR instr(w.name, ?8) > 0) "
#define Q(KEY, COND, ORDER) QCOLS KEY QFROM COND QFILT "ORDER BY " ORDER " LIMIT ?9"

/* [sort][0 forward, 1 backward][section] */
static const char *const page_sql[QSORT_N][2][2] = {
	[QSORT_DEADLINE] = {
		{ Q("t.due_on", "(t.due_on, t.id) > (?3, ?4)", "t.due_on, t.id"),
		  Q("''", "t.due_on IS NULL AND t.id > ?4", "t.due_on, t.id") },
		{ Q("t.due_on", "(t.due_on, t.id) < (?3, ?4)", "t.due_on DESC, t.id DESC"),
		  Q("''", "t.due_on IS NULL AND t.id < ?4", "t.due_on DESC, t.id DESC") },
	},
	[QSORT_ACCEPTED] = {
		{ Q("t.started_on", "(t.started_on, t.id) > (?3, ?4)", "t.started_on, t.id"),
		  Q("''", "t.started_on IS NULL AND t.id > ?4", "t.started_on, t.id") },
		{ Q("t.started_on", "(t.started_on, t.id) < (?3, ?4)",
		    "t.started_on DESC, t.id DESC"),
		  Q("''", "t.started_on IS NULL AND t.id < ?4", "t.started_on DESC, t.id DESC") },
	},
	/* tasks are created when a case is accepted and numbered, so task ids
	 * run in case-number order */
	[QSORT_CASE] = {
		{ Q("''", "t.id > ?4", "t.id"), NULL },
		{ Q("''", "t.id < ?4", "t.id DESC"), NULL },
	},
};

#define KEY_END "~" /* after every date */

static yday dparse(const char *s)
{
	yday v;
	struct yerr e;
	if (!*s || date_parse(s, &v, &e) < 0)
		return 0;
	return v;
}

static void fill_row(const struct catalog *c, const struct thresholds *th, sqlite3_stmt *st,
		     int section, struct queue_row *r)
{
	memset(r, 0, sizeof *r);
	r->task_id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->version = sqlite3_column_int(st, 2);
	DB_CPY(r->case_no, st, 3);
	DB_CPY(r->worker, st, 4);
	DB_CPY(r->item, st, 5);
	DB_CPY(r->category, st, 6);
	DB_CPY(r->state, st, 7);
	DB_CPY(r->accepted, st, 8);
	DB_CPY(r->due, st, 9);
	DB_CPY(r->assignee, st, 10);
	r->kind = DAYS_CALENDAR;
	day_kind_parse(db_col(st, 11), &r->kind);
	if (!strcmp(r->state, "reviewing")) {
		/* the office's review limit counts in its own day kind */
		int idx = catalog_item_index(c, r->item);
		if (idx >= 0 && c->items[idx].office_accepts)
			r->kind = c->items[idx].review_day_kind;
	}
	yday due = dparse(r->due);
	if (!strcmp(r->state, "decided")) {
		/* ready for delivery: the deadline is the delivery limit */
		const struct rule *ru = catalog_rule(c, task_delivery_rule(c, r->item));
		yday dec = dparse(db_col(st, 12));
		due = ru && dec ? deadline_add(&c->cal, dec, ru->amount, ru->day_kind, NULL, 0) : 0;
		r->kind = ru ? ru->day_kind : DAYS_CALENDAR;
		if (due)
			date_format(due, r->due);
		else
			r->due[0] = '\0';
	}
	/* a delivered or closed task has nothing left to be late for */
	int open = !strcmp(r->state, "accepted") || !strcmp(r->state, "in_review") ||
		   !strcmp(r->state, "decided") || !strcmp(r->state, "reviewing");
	r->urg = open ? task_urgency(th, due) : URG_NONE;
	if (due)
		r->days_left = deadline_days_left(&c->cal, th->today, due, r->kind);
	r->pos.section = section;
	r->countersign_pending = sqlite3_column_int(st, 13);
	DB_CPY(r->basis_changed, st, 14);
	DB_CPY(r->pos.key, st, 15);
	r->pos.id = r->task_id;
}

static void bind_filters(sqlite3_stmt *st, const struct queue_query *q, char red[11])
{
	db_bind_text(st, 5, q->assignee);
	sqlite3_bind_int(st, 6, q->unassigned != 0);
	if (q->overdue) {
		date_format(q->th.red_cut, red);
		db_bind_text(st, 7, red);
	}
	db_bind_text_or_null(st, 8, q->search);
}

/* The last decision day whose delivery limit (the deadline of a task ready
 * for delivery) is red at red_cut; "" when the item has no delivery rule. */
static void delivery_cut(const struct catalog *c, const char *item, yday red_cut, char out[11])
{
	const struct rule *r = catalog_rule(c, task_delivery_rule(c, item));
	out[0] = '\0';
	if (!r)
		return;
	yday d = red_cut - r->amount;
	for (int i = 0; i < 400 && deadline_add(&c->cal, d, r->amount, r->day_kind, NULL, 0) > red_cut;
	     i++)
		d--;
	date_format(d, out);
}

/* The cut of every item with a delivery rule, as the JSON object
 * {"ITEM":"YYYY-MM-DD",...} the query reads with json_each: each item's own
 * delivery column, none named here.  Item codes are catalog-checked
 * [A-Z0-9_] words, so they need no escaping. */
static char *delivery_cuts(const struct catalog *c, yday red_cut)
{
	size_t cap = 16 + (size_t)c->nitems * (KEY_LEN + 20), len = 0;
	char *j = xmalloc(cap);
	j[len++] = '{';
	for (int i = 0; i < c->nitems; i++) {
		char day[11];
		delivery_cut(c, c->items[i].code, red_cut, day);
		if (!*day)
			continue;
		len += (size_t)snprintf(j + len, cap - len, "%s\"%s\":\"%s\"", len > 1 ? "," : "",
					c->items[i].code, day);
	}
	snprintf(j + len, cap - len, "}");
	return j;
}

/* Reads one section of one (category, state) range from an anchor. */
static int fetch_section(struct db *d, const struct catalog *c, const struct queue_query *q,
			 enum category cat, enum task_state s, int back, int section,
			 const char *key, int64_t id, int limit, struct queue_row *out,
			 struct yerr *e)
{
	const char *sql = page_sql[q->sort][back][section];
	if (!sql || limit <= 0)
		return 0;
	sqlite3_stmt *st = db_prep(d, sql);
	char red[11];
	db_bind_text(st, 1, category_code(cat));
	db_bind_text(st, 2, task_state_code(s));
	db_bind_text(st, 3, key);
	sqlite3_bind_int64(st, 4, id);
	bind_filters(st, q, red);
	sqlite3_bind_int(st, 9, limit);
	char *cuts = NULL;
	if (q->overdue && s == TS_DECIDED) {
		/* ready for delivery: overdue is late for delivery, as its row shows */
		cuts = delivery_cuts(c, q->th.red_cut);
		db_bind_text(st, 10, cuts);
	}
	int n = 0, rc;
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		fill_row(c, &q->th, st, section, &out[n++]);
	if (n < limit && rc != SQLITE_DONE) {
		db_error(d, _("queue"), e);
		sqlite3_reset(st);
		free(cuts);
		return -1;
	}
	sqlite3_reset(st);
	free(cuts);
	return n;
}

/* Up to limit rows of one range after (or before) the anchor. */
static int fetch_range(struct db *d, const struct catalog *c, const struct queue_query *q,
		       enum category cat, enum task_state s, const struct queue_pos *from,
		       int back, int limit, struct queue_row *out, struct yerr *e)
{
	int n = 0;
	if (!back) {
		struct queue_pos p = from ? *from : (struct queue_pos){ 0, "", 0 };
		for (int sec = p.section; sec <= 1 && n < limit; sec++) {
			int k = fetch_section(d, c, q, cat, s, 0, sec, sec == p.section ? p.key : "",
					      sec == p.section ? p.id : 0, limit - n, out + n, e);
			if (k < 0)
				return -1;
			n += k;
		}
		return n;
	}
	struct queue_pos p = from ? *from : (struct queue_pos){ 1, KEY_END, INT64_MAX };
	for (int sec = p.section; sec >= 0 && n < limit; sec--) {
		int k = fetch_section(d, c, q, cat, s, 1, sec, sec == p.section ? p.key : KEY_END,
				      sec == p.section ? p.id : INT64_MAX, limit - n, out + n, e);
		if (k < 0)
			return -1;
		n += k;
	}
	return n;
}

static int pos_cmp(const void *a, const void *b, void *arg)
{
	const struct queue_pos *x = &((const struct queue_row *)a)->pos;
	const struct queue_pos *y = &((const struct queue_row *)b)->pos;
	const enum queue_sort *sort = arg;
	if (*sort != QSORT_CASE) {
		if (x->section != y->section)
			return x->section - y->section;
		int k = strcmp(x->key, y->key);
		if (k)
			return k;
	}
	return x->id < y->id ? -1 : x->id > y->id;
}

int db_queue_page(struct db *d, const struct catalog *c, const struct queue_query *q,
		  const struct queue_pos *from, int dir, int limit, struct queue_row *out,
		  struct yerr *e)
{
	unsigned cats = q->cats ? q->cats : (1u << CAT_N) - 1;
	unsigned states = q->states ? q->states : QUEUE_OPEN_STATES;
	if (limit <= 0)
		return 0;
	int cap = limit * CAT_N * TS_N, n = 0;
	struct queue_row *all = xcalloc((size_t)cap, sizeof *all);
	for (int ci = 0; ci < CAT_N; ci++)
		for (int si = 0; si < TS_N && (cats & (1u << ci)); si++) {
			if (!(states & (1u << si)))
				continue;
			int k = fetch_range(d, c, q, (enum category)ci, (enum task_state)si, from,
					    dir < 0, limit, all + n, e);
			if (k < 0) {
				free(all);
				return -1;
			}
			n += k;
		}
	enum queue_sort sort = q->sort;
	qsort_r(all, (size_t)n, sizeof *all, pos_cmp, &sort);
	int m = n < limit ? n : limit;
	memcpy(out, dir < 0 ? all + (n - m) : all, (size_t)m * sizeof *out);
	free(all);
	return m;
}

/* ---- thresholds and counts ---- */

static int config_int(struct db *d, const char *key, int *v)
{
	char *s = db_config_get(d, key);
	int ok = s && *s;
	if (ok)
		*v = atoi(s);
	free(s);
	return ok;
}

int queue_thresholds(struct db *d, const struct catalog *c, struct thresholds *t,
		     struct yerr *e)
{
	const struct rule *r = catalog_rule(c, "warn_yellow");
	int yellow = r ? r->amount : 3, red = 0;
	enum day_kind yk = r ? r->day_kind : DAYS_WORKING;
	config_int(d, "yellow_days", &yellow);
	config_int(d, "red_days", &red);
	(void)e;
	task_thresholds(&c->cal, clock_today(), yellow, yk, red, t);
	return 0;
}

/* The tab counts read the running totals of db/007_task_count.sql: a few
 * hundred rows per office, grouped by deadline day, whatever the number of
 * open tasks.  '' is "no deadline yet" and never counts as overdue. */
int db_queue_counts(struct db *d, enum category cat, const struct thresholds *t,
		    struct queue_counts *out, struct yerr *e)
{
	char red[11], yellow[11];
	date_format(t->red_cut, red);
	date_format(t->yellow_cut, yellow);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_prep(d,
		"SELECT state, sum(n), "
		"  coalesce(sum(CASE WHEN due_on <> '' AND due_on <= ?2 THEN n END), 0), "
		"  coalesce(sum(CASE WHEN due_on > ?2 AND due_on <= ?3 THEN n END), 0) "
		"FROM task_count WHERE category = ?1 GROUP BY state");
	db_bind_text(st, 1, category_code(cat));
	db_bind_text(st, 2, red);
	db_bind_text(st, 3, yellow);
	while (sqlite3_step(st) == SQLITE_ROW) {
		enum task_state ts;
		if (task_state_parse(db_col(st, 0), &ts) < 0)
			continue;
		long n = (long)sqlite3_column_int64(st, 1);
		long over = (long)sqlite3_column_int64(st, 2), soon = (long)sqlite3_column_int64(st, 3);
		switch (ts) {
		case TS_SUSPENDED: out->suspended = n; out->open += n; break;
		case TS_WAITING: out->waiting = n; break;
		case TS_DECIDED: out->ready = n; break;
		case TS_ACCEPTED:
		case TS_IN_REVIEW:
			out->open += n;
			out->overdue += over;
			out->soon += soon;
			break;
		default:
			break;
		}
	}
	if (sqlite3_reset(st) != SQLITE_OK)
		return db_error(d, _("queue counts"), e);
	return 0;
}

/* ---- supervisor figures ---- */

struct stat_set {
	struct queue_stat *v;
	int n, cap;
	int *ndays, *capdays;    /* durations to decide, per stat row */
	double **lists;
};

static struct queue_stat *stat_row(struct stat_set *s, const char *cat, const char *officer)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].category, cat) && !strcmp(s->v[i].officer, officer))
			return &s->v[i];
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
		s->lists = xrealloc(s->lists, (size_t)s->cap * sizeof *s->lists);
		s->ndays = xrealloc(s->ndays, (size_t)s->cap * sizeof *s->ndays);
		s->capdays = xrealloc(s->capdays, (size_t)s->cap * sizeof *s->capdays);
	}
	struct queue_stat *r = &s->v[s->n];
	memset(r, 0, sizeof *r);
	snprintf(r->category, sizeof r->category, "%s", cat);
	snprintf(r->officer, sizeof r->officer, "%s", officer);
	r->median_days = -1;
	s->lists[s->n] = NULL;
	s->ndays[s->n] = s->capdays[s->n] = 0;
	s->n++;
	return r;
}

static void add_days(struct stat_set *s, struct queue_stat *r, double v)
{
	int i = (int)(r - s->v);
	if (s->ndays[i] == s->capdays[i]) {
		s->capdays[i] = s->capdays[i] ? 2 * s->capdays[i] : 16;
		s->lists[i] = xrealloc(s->lists[i], (size_t)s->capdays[i] * sizeof(double));
	}
	s->lists[i][s->ndays[i]++] = v;
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	if (n == 0)
		return -1;
	qsort(v, (size_t)n, sizeof *v, dcmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int stats_open(struct db *d, const struct thresholds *t, struct stat_set *s,
		      struct yerr *e)
{
	char red[11], today[11], in3[11];
	date_format(t->red_cut, red);
	date_format(t->today, today);
	date_format(t->today + 3, in3);
	for (int ci = 0; ci < CAT_N; ci++) {
		stat_row(s, category_code((enum category)ci), "");
		/* the running totals of db/007, open states only */
		sqlite3_stmt *st = db_prep(d,
			"SELECT CASE assignee WHEN '' THEN '-' ELSE assignee END, sum(n), "
			"  coalesce(sum(CASE WHEN due_on <> '' AND due_on <= ?2 THEN n END), 0), "
			"  coalesce(sum(CASE WHEN due_on >= ?3 AND due_on <= ?4 THEN n END), 0) "
			"FROM task_count WHERE category = ?1 AND (state = 'accepted' "
			"  OR state = 'in_review' OR state = 'suspended' OR state = 'reviewing') "
			"GROUP BY 1");
		db_bind_text(st, 1, category_code((enum category)ci));
		db_bind_text(st, 2, red);
		db_bind_text(st, 3, today);
		db_bind_text(st, 4, in3);
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct queue_stat *r = stat_row(s, category_code((enum category)ci),
							db_col(st, 0));
			r->open += (long)sqlite3_column_int64(st, 1);
			r->overdue += (long)sqlite3_column_int64(st, 2);
			r->due3 += (long)sqlite3_column_int64(st, 3);
		}
		if (sqlite3_reset(st) != SQLITE_OK)
			return db_error(d, _("supervisor figures"), e);
	}
	return 0;
}

static int stats_done(struct db *d, const struct thresholds *t, struct stat_set *s,
		      struct yerr *e)
{
	char today[11], monday[11], month[11];
	date_format(t->today, today);
	date_format(t->today - (date_weekday(t->today) - 1), monday);
	date_format(t->today - 30, month);
	sqlite3_stmt *st = db_prep(d,
		"SELECT category, coalesce(assignee, '-'), decided_on >= ?2, "
		"  julianday(decided_on) - julianday(coalesce(started_on, decided_on)) "
		"FROM task WHERE decided_on >= min(?1, ?2) AND decided_on <= ?3");
	db_bind_text(st, 1, month);
	db_bind_text(st, 2, monday);
	db_bind_text(st, 3, today);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *cat = db_col(st, 0);
		/* indexes, not pointers: stat_row may grow the array */
		int at[2];
		at[0] = (int)(stat_row(s, cat, "") - s->v);
		at[1] = (int)(stat_row(s, cat, db_col(st, 1)) - s->v);
		int week = sqlite3_column_int(st, 2);
		double days = sqlite3_column_double(st, 3);
		for (int k = 0; k < 2; k++) {
			s->v[at[k]].done_week += week;
			add_days(s, &s->v[at[k]], days);
		}
	}
	if (sqlite3_reset(st) != SQLITE_OK)
		return db_error(d, _("supervisor figures"), e);
	return 0;
}

static int stat_order(const void *a, const void *b)
{
	const struct queue_stat *x = a, *y = b;
	enum category cx = CAT_N, cy = CAT_N;
	category_parse(x->category, &cx);
	category_parse(y->category, &cy);
	if (cx != cy)
		return (int)cx - (int)cy;
	return strcmp(x->officer, y->officer);
}

int db_queue_stats(struct db *d, const struct thresholds *t, struct queue_stat **out, int *n,
		   struct yerr *e)
{
	struct stat_set s = { 0 };
	int rc = stats_open(d, t, &s, e);
	if (rc == 0)
		rc = stats_done(d, t, &s, e);
	/* the category rows sum their officers' open work */
	for (int i = 0; rc == 0 && i < s.n; i++) {
		if (!s.v[i].officer[0])
			continue;
		struct queue_stat *cat = stat_row(&s, s.v[i].category, "");
		cat->open += s.v[i].open;
		cat->overdue += s.v[i].overdue;
		cat->due3 += s.v[i].due3;
	}
	for (int i = 0; i < s.n; i++) {
		s.v[i].median_days = median(s.lists[i], s.ndays[i]);
		free(s.lists[i]);
	}
	free(s.lists);
	free(s.ndays);
	free(s.capdays);
	if (rc < 0) {
		free(s.v);
		return -1;
	}
	qsort(s.v, (size_t)s.n, sizeof *s.v, stat_order);
	*out = s.v;
	*n = s.n;
	return 0;
}

/* ---- the period report ---- */

enum { R_RECEIVED, R_ACCEPTED, R_DECIDED, R_DELIVERED, R_OVERDUE, R_N };

static const char *const report_sql[R_N] = {
	[R_RECEIVED] = "SELECT t.item, count(*) FROM task t JOIN cases c ON c.id = t.case_id "
		       "WHERE c.created_at >= ?1 AND c.created_at < ?4 GROUP BY t.item",
	[R_ACCEPTED] = "SELECT item, count(*) FROM task WHERE started_on >= ?1 AND started_on <= ?2 "
		       "GROUP BY item",
	[R_DECIDED] = "SELECT item, count(*) FROM task WHERE decided_on >= ?1 AND decided_on <= ?2 "
		      "GROUP BY item",
	[R_DELIVERED] = "SELECT item, count(*) FROM task WHERE delivered_on >= ?1 "
			"AND delivered_on <= ?2 GROUP BY item",
	[R_OVERDUE] = "SELECT item, count(*) FROM task WHERE due_on >= ?1 AND due_on <= ?2 "
		      "AND due_on < ?3 AND (decided_on IS NULL OR decided_on > due_on) "
		      "AND state <> 'closed' AND state <> 'withdrawn' AND state <> 'not_accepted' "
		      "AND state <> 'rejected' AND state <> 'waiting' GROUP BY item",
};

static long *measure(struct report_row *r, int k)
{
	long *m[R_N] = { &r->received, &r->accepted, &r->decided, &r->delivered, &r->overdue };
	return m[k];
}

static void bind_period(sqlite3_stmt *st, yday from, yday to)
{
	char f[11], t[11], today[11], next[11];
	date_format(from, f);
	date_format(to, t);
	date_format(clock_today(), today);
	date_format(to + 1, next);
	db_bind_text(st, 1, f);
	db_bind_text(st, 2, t);
	db_bind_text(st, 3, today);
	db_bind_text(st, 4, next);
}

static int report_counts(struct db *d, const struct catalog *c, yday from, yday to,
			 struct report_row *rows, struct yerr *e)
{
	for (int k = 0; k < R_N; k++) {
		sqlite3_stmt *st = db_prep(d, report_sql[k]);
		bind_period(st, from, to);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int i = catalog_item_index(c, db_col(st, 0));
			if (i >= 0)
				*measure(&rows[i], k) += (long)sqlite3_column_int64(st, 1);
		}
		if (sqlite3_reset(st) != SQLITE_OK)
			return db_error(d, _("report"), e);
	}
	return 0;
}

/* Medians of days to decide per item, per office and overall. */
static int report_medians(struct db *d, const struct catalog *c, yday from, yday to,
			  struct report_row *rows, int nrows, struct yerr *e)
{
	double **v = xcalloc((size_t)nrows, sizeof *v);
	int *n = xcalloc((size_t)nrows, sizeof *n);
	sqlite3_stmt *st = db_prep(d, "SELECT item, julianday(decided_on) - julianday(started_on) "
				      "FROM task WHERE decided_on >= ?1 AND decided_on <= ?2 "
				      "AND started_on IS NOT NULL");
	bind_period(st, from, to);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int i = catalog_item_index(c, db_col(st, 0));
		if (i < 0)
			continue;
		int at[3] = { i, c->nitems + (int)c->items[i].cat, nrows - 1 };
		for (int k = 0; k < 3; k++) {
			v[at[k]] = xrealloc(v[at[k]], (size_t)(n[at[k]] + 1) * sizeof(double));
			v[at[k]][n[at[k]]++] = sqlite3_column_double(st, 1);
		}
	}
	int rc = sqlite3_reset(st) != SQLITE_OK ? db_error(d, _("report"), e) : 0;
	for (int i = 0; i < nrows; i++) {
		rows[i].median_days = median(v[i], n[i]);
		free(v[i]);
	}
	free(v);
	free(n);
	return rc;
}

int db_report(struct db *d, const struct catalog *c, yday from, yday to,
	      struct report_row **out, int *n, struct yerr *e)
{
	int nrows = c->nitems + CAT_N + 1;
	struct report_row *rows = xcalloc((size_t)nrows, sizeof *rows);
	for (int i = 0; i < c->nitems; i++) {
		snprintf(rows[i].office, sizeof rows[i].office, "%s", category_code(c->items[i].cat));
		snprintf(rows[i].item, sizeof rows[i].item, "%s", c->items[i].code);
	}
	for (int k = 0; k < CAT_N; k++) {
		snprintf(rows[c->nitems + k].office, sizeof rows[0].office, "%s",
			 category_code((enum category)k));
		snprintf(rows[c->nitems + k].item, sizeof rows[0].item, "*");
	}
	snprintf(rows[nrows - 1].office, sizeof rows[0].office, "all");
	snprintf(rows[nrows - 1].item, sizeof rows[0].item, "*");
	if (report_counts(d, c, from, to, rows, e) < 0 ||
	    report_medians(d, c, from, to, rows, nrows, e) < 0) {
		free(rows);
		return -1;
	}
	for (int i = 0; i < c->nitems; i++)
		for (int k = 0; k < R_N; k++) {
			*measure(&rows[c->nitems + (int)c->items[i].cat], k) += *measure(&rows[i], k);
			*measure(&rows[nrows - 1], k) += *measure(&rows[i], k);
		}
	*out = rows;
	*n = nrows;
	return 0;
}
