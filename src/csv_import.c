/* csv_import.c — importing what the provincial systems send back:
 * applications.csv (online applications into the inbox, db_inbox.h),
 * results.csv (decisions for our tasks), shared_materials.csv (documents
 * from data sharing) and evaluations.csv.  One streaming pass with the
 * strict reader: every row is validated, bad rows go to <file>.rejects.csv,
 * keys make a second import change nothing.  The good rows are applied in
 * one transaction, except applications, which are committed every 200 ms
 * once the file's structure is known (db_import_step); their rows are
 * stored by a second thread while the first reads and validates, and the
 * structure is read by a third.
 * Layer: csv.
 * Why one file of over 800 lines: the four files the province sends share
 * one streaming pass, the rejects writer and the replies; each file's rows
 * are a section of their own (marked ----), and so are the applications'
 * two threads, which share struct imp with the rows they serve.
 */
#include "csv_exchange.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core_case.h"
#include "core_date.h"
#include "core_task.h"
#include "core_validate.h"
#include "csv_read.h"
#include "csv_write.h"
#include "db_application.h"
#include "db_casefile.h"
#include "db_followup.h"
#include "db_inbox.h"
#include "db_ledger.h"
#include "db_task.h"
#include "i18n.h"
#include "util_file.h"

#define MAX_COLS 64
#define KEY_MAX 64

/* The columns a file must have, in the order the code refers to them. */
static const char *const app_cols[] = {
	"ext_id", "submitted_at", "kind", "worker_name", "worker_id_number", "worker_phone",
	"employer_name", "employer_credit_code", "accident_date", "accident_place",
	"description", "items", "materials", "applicant_name", "applicant_id_number",
	"applicant_phone", "applicant_relation",
};
enum { RC_RESULT_ID, RC_CASE_NO, RC_ITEM, RC_DECIDED_AT, RC_OUTCOME, RC_GRADE, RC_CARE,
       RC_AMOUNT, RC_DOCUMENT_NO, RC_OFFICER, RC_NOTE, RC_N };
static const char *const result_cols[RC_N] = {
	"result_id", "case_no", "item", "decided_at", "outcome", "grade", "care_level",
	"amount_fen", "document_no", "officer", "note",
};
enum { SC_SHARE_ID, SC_ID_NUMBER, SC_MATERIAL, SC_SOURCE, SC_DOCUMENT_NO, SC_ISSUED_AT,
       SC_N };
static const char *const share_cols[SC_N] = {
	"share_id", "id_number", "material", "source", "document_no", "issued_at",
};

enum { EC_EVAL_ID, EC_CASE_NO, EC_RATING, EC_CHANNEL, EC_COMMENT, EC_N };
static const char *const eval_cols[EC_N] = {
	"eval_id", "case_no", "rating", "channel", "comment",
};

static const struct kind_info {
	const char *file;
	enum import_kind kind;
	const char *const *cols;
	int ncols;
} kinds[] = {
	{ "applications.csv", IMP_APPLICATION, app_cols, (int)ARRAY_SIZE(app_cols) },
	{ "results.csv", IMP_RESULT, result_cols, RC_N },
	{ "shared_materials.csv", IMP_SHARE, share_cols, SC_N },
	{ "evaluations.csv", IMP_EVALUATION, eval_cols, EC_N },
};

static const struct kind_info *kind_of(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(base, kinds[i].file))
			return &kinds[i];
	return NULL;
}

/* One import in progress. */
/* Rows between two folds of the ledger's pending records into `ledger`
 * inside the import's transaction: what the pending table holds (every
 * changed row's values) stays this size, not the file's. */
#define IMPORT_FOLD_ROWS 2000
/* Online applications commit every so often (db_import_step), so that a
 * clerk's write waits a fraction of a second, not the whole import. */
#define IMPORT_STEP_ROWS 20000
#define IMPORT_STEP_MS 200

struct imp {
	long since_fold;        /* rows written since the last fold */
	struct db *d;
	const struct catalog *c;
	const struct actor *a;
	const struct import_opts *o;
	struct import_result *r;
	struct yerr *e;
	const struct kind_info *k;
	const char *path;
	int64_t log_id;
	int ncols;                /* fields per record (the header's) */
	int col[MAX_COLS];        /* index in the record of k->cols[i] */
	char **hdr;               /* header names, for the rejects file */
	const char *fkey[MAX_COLS]; /* applications: the form key of each column, or NULL */
	unsigned char *skip;      /* applications: per form field, 1 when no column holds it */
	/* applications: the chain of the rows' digests (db_inbox.h); with
	 * chunked, a commit every IMPORT_STEP_ROWS rows or IMPORT_STEP_MS */
	struct inbox_chain chain;
	struct prior *prior;      /* applications: one, reused row after row */
	int prior_used;           /* ... and filled by the last row */
	int chunked;
	int pipe_tried;
	struct scan *scan;        /* chunked: the structure read beside the import */
	struct pipe *pipe;        /* chunked: the rows stored by a second thread */
	struct yerr *fe;          /* the reading thread's errors (x->e without a pipe) */
	struct yerr fe_own;
	long since_step, steps;
	struct timespec step_at;
	/* a savepoint per row (results, shared documents, evaluations); an
	 * application is one INSERT and needs none */
	int fast;
	long restart_line;        /* fast pass: a row failed after it began writing */
	long quiet_upto;          /* second pass: rejects before this line were reported */
	int fatal;                /* a structural error: e is set */
	int db_failed;            /* a database failure: e is set */
	FILE *rej;
	FILE *rep;                /* applications: replies.csv for the platform, being written */
	char *rep_tmp;
	struct private_file rej_file; /* FILE.rejects.csv: full IDs and phones */
	long shown;               /* rejects reported through on_reject */
};

/* A bad row: why, and in which field. */
struct bad {
	const char *field;
	char why[512];
};

