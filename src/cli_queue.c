/* cli_queue.c — yici queue: the rows of the back-office queues (the same
 * query and rules as the F3 screen), their tab counts and the
 * supervisor's figures, as a table or as CSV through libcsv.  Layer: cli. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_text.h"
#include "cli_columns.h"
#include "csv_write.h"
#include "db_queue.h"
#include "i18n.h"

static void queue_help(void)
{
	printf(_("Usage: yici queue [--category admin|appraisal|agency] [--overdue] [--mine]\n"
		 "                  [--unassigned] [--state S] [--sort deadline|accepted|case]\n"
		 "                  [--search TEXT] [--limit N] [--format table|csv]\n"
		 "       yici queue --counts [--format table|csv]\n"
		 "       yici queue --stats [--format table|csv]\n"
		 "Prints the tasks of the back-office queues: case number, worker, item, state,\n"
		 "accepted (the day the task's clock started), deadline, days left in the rule's\n"
		 "day kind, assignee.  Without --state: the open work (accepted, in_review,\n"
		 "suspended); S may be a list (accepted,in_review) or 'all'.  Ready for delivery\n"
		 "at the window: --state decided (the deadline is then the delivery limit).\n"
		 "In the table, '!' marks an overdue task and '*' one due soon.\n\n"
		 "  --category C   admin (行政), appraisal (鉴定) or agency (经办); a list or all\n"
		 "  --overdue      only overdue tasks\n"
		 "  --mine         only tasks assigned to you\n"
		 "  --unassigned   only tasks nobody has taken\n"
		 "  --sort K       deadline (default), accepted or case\n"
		 "  --search TEXT  case number or worker name contains TEXT\n"
		 "  --limit N      at most N rows (default 100)\n"
		 "  --counts       per office: open, due soon, overdue, suspended, waiting,\n"
		 "                 ready for delivery\n"
		 "  --stats        per office and officer: open, overdue, due within 3 days,\n"
		 "                 decided this week, median days to decide (last 30 days)\n"
		 "  --format F     table (default) or csv\n"
		 "  -d, --db FILE  database (default $YICI_DB, else ./yici.db)\n"
		 "  -h, --help     show this help\n"));
}

enum { Q_CAT = 1, Q_OVERDUE, Q_MINE, Q_UNASSIGNED, Q_STATE, Q_SORT, Q_SEARCH, Q_LIMIT, Q_FORMAT,
       Q_COUNTS, Q_STATS, Q_DB, Q_HELP };

static const struct option opts[] = {
	{ "category", required_argument, NULL, Q_CAT },
	{ "overdue", no_argument, NULL, Q_OVERDUE },
	{ "mine", no_argument, NULL, Q_MINE },
	{ "unassigned", no_argument, NULL, Q_UNASSIGNED },
	{ "state", required_argument, NULL, Q_STATE },
	{ "sort", required_argument, NULL, Q_SORT },
	{ "search", required_argument, NULL, Q_SEARCH },
	{ "limit", required_argument, NULL, Q_LIMIT },
	{ "format", required_argument, NULL, Q_FORMAT },
	{ "counts", no_argument, NULL, Q_COUNTS },
	{ "stats", no_argument, NULL, Q_STATS },
	{ "db", required_argument, NULL, Q_DB },
	{ "help", no_argument, NULL, Q_HELP },
	{ NULL, 0, NULL, 0 },
};

struct qargs {
	struct cli cli;
	struct queue_query q;
	long limit;
	int csv, counts, stats, mine;
};

struct bits_arg {
	int (*one)(const char *, int *);
	unsigned bits;
};

static int add_bit(const char *tok, void *arg)
{
	struct bits_arg *b = arg;
	int v;
	if (b->one(tok, &v) < 0)
		return -1;
	b->bits |= 1u << v;
	return 0;
}

/* "admin,agency" or "all" into a bit set; -1 on an unknown name. */
static int parse_list(const char *s, int all_bits, int (*one)(const char *, int *), unsigned *out)
{
	struct bits_arg b = { one, 0 };
	*out = 0;
	if (!strcmp(s, "all")) {
		*out = (unsigned)all_bits;
		return 0;
	}
	if (list_each(s, ",", add_bit, &b))
		return -1;
	*out = b.bits;
	return *out ? 0 : -1;
}

static int one_cat(const char *s, int *v)
{
	enum category c;
	if (category_parse(s, &c) < 0)
		return -1;
	*v = (int)c;
	return 0;
}

