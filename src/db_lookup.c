/* db_lookup.c — the case list with filters and the one-box lookup: case
 * numbers, citizen IDs, phones, names (whole, part, pinyin initials) and
 * employers (name, credit code), each answered from an index (db/001 and
 * db/005_lookup.sql); plus the catch-up of the pinyin initials index.
 * Implements db_casefile.h with db_casefile.c.  Layer: db. */
#include "db_casefile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_date.h"
#include "core_pinyin.h"
#include "core_text.h"
#include "core_validate.h"
#include "db_internal.h"
#include "i18n.h"

/* ---- rows ---- */

#define ROW_COLS DB_CASE_ROW_COLS ", c.flagged " DB_CASE_ROW_FROM

static const char row_sql[] = ROW_COLS "WHERE c.id = ?2";
static const char list_sql[] = ROW_COLS
	"WHERE c.id < ?2 AND (?3 IS NULL OR c.state = ?3) AND (?4 IS NULL OR c.kind = ?4) "
	"AND (?5 IS NULL OR c.channel = ?5) "
	"AND (?6 IS NULL OR substr(coalesce(c.accepted_at, c.created_at), 1, 10) >= ?6) "
	"AND (?7 IS NULL OR substr(coalesce(c.accepted_at, c.created_at), 1, 10) <= ?7) "
	"ORDER BY c.id DESC LIMIT ?8";


static void fill_row(sqlite3_stmt *st, const struct actor *viewer, struct cf_row *r)
{
	memset(r, 0, sizeof *r);
	r->r.id = sqlite3_column_int64(st, 0);
	DB_CPY(r->r.case_no, st, 1);
	text_copy(r->r.worker_name, sizeof r->r.worker_name, db_col(st, 2));
	DB_CPY(r->r.worker_id_number, st, 3);
	text_copy(r->r.employer_name, sizeof r->r.employer_name, db_col(st, 4));
	DB_CPY(r->r.kind, st, 5);
	DB_CPY(r->r.channel, st, 6);
	DB_CPY(r->r.state, st, 7);
	DB_CPY(r->r.accepted_at, st, 8);
	r->r.tasks_open = sqlite3_column_int(st, 9);
	r->r.tasks_total = sqlite3_column_int(st, 10);
	r->flagged = sqlite3_column_int(st, 11);
}

int db_case_rows(struct db *d, const struct actor *viewer, const int64_t *ids, int n,
		 struct cf_row *out, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, row_sql);
	int k = 0;
	for (int i = 0; i < n; i++) {
		sqlite3_reset(st);
		db_bind_text(st, 1, viewer && viewer->login ? viewer->login : "");
		sqlite3_bind_int64(st, 2, ids[i]);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			fill_row(st, viewer, &out[k++]);
		else if (rc != SQLITE_DONE) {
			sqlite3_reset(st);
			return db_error(d, _("case list"), e);
		}
	}
	sqlite3_reset(st);
	return k;
}

/* ---- the list ---- */

int case_filter_check(const struct case_filter *f, struct yerr *e)
{
	enum case_state cs;
	int kind;
	yday day;
	if (f->state && case_state_parse(f->state, &cs) < 0)
		return yerr_set(e, YERR_INPUT, _("unknown case state '%s' (draft, intake, deficient, "
						 "accepted, not_accepted, withdrawn, closed)"), f->state);
	if (f->kind && kind_parse(f->kind, &kind) < 0)
		return yerr_set(e, YERR_INPUT, _("unknown case kind '%s' (injury or death)"), f->kind);
	if (f->channel && strcmp(f->channel, "window") && strcmp(f->channel, "online"))
		return yerr_set(e, YERR_INPUT, _("unknown channel '%s' (window or online)"), f->channel);
	if (f->from && date_parse(f->from, &day, e) < 0)
		return -1;
	if (f->to && date_parse(f->to, &day, e) < 0)
		return -1;
	if (f->limit < 0)
		return yerr_set(e, YERR_INPUT, _("the limit cannot be negative"));
	return 0;
}

#define LIST_BATCH 256

