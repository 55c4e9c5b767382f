/* db_inbox.c — online applications waiting at the window (db_inbox.h):
 * the import's one row per application with its digest, the window
 * opening a row into a case, and verify's check of the digests.
 * Layer: db. */
#include "db_inbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_application.h"
#include "core_date.h"
#include "db_application.h"
#include "db_exchange.h"
#include "db_internal.h"
#include "i18n.h"

/* ---- the import ---- */

/* A JSON string: the import has refused control characters (and every
 * other byte is UTF-8 text), so only '"' and '\' need escaping; a
 * control character would still be written as \u00XX. */
static void json_string(struct sbuf *b, const char *s)
{
	sbuf_add(b, "\"", 1);
	const char *run = s, *p = s;
	for (; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		sbuf_add(b, run, (size_t)(p - run));
		if (ch < 0x20) {
			sbuf_addf(b, "\\u%04x", ch);
		} else {
			char esc[2] = { '\\', (char)ch };
			sbuf_add(b, esc, 2);
		}
		run = p + 1;
	}
	sbuf_add(b, run, (size_t)(p - run));
	sbuf_add(b, "\"", 1);
}

/* The digest of a row: SHA-256 of ext_id, a tab and its fields. */
static void row_digest(const char *ext_id, const char *fields, char out[HASH_HEX + 1])
{
	char head[80];
	size_t n = strlen(ext_id);
	if (n + 1 < sizeof head) {
		memcpy(head, ext_id, n);
		head[n] = '\t';
		hash_link(NULL, head, n + 1, fields, strlen(fields), out);
		return;
	}
	struct sbuf b = { 0 };
	sbuf_addstr(&b, ext_id);
	sbuf_add(&b, "\t", 1);
	sbuf_addstr(&b, fields);
	hash_link(NULL, b.s, b.len, NULL, 0, out);
	sbuf_release(&b);
}

static void chain_add(struct inbox_chain *ch, const char *digest)
{
	char next[HASH_HEX + 1];
	hash_link(ch->head[0] ? ch->head : NULL, digest, HASH_HEX, NULL, 0, next);
	memcpy(ch->head, next, sizeof next);
	ch->rows++;
}

/* A JSON array of texts. */
static void json_array(struct sbuf *b, const char *const *v, int n)
{
	b->len = 0;
	sbuf_add(b, "[", 1);
	for (int i = 0; i < n; i++) {
		if (i)
			sbuf_add(b, ",", 1);
		json_string(b, v[i]);
	}
	sbuf_add(b, "]", 1);
}

int db_inbox_columns(struct db *d, int64_t log_id, const char *const *names, int n,
		     struct yerr *e)
{
	struct sbuf b = { 0 };
	json_array(&b, names, n);
	sqlite3_stmt *st = db_prep(d, "UPDATE exchange_log SET inbox_columns = ? WHERE id = ?");
	db_bind_text(st, 1, b.s);
	sqlite3_bind_int64(st, 2, log_id);
	int rc = db_exec_stmt(d, st, e);
	sbuf_release(&b);
	return rc;
}

int db_inbox_add(struct db *d, const struct inbox_in *in, struct inbox_chain *ch,
		 struct yerr *e)
{
	json_array(&ch->buf, in->values, in->n);
	const char *fields = ch->buf.s;
	char digest[HASH_HEX + 1];
	row_digest(in->ext_id, fields, digest);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO inbox (ext_id, submitted_at, log_id, line, "
				      "fields, digest) VALUES (?, ?, ?, ?, ?, ?) "
				      "ON CONFLICT (ext_id) DO NOTHING");
	db_bind_static(st, 1, in->ext_id);
	db_bind_static(st, 2, in->submitted_at);
	sqlite3_bind_int64(st, 3, in->log_id);
	sqlite3_bind_int64(st, 4, in->line);
	db_bind_static(st, 5, fields);
	db_bind_static(st, 6, digest);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	if (sqlite3_changes(d->h) == 1) {
		chain_add(ch, digest);
		return 0;
	}
	st = db_prep(d, "SELECT coalesce(log_id, 0) FROM inbox WHERE ext_id = ?");
	db_bind_static(st, 1, in->ext_id);
	int rc = sqlite3_step(st);
	int64_t log = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(d, _("inbox"), e);
	return log == in->log_id ? 2 : 1;
}

int db_inbox_chain_save(struct db *d, int64_t log_id, const struct inbox_chain *ch,
			struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "UPDATE exchange_log SET inbox_digest = ? WHERE id = ?");
	db_bind_text_or_null(st, 1, ch->head[0] ? ch->head : NULL);
	sqlite3_bind_int64(st, 2, log_id);
	return db_exec_stmt(d, st, e);
}

/* ---- reading ---- */

/* A column of a row by its name in the import's header. */
#define COL(name) "(SELECT v.value FROM json_each(i.fields) v WHERE v.key = " \
	"(SELECT c.key FROM json_each(l.inbox_columns) c WHERE c.value = '" name "'))"

