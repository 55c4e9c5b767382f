/* db.c — opening the database, transactions, the statement cache and its
 * binders, and the invoking login; the file's identity and its migrations
 * are in db_migrate.c.  Layer: db. */
#include "db.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_catalog.h"
#include "core_date.h"
#include "core_sms.h"
#include "core_validate.h"
#include "db_casefile.h"
#include "db_internal.h"
#include "db_ledger.h"
#include "i18n.h"

#define BUSY_MS 10000

/* SQLite's own busy handler sleeps longer and longer between its tries
 * (up to 100 ms each), so a writer that lets go of the lock for a few
 * milliseconds between commits (a long import, db_import_step) would
 * seldom be caught and a clerk's write could wait for the whole import.
 * This one tries again every millisecond until ms have passed. */
static int busy_poll(void *arg, int count)
{
	struct db *d = arg;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		d->busy_since = now;
	long waited = (long)(now.tv_sec - d->busy_since.tv_sec) * 1000 +
		      (now.tv_nsec - d->busy_since.tv_nsec) / 1000000;
	if (waited >= d->busy_ms)
		return 0;
	sqlite3_sleep(1);
	return 1;
}

void db_busy_wait(struct db *d, int ms)
{
	d->busy_ms = ms;
	sqlite3_busy_handler(d->h, ms > 0 ? busy_poll : NULL, d);
}

const char *db_path(const struct db *d)
{
	return d->path;
}

int db_step_one(struct db *d, sqlite3_stmt *st, const char *what, struct yerr *e,
		const char *missing, ...)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE) {
		db_error(d, what, e);
	} else if (e) {
		va_list ap;
		va_start(ap, missing);
		e->code = YERR_NOTFOUND;
		vsnprintf(e->msg, sizeof e->msg, missing, ap);
		va_end(ap);
	}
	sqlite3_reset(st);
	return -1;
}

int db_error(struct db *d, const char *what, struct yerr *e)
{
	int rc = sqlite3_errcode(d->h);
	int code = YERR_DB;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		code = YERR_BUSY;
	else if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN || rc == SQLITE_FULL ||
		 rc == SQLITE_IOERR)
		code = YERR_IO;
	if (rc == SQLITE_BUSY)
		return yerr_set(e, code, _("%s: the database is busy (another clerk is writing); try again"),
				what);
	if (rc == SQLITE_READONLY)
		return yerr_set(e, code, _("%s: database '%s' is read-only"), what, d->path);
	if (rc == SQLITE_FULL)
		return yerr_set(e, code, _("%s: the disk is full"), what);
	return yerr_set(e, code, "%s: %s", what, sqlite3_errmsg(d->h));
}

int db_exec(struct db *d, const char *sql, struct yerr *e)
{
	char *msg = NULL;
	if (sqlite3_exec(d->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = db_error(d, _("database"), e);
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

sqlite3_stmt *db_prep(struct db *d, const char *sql)
{
	for (int i = 0; i < d->ncache; i++) {
		if (d->cache[i].sql == sql) {
			sqlite3_stmt *st = d->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "yici: BUG: cannot prepare: %s\n%s\n", sqlite3_errmsg(d->h), sql);
		abort();
	}
	if (d->ncache == STMT_CACHE) {
		fprintf(stderr, "yici: BUG: statement cache full\n");
		abort();
	}
	d->cache[d->ncache].sql = sql;
	d->cache[d->ncache].st = st;
	d->ncache++;
	return st;
}

const char *db_gen(struct db *d, enum db_gen slot, char *(*build)(void))
{
	if (!d->gen[slot])
		d->gen[slot] = build();
	return d->gen[slot];
}

int db_p(sqlite3_stmt *st, const char *name)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i <= 0) {
		fprintf(stderr, "yici: internal error: no parameter %s in: %s\n", name,
			sqlite3_sql(st));
		abort();
	}
	return i;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	db_bind_text(st, i, s && *s ? s : NULL);
}

void db_bind_static(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_static_or_null(sqlite3_stmt *st, int i, const char *s)
{
	db_bind_static(st, i, s && *s ? s : NULL);
}

int db_exec_stmt(struct db *d, sqlite3_stmt *st, struct yerr *e)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;
	}
	int r = db_error(d, _("database"), e);
	sqlite3_reset(st);
	return r;
}

const char *db_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

char *db_col_dup(sqlite3_stmt *st, int i)
{
	return xstrdup(db_col(st, i));
}