int db_case_each(struct db *d, const struct case_filter *f, const struct actor *viewer,
		 void (*fn)(const struct cf_row *row, void *arg), void *arg, struct yerr *e)
{
	if (case_filter_check(f, e) < 0)
		return -1;
	int64_t before = INT64_MAX;
	long left = f->limit > 0 ? f->limit : -1;
	struct cf_row row;
	for (;;) {
		sqlite3_stmt *st = db_prep(d, list_sql);
		db_bind_text(st, 1, viewer && viewer->login ? viewer->login : "");
		sqlite3_bind_int64(st, 2, before);
		db_bind_text(st, 3, f->state);
		db_bind_text(st, 4, f->kind);
		db_bind_text(st, 5, f->channel);
		db_bind_text(st, 6, f->from);
		db_bind_text(st, 7, f->to);
		sqlite3_bind_int(st, 8, left >= 0 && left < LIST_BATCH ? (int)left : LIST_BATCH);
		int n = 0, rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			fill_row(st, viewer, &row);
			before = row.r.id;
			n++;
			fn(&row, arg);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(d, _("case list"), e);
		if (left > 0)
			left -= n;
		if (n < LIST_BATCH || left == 0)
			return 0;
	}
}

/* ---- the pinyin index ---- */

static const char queue_peek_sql[] = "SELECT 1 FROM lookup_queue LIMIT 1";
static const char queue_batch_sql[] =
	"SELECT q.person_id, coalesce(p.name, '') FROM lookup_queue q "
	"LEFT JOIN person p ON p.id = q.person_id ORDER BY q.person_id LIMIT ?";
static const char queue_done_sql[] = "DELETE FROM lookup_queue WHERE person_id = ?";
static const char initials_clear_sql[] = "DELETE FROM person_initials WHERE person_id = ?";
static const char initials_add_sql[] =
	"INSERT OR IGNORE INTO person_initials (initials, person_id) VALUES (?, ?)";

static int index_person(struct db *d, int64_t id, const char *name, struct yerr *e)
{
	char keys[PINYIN_KEYS_MAX][PINYIN_KEY_MAX + 1];
	int n = pinyin_name_keys(name, keys, PINYIN_KEYS_MAX);
	sqlite3_stmt *st = db_prep(d, initials_clear_sql);
	sqlite3_bind_int64(st, 1, id);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		st = db_prep(d, initials_add_sql);
		db_bind_text(st, 1, keys[i]);
		sqlite3_bind_int64(st, 2, id);
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	st = db_prep(d, queue_done_sql);
	sqlite3_bind_int64(st, 1, id);
	return db_exec_stmt(d, st, e);
}

#define QUEUE_BATCH 512

/* One batch: returns how many were indexed, or -1. */
static int catch_up_batch(struct db *d, struct yerr *e)
{
	static int64_t ids[QUEUE_BATCH];
	static char names[QUEUE_BATCH][128];
	sqlite3_stmt *st = db_prep(d, queue_batch_sql);
	sqlite3_bind_int(st, 1, QUEUE_BATCH);
	int n = 0;
	while (n < QUEUE_BATCH && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		DB_CPY(names[n], st, 1);
		n++;
	}
	sqlite3_reset(st);
	for (int i = 0; i < n; i++)
		if (index_person(d, ids[i], names[i], e) < 0)
			return -1;
	return n;
}

long db_lookup_catch_up(struct db *d, long max, struct yerr *e)
{
	if (d->readonly)
		return 0;
	sqlite3_stmt *st = db_prep(d, queue_peek_sql);
	int pending = sqlite3_step(st) == SQLITE_ROW, own = !d->in_txn;
	sqlite3_reset(st);
	if (!pending)
		return 0;
	/* a lookup never waits for an import: the initials of names queued
	 * meanwhile are indexed by the next lookup that finds the lock free */
	if (own) {
		int b = db_begin_nowait(d, e);
		if (b != 0)
			return b < 0 ? -1 : 0;
	}
	long done = 0;
	int n = 0;
	while ((max <= 0 || done < max) && (n = catch_up_batch(d, e)) > 0)
		done += n;
	if (n < 0 || (own && db_commit(d, e) < 0)) {
		if (own)
			db_rollback(d);
		return -1;
	}
	return done;
}

/* ---- the lookup ---- */

const char *find_kind_label(enum find_kind k)
{
	static const char *const l[] = { N_("case number"), N_("case number, ID or phone"),
					 N_("citizen ID"), N_("phone"), N_("credit code"),
					 N_("pinyin initials"), N_("name or employer"),
					 N_("online application id"),
					 N_("last digits of the ID number and a name") };
	return _(l[k]);
}