static int bad_set(struct bad *b, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int bad_set(struct bad *b, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	b->field = field;
	vsnprintf(b->why, sizeof b->why, fmt, ap);
	va_end(ap);
	return -1;
}

static int bad_from(struct bad *b, const char *field, const struct yerr *e)
{
	return bad_set(b, field, "%s", e->msg);
}

static const char *fld(const struct imp *x, const struct csv_record *rec, int i)
{
	return rec->field[x->col[i]];
}

/* ---- the header ---- */

/* applications.csv columns are form keys with '_' for the first '.'
 * (worker_id_number = worker.id_number), plus kind and description. */
static void map_form_keys(struct imp *x, const struct csv_record *rec)
{
	for (int i = 0; i < rec->n && i < MAX_COLS; i++)
		x->fkey[i] = application_column_key(x->c, rec->field[i]);
	/* app_check reports only problems of fields the file carries: the
	 * others need not be checked at all */
	x->skip = xcalloc((size_t)x->c->nfields + 1, 1);
	for (int f = 0; f < x->c->nfields; f++) {
		x->skip[f] = 1;
		for (int i = 0; i < rec->n && i < MAX_COLS; i++)
			if (x->fkey[i] && !strcmp(x->fkey[i], x->c->fields[f].key))
				x->skip[f] = 0;
	}
}

static int header(struct imp *x, const struct csv_record *rec)
{
	if (rec->n > MAX_COLS)
		return yerr_set(x->e, YERR_INPUT, _("%s:%ld: more than %d columns"), x->path,
				rec->line, MAX_COLS);
	for (int i = 0; i < rec->n; i++)
		for (int j = 0; j < i; j++)
			if (!strcmp(rec->field[i], rec->field[j]))
				return yerr_set(x->e, YERR_INPUT, _("%s:%ld: column '%s' appears twice"),
						x->path, rec->line, rec->field[i]);
	for (int i = 0; i < x->k->ncols; i++) {
		x->col[i] = csv_header_index(rec, x->k->cols[i]);
		if (x->col[i] < 0)
			return yerr_set(x->e, YERR_INPUT, _("%s:%ld: required column '%s' is missing"),
					x->path, rec->line, x->k->cols[i]);
	}
	x->ncols = rec->n;
	if (x->k->kind == IMP_APPLICATION)
		map_form_keys(x, rec);
	x->hdr = xcalloc((size_t)rec->n, sizeof *x->hdr);
	for (int i = 0; i < rec->n; i++)
		x->hdr[i] = xstrdup(rec->field[i]);
	if (x->k->kind == IMP_APPLICATION && !x->o->dry_run &&
	    db_inbox_columns(x->d, x->log_id, (const char *const *)x->hdr, rec->n, x->e) < 0)
		return x->db_failed = 1, 0;
	return 0;
}

/* ---- the rejects file ---- */

static int rejects_open(struct imp *x)
{
	char *final = xasprintf("%s.rejects.csv", x->path);
	int rc0 = file_private_open(&x->rej_file, final, FILE_MODE_GROUP_READ, x->e);
	free(final);
	if (rc0 < 0)
		return -1;
	x->rej = file_private_stream(&x->rej_file, x->e);
	if (!x->rej) {
		file_private_abort(&x->rej_file);
		return -1;
	}
	const char **h = xcalloc((size_t)x->ncols + 3, sizeof *h);
	for (int i = 0; i < x->ncols; i++)
		h[i] = x->hdr[i];
	h[x->ncols] = "line";
	h[x->ncols + 1] = "field";
	h[x->ncols + 2] = "reason";
	int rc = csv_write_row(x->rej, h, x->ncols + 3);
	free(h);
	return rc;
}

/* ---- the replies file (applications): one row per application for the
 * platform, received or rejected with line, field and reason ---- */

static const char *const reply_cols[] = { "ext_id", "status", "line", "field", "reason" };

static char *replies_path(const struct imp *x, int tmp)
{
	const char *slash = strrchr(x->path, '/');
	int n = slash ? (int)(slash - x->path) + 1 : 0;
	return xasprintf("%.*sreplies.csv%s", n, x->path, tmp ? ".tmp" : "");
}

static void reply(struct imp *x, const struct csv_record *rec, const struct bad *b)
{
	if (x->k->kind != IMP_APPLICATION || x->o->dry_run || x->db_failed)
		return;
	if (!x->rep) {
		x->rep_tmp = replies_path(x, 1);
		/* the replies hold applicants' names: a private file, never
		 * through a planted symlink (util_file.h) */
		unlink(x->rep_tmp); /* a killed run's leftover, or a planted link: not followed */
		x->rep = file_create_stream(x->rep_tmp, FILE_MODE_GROUP_READ, x->e);
		if (!x->rep || csv_write_row(x->rep, reply_cols, 5) < 0) {
			yerr_set(x->e, YERR_IO, _("cannot create '%s': %s"), x->rep_tmp,
				 strerror(errno));
			x->db_failed = 1;
			return;
		}
	}
	char line[24], *l = line + sizeof line; /* the line number, written backwards */
	*--l = '\0';
	for (unsigned long v = (unsigned long)rec->line; l == line + sizeof line - 1 || v; v /= 10)
		*--l = (char)('0' + v % 10);
	const char *v[5] = { rec->field[x->col[0]], b ? "rejected" : "received", l,
			     b ? b->field : "", b ? b->why : "" };
	if (csv_write_row(x->rep, v, 5) < 0) {
		yerr_set(x->e, YERR_IO, _("cannot write '%s': %s"), x->rep_tmp, strerror(errno));
		x->db_failed = 1;
	}
}

/* A file rejected as a whole: every row it named is rejected, with why. */
struct rewrite {
	FILE *out;
	const char *why;
	int failed;
};

static int rewrite_row(const struct csv_record *rec, void *arg)
{
	struct rewrite *w = arg;
	if (rec->n != 5)
		return w->failed = 1;
	const char *v[5] = { rec->field[0], rec->field[1], rec->field[2], rec->field[3],
			     rec->field[4] };
	if (rec->recno > 1 && !strcmp(v[1], "received")) {
		v[1] = "rejected";
		v[3] = "";
		v[4] = w->why;
	}
	if (csv_write_row(w->out, v, 5) < 0)
		return w->failed = 1;
	return 0;
}

/* Puts replies.csv in place (every row rejected when whole), or drops it. */
static int replies_close(struct imp *x, int keep, int whole)
{
	if (!x->rep)
		return 0;
	int rc = fflush(x->rep) != 0 || fsync(fileno(x->rep)) < 0 ? -1 : 0;
	if (fclose(x->rep) != 0)
		rc = -1;
	x->rep = NULL;
	char *final = replies_path(x, 0);
	if (rc == 0 && keep && whole) {
		char *t2 = xasprintf("%s.2", x->rep_tmp);
		struct yerr ce;
		yerr_clear(&ce);
		unlink(t2);
		struct rewrite w = { file_create_stream(t2, FILE_MODE_GROUP_READ, &ce), x->e->msg[0] ? x->e->msg
								   : _("the file was rejected as a whole"), 0 };
		struct yerr e2;
		if (!w.out || csv_read_file(x->rep_tmp, NULL, NULL, rewrite_row, &w, &e2) != 0 ||
		    w.failed || fflush(w.out) != 0 || fsync(fileno(w.out)) < 0)
			rc = -1;
		if (w.out && fclose(w.out) != 0)
			rc = -1;
		if (rc == 0 && rename(t2, x->rep_tmp) < 0)
			rc = -1;
		unlink(t2);
		free(t2);
	}
	if (rc == 0 && keep && rename(x->rep_tmp, final) < 0)
		rc = -1;
	if (rc == 0 && keep)
		snprintf(x->r->replies, sizeof x->r->replies, "%s", final);
	if (rc < 0 || !keep)
		unlink(x->rep_tmp);
	free(final);
	return rc;
}

static void reject(struct imp *x, const struct csv_record *rec, const struct bad *b)
{
	reply(x, rec, b);
	x->r->rejected++;
	char *msg = xasprintf("%s:%ld: %s: %s", x->path, rec->line, b->field, b->why);
	if (x->o->on_reject && rec->line >= x->quiet_upto)
		x->o->on_reject(msg, x->o->arg);
	free(msg);
	if (x->o->dry_run)
		return;
	if (!x->rej && rejects_open(x) < 0) {
		x->db_failed = 1;
		return;
	}
	const char **v = xcalloc((size_t)x->ncols + 3, sizeof *v);
	char line[32];
	snprintf(line, sizeof line, "%ld", rec->line);
	for (int i = 0; i < x->ncols; i++)
		v[i] = rec->field[i];
	v[x->ncols] = line;
	v[x->ncols + 1] = b->field;
	v[x->ncols + 2] = b->why;
	if (csv_write_row(x->rej, v, x->ncols + 3) < 0) {
		yerr_set(x->e, YERR_IO, _("cannot write '%s': %s"), x->rej_file.tmp, strerror(errno));
		x->db_failed = 1;
	}
	free(v);
}

/* Keeps the rejects file when rows were rejected, else removes any old one. */
static int rejects_close(struct imp *x, int keep)
{
	char *final = xasprintf("%s.rejects.csv", x->path);
	int rc = 0;
	if (x->rej) {
		struct yerr ce;
		yerr_clear(&ce);
		x->rej = NULL;
		if (!keep)
			file_private_abort(&x->rej_file);
		else if ((rc = file_private_commit(&x->rej_file, &ce)) == 0)
			snprintf(x->r->rejects, sizeof x->r->rejects, "%s", final);
	} else if (keep == 0 && !x->o->dry_run) {
		unlink(final);
	}
	free(final);
	return rc;
}

/* ---- shared_materials.csv ---- */

static int text_ok(struct bad *b, const char *field, const char *v, size_t max, int required)
{
	if (required && !*v)
		return bad_set(b, field, _("is empty"));
	if (utf8_len(v) > max)
		return bad_set(b, field, _("is longer than %zu characters"), max);
	return 0;
}

/* A date, or a date and time, not after today; the date part in out. */
static int day_ok(struct bad *b, const char *field, const char *v, char out[11])
{
	struct yerr e;
	ytime t;
	if (!*v)
		return bad_set(b, field, _("is empty"));
	if (time_parse(v, &t, &e) < 0)
		return bad_from(b, field, &e);
	if (t > clock_now() && time_day(t) > clock_today())
		return bad_set(b, field, _("%s is in the future"), v);
	date_format(time_day(t), out);
	return 0;
}

static int id_ok(struct bad *b, const char *field, const char *v, char out[19])
{
	struct yerr e;
	if (validate_citizen_id(v, &e) < 0)
		return bad_from(b, field, &e);
	snprintf(out, 19, "%s", v);
	if (out[17] == 'x')
		out[17] = 'X';
	return 0;
}

static int share_row(struct imp *x, const struct csv_record *rec, struct bad *b)
{
	char id[19], issued[11];
	struct share_row s = {
		.share_id = fld(x, rec, SC_SHARE_ID), .id_number = id,
		.material = fld(x, rec, SC_MATERIAL), .source = fld(x, rec, SC_SOURCE),
		.document_no = fld(x, rec, SC_DOCUMENT_NO), .issued_at = issued,
	};
	if (text_ok(b, "share_id", s.share_id, KEY_MAX, 1) < 0 ||
	    id_ok(b, "id_number", fld(x, rec, SC_ID_NUMBER), id) < 0)
		return -1;
	if (catalog_material_index(x->c, s.material) < 0)
		return bad_set(b, "material", _("unknown material code '%s' (M01-M20)"), s.material);
	if (text_ok(b, "source", s.source, 100, 1) < 0 ||
	    text_ok(b, "document_no", s.document_no, 96, 1) < 0 ||
	    day_ok(b, "issued_at", fld(x, rec, SC_ISSUED_AT), issued) < 0)
		return -1;
	int n;
	if (db_import_share(x->d, x->a, &s, &n, x->e) < 0)
		return bad_from(b, "share_id", x->e);
	return 0;
}

/* ---- results.csv ---- */

static int int_ok(struct bad *b, const char *field, const char *v, long long lo, long long hi,
		  long long *out)
{
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi || (*v != '-' && (*v < '0' || *v > '9')))
		return bad_set(b, field, _("'%s' is not a whole number from %lld to %lld"), v, lo,
			       hi);
	*out = n;
	return 0;
}

