/* db_ledger.c — the state under the chain: capture (TEMP triggers), the
 * fold at commit, and the replay of `yici verify` (db_ledger.h).
 *
 * The SQL of the triggers and of the replay names the tables and columns
 * of the file's own schema, so it is built here from sqlite_schema and
 * pragma_table_info: identifiers only, always double-quoted, never a value
 * (the values are bound).  verify compares the schema with the one this
 * yici creates before it replays.  Layer: db. */
#include "db_ledger.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core_date.h"
#include "db_internal.h"
#include "db_verify.h"
#include "i18n.h"

/* Tables that are not recorded (db_ledger.h says why). */
static int unrecorded(const char *t)
{
	static const char *const skip[] = { "event", "chain", "ledger", "task_count",
					    "person_initials", "lookup_queue", "inbox" };
	for (size_t i = 0; i < ARRAY_SIZE(skip); i++)
		if (!strcmp(t, skip[i]))
			return 1;
	return !strncmp(t, "sqlite_", 7) || strstr(t, "_fts") != NULL;
}

/* name quoted as an identifier ("...") or as a string literal ('...'). */
static void add_quoted(struct sbuf *b, const char *name, char q)
{
	sbuf_add(b, &q, 1);
	for (const char *p = name; *p; p++) {
		sbuf_add(b, p, 1);
		if (*p == q)
			sbuf_add(b, &q, 1);
	}
	sbuf_add(b, &q, 1);
}

static void add_ident(struct sbuf *b, const char *prefix, const char *name)
{
	sbuf_addstr(b, prefix);
	add_quoted(b, name, '"');
}

struct ltable {
	char *name;
	struct sbuf rid, vals;      /* json_array(...) over the columns, with prefix */
};

/* json_array(P."c1", P."c2", ...) of the primary key (pk 1) or of every
 * column (pk 0), P the row prefix ("NEW.", "OLD." or ""). */
static int columns_expr(struct db *d, const char *table, const char *prefix, int pk,
			struct sbuf *out)
{
	sqlite3_stmt *st = db_prep(d, "SELECT name FROM pragma_table_info(?) "
				      "WHERE ?2 = 0 OR pk > 0 ORDER BY CASE WHEN ?2 = 0 THEN cid "
				      "ELSE pk END");
	db_bind_text(st, 1, table);
	sqlite3_bind_int(st, 2, pk);
	int n = 0;
	sbuf_addstr(out, "json_array(");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++)
			sbuf_addstr(out, ", ");
		add_ident(out, prefix, db_col(st, 0));
	}
	sqlite3_reset(st);
	sbuf_addstr(out, ")");
	return n;
}

/* The recorded tables of d, sorted by name. */
static int load_tables(struct db *d, struct ltable **out, const char *prefix)
{
	sqlite3_stmt *st = db_prep(d, "SELECT name FROM sqlite_schema WHERE type = 'table' "
				      "ORDER BY name");
	struct ltable *t = NULL;
	int n = 0;
	char **names = NULL;
	int nn = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (!unrecorded(db_col(st, 0))) {
			names = xrealloc(names, (size_t)(nn + 1) * sizeof *names);
			names[nn++] = db_col_dup(st, 0);
		}
	sqlite3_reset(st);
	for (int i = 0; i < nn; i++) {
		t = xrealloc(t, (size_t)(n + 1) * sizeof *t);
		memset(&t[n], 0, sizeof t[n]);
		t[n].name = names[i];
		if (columns_expr(d, names[i], prefix, 1, &t[n].rid) == 0 ||
		    columns_expr(d, names[i], prefix, 0, &t[n].vals) == 0) {
			sbuf_release(&t[n].rid);
			sbuf_release(&t[n].vals);
			free(names[i]);
			continue;
		}
		n++;
	}
	free(names);
	*out = t;
	return n;
}