static int one_state(const char *s, int *v)
{
	enum task_state t;
	if (task_state_parse(s, &t) < 0)
		return -1;
	*v = (int)t;
	return 0;
}

static int parse_opt(struct qargs *a, int o, const char *arg, struct yerr *e)
{
	char *end;
	switch (o) {
	case Q_CAT:
		if (parse_list(arg, (1 << CAT_N) - 1, one_cat, &a->q.cats) < 0)
			return yerr_set(e, YERR_INPUT,
					_("--category is admin, appraisal or agency, not '%s'"), arg);
		return 0;
	case Q_STATE:
		if (parse_list(arg, (1 << TS_N) - 1, one_state, &a->q.states) < 0)
			return yerr_set(e, YERR_INPUT, _("unknown task state '%s' (waiting, accepted, "
							 "in_review, suspended, decided, delivered, "
							 "closed, ...)"), arg);
		return 0;
	case Q_SORT:
		if (queue_sort_parse(arg, &a->q.sort) < 0)
			return yerr_set(e, YERR_INPUT, _("--sort is deadline, accepted or case, not '%s'"),
					arg);
		return 0;
	case Q_LIMIT:
		errno = 0;
		a->limit = strtol(arg, &end, 10);
		if (*end || end == arg || errno || a->limit < 1 || a->limit > 10000000)
			return yerr_set(e, YERR_INPUT, _("--limit takes a positive number, not '%s'"), arg);
		return 0;
	case Q_FORMAT:
		if (strcmp(arg, "table") && strcmp(arg, "csv"))
			return yerr_set(e, YERR_INPUT, _("--format is table or csv, not '%s'"), arg);
		a->csv = !strcmp(arg, "csv");
		return 0;
	case Q_SEARCH: a->q.search = arg; return 0;
	case Q_OVERDUE: a->q.overdue = 1; return 0;
	case Q_MINE: a->mine = 1; return 0;
	case Q_UNASSIGNED: a->q.unassigned = 1; return 0;
	case Q_COUNTS: a->counts = 1; return 0;
	case Q_STATS: a->stats = 1; return 0;
	}
	return 0;
}

/* 0 parsed, -1 help asked for, else an exit status. */
static int parse(int argc, char **argv, struct qargs *a)
{
	int o;
	struct yerr e;
	yerr_clear(&e);
	optind = 1;
	opterr = 0;
	while ((o = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		if (o == 'd' || o == Q_DB)
			a->cli.db_path = optarg;
		else if (o == 'h' || o == Q_HELP)
			return -1;
		else if (o == ':')
			return cli_usage_error("queue", _("option '%s' needs a value"), argv[optind - 1]);
		else if (o == '?')
			return cli_usage_error("queue", _("unknown option '%s'"), argv[optind - 1]);
		else if (parse_opt(a, o, optarg, &e) < 0)
			return cli_usage_error("queue", "%s", e.msg);
	}
	if (optind < argc)
		return cli_usage_error("queue", _("unexpected argument '%s'"), argv[optind]);
	if (a->counts && a->stats)
		return cli_usage_error("queue", _("--counts and --stats go one at a time"));
	return 0;
}

/* ---- output ---- */

static void table_row(const char *const *f, const int *w, int n)
{
	struct sbuf b = { 0 };
	sbuf_add(&b, "", 0);
	for (int i = 0; i < n; i++) {
		if (i == n - 1)
			sbuf_addstr(&b, f[i]);
		else
			text_cell(&b, f[i], w[i]);
	}
	/* trailing spaces of an empty last cell */
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	puts(b.s);
	sbuf_release(&b);
}

static void out_row(int csv, const char *const *f, const int *w, int n)
{
	if (csv)
		csv_write_row(stdout, f, n);
	else
		table_row(f, w, n);
}

static const char *urg_code(enum urgency u)
{
	return u == URG_RED ? "overdue" : u == URG_YELLOW ? "soon" : "";
}

/* 1 when the row's deadline falls in a year whose 调休 are not published. */
static int unpublished(const struct catalog *c, const struct queue_row *r)
{
	yday due;
	char w[200];
	return r->due[0] && date_parse(r->due, &due, NULL) == 0 &&
	       calendar_unpublished_warning(&c->cal, due, w, sizeof w) != NULL;
}

/* ---- the queue's columns: one table for F3, `yici queue` and its CSV ---- */

#define ROW(v) ((const struct queue_row *)(v))

static const char *q_case(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ROW(r)->case_no;
}
static const char *q_worker(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ROW(r)->worker;
}
static const char *q_item(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ROW(r)->item;
}
static const char *q_state(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)b, (void)n;
	enum task_state ts; /* the clerk's language on screen and table; CSV the code */
	/* on screen and table a flag says more than the state it is in
	 * (decided or delivered); CSV has its own columns */
	if (o != COL_CSV && ROW(r)->countersign_pending)
		return _("to cosign");
	if (o != COL_CSV && ROW(r)->basis_changed[0])
		return _("to recalc");
	return o != COL_CSV && task_state_parse(ROW(r)->state, &ts) == 0 ? task_state_label(ts)
									  : ROW(r)->state;
}
static const char *q_accepted(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ROW(r)->accepted;
}
static const char *q_due(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ROW(r)->due;
}
static const char *q_left(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	const struct queue_row *q = ROW(r);
	if (!q->due[0])
		return "";
	int unpub = unpublished(c, q);
	/* the screen marks urgency in its own column (and colour) */
	snprintf(b, n, o == COL_CSV ? "%d" : "%d%s%s", q->days_left,
		 o == COL_TABLE ? (q->urg == URG_RED ? "!" : q->urg == URG_YELLOW ? "*" : "") : "",
		 unpub ? "?" : "");
	return b;
}
static const char *q_assignee(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ROW(r)->assignee;
}
static const char *q_category(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ROW(r)->category;
}
static const char *q_day_kind(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return day_kind_code(ROW(r)->kind);
}
static const char *q_urgency(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return urg_code(ROW(r)->urg);
}
static const char *q_countersign(const void *r, const void *c, enum col_out o, char *b,
				 size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ROW(r)->countersign_pending ? "pending" : "";
}
static const char *q_basis(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ROW(r)->basis_changed;
}
static const char *q_calendar(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)o, (void)b, (void)n;
	return unpublished(c, ROW(r)) ? "unpublished" : "";
}