/* The decision a row carries, checked field by field. */
static int result_decision(struct imp *x, const struct csv_record *rec, int item,
			   struct decision *dc, char day[11], char *note, size_t notelen,
			   struct bad *b)
{
	const struct item *it = &x->c->items[item];
	enum outcome out;
	long long v;
	dc->outcome = fld(x, rec, RC_OUTCOME);
	if (outcome_parse(dc->outcome, &out) < 0 || !(task_outcomes(it) & (1u << out)))
		return bad_set(b, "outcome", _("'%s' is not an outcome of %s"), dc->outcome, it->code);
	if (day_ok(b, "decided_at", fld(x, rec, RC_DECIDED_AT), day) < 0)
		return -1;
	dc->decided_on = day;
	if (*fld(x, rec, RC_GRADE) && int_ok(b, "grade", fld(x, rec, RC_GRADE), 1, 10, &v) < 0)
		return -1;
	dc->grade = *fld(x, rec, RC_GRADE) ? (int)v : 0;
	if (*fld(x, rec, RC_CARE) && int_ok(b, "care_level", fld(x, rec, RC_CARE), 0, 3, &v) < 0)
		return -1;
	dc->care_level = *fld(x, rec, RC_CARE) ? (int)v : 0;
	dc->amount_fen = -1;
	if (*fld(x, rec, RC_AMOUNT) &&
	    int_ok(b, "amount_fen", fld(x, rec, RC_AMOUNT), 0, 100000000000LL, &v) < 0)
		return -1;
	if (*fld(x, rec, RC_AMOUNT))
		dc->amount_fen = v;
	dc->document_no = fld(x, rec, RC_DOCUMENT_NO);
	if (text_ok(b, "document_no", dc->document_no, 96, 0) < 0 ||
	    text_ok(b, "officer", fld(x, rec, RC_OFFICER), 64, 1) < 0 ||
	    text_ok(b, "note", fld(x, rec, RC_NOTE), 500, 0) < 0)
		return -1;
	/* the payment reference of an approval is its document number */
	dc->payment_ref = *dc->document_no ? dc->document_no : fld(x, rec, RC_RESULT_ID);
	dc->reason = fld(x, rec, RC_NOTE);
	snprintf(note, notelen, _("decided in the provincial system by %s (result %s)"),
		 fld(x, rec, RC_OFFICER), fld(x, rec, RC_RESULT_ID));
	dc->note = note;
	struct task_decision_in in = {
		.outcome = out, .grade = dc->grade, .care_level = dc->care_level,
		.amount_fen = dc->amount_fen, .payment_ref = dc->payment_ref,
		.document_no = dc->document_no, .reason = dc->reason,
	};
	struct yerr e;
	const char *f;
	if (task_decision_check(it, it->code, &in, &f, &e) < 0)
		/* the file's column for each member: the reason is the note, the
		 * payment reference the document number */
		return bad_from(b, !strcmp(f, "reason") ? "note" : !strcmp(f, "payment_ref")
				   ? "document_no" : f, &e);
	return 0;
}