static void free_tables(struct ltable *t, int n)
{
	for (int i = 0; i < n; i++) {
		free(t[i].name);
		sbuf_release(&t[i].rid);
		sbuf_release(&t[i].vals);
	}
	free(t);
}

/* ---- capture ---- */

static int exec_built(struct db *d, struct sbuf *b, struct yerr *e)
{
	int rc = db_exec(d, b->s, e);
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
	return rc;
}

static int install_triggers(struct db *d, struct yerr *e)
{
	/* temp_store first: changing it later (bulk mode, imports set MEMORY)
	 * would drop the temp schema and the capture with it; setting the value
	 * it already has changes nothing.  The pending rows have no key: an
	 * outer INSERT OR IGNORE or UPSERT would impose its conflict mode on
	 * the triggers' inserts; the newest note of a row wins at the fold. */
	if (db_exec(d, "PRAGMA temp_store = MEMORY; "
		       "CREATE TEMP TABLE IF NOT EXISTS ledger_pending (tbl TEXT NOT NULL, "
		       "rid TEXT NOT NULL, vals TEXT NOT NULL); "
		       "CREATE INDEX IF NOT EXISTS temp.ledger_pending_row ON ledger_pending "
		       "(tbl, rid)", e) < 0)
		return -1;
	struct ltable *tn, *to;
	int n = load_tables(d, &tn, "NEW.");
	int m = load_tables(d, &to, "OLD.");
	struct sbuf b = { 0 };
	int rc = 0;
	for (int i = 0; i < n && i < m && rc == 0; i++) {
		static const char *const when[] = { "INSERT", "UPDATE", "DELETE" };
		for (int w = 0; w < 3 && rc == 0; w++) {
			sbuf_addf(&b, "CREATE TEMP TRIGGER IF NOT EXISTS \"yici_ledger_%s_%d\" "
				      "AFTER %s ON main.", tn[i].name, w, when[w]);
			add_ident(&b, "", tn[i].name);
			sbuf_addstr(&b, " BEGIN ");
			if (w > 0) { /* the old key: deleted, unless the new row has it */
				sbuf_addstr(&b, "INSERT INTO ledger_pending VALUES (");
				add_quoted(&b, tn[i].name, '\'');
				sbuf_addf(&b, ", %s, ''); ", to[i].rid.s);
			}
			if (w < 2) {
				sbuf_addstr(&b, "INSERT INTO ledger_pending VALUES (");
				add_quoted(&b, tn[i].name, '\'');
				sbuf_addf(&b, ", %s, %s); ", tn[i].rid.s, tn[i].vals.s);
			}
			sbuf_addstr(&b, "END");
			rc = exec_built(d, &b, e);
		}
	}
	sbuf_release(&b);
	free_tables(tn, n);
	free_tables(to, m);
	return rc;
}

/* Records every row (an empty ledger: the first open after 051). */
static int baseline(struct db *d, struct yerr *e)
{
	struct ltable *t;
	int n = load_tables(d, &t, "");
	struct sbuf b = { 0 };
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		sbuf_addstr(&b, "INSERT INTO temp.ledger_pending SELECT ");
		add_quoted(&b, t[i].name, '\'');
		sbuf_addf(&b, ", %s, %s FROM main.", t[i].rid.s, t[i].vals.s);
		add_ident(&b, "", t[i].name);
		rc = exec_built(d, &b, e);
	}
	sbuf_release(&b);
	free_tables(t, n);
	return rc;
}

static int ledger_empty(struct db *d)
{
	sqlite3_stmt *st = db_prep(d, "SELECT NOT EXISTS (SELECT 1 FROM ledger)");
	int empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return empty;
}