/* Each path: "SELECT <case id> ... LIMIT ?3", bound with a range [?1, ?2). */
#define VIA_WORKER(sub) "SELECT c.id FROM (" sub ") x JOIN cases c ON c.worker_id = x.pid LIMIT ?3"
#define VIA_APPLICANT(sub) \
	"SELECT c.id FROM (" sub ") x JOIN cases c ON c.applicant_id = x.pid LIMIT ?3"
#define VIA_EMPLOYER(sub) \
	"SELECT c.id FROM (" sub ") x JOIN cases c ON c.employer_id = x.pid LIMIT ?3"
#define P_ID "SELECT id AS pid FROM person WHERE id_number >= ?1 AND id_number < ?2"
#define P_PHONE "SELECT id AS pid FROM person WHERE phone >= ?1 AND phone < ?2"
#define P_NAME "SELECT id AS pid FROM person WHERE name >= ?1 AND name < ?2"
#define P_FTS "SELECT rowid AS pid FROM person_fts WHERE person_fts MATCH ?1"
#define P_INITIALS "SELECT person_id AS pid FROM person_initials WHERE initials >= ?1 AND initials < ?2"
#define E_NAME "SELECT id AS pid FROM employer WHERE name >= ?1 AND name < ?2"
#define E_FTS "SELECT rowid AS pid FROM employer_fts WHERE employer_fts MATCH ?1"
#define E_CREDIT "SELECT id AS pid FROM employer WHERE credit_code >= ?1 AND credit_code < ?2"
/* a name a final application replaced (db/132): the name on older papers */
#define F_PERSON \
	"SELECT ref AS pid FROM former_name WHERE kind = 'person' AND name >= ?1 AND name < ?2"
#define F_EMPLOYER \
	"SELECT ref AS pid FROM former_name WHERE kind = 'employer' AND name >= ?1 AND name < ?2"

static const char q_id_w[] = VIA_WORKER(P_ID), q_id_a[] = VIA_APPLICANT(P_ID);
static const char q_phone_w[] = VIA_WORKER(P_PHONE), q_phone_a[] = VIA_APPLICANT(P_PHONE);
static const char q_name_w[] = VIA_WORKER(P_NAME), q_name_a[] = VIA_APPLICANT(P_NAME);
static const char q_fts_w[] = VIA_WORKER(P_FTS), q_fts_a[] = VIA_APPLICANT(P_FTS);
static const char q_ini_w[] = VIA_WORKER(P_INITIALS), q_ini_a[] = VIA_APPLICANT(P_INITIALS);
static const char q_emp_name[] = VIA_EMPLOYER(E_NAME), q_emp_fts[] = VIA_EMPLOYER(E_FTS);
static const char q_emp_credit[] = VIA_EMPLOYER(E_CREDIT);
static const char q_former_w[] = VIA_WORKER(F_PERSON), q_former_a[] = VIA_APPLICANT(F_PERSON);
static const char q_former_e[] = VIA_EMPLOYER(F_EMPLOYER);
static const char q_case_no[] = "SELECT id FROM cases WHERE case_no >= ?1 AND case_no < ?2 LIMIT ?3";
static const char q_ext_id[] = "SELECT id FROM cases WHERE ext_id >= ?1 AND ext_id < ?2 LIMIT ?3";
/* the slip's short number: the sequence at the end (db/060) */
static const char q_case_seq[] =
	"SELECT id FROM cases WHERE substr(case_no, 19) >= ?1 AND substr(case_no, 19) < ?2 "
	"ORDER BY id DESC LIMIT ?3";
/* the last 4-6 characters of an ID number (db/060): ?1 the last four,
 * ?2 all of them */
#define P_ID_TAIL                                                                            \
	"SELECT id AS pid FROM person WHERE substr(id_number, -4) >= ?1 AND "                   \
	"substr(id_number, -4) < ?2 AND substr(id_number, -length(?4)) = ?4"
static const char q_idt_w[] = VIA_WORKER(P_ID_TAIL), q_idt_a[] = VIA_APPLICANT(P_ID_TAIL);
/* ... and a name: ?5 a whole name, its beginning or a part of it */
#define P_ID_TAIL_NAME P_ID_TAIL " AND instr(name, ?5) > 0"
static const char q_idtn_w[] = VIA_WORKER(P_ID_TAIL_NAME), q_idtn_a[] = VIA_APPLICANT(P_ID_TAIL_NAME);
/* a part of an employer's name too short for the trigrams (two
 * characters inside the name: 众诚 in 合肥众诚建筑有限公司): employers are
 * few beside persons, so they are read through */