static int result_row(struct imp *x, const struct csv_record *rec, struct bad *b,
		      int64_t *case_id)
{
	struct yerr e;
	const char *case_no = fld(x, rec, RC_CASE_NO), *code = fld(x, rec, RC_ITEM);
	if (text_ok(b, "result_id", fld(x, rec, RC_RESULT_ID), KEY_MAX, 1) < 0)
		return -1;
	if (case_no_parse(case_no, NULL, NULL, NULL, &e) < 0)
		return bad_from(b, "case_no", &e);
	int item = catalog_item_index(x->c, code);
	if (item < 0)
		return bad_set(b, "item", _("unknown item code '%s'"), code);
	struct decision dc = { 0 };
	char day[11], note[256];
	if (result_decision(x, rec, item, &dc, day, note, sizeof note, b) < 0)
		return -1;
	int64_t task;
	int rc = db_import_find_task(x->d, case_no, code, &task, case_id, x->e);
	if (rc < 0)
		return bad_from(b, "case_no", x->e);
	if (rc == 1)
		return bad_set(b, "case_no", _("no case %s in this database"), case_no);
	if (rc > 0)
		return bad_set(b, "item", _("case %s has no %s task"), case_no, code);
	/* results.csv carries the province's decisions: the service login that
	 * imports it records them as the system, and decides nothing itself */
	struct actor imp = *x->a;
	if (imp.role == ROLE_SERVICE)
		imp.role = ROLE_IMPORT;
	dc.province = 1;
	if (db_task_decide(x->d, &imp, task, &dc, 0, &e) < 0)
		return bad_from(b, "outcome", &e);
	return 0;
}

/* ---- evaluations.csv (好差评 the platform collected) ---- */

static int eval_row(struct imp *x, const struct csv_record *rec, struct bad *b,
		    int64_t *case_id)
{
	const char *case_no = fld(x, rec, EC_CASE_NO), *ch = fld(x, rec, EC_CHANNEL);
	long long rating;
	struct yerr e;
	if (text_ok(b, "eval_id", fld(x, rec, EC_EVAL_ID), KEY_MAX, 1) < 0)
		return -1;
	if (case_no_parse(case_no, NULL, NULL, NULL, &e) < 0)
		return bad_from(b, "case_no", &e);
	if (int_ok(b, "rating", fld(x, rec, EC_RATING), 1, 5, &rating) < 0)
		return -1;
	if (strcmp(ch, "sms") && strcmp(ch, "online"))
		return bad_set(b, "channel", _("'%s' is not sms or online (a rating on the pad is "
					       "entered at the window)"), ch);
	if (text_ok(b, "comment", fld(x, rec, EC_COMMENT), 500, 0) < 0)
		return -1;
	struct actor imp = *x->a;
	if (imp.role == ROLE_SERVICE)
		imp.role = ROLE_IMPORT;
	struct eval_source src = { ch, fld(x, rec, EC_EVAL_ID), x->log_id };
	yerr_clear(&e);
	if (db_evaluate_from(x->d, x->c, &imp, case_no, (int)rating, fld(x, rec, EC_COMMENT), &src,
			     NULL, &e) < 0)
		return bad_from(b, e.code == YERR_NOTFOUND || e.code == YERR_STATE ? "case_no"
										  : "rating", &e);
	*case_id = 0;
	return 0;
}

/* ---- applications.csv: into the inbox ---- */