int db_ledger_install(struct db *d, struct yerr *e)
{
	if (d->readonly || d->ledger_on)
		return 0;
	if (install_triggers(d, e) < 0)
		return -1;
	d->ledger_on = 1;
	if (!ledger_empty(d))
		return 0;
	if (db_begin(d, e) < 0)
		return -1;
	if (ledger_empty(d) && baseline(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return db_commit(d, e);
}

/* ---- after the migrations ---- */

/* A migration that adds columns to a recorded table (ALTER TABLE ADD
 * COLUMN, perhaps back-filled: 130 gave cases the names as received)
 * changes every row of it without a record, and verify would call each
 * one changed around yici.  So every row whose newest record is a strict
 * prefix of its values now (the columns the record knew hold what it says;
 * only appended columns differ) is recorded again, inside the migrating
 * transaction.  A row changed around yici before the upgrade differs in a
 * column its record knew: it is left as it is, and verify still names it. */
int db_ledger_migrated(struct db *d, struct yerr *e)
{
	if (d->readonly || d->ledger_on || ledger_empty(d))
		return 0;
	if (db_exec(d, "CREATE TEMP TABLE IF NOT EXISTS ledger_pending (tbl TEXT NOT NULL, "
		       "rid TEXT NOT NULL, vals TEXT NOT NULL)", e) < 0)
		return -1;
	struct ltable *t;
	int n = load_tables(d, &t, "");
	struct sbuf b = { 0 };
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		sbuf_addstr(&b, "INSERT INTO temp.ledger_pending SELECT ");
		add_quoted(&b, t[i].name, '\'');
		sbuf_addf(&b, ", cur.rid, cur.vals FROM (SELECT %s AS rid, %s AS vals FROM main.",
			  t[i].rid.s, t[i].vals.s);
		add_ident(&b, "", t[i].name);
		sbuf_addstr(&b, ") cur JOIN (SELECT rid, vals, max(id) FROM ledger WHERE tbl = ");
		add_quoted(&b, t[i].name, '\'');
		/* json_array() writes the same values the same way: the record
		 * "[v1,...,vn]" is "[v1,...,vn," of the row's text, cut there */
		sbuf_addstr(&b, " GROUP BY rid) l ON l.rid = cur.rid WHERE l.vals <> '' "
				"AND substr(cur.vals, length(l.vals), 1) = ',' "
				"AND substr(cur.vals, 1, length(l.vals) - 1) = "
				"substr(l.vals, 1, length(l.vals) - 1)");
		rc = exec_built(d, &b, e);
	}
	/* the record of the migrations just run; one written around yici
	 * instead names a migration this yici refuses, or one whose schema it
	 * does not have, which verify's comparison of the schema names */
	for (int i = 0; i < n && rc == 0; i++) {
		if (strcmp(t[i].name, "schema_migration"))
			continue;
		sbuf_addf(&b, "INSERT INTO temp.ledger_pending SELECT 'schema_migration', %s, %s "
			      "FROM main.schema_migration m WHERE NOT EXISTS (SELECT 1 FROM ledger l "
			      "WHERE l.tbl = 'schema_migration' AND l.rid = %s)",
			  t[i].rid.s, t[i].vals.s, t[i].rid.s);
		rc = exec_built(d, &b, e);
	}
	sbuf_release(&b);
	free_tables(t, n);
	if (rc < 0)
		return -1;
	d->ledger_on = 1; /* the fold works on a connection that captures */
	rc = db_ledger_fold(d, e);
	d->ledger_on = 0;
	return rc;
}

/* ---- the fold ---- */

int db_ledger_head(struct db *d, int64_t *id, char hash[65], struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT ledger_last, coalesce(ledger_head, '') FROM chain "
				      "WHERE id = 1");
	*id = 0;
	snprintf(hash, 65, "%s", HASH_GENESIS);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (*id)
			snprintf(hash, 65, "%s", db_col(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(d, _("ledger"), e);
	if (*id && !hash_valid(hash))
		return yerr_set(e, YERR_STATE, _("the head of the ledger is damaged; run 'yici verify'"));
	return 0;
}

/* 1 when the newest record of (tbl, rid) has these values already. */
static int same_as_last(struct db *d, const char *tbl, const char *rid, const char *vals)
{
	sqlite3_stmt *st = db_prep(d, "SELECT vals FROM ledger WHERE tbl = ? AND rid = ? "
				      "ORDER BY id DESC LIMIT 1");
	db_bind_static(st, 1, tbl);
	db_bind_static(st, 2, rid);
	int rc = sqlite3_step(st);
	int same = rc == SQLITE_ROW ? !strcmp(db_col(st, 0), vals) : !*vals;
	sqlite3_reset(st);
	return same;
}

int db_ledger_fold(struct db *d, struct yerr *e)
{
	if (!d->ledger_on || d->readonly)
		return 0;
	sqlite3_stmt *p = db_prep(d, "SELECT tbl, rid, vals, max(rowid) FROM temp.ledger_pending "
				     "GROUP BY tbl, rid ORDER BY tbl, rid");
	int s = sqlite3_step(p);
	if (s != SQLITE_ROW) {
		sqlite3_reset(p);
		return s == SQLITE_DONE ? 0 : db_error(d, _("ledger"), e);
	}
	int64_t last;
	char head[65];
	if (db_ledger_head(d, &last, head, e) < 0) {
		sqlite3_reset(p);
		return -1;
	}
	char now[20];
	time_format(clock_now(), now);
	const char *actor = db_login();
	int64_t first = last;
	sqlite3_stmt *ins = db_prep(d, "INSERT INTO ledger (id, at, actor, tbl, rid, vals, "
				       "prev_hash, hash) VALUES (:id, :at, :actor, :tbl, :rid, :vals, "
				       ":prev_hash, :hash)");
	int rc = 0;
	for (; s == SQLITE_ROW && rc == 0; s = sqlite3_step(p)) {
		const char *tbl = db_col(p, 0), *rid = db_col(p, 1), *vals = db_col(p, 2);
		if (same_as_last(d, tbl, rid, vals))
			continue;
		struct event_content ev = { .id = last + 1, .at = now, .actor = actor,
					    .actor_role = tbl, .kind = rid, .detail = vals };
		char hash[HASH_HEX + 1];
		event_hash(head, &ev, hash);
		sqlite3_bind_int64(ins, db_p(ins, ":id"), ev.id);
		db_bind_static(ins, db_p(ins, ":at"), now);
		db_bind_static(ins, db_p(ins, ":actor"), actor);
		db_bind_static(ins, db_p(ins, ":tbl"), tbl);
		db_bind_static(ins, db_p(ins, ":rid"), rid);
		db_bind_static(ins, db_p(ins, ":vals"), vals);
		db_bind_static(ins, db_p(ins, ":prev_hash"), head);
		db_bind_static(ins, db_p(ins, ":hash"), hash);
		rc = db_exec_stmt(d, ins, e);
		if (rc == 0) {
			last = ev.id;
			memcpy(head, hash, sizeof hash);
		}
	}
	sqlite3_reset(p);
	if (rc < 0)
		return -1;
	if (s != SQLITE_DONE)
		return db_error(d, _("ledger"), e);
	if (db_exec(d, "DELETE FROM temp.ledger_pending", e) < 0)
		return -1;
	if (last == first)
		return 0;
	sqlite3_stmt *h = db_prep(d, "UPDATE chain SET ledger_last = ?, ledger_head = ? "
				     "WHERE id = 1");
	sqlite3_bind_int64(h, 1, last);
	db_bind_text(h, 2, head);
	return db_exec_stmt(d, h, e);
}

int db_disclosure_record(struct db *d, const char *login, const char *role, const char *what,
			 const char *target, const char *reason, struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO disclosure (at, login, role, what, target, "
				      "reason) VALUES (?, ?, ?, ?, ?, ?)");
	const char *v[6] = { now, login, role, what, target ? target : "", reason };
	for (int i = 0; i < 6; i++)
		db_bind_text(st, 1 + i, v[i]);
	return db_exec_stmt(d, st, e);
}

/* ---- verify ---- */

enum { V_OK = 0, V_BROKEN = 1, V_ERROR = -1 };

static int walk(struct db *d, long *records, int64_t anchor_id, const char *anchor_hash,
		int *anchor_seen, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT id, at, actor, tbl, rid, vals, prev_hash, hash "
				      "FROM ledger ORDER BY id");
	char running[HASH_HEX + 1] = HASH_GENESIS;
	int64_t expected = 1;
	int rc = V_OK, s;
	while (rc == V_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
		struct event_content ev = { .id = sqlite3_column_int64(st, 0), .at = db_col(st, 1),
					    .actor = db_col(st, 2), .actor_role = db_col(st, 3),
					    .kind = db_col(st, 4), .detail = db_col(st, 5) };
		char h[HASH_HEX + 1];
		if (ev.id != expected) {
			yerr_set(e, YERR_STATE, _("ledger record %lld is missing (the ledger jumps "
						  "from %lld to %lld)"), (long long)expected,
				 (long long)expected - 1, (long long)ev.id);
			rc = V_BROKEN;
			break;
		}
		expected++;
		(*records)++;
		event_hash(running, &ev, h);
		if (strcmp(db_col(st, 6), running)) {
			yerr_set(e, YERR_STATE, _("ledger record %lld (%s %s): its prev_hash is not the "
						  "hash of the record before it"), (long long)ev.id,
				 ev.actor_role, ev.kind);
			rc = V_BROKEN;
		} else if (strcmp(db_col(st, 7), h)) {
			yerr_set(e, YERR_STATE, _("ledger record %lld (%s %s): its content does not "
						  "match its hash (changed after it was written)"),
				 (long long)ev.id, ev.actor_role, ev.kind);
			rc = V_BROKEN;
		}
		memcpy(running, h, sizeof h);
		if (anchor_hash && ev.id == anchor_id && !strcasecmp(h, anchor_hash))
			*anchor_seen = 1;
	}
	sqlite3_reset(st);
	if (rc != V_OK)
		return rc;
	int64_t last;
	char head[65];
	struct yerr he;
	yerr_clear(&he);
	if (db_ledger_head(d, &last, head, &he) < 0)
		return yerr_set(e, YERR_STATE, "%s", he.msg), V_BROKEN;
	if (last != expected - 1)
		return yerr_set(e, YERR_STATE, _("ledger record %lld: the recorded head is record "
						 "%lld but the ledger ends at %lld (records were "
						 "deleted or added around yici)"),
				(long long)(last > expected - 1 ? expected : last + 1),
				(long long)last, (long long)expected - 1), V_BROKEN;
	if (last && strcmp(head, running))
		return yerr_set(e, YERR_STATE, _("ledger record %lld: its hash differs from the "
						 "recorded head"), (long long)last), V_BROKEN;
	return V_OK;
}

/* "[12]" -> "12", "[\"a\",\"b\"]" -> "a b": a row's key for a message. */
static void key_text(const char *rid, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = rid; *p && k + 1 < n; p++) {
		if (*p == '[' || *p == ']' || *p == '"')
			continue;
		out[k++] = *p == ',' ? ' ' : *p;
	}
	out[k] = '\0';
}