#define ROW_COLS \
	"i.id, coalesce(i.case_id, 0), coalesce(i.log_id, 0), i.ext_id, i.submitted_at, " \
	"coalesce(l.started_at, i.opened_at, ''), coalesce(i.opened_at, ''), " \
	"coalesce(" COL("worker_name") ", ''), coalesce(" COL("applicant_name") ", ''), " \
	"coalesce(" COL("kind") ", ''), coalesce(" COL("items") ", ''), " \
	"coalesce(i.opened_by, ''), i.line FROM inbox i LEFT JOIN exchange_log l ON l.id = i.log_id "

static void row_read(sqlite3_stmt *st, struct inbox_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->log_id = sqlite3_column_int64(st, 2);
	DB_CPY(r->ext_id, st, 3);
	DB_CPY(r->submitted_at, st, 4);
	DB_CPY(r->received_at, st, 5);
	DB_CPY(r->opened_at, st, 6);
	DB_CPY(r->worker_name, st, 7);
	DB_CPY(r->applicant_name, st, 8);
	DB_CPY(r->kind, st, 9);
	DB_CPY(r->items, st, 10);
	DB_CPY(r->opened_by, st, 11);
	r->line = (long)sqlite3_column_int64(st, 12);
}

int db_inbox_find(struct db *d, const char *ext_id, struct inbox_row *r, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT " ROW_COLS "WHERE i.ext_id = ?");
	db_bind_text(st, 1, ext_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_read(st, r);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("inbox"), e);
	return rc == SQLITE_ROW ? 0 : 1;
}

int db_inbox_waiting(struct db *d, const char *after_at, int64_t after_id, int limit,
		     struct intake_row *out, struct yerr *e)
{
	(void)after_at;
	sqlite3_stmt *st = db_prep(d, "SELECT " ROW_COLS "WHERE i.case_id IS NULL AND i.id > ? "
				      "ORDER BY i.id LIMIT ?");
	sqlite3_bind_int64(st, 1, after_id);
	sqlite3_bind_int(st, 2, limit);
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct inbox_row r;
		row_read(st, &r);
		struct intake_row *o = &out[n++];
		memset(o, 0, sizeof *o);
		o->id = r.id;
		o->inbox = 1;
		snprintf(o->ext_id, sizeof o->ext_id, "%s", r.ext_id);
		snprintf(o->submitted_at, sizeof o->submitted_at, "%s", r.submitted_at);
		snprintf(o->created_at, sizeof o->created_at, "%s", r.received_at);
		snprintf(o->worker_name, sizeof o->worker_name, "%s", r.worker_name);
		snprintf(o->applicant_name, sizeof o->applicant_name, "%s", r.applicant_name);
		snprintf(o->kind, sizeof o->kind, "%s", r.kind);
		snprintf(o->items, sizeof o->items, "%s", r.items);
	}
	if (n == limit)
		rc = SQLITE_DONE;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(d, _("intake list"), e);
	return n;
}

/* ---- the window opens a row ---- */

struct columns {
	int n;
	char **names, **values;
};

static void columns_release(struct columns *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->names[i]);
		free(c->values[i]);
	}
	free(c->names);
	free(c->values);
	memset(c, 0, sizeof *c);
}

static int columns_load(struct db *d, int64_t id, struct columns *out, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT c.value, coalesce(v.value, '') FROM inbox i "
				      "JOIN exchange_log l ON l.id = i.log_id, "
				      "json_each(l.inbox_columns) c LEFT JOIN json_each(i.fields) v "
				      "ON v.key = c.key WHERE i.id = ? ORDER BY c.key");
	sqlite3_bind_int64(st, 1, id);
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 32;
			out->names = xrealloc(out->names, (size_t)cap * sizeof *out->names);
			out->values = xrealloc(out->values, (size_t)cap * sizeof *out->values);
		}
		out->names[out->n] = db_col_dup(st, 0);
		out->values[out->n++] = db_col_dup(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_error(d, _("inbox"), e);
}

/* Documents the data-sharing platform already holds for the worker are
 * not asked for again (the newest per material). */
struct shared_arg {
	const struct catalog *c;
	struct application *ap;
};

static void shared_cb(const char *material, const char *document_no, const char *source,
		      const char *issued_at, void *arg)
{
	struct shared_arg *sa = arg;
	int m = catalog_material_index(sa->c, material);
	(void)source;
	(void)issued_at;
	if (m < 0 || m >= MAX_MATERIALS || sa->ap->mstatus[m] != MS_MISSING)
		return;
	sa->ap->mstatus[m] = MS_SHARED;
	sa->ap->mdoc[m] = xstrdup(document_no);
}