enum { AC_EXT_ID, AC_SUBMITTED_AT, AC_KIND, AC_WORKER_NAME, AC_WORKER_ID, AC_WORKER_PHONE,
       AC_EMPLOYER_NAME, AC_CREDIT_CODE, AC_ACCIDENT_DATE, AC_PLACE, AC_DESCRIPTION,
       AC_ITEMS, AC_MATERIALS, AC_APPL_NAME, AC_APPL_ID, AC_APPL_PHONE, AC_APPL_RELATION };

/* Fills the application from the row, as the window will when it opens
 * the row (application_from_columns); field-level problems in b. */
static int app_fill(struct imp *x, const struct csv_record *rec, struct application *ap,
		    struct bad *b)
{
	char sub[11];
	if (text_ok(b, "ext_id", fld(x, rec, AC_EXT_ID), KEY_MAX, 1) < 0 ||
	    day_ok(b, "submitted_at", fld(x, rec, AC_SUBMITTED_AT), sub) < 0)
		return -1;
	const char *col = "";
	if (application_from_columns(x->c, (const char *const *)x->hdr, x->fkey,
				     (const char *const *)rec->field, x->ncols, ap, &col, b->why,
				     sizeof b->why) < 0) {
		b->field = col;
		return -1;
	}
	return 0;
}

/* The form's validators; problems with fields the file does not carry
 * are left for the clerk who checks the intake. */
static int app_check(struct imp *x, const struct application *ap, const struct prior *p,
		     struct bad *b)
{
	char **errs;
	int n = application_check_some(x->c, ap, p, x->skip, &errs), rc = 0;
	for (int i = 0; i < n; i++) {
		size_t kl = strcspn(errs[i], ":");
		const char *col = NULL;
		if (!strncmp(errs[i], "items", kl) || !strncmp(errs[i], "materials", kl))
			col = kl == 5 ? "items" : "materials";
		for (int c = 0; !col && c < x->ncols; c++)
			if (x->fkey[c] && strlen(x->fkey[c]) == kl && !strncmp(errs[i], x->fkey[c], kl))
				col = x->hdr[c];
		if (col && !rc)
			rc = bad_set(b, col, "%s", errs[i] + kl + (errs[i][kl] ? 2 : 0));
		free(errs[i]);
	}
	free(errs);
	return rc;
}

/* Validates the row and adds it to the inbox: nothing else is written
 * until the window opens it.  The checks that read the database (the
 * case it follows; the worker's earlier decisions when the row fails
 * without them) are those the window's F9 makes again. */
static int app_prior(struct imp *x, const struct application *ap, struct prior *p);

static int app_row(struct imp *x, const struct csv_record *rec, struct bad *b)
{
	struct application ap;
	application_init(&ap);
	/* most rows need no earlier decisions: the prior is cleared only
	 * after a row that read some */
	if (!x->prior)
		x->prior = xcalloc(1, sizeof *x->prior);
	else if (x->prior_used)
		memset(x->prior, 0, sizeof *x->prior);
	struct prior *p = x->prior;
	x->prior_used = 0;
	int rc = app_fill(x, rec, &ap, b);
	if (rc == 0 && ap.follows[0] && (x->prior_used = 1) && app_prior(x, &ap, p) < 0)
		rc = bad_from(b, "follows", x->fe);
	if (rc == 0 && app_check(x, &ap, p, b) < 0) {
		/* a prerequisite decided in another case of the same accident */
		struct bad b2 = { 0 };
		x->prior_used = 1;
		rc = ap.follows[0] || app_prior(x, &ap, p) < 0 || app_check(x, &ap, p, &b2) < 0
			     ? -1 : 0;
	}
	application_release(&ap);
	return rc;
}

/* Adds a validated row to the inbox (*dup as db_inbox_add's). */
static int app_store(struct imp *x, const struct csv_record *rec, struct bad *b, int *dup)
{
	struct inbox_in in = {
		.values = (const char *const *)rec->field, .n = x->ncols,
		.ext_id = fld(x, rec, AC_EXT_ID), .submitted_at = fld(x, rec, AC_SUBMITTED_AT),
		.line = rec->line, .log_id = x->log_id,
	};
	*dup = db_inbox_add(x->d, &in, &x->chain, x->e);
	if (*dup < 0) {
		/* the one statement failed alone (a constraint): the row is
		 * rejected with the database's reason; an ended transaction
		 * fails the import */
		if (!db_import_active(x->d))
			return x->db_failed = 1, -1;
		bad_from(b, "ext_id", x->e);
		yerr_clear(x->e);
		return -1;
	}
	if (*dup == 2)
		return bad_set(b, "ext_id", _("'%s' appears twice in this file"), in.ext_id);
	return 0;
}

/* ---- one row ---- */

static const char *key_field(const struct imp *x)
{
	return x->k->cols[0];
}

/* Validates and applies one data row (a result, a shared document, an
 * evaluation) and records its key. */
static int apply_row(struct imp *x, const struct csv_record *rec, struct bad *b)
{
	int64_t case_id = 0;
	int rc;
	switch (x->k->kind) {
	case IMP_SHARE: rc = share_row(x, rec, b); break;
	case IMP_RESULT: rc = result_row(x, rec, b, &case_id); break;
	default: return eval_row(x, rec, b, &case_id); /* its row is the key */
	}
	if (rc < 0)
		return -1;
	if (db_import_key_add(x->d, x->k->kind, rec->field[x->col[0]], x->log_id, case_id,
			      x->e) < 0)
		return bad_from(b, key_field(x), x->e);
	return 0;
}

static int ended(struct imp *x, const struct csv_record *rec, const struct bad *b)
{
	if (db_import_active(x->d))
		return 0;
	yerr_set(x->e, YERR_DB, _("%s:%ld: the import's transaction was ended while "
				  "applying the row (%s); nothing was applied"),
		 x->path, rec->line, b->why);
	return x->db_failed = 1;
}

/* One row's outcome in the summary, or in the rejects file. */
static void tally(struct imp *x, const struct csv_record *rec, const struct bad *b, int ok)
{
	if (ok) {
		x->r->applied++;
		reply(x, rec, NULL);
	} else {
		reject(x, rec, b);
	}
}