static const char q_emp_part[] =
	"SELECT c.id FROM employer m JOIN cases c ON c.employer_id = m.id "
	"WHERE instr(m.name, ?1) > 0 AND ?2 IS NOT NULL LIMIT ?3";
static const char q_case_tail[] =
	"SELECT id FROM cases WHERE substr(case_no, 10) >= ?1 AND substr(case_no, 10) < ?2 LIMIT ?3";

struct collect {
	int64_t *ids;
	int n, cap;
	int more;
};

/* Runs one path and adds its case ids: [?1, ?2) is the range of keys that
 * start with lo (prefix) or equal it (an exact key); a MATCH path uses ?1
 * only. */
static int run_path_with(struct db *d, const char *sql, const char *lo, int prefix,
			 const char *p4, const char *p5, struct collect *c, struct yerr *e)
{
	char *hi = xasprintf(prefix ? "%s\xff" : "%s\x01", lo);
	sqlite3_stmt *st = db_prep(d, sql);
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	sqlite3_bind_int(st, 3, FIND_CAP + 1);
	if (p4)
		db_bind_text(st, 4, p4);
	if (p5)
		db_bind_text(st, 5, p5);
	int rc, got = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 64;
			c->ids = xrealloc(c->ids, (size_t)c->cap * sizeof *c->ids);
		}
		c->ids[c->n++] = sqlite3_column_int64(st, 0);
		got++;
	}
	sqlite3_reset(st);
	free(hi);
	if (rc != SQLITE_DONE)
		return db_error(d, _("lookup"), e);
	if (got > FIND_CAP)
		c->more = 1;
	return 0;
}

static int run_path(struct db *d, const char *sql, const char *lo, int prefix,
		    struct collect *c, struct yerr *e)
{
	return run_path_with(d, sql, lo, prefix, NULL, NULL, c, e);
}

/* Cases of persons whose ID number ends in tail (4-6 characters), and
 * whose name holds name when it is given. */
static int find_id_tail(struct db *d, const char *tail, const char *name, struct collect *c,
			struct yerr *e)
{
	const char *last4 = tail + strlen(tail) - 4;
	const char *w = name ? q_idtn_w : q_idt_w, *ap = name ? q_idtn_a : q_idt_a;
	return run_path_with(d, w, last4, 0, tail, name, c, e) < 0
		       ? -1
		       : run_path_with(d, ap, last4, 0, tail, name, c, e);
}

static int id_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

static void finish(struct collect *c, struct find_result *out)
{
	int k = 0;
	if (c->n)
		qsort(c->ids, (size_t)c->n, sizeof *c->ids, id_desc);
	for (int i = 0; i < c->n; i++)
		if (!k || c->ids[k - 1] != c->ids[i])
			c->ids[k++] = c->ids[i];
	if (k > FIND_CAP) {
		k = FIND_CAP;
		c->more = 1;
	}
	out->ids = c->ids;
	out->nids = k;
	out->more = c->more;
}

/* The text without surrounding spaces (ASCII and U+3000), in buf. */
static void trim(const char *s, char *buf, size_t n)
{
	while (*s == ' ' || *s == '\t' || !strncmp(s, "\xe3\x80\x80", 3))
		s += *s == ' ' || *s == '\t' ? 1 : 3;
	snprintf(buf, n, "%s", s);
	size_t len = strlen(buf);
	for (;;) {
		if (len && (buf[len - 1] == ' ' || buf[len - 1] == '\t'))
			buf[--len] = '\0';
		else if (len >= 3 && !strcmp(buf + len - 3, "\xe3\x80\x80"))
			buf[len -= 3] = '\0';
		else
			break;
	}
}

static int all_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Digits with dashes or spaces taken out, upper-cased; *letters and
 * *digits count what remains; returns 0, or -1 for other characters. */
static int squeeze(const char *s, char *out, size_t n, int *letters, int *digits)
{
	size_t k = 0;
	*letters = *digits = 0;
	for (; *s; s++) {
		if (*s == '-' || *s == ' ')
			continue;
		if (!isalnum((unsigned char)*s) || k + 1 >= n)
			return -1;
		isdigit((unsigned char)*s) ? (*digits)++ : (*letters)++;
		out[k++] = (char)toupper((unsigned char)*s);
	}
	out[k] = '\0';
	return 0;
}