const struct column queue_columns[] = {
	{ N_("Case number"), "case_no", 23, q_case },
	{ N_("Worker"), "worker", 7, q_worker },
	{ N_("Item"), "item", 5, q_item },
	{ N_("State"), "state", 10, q_state },
	{ N_("Accepted"), "accepted", 11, q_accepted },
	{ N_("Deadline"), "deadline", 11, q_due },
	{ N_("Left"), "days_left", 6, q_left },
	{ N_("Assignee"), "assignee", 0, q_assignee },
	{ NULL, "category", 0, q_category },
	{ NULL, "day_kind", 0, q_day_kind },
	{ NULL, "urgency", 0, q_urgency },
	{ NULL, "calendar", 0, q_calendar },
	{ NULL, "countersign", 0, q_countersign },
	{ NULL, "basis_changed", 0, q_basis },
};
const int queue_ncolumns = (int)ARRAY_SIZE(queue_columns);

static void print_line(struct sbuf *b)
{
	while (b->len && b->s[b->len - 1] == ' ') /* trailing spaces of an empty last cell */
		b->s[--b->len] = '\0';
	puts(b->s ? b->s : "");
	sbuf_release(b);
}

static int print_rows(const struct catalog *c, const struct qargs *a, const struct queue_row *r,
		      int n)
{
	int marked = 0;
	for (int i = 0; i < n; i++) {
		marked += unpublished(c, &r[i]);
		if (a->csv) {
			const char *f[16];
			char bufs[16][256];
			csv_write_row(stdout, f, columns_csv_row(queue_columns, queue_ncolumns, &r[i], c,
								 f, bufs));
		} else {
			struct sbuf b = { 0 };
			columns_row(&b, queue_columns, queue_ncolumns, &r[i], c, COL_TABLE, 0);
			print_line(&b);
		}
	}
	return marked;
}

static int list(struct db *d, const struct catalog *c, struct qargs *a, struct yerr *e)
{
	if (a->csv) {
		const char *h[16];
		csv_write_row(stdout, h, columns_csv_header(queue_columns, queue_ncolumns, h));
	} else {
		struct sbuf b = { 0 };
		columns_header(&b, queue_columns, queue_ncolumns, 0);
		print_line(&b);
	}
	enum { PAGE = 500 };
	struct queue_row *rows = xcalloc(PAGE, sizeof *rows);
	struct queue_pos pos;
	long done = 0;
	int n, first = 1, marked = 0;
	do {
		int want = a->limit - done < PAGE ? (int)(a->limit - done) : PAGE;
		n = db_queue_page(d, c, &a->q, first ? NULL : &pos, 1, want, rows, e);
		if (n < 0)
			break;
		marked += print_rows(c, a, rows, n);
		done += n;
		if (n)
			pos = rows[n - 1].pos;
		first = 0;
	} while (n == PAGE && done < a->limit);
	free(rows);
	if (marked && !a->csv)
		printf(_("? the deadline falls in a year whose holiday arrangement (调休) is not "
			 "published yet: statutory days off and weekends only\n"));
	return n < 0 ? -1 : 0;
}