/* One row alone inside its own savepoint. */
static int row_alone(struct imp *x, const struct csv_record *rec)
{
	struct bad b = { 0 };
	if (db_import_row_begin(x->d, x->e) < 0)
		return x->db_failed = 1;
	int ok = apply_row(x, rec, &b) == 0;
	if (ended(x, rec, &b))
		return -1;
	db_import_row_end(x->d, ok);
	tally(x, rec, &b, ok);
	return 0;
}

static long ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

static int scan_wait(struct imp *x);
static int app_step(struct imp *x, long read);

/* Stores one validated application and commits every so often; read is
 * the count of rows read up to it. */
static int app_commit_row(struct imp *x, const struct csv_record *rec, long read)
{
	struct bad b = { 0 };
	int dup = 0;
	int rc = app_store(x, rec, &b, &dup);
	if (x->db_failed)
		return -1;
	if (rc == 0 && dup == 1) {
		x->r->skipped++;
		reply(x, rec, NULL); /* received by an earlier import */
	} else {
		tally(x, rec, &b, rc == 0);
	}
	return app_step(x, read);
}

/* Every IMPORT_STEP_ROWS rows or IMPORT_STEP_MS, the import commits. */
static int app_step(struct imp *x, long read)
{
	if (x->chunked && (++x->since_step >= IMPORT_STEP_ROWS ||
			   ((x->since_step & 255) == 0 && ms_since(&x->step_at) >= IMPORT_STEP_MS))) {
		struct import_counts n = { read, x->r->applied, x->r->skipped, x->r->rejected };
		/* nothing is committed before the whole file's structure is
		 * known; a file that fails it goes on as one transaction, as
		 * if it had been read first, and is rejected at its bad row */
		if (!x->steps && scan_wait(x)) {
			x->chunked = 0;
			return 0;
		}
		if (db_inbox_chain_save(x->d, x->log_id, &x->chain, x->e) < 0 ||
		    db_import_step(x->d, x->log_id, &n, x->e) < 0)
			return x->db_failed = 1, -1;
		x->since_step = 0;
		x->steps++;
		clock_gettime(CLOCK_MONOTONIC, &x->step_at);
	}
	return 0;
}

/* ---- two threads (applications, committed as they go) ----
 * The thread that reads the file parses and validates each row; a second
 * one stores it (its JSON, its digest, the INSERT, the commits, the
 * rejects and replies files), in the order of the file, through a ring of
 * PIPE_SLOTS rows (about 2 MB: enough that the reader goes on validating
 * while a commit's checkpoint waits for the disk): memory stays flat and
 * the second core does the database's share.  One lock keeps the
 * connection to one thread at a time (the reader reads a worker's earlier
 * decisions through it). */
enum { PI_ROW, PI_REJECT, PI_END };
#define PIPE_SLOTS 2048

struct pipe_item {
	int kind;
	long line, read;
	struct bad b;
	struct sbuf vals;         /* the row's values, each NUL-terminated */
	char **field;
	int nfield;
};

struct pipe {
	pthread_mutex_t mu, db;   /* the ring; the connection */
	pthread_cond_t filled, emptied;
	struct pipe_item slot[PIPE_SLOTS];
	long put, taken;
	atomic_int stop;          /* the storing thread failed: the reader stops */
	pthread_t thread;
};

static void pipe_put(struct imp *x, const struct csv_record *rec, int kind, const struct bad *b)
{
	struct pipe *pp = x->pipe;
	pthread_mutex_lock(&pp->mu);
	while (pp->put - pp->taken == PIPE_SLOTS)
		pthread_cond_wait(&pp->emptied, &pp->mu);
	struct pipe_item *it = &pp->slot[pp->put % PIPE_SLOTS];
	pthread_mutex_unlock(&pp->mu);
	/* the slot is the reader's until it is counted as put */
	it->kind = kind;
	it->line = rec ? rec->line : 0;
	it->read = x->r->read;
	if (b)
		it->b = *b;
	it->vals.len = 0;
	it->nfield = 0;
	if (rec) {
		size_t off[MAX_COLS];
		for (int i = 0; i < rec->n && i < MAX_COLS; i++) {
			off[i] = it->vals.len;
			sbuf_add(&it->vals, rec->field[i], strlen(rec->field[i]) + 1);
		}
		it->nfield = rec->n < MAX_COLS ? rec->n : MAX_COLS;
		it->field = xrealloc(it->field, (size_t)(it->nfield + 1) * sizeof *it->field);
		for (int i = 0; i < it->nfield; i++)
			it->field[i] = it->vals.s + off[i];
	}
	pthread_mutex_lock(&pp->mu);
	pp->put++;
	pthread_cond_signal(&pp->filled);
	pthread_mutex_unlock(&pp->mu);
}

static void *pipe_main(void *arg)
{
	struct imp *x = arg;
	struct pipe *pp = x->pipe;
	for (;;) {
		pthread_mutex_lock(&pp->mu);
		while (pp->put == pp->taken)
			pthread_cond_wait(&pp->filled, &pp->mu);
		struct pipe_item *it = &pp->slot[pp->taken % PIPE_SLOTS];
		pthread_mutex_unlock(&pp->mu);
		int end = it->kind == PI_END;
		if (!end && !x->db_failed) {
			struct csv_record rec = { .field = it->field, .n = it->nfield,
						  .line = it->line };
			pthread_mutex_lock(&pp->db);
			if (it->kind == PI_REJECT)
				reject(x, &rec, &it->b);
			else
				app_commit_row(x, &rec, it->read);
			pthread_mutex_unlock(&pp->db);
			if (x->db_failed)
				atomic_store(&pp->stop, 1);
		}
		pthread_mutex_lock(&pp->mu);
		pp->taken++;
		pthread_cond_signal(&pp->emptied);
		pthread_mutex_unlock(&pp->mu);
		if (end)
			return NULL;
	}
}

static void pipe_free(struct imp *x)
{
	struct pipe *pp = x->pipe;
	for (int i = 0; i < PIPE_SLOTS; i++) {
		sbuf_release(&pp->slot[i].vals);
		free(pp->slot[i].field);
	}
	pthread_cond_destroy(&pp->filled);
	pthread_cond_destroy(&pp->emptied);
	pthread_mutex_destroy(&pp->mu);
	pthread_mutex_destroy(&pp->db);
	free(pp);
	x->pipe = NULL;
}