/* A case-number tail "YYYYMMDD-NNNN" from digits (a prefix of it: at most
 * 12 digits, so out[14] holds it whole). */
static void case_tail(const char *digits, char out[14])
{
	if (strlen(digits) > 8)
		snprintf(out, 14, "%.8s-%.4s", digits, digits + 8);
	else
		snprintf(out, 14, "%.8s", digits);
}

static int find_case_no(struct db *d, const char *t, struct find_result *out,
			struct collect *c, struct yerr *e)
{
	char no[64];
	size_t k = 0;
	for (; *t && k + 1 < sizeof no; t++)
		if (*t != ' ')
			no[k++] = (char)toupper((unsigned char)*t);
	no[k] = '\0';
	out->kind = FIND_CASE_NO;
	if (strlen(no) >= CASE_NO_LEN && casefile_case_no_check(no, e) < 0)
		return -1;
	return run_path(d, q_case_no, no, 1, c, e);
}

static int find_id(struct db *d, const char *s, struct find_result *out, struct collect *c,
		   struct yerr *e)
{
	struct yerr ie, ce;
	if (validate_citizen_id(s, &ie) == 0) {
		out->kind = FIND_ID;
		return run_path(d, q_id_w, s, 0, c, e) < 0 ? -1 : run_path(d, q_id_a, s, 0, c, e);
	}
	if (validate_credit_code(s, &ce) == 0) {
		out->kind = FIND_CREDIT;
		return run_path(d, q_emp_credit, s, 0, c, e);
	}
	int digits = 0;
	for (const char *p = s; *p; p++)
		digits += isdigit((unsigned char)*p) != 0;
	if (digits >= 17)
		return yerr_set(e, YERR_INPUT, _("'%s' is not a valid citizen ID number: %s"), s,
				ie.msg);
	return yerr_set(e, YERR_INPUT, _("'%s' is not a valid credit code: %s"), s, ce.msg);
}

static int find_digits(struct db *d, const char *s, struct find_result *out,
		       struct collect *c, struct yerr *e)
{
	size_t n = strlen(s);
	char tail[16];
	if (n < 4)
		return yerr_set(e, YERR_INPUT, _("type at least 4 digits of a case number, ID or "
						 "phone number (got '%s')"), s);
	if (n == 18 || (n == 17 + 1 && s[17] == 'X'))
		return find_id(d, s, out, c, e);
	out->kind = FIND_DIGITS;
	if (n <= 6 && s[n - 1] == 'X') /* only an ID number ends in X */
		return find_id_tail(d, s, NULL, c, e);
	/* the short number on the slip: 0002, or 20261128-0002 (below) */
	if (n == 4 && run_path(d, q_case_seq, s, 0, c, e) < 0)
		return -1;
	if (n <= 6 && find_id_tail(d, s, NULL, c, e) < 0)
		return -1;
	if (n == 11 && s[0] == '1') {
		out->kind = FIND_PHONE;
		return run_path(d, q_phone_w, s, 0, c, e) < 0 ? -1 : run_path(d, q_phone_a, s, 0, c, e);
	}
	if (n <= 12) {
		case_tail(s, tail);
		if (run_path(d, q_case_tail, tail, n < 12, c, e) < 0)
			return -1;
	}
	if (n >= 6 && (run_path(d, q_id_w, s, 1, c, e) < 0 || run_path(d, q_id_a, s, 1, c, e) < 0))
		return -1;
	if (n <= 11 && (run_path(d, q_phone_w, s, 1, c, e) < 0 ||
			run_path(d, q_phone_a, s, 1, c, e) < 0))
		return -1;
	/* credit codes may start with a long run of digits */
	return n >= 6 ? run_path(d, q_emp_credit, s, 1, c, e) : 0;
}

/* Quotes text as one FTS5 string: "..." with " doubled. */
static char *fts_string(const char *pre, const char *s, const char *post)
{
	struct sbuf b = { 0 };
	sbuf_addf(&b, "\"%s", pre);
	for (; *s; s++)
		*s == '"' ? sbuf_addstr(&b, "\"\"") : sbuf_add(&b, s, 1);
	sbuf_addf(&b, "%s\"", post);
	return b.s;
}