/* The first column where the row and its record differ, for the message. */
static int name_difference(struct db *d, const char *table, const char *key, const char *now,
			   const char *was, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT (SELECT name FROM pragma_table_info(?3) WHERE cid = a.key), "
		"  coalesce(a.atom, 'NULL'), coalesce(b.atom, 'NULL') "
		"FROM json_each(?1) a LEFT JOIN json_each(?2) b ON b.key = a.key "
		"WHERE a.type IS NOT b.type OR a.atom IS NOT b.atom ORDER BY a.key LIMIT 1");
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, was);
	db_bind_text(st, 3, table);
	if (sqlite3_step(st) == SQLITE_ROW)
		yerr_set(e, YERR_STATE, _("%s %s: %s is '%s' but the ledger says '%s' (changed around "
					  "yici)"), table, key, db_col(st, 0), db_col(st, 1),
			 db_col(st, 2));
	else
		yerr_set(e, YERR_STATE, _("%s %s: differs from its ledger record (changed around "
					  "yici)"), table, key);
	sqlite3_reset(st);
	return V_BROKEN;
}

static sqlite3_stmt *prepare_built(struct db *d, struct sbuf *b, struct yerr *e)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(d->h, b->s, -1, &st, NULL) != SQLITE_OK) {
		db_error(d, _("ledger"), e);
		st = NULL;
	}
	sbuf_release(b);
	return st;
}

