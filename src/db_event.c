/* db_event.c — appending to the history, hash-chained (the format is in
 * db_verify.h).  The head of the chain is cached per connection for the
 * length of one transaction: it is read again at the start of each one,
 * since other clerks' processes append too, and BEGIN IMMEDIATE keeps them
 * out until the commit.  Layer: db. */
#include "db_event.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_date.h"
#include "db_internal.h"
#include "db_verify.h"
#include "i18n.h"

/* ---- the chain format ---- */

/* Writes n as decimal digits at p; returns the number of digits. */
static size_t put_num(char *p, uint64_t n)
{
	char tmp[24];
	size_t k = 0;
	do
		tmp[k++] = (char)('0' + n % 10);
	while ((n /= 10));
	for (size_t i = 0; i < k; i++)
		p[i] = tmp[k - 1 - i];
	return k;
}

/* One netstring; p NULL only measures. */
static size_t put_field(char *p, const char *s, size_t n)
{
	char len[24];
	size_t k = put_num(len, n);
	if (p) {
		memcpy(p, len, k);
		p[k] = ':';
		memcpy(p + k + 1, s, n);
		p[k + 1 + n] = ',';
	}
	return k + n + 2;
}

/* Serialises ev at p (NULL: only measures); returns the length.  No
 * allocation and no printf: the demo writes millions of these. */
static size_t put_canonical(char *p, const struct event_content *ev)
{
	const int64_t nums[3] = { ev->id, ev->case_id, ev->task_id };
	const char *strs[5] = { ev->at, ev->actor, ev->actor_role, ev->kind, ev->detail };
	size_t len = 0;
	for (int i = 0; i < 3; i++) {
		char num[24];
		size_t k = i == 2 && nums[i] == 0 ? 0 : put_num(num, (uint64_t)nums[i]);
		len += put_field(p ? p + len : NULL, num, k);
	}
	for (int i = 0; i < 5; i++) {
		const char *s = strs[i] ? strs[i] : "";
		len += put_field(p ? p + len : NULL, s, strlen(s));
	}
	return len;
}

void event_canonical(const struct event_content *ev, struct sbuf *b)
{
	size_t n = put_canonical(NULL, ev);
	char *tmp = xmalloc(n);
	put_canonical(tmp, ev);
	sbuf_add(b, tmp, n);
	free(tmp);
}

/* The SHA-256 implementation is fetched once; a context is reused. */
static EVP_MD_CTX *sha_ctx(void)
{
	static EVP_MD *md;
	static EVP_MD_CTX *ctx;
	if (!md)
		md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (!ctx)
		ctx = EVP_MD_CTX_new();
	if (!md || !ctx || EVP_DigestInit_ex2(ctx, md, NULL) != 1) {
		fprintf(stderr, "yici: BUG: OpenSSL has no SHA-256\n");
		abort();
	}
	return ctx;
}