static int find_name(struct db *d, const char *s, struct find_result *out, struct collect *c,
		     struct yerr *e)
{
	out->kind = FIND_NAME;
	size_t chars = utf8_len(s);
	/* whole names and beginnings: the name indexes */
	if (run_path(d, q_name_w, s, 1, c, e) < 0 || run_path(d, q_name_a, s, 1, c, e) < 0 ||
	    run_path(d, q_emp_name, s, 1, c, e) < 0 || run_path(d, q_former_w, s, 1, c, e) < 0 ||
	    run_path(d, q_former_a, s, 1, c, e) < 0 || run_path(d, q_former_e, s, 1, c, e) < 0)
		return -1;
	if (chars < 2)
		return 0;
	/* parts: trigrams over '^name$' (two characters: at either end) */
	char *q;
	if (chars == 2) {
		char *a = fts_string("", s, "$"), *b = fts_string("^", s, "");
		q = xasprintf("%s OR %s", a, b);
		free(a);
		free(b);
	} else {
		q = fts_string("", s, "");
	}
	int rc = run_path(d, q_fts_w, q, 0, c, e) < 0 || run_path(d, q_fts_a, q, 0, c, e) < 0 ||
		 run_path(d, q_emp_fts, q, 0, c, e) < 0 ? -1 : 0;
	if (rc == 0 && chars == 2)
		rc = run_path(d, q_emp_part, s, 0, c, e);
	free(q);
	return rc;
}

static int find_initials(struct db *d, const char *s, struct find_result *out,
			 struct collect *c, struct yerr *e)
{
	char q[PINYIN_KEY_MAX + 1];
	size_t n = strlen(s);
	out->kind = FIND_INITIALS;
	if (n > PINYIN_KEY_MAX)
		return yerr_set(e, YERR_INPUT, _("pinyin initials are at most %d letters (got '%s')"),
				PINYIN_KEY_MAX, s);
	for (size_t i = 0; i <= n; i++)
		q[i] = (char)tolower((unsigned char)s[i]);
	if (db_lookup_catch_up(d, 0, e) < 0)
		return -1;
	return run_path(d, q_ini_w, q, 1, c, e) < 0 ? -1 : run_path(d, q_ini_a, q, 1, c, e);
}

static int dispatch(struct db *d, const char *t, struct find_result *out, struct collect *c,
		    struct yerr *e)
{
	char sq[64];
	int letters, digits;
	/* a name and the last digits of the ID number, in either order */
	const char *sp = strchr(t, ' ');
	if (sp && !all_ascii(t)) {
		char a[128], b[128];
		snprintf(a, sizeof a, "%.*s", (int)(sp - t), t);
		trim(sp + 1, b, sizeof b);
		const char *digs = all_ascii(a) ? a : b, *name = all_ascii(a) ? b : a;
		if (all_ascii(digs) && !all_ascii(name) && !strchr(name, ' ') &&
		    squeeze(digs, sq, sizeof sq, &letters, &digits) == 0 && strlen(sq) >= 4 &&
		    strlen(sq) <= 6 && (!letters || (letters == 1 && sq[strlen(sq) - 1] == 'X'))) {
			out->kind = FIND_ID_TAIL_NAME;
			return find_id_tail(d, sq, name, c, e);
		}
	}
	if (!all_ascii(t))
		return find_name(d, t, out, c, e);
	/* an online application's id, as the online service gave it */
	if (run_path(d, q_ext_id, t, 0, c, e) < 0)
		return -1;
	if (c->n) {
		out->kind = FIND_EXT_ID;
		return 0;
	}
	if ((t[0] == 'G' || t[0] == 'g') && (t[1] == 'S' || t[1] == 's') &&
	    isdigit((unsigned char)t[2]))
		return find_case_no(d, t, out, c, e);
	/* WS...: the platform's id of an online application */
	if ((t[0] == 'W' || t[0] == 'w') && (t[1] == 'S' || t[1] == 's') &&
	    (isdigit((unsigned char)t[2]) || t[2] == '-')) {
		out->kind = FIND_EXT_ID;
		char *id = xasprintf("WS%s", t + 2); /* whole, however long */
		int rc = run_path(d, q_ext_id, id, 0, c, e);
		free(id);
		return rc;
	}
	if (pinyin_is_query(t) || (strlen(t) > PINYIN_KEY_MAX && squeeze(t, sq, sizeof sq, &letters,
									   &digits) == 0 && !digits))
		return find_initials(d, t, out, c, e);
	if (squeeze(t, sq, sizeof sq, &letters, &digits) < 0)
		return yerr_set(e, YERR_INPUT, _("cannot search for '%s': type a case number, ID, "
						 "phone, name, pinyin initials or credit code"), t);
	if (!letters || (letters == 1 && sq[strlen(sq) - 1] == 'X' &&
			 (strlen(sq) == 18 || (strlen(sq) >= 4 && strlen(sq) <= 6))))
		return find_digits(d, sq, out, c, e);
	if (strlen(sq) == 18)
		return find_id(d, sq, out, c, e);
	out->kind = FIND_CREDIT;
	if (strlen(sq) < 6)
		return yerr_set(e, YERR_INPUT, _("type at least 6 characters of a credit code (got '%s')"),
				sq);
	return run_path(d, q_emp_credit, sq, 1, c, e);
}