/* Inside the open's transaction: the case of row r, written now. */
static int materialise(struct db *d, const struct catalog *c, const struct actor *a,
		       const struct inbox_row *r, int64_t *case_id, struct yerr *e)
{
	struct columns cols = { 0 };
	if (columns_load(d, r->id, &cols, e) < 0)
		return -1;
	struct application ap;
	application_init(&ap);
	const char *col = "";
	char why[256];
	int rc = application_from_columns(c, (const char *const *)cols.names, NULL,
					  (const char *const *)cols.values, cols.n, &ap, &col,
					  why, sizeof why);
	if (rc < 0)
		yerr_set(e, YERR_INPUT, _("online application %s (line %ld of its import), "
					  "column %s: %s"), r->ext_id, r->line, col, why);
	ap.channel = "online";
	ap.ext_id = r->ext_id;
	ap.submitted_at = r->submitted_at;
	struct shared_arg sa = { c, &ap };
	itemset decided = 0;
	if (rc == 0 &&
	    (db_shared_docs(d, application_get(&ap, "worker.id_number"), shared_cb, &sa, e) < 0 ||
	     db_application_decided(d, c, &ap, &decided, e) < 0 ||
	     db_application_import(d, c, a, &ap, decided, case_id, e) < 0))
		rc = -1;
	application_release(&ap);
	columns_release(&cols);
	return rc;
}

int db_inbox_open(struct db *d, const struct catalog *c, const struct actor *a,
		  const char *ext_id, int64_t *case_id, struct yerr *e)
{
	*case_id = 0;
	if (perm_check(a, ACT_CASE_WRITE, -1, e) < 0)
		return -1;
	struct inbox_row r;
	int found = db_inbox_find(d, ext_id, &r, e);
	if (found != 0)
		return found;
	if (r.case_id) {
		*case_id = r.case_id;
		return 0;
	}
	if (db_begin(d, e) < 0)
		return -1;
	/* again under the write lock: a colleague may have opened it */
	found = db_inbox_find(d, ext_id, &r, e);
	if (found == 0 && !r.case_id && materialise(d, c, a, &r, case_id, e) == 0) {
		char now[20];
		time_format(clock_now(), now);
		sqlite3_stmt *st = db_prep(d, "UPDATE inbox SET case_id = ?, opened_at = ?, "
					      "opened_by = ? WHERE id = ?");
		sqlite3_bind_int64(st, 1, *case_id);
		db_bind_text(st, 2, now);
		db_bind_text(st, 3, a->login);
		sqlite3_bind_int64(st, 4, r.id);
		if (db_exec_stmt(d, st, e) == 0 && db_commit(d, e) == 0)
			return 0;
	} else if (found == 0 && r.case_id) {
		*case_id = r.case_id;
		db_rollback(d);
		return 0;
	}
	db_rollback(d);
	*case_id = 0;
	return found == 1 ? 1 : -1;
}

/* ---- verify ---- */

static int chain_check(struct db *d, int64_t log_id, const struct inbox_chain *ch,
		       struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT coalesce(inbox_digest, '') FROM exchange_log "
				      "WHERE id = ?");
	sqlite3_bind_int64(st, 1, log_id);
	int rc = sqlite3_step(st);
	char want[HASH_HEX + 1] = "";
	if (rc == SQLITE_ROW)
		DB_CPY(want, st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("inbox"), e);
	if (strcmp(want, ch->head))
		return yerr_set(e, YERR_STATE, _("the inbox rows of import #%lld differ from what "
						 "the import received (%ld rows; rows added, "
						 "removed or reordered)"),
				(long long)log_id, ch->rows);
	return 0;
}

int db_inbox_verify(struct db *d, long *rows, struct yerr *e)
{
	*rows = 0;
	sqlite3_stmt *st = db_prep(d, "SELECT log_id, id, ext_id, fields, digest FROM inbox "
				      "WHERE log_id IS NOT NULL ORDER BY log_id, id");
	struct inbox_chain ch = { "", 0, { 0 } };
	int64_t log = 0;
	int rc, bad = 0;
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t l = sqlite3_column_int64(st, 0);
		if (l != log) {
			if (log && chain_check(d, log, &ch, e) < 0) {
				bad = 1;
				break;
			}
			log = l;
			ch = (struct inbox_chain){ "", 0, { 0 } };
		}
		char digest[HASH_HEX + 1];
		row_digest(db_col(st, 2), db_col(st, 3), digest);
		if (strcmp(digest, db_col(st, 4))) {
			yerr_set(e, YERR_STATE, _("inbox row %s (#%lld) was changed after its import"),
				 db_col(st, 2), (long long)sqlite3_column_int64(st, 1));
			bad = 1;
			break;
		}
		chain_add(&ch, digest);
		(*rows)++;
	}
	sqlite3_reset(st);
	if (bad)
		return -1;
	if (rc != SQLITE_DONE)
		return db_error(d, _("inbox"), e);
	if (log && chain_check(d, log, &ch, e) < 0)
		return -1;
	/* an import whose every row is gone */
	st = db_prep(d, "SELECT id FROM exchange_log l WHERE inbox_digest IS NOT NULL AND "
			"NOT EXISTS (SELECT 1 FROM inbox i WHERE i.log_id = l.id) LIMIT 1");
	rc = sqlite3_step(st);
	int64_t gone = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("inbox"), e);
	if (gone)
		return chain_check(d, gone, &(struct inbox_chain){ "", 0, { 0 } }, e);
	return 0;
}