static void hex_of(const unsigned char *md, unsigned n, char out[HASH_HEX + 1])
{
	static const char hex[] = "0123456789abcdef";
	for (unsigned i = 0; i < 32 && i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[HASH_HEX] = '\0';
}

void hash_link(const char *prev, const char *a, size_t na, const char *b, size_t nb,
	       char out[HASH_HEX + 1])
{
	EVP_MD_CTX *ctx = sha_ctx();
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	if (prev)
		EVP_DigestUpdate(ctx, prev, strlen(prev));
	EVP_DigestUpdate(ctx, a, na);
	if (b)
		EVP_DigestUpdate(ctx, b, nb);
	EVP_DigestFinal_ex(ctx, md, &n);
	hex_of(md, n, out);
}

void event_hash(const char prev[HASH_HEX + 1], const struct event_content *ev,
		char out[HASH_HEX + 1])
{
	char buf[1024];
	size_t len = put_canonical(NULL, ev);
	char *canon = len <= sizeof buf ? buf : xmalloc(len);
	put_canonical(canon, ev);
	EVP_MD_CTX *ctx = sha_ctx();
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_DigestUpdate(ctx, prev, HASH_HEX);
	EVP_DigestUpdate(ctx, canon, len);
	EVP_DigestFinal_ex(ctx, md, &n);
	if (canon != buf)
		free(canon);
	hex_of(md, n, out);
}

int hash_valid(const char *s)
{
	size_t n = 0;
	for (; s && s[n]; n++)
		if (!strchr("0123456789abcdefABCDEF", s[n]))
			return 0;
	return n == HASH_HEX;
}

/* ---- the head, cached per connection within a transaction ---- */

struct head_cache {
	sqlite3 *h;
	int valid;
	int64_t last_id;
	char head[HASH_HEX + 1];
	int dirty;      /* the chain row lags behind (d->defer_chain) */
};
static struct head_cache caches[16];
static unsigned next_slot;

/* Any commit or rollback ends what the cache knows. */
static int on_commit(void *arg)
{
	((struct head_cache *)arg)->valid = 0;
	return 0;
}

static void on_rollback(void *arg)
{
	((struct head_cache *)arg)->valid = 0;
}

/* db.c calls this when a transaction or a savepoint ends: a rolled-back
 * savepoint takes its events back without SQLite's rollback hook. */
static void on_txn_end(struct db *d, int committed)
{
	(void)committed;
	for (size_t i = 0; i < ARRAY_SIZE(caches); i++)
		if (caches[i].h == d->h)
			caches[i].valid = 0;
}

/* The cache of d's connection.  Installing the hooks again returns the
 * previous argument: anything else means a connection we have not seen
 * (or one that reuses a closed one's address), whose cache is void. */
static struct head_cache *cache_of(struct db *d)
{
	struct head_cache *c = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(caches) && !c; i++)
		if (caches[i].h == d->h)
			c = &caches[i];
	if (!c) {
		c = &caches[next_slot++ % ARRAY_SIZE(caches)];
		c->h = d->h;
		c->valid = 0;
	}
	d->on_end = on_txn_end;
	if (sqlite3_commit_hook(d->h, on_commit, c) != c)
		c->valid = 0;
	if (sqlite3_rollback_hook(d->h, on_rollback, c) != c)
		c->valid = 0;
	if (sqlite3_get_autocommit(d->h))
		c->valid = 0;
	return c;
}

/* The hash of the events written before the chain existed (legacy_upto > 0
 * and no chained event yet): computed over their stored content. */
static int legacy_head(struct db *d, int64_t upto, char out[HASH_HEX + 1], struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT id, case_id, coalesce(task_id, 0), at, actor, "
				      "actor_role, kind, detail FROM event WHERE id <= ? ORDER BY id");
	sqlite3_bind_int64(st, 1, upto);
	snprintf(out, HASH_HEX + 1, "%s", HASH_GENESIS);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct event_content ev = {
			sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			sqlite3_column_int64(st, 2), db_col(st, 3), db_col(st, 4), db_col(st, 5),
			db_col(st, 6), db_col(st, 7),
		};
		event_hash(out, &ev, out);
	}
	if (rc != SQLITE_DONE) {
		db_error(d, _("history"), e);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* Reads the recorded head (table chain).  While the chain row lags behind
 * (d->defer_chain) and the cache was voided by a rolled-back savepoint, the
 * head is the newest event that is left, which carries its own hash. */
static int load_head(struct db *d, struct head_cache *c, struct yerr *e)
{
	if (c->dirty) {
		sqlite3_stmt *st = db_prep(d, "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1");
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && hash_valid(db_col(st, 1))) {
			c->last_id = sqlite3_column_int64(st, 0);
			DB_CPY(c->head, st, 1);
			c->valid = 1;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_error(d, _("history"), e);
		if (c->valid)
			return 0;
		c->dirty = 0; /* no chained event is left: the chain row holds */
	}
	sqlite3_stmt *st = db_prep(d, "SELECT last_id, head, legacy_upto FROM chain WHERE id = 1");
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			yerr_set(e, YERR_STATE, _("the head of the history is missing; "
						  "run 'yici verify'"));
		else
			db_error(d, _("history"), e);
		sqlite3_reset(st);
		return -1;
	}
	c->last_id = sqlite3_column_int64(st, 0);
	int null_head = sqlite3_column_type(st, 1) == SQLITE_NULL;
	DB_CPY(c->head, st, 1);
	int64_t legacy = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	if (null_head && c->last_id == 0)
		snprintf(c->head, sizeof c->head, "%s", HASH_GENESIS);
	else if (null_head && c->last_id == legacy && legacy_head(d, legacy, c->head, e) < 0)
		return -1;
	else if (!hash_valid(c->head))
		return yerr_set(e, YERR_STATE, _("the head of the history is damaged; "
						 "run 'yici verify'"));
	c->valid = 1;
	return 0;
}