int db_case_find(struct db *d, const char *text, struct find_result *out, struct yerr *e)
{
	char t[256];
	struct collect c = { 0 };
	memset(out, 0, sizeof *out);
	trim(text ? text : "", t, sizeof t);
	if (!t[0])
		return yerr_set(e, YERR_INPUT, _("nothing to search for"));
	if (!utf8_valid(t, strlen(t)))
		return yerr_set(e, YERR_INPUT, _("the search text is not valid UTF-8"));
	if (dispatch(d, t, out, &c, e) < 0) {
		free(c.ids);
		return -1;
	}
	finish(&c, out);
	return 0;
}

void find_result_release(struct find_result *r)
{
	free(r->ids);
	memset(r, 0, sizeof *r);
}

/* ---- the lookup index, written once at the end of a bulk write ---- */

/* What db/005_lookup.sql's insert triggers write, for the rows after ?1. */
static const char person_backfill[] =
	"INSERT INTO lookup_queue (person_id) SELECT p.id FROM person p WHERE p.id > ?1 "
	"AND NOT EXISTS (SELECT 1 FROM lookup_queue q WHERE q.person_id = p.id) ORDER BY p.id";
static const char person_fts_backfill[] =
	"INSERT INTO person_fts (rowid, key) SELECT id, '^' || name || '$' FROM person "
	"WHERE id > ?1 ORDER BY id";
static const char employer_fts_backfill[] =
	"INSERT INTO employer_fts (rowid, key) SELECT id, '^' || name || '$' FROM employer "
	"WHERE id > ?1 ORDER BY id";

static const struct {
	const char *trigger, *max_id;
	const char *backfill[2];
} deferred[2] = {
	{ "person_lookup_insert", "SELECT coalesce(max(id), 0) FROM person",
	  { person_backfill, person_fts_backfill } },
	{ "employer_lookup_insert", "SELECT coalesce(max(id), 0) FROM employer",
	  { employer_fts_backfill, NULL } },
};

int db_lookup_defer(struct db *d, struct lookup_defer *df, struct yerr *e)
{
	memset(df, 0, sizeof *df);
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = db_prep(d, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' "
					      "AND name = ?");
		db_bind_text(st, 1, deferred[i].trigger);
		if (sqlite3_step(st) == SQLITE_ROW)
			df->sql[i] = db_col_dup(st, 0);
		sqlite3_reset(st);
		st = db_prep(d, deferred[i].max_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			df->from[i] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (!df->sql[i])
			continue;
		char *drop = xasprintf("DROP TRIGGER \"%s\"", deferred[i].trigger);
		int rc = db_exec(d, drop, e);
		free(drop);
		if (rc < 0)
			return -1;
		df->dropped[i] = 1;
	}
	return 0;
}

int db_lookup_finish(struct db *d, struct lookup_defer *df, struct yerr *e)
{
	for (int i = 0; i < 2; i++) {
		if (!df->dropped[i])
			continue;
		for (int k = 0; k < 2 && deferred[i].backfill[k]; k++) {
			sqlite3_stmt *st = db_prep(d, deferred[i].backfill[k]);
			sqlite3_bind_int64(st, 1, df->from[i]);
			if (db_exec_stmt(d, st, e) < 0)
				return -1;
		}
		if (db_exec(d, df->sql[i], e) < 0)
			return -1;
		df->dropped[i] = 0;
	}
	return 0;
}

void db_lookup_defer_release(struct lookup_defer *df)
{
	for (int i = 0; i < 2; i++) {
		free(df->sql[i]);
		df->sql[i] = NULL;
	}
}