/* Transactions nest: the outermost db_begin is BEGIN IMMEDIATE, an inner
 * one a SAVEPOINT, so an action (a task decision) can run alone or as one
 * row of a larger whole (an import) and still be all-or-nothing.
 * d->in_txn is the depth. */
static const char *const sp_begin[] = { "SAVEPOINT yici1", "SAVEPOINT yici2", "SAVEPOINT yici3",
					"SAVEPOINT yici4" };
static const char *const sp_release[] = { "RELEASE yici1", "RELEASE yici2", "RELEASE yici3",
					  "RELEASE yici4" };
static const char *const sp_undo[] = { "ROLLBACK TO yici1; RELEASE yici1",
				       "ROLLBACK TO yici2; RELEASE yici2",
				       "ROLLBACK TO yici3; RELEASE yici3",
				       "ROLLBACK TO yici4; RELEASE yici4" };
#define MAX_NEST ((int)ARRAY_SIZE(sp_begin))

int db_begin(struct db *d, struct yerr *e)
{
	if (d->readonly)
		return yerr_set(e, YERR_IO, _("database '%s' is open read-only"), d->path);
	if (d->in_txn > MAX_NEST) {
		fprintf(stderr, "yici: BUG: transactions nested too deep\n");
		abort();
	}
	if (db_exec(d, d->in_txn ? sp_begin[d->in_txn - 1] : "BEGIN IMMEDIATE", e) < 0)
		return -1;
	d->in_txn++;
	return 0;
}

int db_begin_nowait(struct db *d, struct yerr *e)
{
	if (d->in_txn)
		return db_begin(d, e);
	db_busy_wait(d, 0);
	int rc = db_begin(d, e);
	int busy = rc < 0 && sqlite3_errcode(d->h) == SQLITE_BUSY;
	db_busy_wait(d, BUSY_MS);
	if (busy)
		yerr_clear(e);
	return busy ? 1 : rc;
}