static int64_t insert_event(struct db *d, const struct event_content *ev, const char *prev,
			    const char *hash, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "INSERT INTO event (id, case_id, task_id, at, actor, "
				      "actor_role, kind, detail, prev_hash, hash) "
				      "VALUES (:id, :case_id, :task_id, :at, :actor, :actor_role, "
				      ":kind, :detail, :prev_hash, :hash)");
	/* Every string outlives the step below (prev is the cached head, which
	 * changes only after this returns), so SQLite need not copy them: the
	 * demo and the imports write millions of events. */
	sqlite3_bind_int64(st, db_p(st, ":id"), ev->id);
	sqlite3_bind_int64(st, db_p(st, ":case_id"), ev->case_id);
	if (ev->task_id)
		sqlite3_bind_int64(st, db_p(st, ":task_id"), ev->task_id);
	db_bind_static(st, db_p(st, ":at"), ev->at);
	db_bind_static(st, db_p(st, ":actor"), ev->actor);
	db_bind_static(st, db_p(st, ":actor_role"), ev->actor_role);
	db_bind_static(st, db_p(st, ":kind"), ev->kind);
	db_bind_static(st, db_p(st, ":detail"), ev->detail);
	db_bind_static(st, db_p(st, ":prev_hash"), prev);
	db_bind_static(st, db_p(st, ":hash"), hash);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	if (d->defer_chain)
		return ev->id;
	sqlite3_stmt *h = db_prep(d, "UPDATE chain SET last_id = ?, head = ? WHERE id = 1");
	sqlite3_bind_int64(h, 1, ev->id);
	db_bind_text(h, 2, hash);
	if (db_exec_stmt(d, h, e) < 0)
		return -1;
	return ev->id;
}

int64_t db_event_add(struct db *d, const struct event_input *ev, struct yerr *e)
{
	char now[20];
	if (!ev->at)
		time_format(clock_now(), now);
	struct head_cache *c = cache_of(d);
	if (!c->valid && load_head(d, c, e) < 0)
		return -1;
	struct event_content ec = {
		.id = c->last_id + 1, .case_id = ev->case_id, .task_id = ev->task_id,
		.at = ev->at ? ev->at : now, .actor = ev->actor,
		/* a service run (systemd's 'yici' login) is the system at work */
		.actor_role = strcmp(ev->actor_role, "service") ? ev->actor_role : "system",
		.kind = ev->kind, .detail = ev->detail ? ev->detail : "",
	};
	char hash[HASH_HEX + 1];
	event_hash(c->head, &ec, hash);
	if (insert_event(d, &ec, c->head, hash, e) < 0) {
		c->valid = 0;
		return -1;
	}
	c->last_id = ec.id;
	memcpy(c->head, hash, sizeof hash);
	c->dirty = d->defer_chain;
	return ec.id;
}

int db_event_sync_head(struct db *d, struct yerr *e)
{
	struct head_cache *c = cache_of(d);
	if (!c->dirty)
		return 0;
	if (!c->valid && load_head(d, c, e) < 0)
		return -1;
	if (!c->dirty)
		return 0;
	sqlite3_stmt *h = db_prep(d, "UPDATE chain SET last_id = ?, head = ? WHERE id = 1");
	sqlite3_bind_int64(h, 1, c->last_id);
	db_bind_text(h, 2, c->head);
	if (db_exec_stmt(d, h, e) < 0)
		return -1;
	c->dirty = 0;
	return 0;
}

int db_chain_head(struct db *d, int64_t *id, char hash[HASH_HEX + 1], struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT id, hash FROM event ORDER BY id DESC LIMIT 1");
	int rc = sqlite3_step(st);
	*id = 0;
	snprintf(hash, HASH_HEX + 1, "%s", HASH_GENESIS);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(hash, HASH_HEX + 1, "%s", db_col(st, 1));
	} else if (rc != SQLITE_DONE) {
		db_error(d, _("history"), e);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	if (*id && !hash_valid(hash))
		return yerr_set(e, YERR_STATE, _("event %lld has no hash; run 'yici verify'"),
				(long long)*id);
	return 0;
}

/* ---- an event by an actor, for the db files that act for a user ---- */

int db_event_by(struct db *d, const struct actor *a, int64_t case_id, int64_t task_id,
		const char *kind, const char *detail, struct yerr *e)
{
	const char *role = !a ? "system" : a->role == ROLE_NONE ? "system" : role_code(a->role);
	struct event_input ev = { .case_id = case_id, .task_id = task_id,
				  .actor = a ? a->login : "system", .actor_role = role,
				  .kind = kind, .detail = detail };
	return db_event_add(d, &ev, e) < 0 ? -1 : 0;
}