/* Starts the storing thread; 0 when there is none (rows stored here). */
static int pipe_start(struct imp *x)
{
	struct pipe *pp = xcalloc(1, sizeof *pp);
	pthread_mutex_init(&pp->mu, NULL);
	pthread_mutex_init(&pp->db, NULL);
	pthread_cond_init(&pp->filled, NULL);
	pthread_cond_init(&pp->emptied, NULL);
	x->pipe = pp;
	if (pthread_create(&pp->thread, NULL, pipe_main, x) == 0)
		return 1;
	pipe_free(x);
	return 0;
}

/* Waits for every row put to be stored, then ends the thread. */
static void pipe_end(struct imp *x)
{
	struct pipe *pp = x->pipe;
	if (!pp)
		return;
	pipe_put(x, NULL, PI_END, NULL);
	pthread_join(pp->thread, NULL);
	pipe_free(x);
}

static int app_prior(struct imp *x, const struct application *ap, struct prior *p)
{
	if (x->pipe)
		pthread_mutex_lock(&x->pipe->db);
	int rc = db_application_prior(x->d, x->c, ap, p, x->fe);
	if (x->pipe)
		pthread_mutex_unlock(&x->pipe->db);
	return rc;
}

/* A row refused before it is stored: in the file's order with the rest. */
static void row_rejected(struct imp *x, const struct csv_record *rec, const struct bad *b)
{
	if (x->pipe)
		pipe_put(x, rec, PI_REJECT, b);
	else
		reject(x, rec, b);
}

/* An application: validated here, stored by the second thread or here. */
static int app_data_row(struct imp *x, const struct csv_record *rec)
{
	if (!x->pipe_tried && x->chunked) { /* chunked is the storing thread's after this */
		x->pipe_tried = 1;
		if (pipe_start(x))
			x->fe = &x->fe_own;
	}
	if (x->pipe && atomic_load(&x->pipe->stop))
		return -1;
	struct bad b = { 0 };
	int rc = app_row(x, rec, &b);
	if (rc < 0) {
		row_rejected(x, rec, &b);
		return 0;
	}
	if (x->pipe) {
		pipe_put(x, rec, PI_ROW, NULL);
		return 0;
	}
	return app_commit_row(x, rec, x->r->read);
}

static int data_row(struct imp *x, const struct csv_record *rec)
{
	x->r->read++;
	if (rec->n != x->ncols)
		return yerr_set(x->fe, YERR_INPUT, _("%s:%ld: expected %d fields but found %d"),
				x->path, rec->line, x->ncols, rec->n), x->fatal = 1;
	struct bad b = { 0 };
	/* every text of every kind of file: a control character or a bidi
	 * override is refused with the column it is in, before anything else */
	for (int i = 0; i < rec->n; i++) {
		unsigned cp;
		size_t pos;
		if (text_find_unsafe(rec->field[i], &cp, &pos)) {
			bad_set(&b, x->hdr[i], _("character %zu is a control character (U+%04X), "
						 "which is not accepted in text"), pos, cp);
			row_rejected(x, rec, &b);
			return 0;
		}
	}
	if (x->k->kind == IMP_APPLICATION)
		return app_data_row(x, rec);
	const char *key = rec->field[x->col[0]];
	int st = !*key || strlen(key) > KEY_MAX ? 0
		 : x->k->kind == IMP_EVALUATION ? db_evaluation_key_state(x->d, key, x->log_id, x->e)
						: db_import_key_state(x->d, x->k->kind, key,
								      x->log_id, x->e);
	if (st < 0)
		return x->db_failed = 1;
	if (st == 1) {
		x->r->skipped++;
		reply(x, rec, NULL); /* received by an earlier import */
		return 0;
	}
	if (st == 2) {
		bad_set(&b, key_field(x), _("'%s' appears twice in this file"), key);
		reject(x, rec, &b);
		return 0;
	}
	int rc = row_alone(x, rec);
	if (rc == 0 && ++x->since_fold >= IMPORT_FOLD_ROWS) {
		x->since_fold = 0;
		if (db_ledger_fold(x->d, x->e) < 0)
			return x->db_failed = 1;
	}
	return rc;
}

static int on_record(const struct csv_record *rec, void *arg)
{
	struct imp *x = arg;
	if (rec->recno == 1)
		return header(x, rec) < 0 ? (x->fatal = 1) : 0;
	data_row(x, rec);
	return x->fatal || (x->pipe ? atomic_load(&x->pipe->stop) : x->db_failed);
}

/* ---- the file ---- */

static void imp_release(struct imp *x)
{
	if (x->rej) {
		file_private_abort(&x->rej_file);
		x->rej = NULL;
	}
	if (x->rep) {
		fclose(x->rep);
		unlink(x->rep_tmp);
	}
	free(x->rep_tmp);
	x->rep = NULL;
	x->rep_tmp = NULL;
	free(x->skip);
	free(x->prior);
	x->prior = NULL;
	sbuf_release(&x->chain.buf);
	for (int i = 0; x->hdr && i < x->ncols; i++)
		free(x->hdr[i]);
	free(x->hdr);
}

/* Commits or rolls back and settles the rejects file; returns the status. */
static int conclude(struct imp *x, const char *started, int rc)
{
	struct import_counts n = { x->r->read, x->r->applied, x->r->skipped, x->r->rejected };
	int whole = rc < 0 || x->fatal || (x->o->strict && x->r->rejected);
	int noop = !whole && !x->r->applied && !x->r->rejected;
	if (rc < 0 || x->db_failed) {
		db_rollback(x->d);
		rejects_close(x, 0);
		return -1;
	}
	if (whole) {
		if (!x->fatal)
			yerr_set(x->e, YERR_INPUT,
				 _("%s: %ld rows rejected and --strict: nothing was applied"),
				 x->path, x->r->rejected);
		x->r->applied = x->r->skipped = 0;
		x->r->rejected = n.rejected = x->r->read;
		n.applied = n.skipped = 0;
	}
	struct yerr e2;
	if (!whole && !x->o->dry_run && x->k->kind == IMP_APPLICATION &&
	    db_inbox_chain_save(x->d, x->log_id, &x->chain, x->e) < 0) {
		db_rollback(x->d);
		rejects_close(x, 0);
		return -1;
	}
	if (db_import_end(x->d, x->log_id, x->path, started, &n,
			  whole ? "rejected" : x->r->rejected ? "partial" : "ok",
			  x->o->dry_run || (noop && !x->steps), &e2) < 0) {
		*x->e = e2;
		rejects_close(x, 0);
		return -1;
	}
	if (rejects_close(x, !x->fatal && x->r->rejected > 0) < 0)
		return yerr_set(x->e, YERR_IO, _("cannot write '%s.rejects.csv'"), x->path);
	if (replies_close(x, !x->o->dry_run, whole) < 0)
		return yerr_set(x->e, YERR_IO, _("cannot write the replies file beside '%s'"),
				x->path);
	return whole ? 2 : x->r->rejected ? 1 : 0;
}