/* The rows of t against their newest records: two streams sorted by the
 * key's text, merged here (one pass over each, no join to plan). */
static int replay_table(struct db *d, const struct ltable *t, struct yerr *e)
{
	struct sbuf b = { 0 };
	sbuf_addf(&b, "SELECT %s AS rid, %s FROM main.", t->rid.s, t->vals.s);
	add_ident(&b, "", t->name);
	sbuf_addstr(&b, " ORDER BY 1");
	sqlite3_stmt *cur = prepare_built(d, &b, e);
	if (!cur)
		return V_ERROR;
	sqlite3_stmt *last = db_prep(d, "SELECT rid, vals, max(id) FROM ledger WHERE tbl = ? "
					"GROUP BY rid ORDER BY rid");
	db_bind_text(last, 1, t->name);
	int sc = sqlite3_step(cur), sl = sqlite3_step(last), rc = V_OK;
	while (rc == V_OK && (sc == SQLITE_ROW || sl == SQLITE_ROW)) {
		int cmp = sc != SQLITE_ROW ? 1 : sl != SQLITE_ROW ? -1
			  : strcmp(db_col(cur, 0), db_col(last, 0));
		char key[128];
		if (cmp < 0) {
			key_text(db_col(cur, 0), key, sizeof key);
			rc = db_broken(e, _("%s %s: written around yici (the ledger has no record of "
					  "this row)"), t->name, key);
		} else if (cmp > 0) {
			key_text(db_col(last, 0), key, sizeof key);
			if (*db_col(last, 1))
				rc = db_broken(e, _("%s %s: deleted around yici (the ledger records it)"),
					     t->name, key);
			sl = sqlite3_step(last);
		} else {
			key_text(db_col(cur, 0), key, sizeof key);
			if (!*db_col(last, 1))
				rc = db_broken(e, _("%s %s: written around yici (the ledger records it as "
						  "deleted)"), t->name, key);
			else if (strcmp(db_col(cur, 1), db_col(last, 1)))
				rc = name_difference(d, t->name, key, db_col(cur, 1), db_col(last, 1),
						     e);
			sc = sqlite3_step(cur);
			sl = sqlite3_step(last);
		}
	}
	if (rc == V_OK && (sc != SQLITE_DONE || sl != SQLITE_DONE)) {
		db_error(d, _("ledger"), e);
		rc = V_ERROR;
	}
	sqlite3_finalize(cur);
	sqlite3_reset(last);
	return rc;
}

int db_ledger_verify(struct db *d, long *records, int64_t anchor_id, const char *anchor_hash,
		     struct yerr *e)
{
	*records = 0;
	int seen = 0;
	int rc = walk(d, records, anchor_id, anchor_hash, &seen, e);
	if (rc == V_OK && anchor_hash && !seen)
		rc = db_broken(e, _("ledger record %lld is not the anchored one: the ledger "
					       "was rewritten after the anchor was taken"),
			      (long long)anchor_id);
	struct ltable *t = NULL;
	int n = rc == V_OK ? load_tables(d, &t, "") : 0;
	for (int i = 0; i < n && rc == V_OK; i++)
		rc = replay_table(d, &t[i], e);
	free_tables(t, n);
	return rc;
}