/* An office in a table: its word in the reader's language (行政, or
 * Administrative); in CSV its stable code. */
static const char *office_cell(const char *code, int csv)
{
	return csv ? code : category_word(code);
}

static int counts(struct db *d, const struct qargs *a, struct yerr *e)
{
	static const int w[] = { 16, 8, 10, 9, 11, 9, 6 };
	const char *csvh[] = { "category", "open", "due_soon", "overdue", "suspended", "waiting",
			       "ready" };
	const char *tabh[] = { _("Office"), _("Open"), _("Due soon"), _("Overdue"), _("Suspended"),
			       _("Waiting"), _("Ready") };
	out_row(a->csv, a->csv ? csvh : tabh, w, 7);
	for (int ci = 0; ci < CAT_N; ci++) {
		if (a->q.cats && !(a->q.cats & (1u << ci)))
			continue;
		struct queue_counts k;
		if (db_queue_counts(d, (enum category)ci, &a->q.th, &k, e) < 0)
			return -1;
		char v[6][24];
		long x[6] = { k.open, k.soon, k.overdue, k.suspended, k.waiting, k.ready };
		for (int i = 0; i < 6; i++)
			snprintf(v[i], sizeof v[i], "%ld", x[i]);
		const char *f[] = { office_cell(category_code((enum category)ci), a->csv), v[0], v[1],
				    v[2], v[3], v[4], v[5] };
		out_row(a->csv, f, w, 7);
	}
	return 0;
}

static int stats(struct db *d, const struct qargs *a, struct yerr *e)
{
	static const int w[] = { 16, 12, 7, 9, 9, 11, 8 };
	const char *csvh[] = { "category", "officer", "open", "overdue", "due_3_days",
			       "decided_this_week", "median_days" };
	const char *tabh[] = { _("Office"), _("Officer"), _("Open"), _("Overdue"), _("Due ≤3d"),
			       _("This week"), _("Median") };
	struct queue_stat *s;
	int n;
	if (db_queue_stats(d, &a->q.th, &s, &n, e) < 0)
		return -1;
	out_row(a->csv, a->csv ? csvh : tabh, w, 7);
	for (int i = 0; i < n; i++) {
		char v[5][24];
		snprintf(v[0], sizeof v[0], "%ld", s[i].open);
		snprintf(v[1], sizeof v[1], "%ld", s[i].overdue);
		snprintf(v[2], sizeof v[2], "%ld", s[i].due3);
		snprintf(v[3], sizeof v[3], "%ld", s[i].done_week);
		if (s[i].median_days < 0)
			v[4][0] = '\0';
		else
			snprintf(v[4], sizeof v[4], "%.1f", s[i].median_days);
		const char *f[] = { office_cell(s[i].category, a->csv), s[i].officer[0] ? s[i].officer : "*", v[0], v[1],
				    v[2], v[3], v[4] };
		out_row(a->csv, f, w, 7);
	}
	free(s);
	return 0;
}

static int run(struct qargs *a)
{
	struct staff me;
	struct actor ac;
	struct yerr e;
	yerr_clear(&e);
	struct catalog cat;
	struct db *d = cli_open_reader(&a->cli, &me, &ac, &cat);
	if (!d)
		return EXIT_FAIL;
	if (a->mine)
		a->q.assignee = ac.login;
	int rc = queue_thresholds(d, &cat, &a->q.th, &e);
	if (rc == 0)
		rc = a->counts ? counts(d, a, &e) : a->stats ? stats(d, a, &e) : list(d, &cat, a, &e);
	fflush(stdout);
	catalog_release(&cat);
	db_close(d);
	return rc < 0 ? cli_fail(&e) : EXIT_OK;
}

int cmd_queue(const struct cli *c, int argc, char **argv)
{
	struct qargs a = { .cli = *c, .limit = 100 };
	int rc = parse(argc, argv, &a);
	if (rc == -1) {
		queue_help();
		return EXIT_OK;
	}
	return rc ? rc : run(&a);
}