int db_commit(struct db *d, struct yerr *e)
{
	if (d->in_txn <= 0) {
		fprintf(stderr, "yici: BUG: commit without a transaction\n");
		abort();
	}
	if (d->in_txn == 1 && d->ledger_on && db_ledger_fold(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	if (db_exec(d, d->in_txn > 1 ? sp_release[d->in_txn - 2] : "COMMIT", e) < 0) {
		db_rollback(d);
		return -1;
	}
	d->in_txn--;
	if (d->in_txn == 0 && d->on_end)
		d->on_end(d, 1);
	return 0;
}

void db_rollback(struct db *d)
{
	if (d->in_txn > 1) {
		sqlite3_exec(d->h, sp_undo[d->in_txn - 2], NULL, NULL, NULL);
		d->in_txn--;
		if (d->on_end)
			d->on_end(d, 0);
		return;
	}
	if (!sqlite3_get_autocommit(d->h))
		sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
	d->in_txn = 0;
	if (d->on_end)
		d->on_end(d, 0);
}

int db_schema_version(struct db *d)
{
	sqlite3_stmt *st = db_prep(d, "PRAGMA user_version");
	int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

static int set_pragmas(struct db *d, struct yerr *e)
{
	db_busy_wait(d, BUSY_MS);
	if (db_exec(d, "PRAGMA foreign_keys = ON", e) < 0)
		return -1;
	if (d->readonly)
		return 0;
	/* journal_mode needs no lock from other readers but may be busy while
	 * another process recovers the WAL; busy_timeout covers that. */
	if (db_exec(d, "PRAGMA journal_mode = WAL", e) < 0 ||
	    db_exec(d, "PRAGMA synchronous = NORMAL", e) < 0)
		return -1;
	return 0;
}

static int check_file(const char *path, int flags, struct yerr *e)
{
	struct stat sb;
	if (!*path) /* SQLite would open a temporary database and lose it */
		return yerr_set(e, YERR_INPUT, _("no database: the file name is empty"));
	int exists = stat(path, &sb) == 0;
	if (flags == DB_OPEN_CREATE) {
		if (exists)
			return yerr_set(e, YERR_INPUT,
					_("database '%s' already exists; yici init creates a new one"),
					path);
		char *dir = xstrdup(path);
		char *slash = strrchr(dir, '/');
		const char *dn = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
		int ok = access(dn, W_OK) == 0;
		int err = errno;
		if (!ok) {
			yerr_set(e, YERR_IO, _("cannot create '%s': folder '%s': %s"), path, dn,
				 strerror(err));
			free(dir);
			return -1;
		}
		free(dir);
		return 0;
	}
	if (!exists)
		return yerr_set(e, YERR_NOTFOUND,
				_("database '%s' does not exist (create it with 'yici init -d %s')"),
				path, path);
	if (!S_ISREG(sb.st_mode))
		return yerr_set(e, YERR_INPUT, _("'%s' is not a regular file"), path);
	if (access(path, R_OK) != 0)
		return yerr_set(e, YERR_IO, _("cannot read '%s': %s"), path, strerror(errno));
	if (flags == DB_OPEN_RW && access(path, W_OK) != 0)
		return yerr_set(e, YERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
	return 0;
}

/* Before SQLite initialises: yici never asks SQLite for its memory
 * statistics, and keeping them costs a global mutex on every allocation
 * (about 3% of a bulk import).  Later calls are refused (SQLITE_MISUSE)
 * and change nothing, so it is safe to try on every open. */
static void sqlite_setup(void)
{
	static int done;
	if (!done) {
		done = 1;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
}

static struct db *open_once(const char *path, int flags, int *outdated, struct yerr *e);

/* A read-only open of an older database that this user may write brings
 * the schema up to date first (the migrations run "on open", whatever the
 * command); without write access it is refused with the reason. */
struct db *db_open(const char *path, int flags, struct yerr *e)
{
	int outdated = 0;
	struct db *d = open_once(path, flags, &outdated, e);
	if (d || flags != DB_OPEN_RO || !outdated || access(path, W_OK) != 0)
		return d;
	yerr_clear(e);
	struct db *w = open_once(path, DB_OPEN_RW, &outdated, e);
	if (!w)
		return NULL; /* e says why the upgrade failed */
	db_close(w);
	yerr_clear(e);
	return open_once(path, flags, &outdated, e);
}

/* What closing does to the WAL (yici(1), MULTI-CLERK SET-UP, has the
 * figures).  SQLite's default (0): the last connection to close takes the
 * EXCLUSIVE lock on the file, checkpoints and deletes the -wal file, and
 * for those milliseconds a reader without a busy handler (a report
 * script's sqlite3 shell, a cron job) gets "database is locked".  1: that
 * plus SQLITE_FCNTL_PERSIST_WAL (the file is kept, but the closing
 * checkpoint still runs under the EXCLUSIVE lock).  2: no checkpoint on
 * close (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE): no EXCLUSIVE lock, the WAL is
 * kept with its frames.  3 (yici's choice): as 2, and db_close runs a
 * TRUNCATE checkpoint without waiting (no busy handler), which blocks no
 * reader: the file is whole and the -wal empty after each command unless
 * another process was busy, whose own close then does it.  0-2 exist to
 * measure against (tests/bench/sections.sh, bench_wal). */
#ifndef YICI_WAL_CLOSE
#define YICI_WAL_CLOSE 3
#endif
static void wal_on_close(struct db *d)
{
#if YICI_WAL_CLOSE == 1
	int on = 1;
	sqlite3_file_control(d->h, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
#elif YICI_WAL_CLOSE >= 2
	sqlite3_db_config(d->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
#endif
	(void)d;
}

static struct db *open_once(const char *path, int flags, int *outdated, struct yerr *e)
{
	sqlite_setup();
	if (check_file(path, flags, e) < 0)
		return NULL;
	struct db *d = xcalloc(1, sizeof *d);
	d->path = xstrdup(path);
	d->readonly = flags == DB_OPEN_RO;
	int oflags = d->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (flags == DB_OPEN_CREATE) {
		/* Staff share the file through their group: 0660 whatever the umask. */
		mode_t old = umask(007);
		oflags |= SQLITE_OPEN_CREATE;
		int rc = sqlite3_open_v2(path, &d->h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
		umask(old);
		if (rc == SQLITE_OK)
			chmod(path, 0660);
	} else {
		sqlite3_open_v2(path, &d->h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	}
	if (!d->h || sqlite3_errcode(d->h) != SQLITE_OK) {
		yerr_set(e, YERR_IO, _("cannot open '%s': %s"), path,
			 d->h ? sqlite3_errmsg(d->h) : "out of memory");
		db_close(d);
		return NULL;
	}
	sqlite3_extended_result_codes(d->h, 0);
	db_busy_wait(d, BUSY_MS);
	wal_on_close(d);
	if (db_check_identity(d, flags == DB_OPEN_CREATE, e) < 0 || set_pragmas(d, e) < 0 ||
	    db_migrate(d, flags == DB_OPEN_CREATE, outdated, e) < 0 ||
	    db_ledger_install(d, e) < 0) {
		if (sqlite3_errcode(d->h) == SQLITE_NOTADB)
			yerr_set(e, YERR_VERSION, _("'%s' is not an SQLite database"), path);
		db_close(d);
		return NULL;
	}
	return d;
}

void db_close(struct db *d)
{
	if (!d)
		return;
	/* a write made outside db_begin (autocommit) is folded here */
	if (d->ledger_on && d->in_txn == 0 && sqlite3_get_autocommit(d->h)) {
		sqlite3_stmt *st = db_prep(d, "SELECT 1 FROM temp.ledger_pending LIMIT 1");
		int pending = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		struct yerr e;
		yerr_clear(&e);
		if (pending && (db_begin(d, &e) < 0 || db_commit(d, &e) < 0))
			fprintf(stderr, "yici: %s\n", e.msg);
	}
	for (int i = 0; i < d->ncache; i++)
		sqlite3_finalize(d->cache[i].st);
	for (int i = 0; i < DB_GEN_N; i++)
		free(d->gen[i]);
#if YICI_WAL_CLOSE == 3
	if (d->h && !d->readonly && sqlite3_get_autocommit(d->h)) {
		db_busy_wait(d, 0);
		sqlite3_wal_checkpoint_v2(d->h, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	}
#endif
	if (d->h)
		sqlite3_close(d->h);
	free(d->path);
	free(d);
}

/* ---- identity ---- */

const char *db_login(void)
{
	static char login[64];
	const char *o = getenv("YICI_USER");
	if (o && *o && geteuid() == 0) {
		snprintf(login, sizeof login, "%s", o);
		return login;
	}
	struct passwd *pw = getpwuid(geteuid());
	snprintf(login, sizeof login, "%s", pw ? pw->pw_name : "unknown");
	return login;
}

int db_staff_get(struct db *d, const char *login, struct staff *s, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT s.login, s.name, s.role, coalesce(s.window_no, 0), s.active, "
		"  coalesce((SELECT group_concat(category, ';') FROM "
		"    (SELECT category FROM staff_category c WHERE c.login = s.login ORDER BY 1)), '') "
		"FROM staff s WHERE s.login = ?");
	db_bind_text(st, 1, login);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_ROW) {
		db_error(d, _("staff"), e);
		sqlite3_reset(st);
		return -1;
	}
	memset(s, 0, sizeof *s);
	DB_CPY(s->login, st, 0);
	DB_CPY(s->name, st, 1);
	DB_CPY(s->role, st, 2);
	s->window_no = sqlite3_column_int(st, 3);
	s->active = sqlite3_column_int(st, 4);
	DB_CPY(s->categories, st, 5);
	sqlite3_reset(st);
	return 0;
}

int db_bulk_mode(struct db *d, int on, struct yerr *e)
{
	if (on)
		return db_exec(d, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
				  "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF", e);
	return db_exec(d, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
			  "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON", e);
}

/* 0 when s (may be NULL) has at most max characters, else -1 naming the
 * field: a stored value is then always whole in the rows that read it. */
int db_text_ok(const char *field, const char *s, int max, struct yerr *e)
{
	size_t n = s ? utf8_len(s) : 0;
	if (n <= (size_t)max)
		return 0;
	return yerr_set(e, YERR_INPUT, _("%s has %zu characters; at most %d"), field, n, max);
}

int db_count_due(struct db *d, const char *sql, long *n, char next_due[11], const char *what,
		 struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, sql);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	snprintf(next_due, 11, "%s", rc == SQLITE_ROW ? db_col(st, 1) : "");
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(d, what, e);
	return 0;
}

char *db_text_masked(const char *s)
{
	struct sms_var v = { "t", s ? s : "" };
	return sms_render("{t}", &v, 1);
}

int64_t db_case_id_by_no(struct db *d, const char *case_no, char state[16], struct yerr *e)
{
	char no[64];
	size_t n = strlen(case_no);
	for (size_t i = 0; i <= n && i < sizeof no; i++)
		no[i] = (char)toupper((unsigned char)case_no[i]);
	no[sizeof no - 1] = '\0';
	if (casefile_case_no_check(case_no, e) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(d, "SELECT id, state FROM cases WHERE case_no = ?");
	db_bind_text(st, 1, no);
	int64_t id = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (state)
			snprintf(state, 16, "%s", db_col(st, 1));
	}
	sqlite3_reset(st);
	if (!id)
		return yerr_set(e, YERR_NOTFOUND, _("no case %s in this database"), no);
	return id;
}