/* ---- the structure first (applications, committed as they go) ----
 * A row with the wrong number of fields or a file that is not valid text
 * rejects the file as a whole; since the rows of an applications file are
 * committed as the import goes (db_import_step), the whole file is read
 * once for that before anything is committed.  That reading runs in a
 * thread of its own beside the import, which validates and inserts the
 * first rows meanwhile and waits for it before its first commit
 * (scan_wait): the second core does the first reading, and the write lock
 * is held no longer than the reading takes. */
struct scan {
	const char *path;
	struct csv_read_opts ro;
	int ncols;
	int rc;                   /* 0: the structure holds */
	struct yerr e;            /* the thread's own */
	pthread_t thread;
	int running;              /* the thread was started and not yet joined */
};

static int scan_record(const struct csv_record *rec, void *arg)
{
	struct scan *sc = arg;
	if (rec->recno == 1) {
		sc->ncols = rec->n;
		return 0;
	}
	if (rec->n != sc->ncols) {
		yerr_set(&sc->e, YERR_INPUT, _("%s:%ld: expected %d fields but found %d"), sc->path,
			 rec->line, sc->ncols, rec->n);
		return 1;
	}
	return 0;
}

static void *scan_main(void *arg)
{
	struct scan *sc = arg;
	sc->rc = csv_read_file(sc->path, NULL, &sc->ro, scan_record, sc, &sc->e) == 0 ? 0 : 1;
	return NULL;
}

/* Starts reading the structure beside the import; where no thread can be
 * started, reads it here.  Returns 1 when it is already known to fail. */
static int scan_start(struct imp *x)
{
	struct scan *sc = x->scan = xcalloc(1, sizeof *x->scan);
	sc->path = x->path;
	sc->ro = (struct csv_read_opts){ .encoding = x->o->encoding, .max_field = x->o->max_field };
	yerr_clear(&sc->e);
	if (pthread_create(&sc->thread, NULL, scan_main, sc) == 0) {
		sc->running = 1;
		return 0;
	}
	scan_main(sc);
	return sc->rc;
}

/* Waits for the structure: 0 when it holds (or was not read: the import
 * is not chunked), 1 when the file fails it. */
static int scan_wait(struct imp *x)
{
	struct scan *sc = x->scan;
	if (!sc)
		return 0;
	if (sc->running) {
		pthread_join(sc->thread, NULL);
		sc->running = 0;
	}
	return sc->rc;
}

static void scan_release(struct imp *x)
{
	scan_wait(x);
	free(x->scan);
	x->scan = NULL;
}

/* One reading of the file inside a new transaction: -1 when the
 * transaction could not begin (e set), else csv_read_file's result. */
static int import_pass(struct imp *x)
{
	if (db_import_begin(x->d, x->path, x->chunked, &x->log_id, x->e) < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &x->step_at);
	struct csv_read_opts ro = { .encoding = x->o->encoding, .max_field = x->o->max_field };
	x->fe = x->e;
	yerr_clear(&x->fe_own);
	int rc = csv_read_file(x->path, NULL, &ro, on_record, x, &x->fe_own);
	/* the rows read are all stored before the outcome is known */
	pipe_end(x);
	/* the reader's error (the file's, a row's field count, a worker's
	 * decisions unreadable), unless storing failed first */
	if ((rc < 0 || x->fatal) && !x->db_failed && x->fe_own.code)
		*x->e = x->fe_own;
	return rc < 0 ? -2 : rc;
}

int exchange_import_file(struct db *d, const struct catalog *c, const struct actor *a,
			 const char *path, const struct import_opts *o,
			 struct import_result *r, struct yerr *e)
{
	memset(r, 0, sizeof *r);
	struct imp x = { .d = d, .c = c, .a = a, .o = o, .r = r, .e = e, .path = path };
	x.k = kind_of(path);
	if (!x.k)
		return yerr_set(e, YERR_INPUT,
				_("'%s': import reads applications.csv, results.csv, "
				  "shared_materials.csv or evaluations.csv"), path), 2;
	if (access(path, R_OK) < 0)
		return yerr_set(e, YERR_IO, _("cannot open '%s': %s"), path, strerror(errno)), 2;
	char started[20];
	time_format(clock_now(), started);
	r->opened = 1;
	/* --strict and --dry-run keep the whole file in one transaction */
	x.chunked = x.k->kind == IMP_APPLICATION && !o->strict && !o->dry_run;
	/* a file whose structure fails is read in one transaction, which is
	 * then rolled back: the rows before the bad one are answered, as
	 * rejected with the file */
	if (x.chunked && scan_start(&x))
		x.chunked = 0;
	{
		int rc = import_pass(&x);
		if (rc == -1) {
			scan_release(&x);
			imp_release(&x);
			return -1;
		}
		if (rc == -2)
			x.fatal = 1;
		else if (!x.fatal && !x.db_failed && !x.hdr)
			x.fatal = 1, yerr_set(e, YERR_INPUT, _("%s:1: the file is empty (no header row)"),
					      path);
	}
	/* a file shorter than one step is concluded with the reading of its
	 * structure still under way: the import's own pass has read every
	 * row by then, and found what the reading would */
	scan_release(&x);
	int rc = conclude(&x, started, x.db_failed ? -1 : 0);
	imp_release(&x);
	return rc;
}
