/* db_migrate.c — what a database file is and its schema: the refusal of a
 * file that is not yici's (or is newer), and the migrations of db/NNN_*.sql,
 * recorded by number in schema_migration and run in one BEGIN IMMEDIATE
 * transaction only when one is due.  Split from db.c (opening,
 * transactions, the statement cache), which calls db_check_identity and
 * db_migrate as it opens.  Layer: db. */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core_date.h"
#include "db_internal.h"
#include "db_ledger.h"
#include "i18n.h"
#include "migrations.h"

int db_schema_latest(void)
{
	return (int)ARRAY_SIZE(yici_migrations);
}

/* Which migrations a file has had is recorded by number in
 * schema_migration, so that migrations written on parallel branches may
 * land in any order: each one missing from the file runs, in the order of
 * its number.  user_version is kept as the count of recorded migrations (a
 * newer yici's file has more than this one knows).  Files made before the
 * table existed had their migrations applied by position: the first
 * user_version files, all numbered up to LEGACY_LAST. */
#define LEGACY_LAST 70

static const char *const sql_mig_table =
	"CREATE TABLE IF NOT EXISTS schema_migration (\n"
	"    number     INTEGER PRIMARY KEY,\n"
	"    name       TEXT NOT NULL,\n"
	"    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))\n"
	")";
static const char *const sql_mig_insert =
	"INSERT INTO schema_migration (number, name, applied_at) VALUES (?, ?, ?)";

/* Records the compiled-in migration at pos as applied now, by yici's clock
 * (YICI_NOW when pinned) as every other time it writes: two files made the
 * same way are the same file. */
static int record_migration(struct db *d, int pos, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, sql_mig_insert);
	sqlite3_bind_int(st, 1, yici_migration_numbers[pos]);
	db_bind_text(st, 2, yici_migration_names[pos]);
	char at[20];
	time_format(clock_now(), at);
	db_bind_text(st, 3, at);
	return db_exec_stmt(d, st, e);
}

static int run_migration(struct db *d, int pos, struct yerr *e)
{
	if (db_exec(d, yici_migrations[pos], e) < 0) {
		yerr_prefix(e, _("migration %03d"), yici_migration_numbers[pos]);
		return -1;
	}
	return record_migration(d, pos, e);
}

static int set_user_version(struct db *d, int v, struct yerr *e)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
	return db_exec(d, sql, e);
}

int db_migrate_range(struct db *d, int from, int to, struct yerr *e)
{
	if (db_exec(d, sql_mig_table, e) < 0)
		return -1;
	for (int v = from; v < to; v++)
		if (run_migration(d, v, e) < 0)
			return -1;
	return set_user_version(d, to, e);
}

static int has_mig_table(struct db *d)
{
	sqlite3_stmt *st = db_prep(d, "SELECT count(*) FROM sqlite_schema "
				      "WHERE type = 'table' AND name = 'schema_migration'");
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return n > 0;
}

/* 1 when the file records exactly the migrations compiled in (and
 * user_version agrees): the cheap test of every open, with no lock. */
static int mig_up_to_date(struct db *d)
{
	int latest = db_schema_latest();
	if (db_schema_version(d) != latest || !has_mig_table(d))
		return 0;
	sqlite3_int64 sum = 0;
	for (int i = 0; i < latest; i++)
		sum += yici_migration_numbers[i];
	sqlite3_stmt *st = db_prep(d, "SELECT count(*), total(number) FROM schema_migration");
	int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == latest &&
		 (sqlite3_int64)sqlite3_column_double(st, 1) == sum;
	sqlite3_reset(st);
	return ok;
}

static int compiled_pos(int number)
{
	for (int i = 0; i < db_schema_latest(); i++)
		if (yici_migration_numbers[i] == number)
			return i;
	return -1;
}

/* A file from before schema_migration: records its first v migrations. */
static int adopt_legacy(struct db *d, int v, struct yerr *e)
{
	int legacy = 0;
	while (legacy < db_schema_latest() && yici_migration_numbers[legacy] <= LEGACY_LAST)
		legacy++;
	if (v > legacy)
		return yerr_set(e, YERR_VERSION,
				_("database '%s' has schema version %d but no record of its "
				  "migrations: it was made by a development build; make it again"),
				d->path, v);
	if (db_exec(d, sql_mig_table, e) < 0)
		return -1;
	for (int i = 0; i < v; i++)
		if (record_migration(d, i, e) < 0)
			return -1;
	return 0;
}

/* Inside the write transaction: records a legacy file, refuses a record
 * that disagrees with user_version or names a migration this yici does not
 * have, then runs every missing migration in the order of its number.
 * *pending tells a read-only open whether anything was due. */
static int migrate_by_number(struct db *d, int apply, int *pending, struct yerr *e)
{
	int v = db_schema_version(d);
	int latest = db_schema_latest();
	*pending = 0;
	if (!has_mig_table(d)) {
		if (!apply) {
			*pending = 1;
			return 0;
		}
		if (adopt_legacy(d, v, e) < 0)
			return -1;
	}
	char *have = xcalloc((size_t)latest + 1, 1);
	int count = 0, rc = 0;
	sqlite3_stmt *st = db_prep(d, "SELECT number FROM schema_migration ORDER BY number");
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		int n = sqlite3_column_int(st, 0), pos = compiled_pos(n);
		count++;
		if (pos < 0)
			rc = yerr_set(e, YERR_VERSION,
				      _("database '%s' has had migration %03d, which this yici does "
					"not know: use a newer yici"), d->path, n);
		else
			have[pos] = 1;
	}
	sqlite3_reset(st);
	if (rc == 0 && count != v)
		rc = yerr_set(e, YERR_VERSION,
			      _("database '%s' is damaged: its schema version (%d) does not match "
				"the %d migrations it records"), d->path, v, count);
	for (int i = 0; rc == 0 && i < latest; i++) {
		if (have[i])
			continue;
		*pending = 1;
		if (!apply)
			break;
		rc = run_migration(d, i, e);
		count++;
	}
	free(have);
	if (rc == 0 && apply && *pending)
		rc = set_user_version(d, count, e);
	return rc;
}

/* Counts the tables of the file that are not SQLite's own. */
static int count_tables(struct db *d)
{
	sqlite3_stmt *st = db_prep(d, "SELECT count(*) FROM sqlite_schema "
				      "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

static int app_id(struct db *d)
{
	sqlite3_stmt *st = db_prep(d, "PRAGMA application_id");
	int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

/* The file is SQLite but cannot be read: most often its folder or file
 * system does not let SQLite create the -wal/-shm files next to it. */
static int open_error(struct db *d, struct yerr *e)
{
	char *dir = xstrdup(d->path);
	char *slash = strrchr(dir, '/');
	const char *dn = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	int rc;
	if (access(dn, W_OK) != 0)
		rc = yerr_set(e, YERR_IO, _("cannot open '%s': folder '%s' is read-only for this "
					    "user, and SQLite needs to create '%s-wal' and '%s-shm' there"),
			      d->path, dn, d->path, d->path);
	else
		rc = yerr_set(e, YERR_IO, _("cannot open '%s': %s"), d->path, sqlite3_errmsg(d->h));
	free(dir);
	return rc;
}

/* Refuses, before anything is written, a file that is not SQLite, another
 * program's database, an empty file we did not create, and a newer schema. */
int db_check_identity(struct db *d, int creating, struct yerr *e)
{
	int latest = db_schema_latest();
	int v = db_schema_version(d);
	if (v < 0 && sqlite3_errcode(d->h) == SQLITE_NOTADB)
		return yerr_set(e, YERR_VERSION, _("'%s' is not an SQLite database"), d->path);
	if (v < 0)
		return open_error(d, e);
	if (v > latest)
		return yerr_set(e, YERR_VERSION,
				_("database '%s' has schema version %d, newer than this yici (%d): "
				  "use a newer yici"), d->path, v, latest);
	if ((v == 0 && count_tables(d) > 0) || (v > 0 && app_id(d) != YICI_APP_ID))
		return yerr_set(e, YERR_VERSION, _("'%s' is not a yici database"), d->path);
	if (v == 0 && !creating)
		return yerr_set(e, YERR_VERSION,
				_("database '%s' is an empty file: remove it, then create it with "
				  "'yici init -d %s'"),
				d->path, d->path);
	return 0;
}

/* Brings the schema to the latest version in one BEGIN IMMEDIATE
 * transaction, taken only when a migration is due; the identity is checked
 * again under the lock, since another process may have migrated the file
 * meanwhile. */
static int migrate_locked(struct db *d, int creating, int *outdated, struct yerr *e);

/* A migration may rebuild a table others point at (070 rebuilds staff to
 * change its CHECK): as SQLite advises, foreign keys are off while the
 * migrations run and checked as a whole before the commit. */
int db_migrate(struct db *d, int creating, int *outdated, struct yerr *e)
{
	/* Up to date (check_identity has just read it): no write lock, so that
	 * a clerk's open never waits for a long import to commit. */
	if (!creating && mig_up_to_date(d))
		return 0;
	if (d->readonly)
		return migrate_locked(d, creating, outdated, e);
	if (db_exec(d, "PRAGMA foreign_keys = OFF", e) < 0)
		return -1;
	int rc = migrate_locked(d, creating, outdated, e);
	struct yerr e2;
	if (db_exec(d, "PRAGMA foreign_keys = ON", rc < 0 ? &e2 : e) < 0)
		rc = -1;
	return rc;
}

static int fk_check(struct db *d, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "PRAGMA foreign_key_check");
	int bad = sqlite3_step(st) == SQLITE_ROW;
	char what[128] = "";
	if (bad)
		snprintf(what, sizeof what, "%s -> %s", db_col(st, 0), db_col(st, 2));
	sqlite3_reset(st);
	return bad ? yerr_set(e, YERR_STATE, _("the upgrade would break a reference (%s)"), what)
		   : 0;
}

static int migrate_locked(struct db *d, int creating, int *outdated, struct yerr *e)
{
	if (!creating && mig_up_to_date(d))
		return 0;
	if (!d->readonly && db_begin(d, e) < 0)
		return -1;
	if (db_check_identity(d, creating, e) < 0) {
		db_rollback(d);
		return -1;
	}
	int v = db_schema_version(d), pending = 0;
	if (migrate_by_number(d, !d->readonly, &pending, e) < 0) {
		db_rollback(d);
		return -1;
	}
	if (pending && d->readonly) {
		*outdated = 1;
		return yerr_set(e, YERR_VERSION,
				_("database '%s' needs an upgrade (schema %d of %d), "
				  "which needs write access to it"), d->path, v, db_schema_latest());
	}
	if (pending) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", YICI_APP_ID);
		if (db_exec(d, sql, e) < 0 || fk_check(d, e) < 0 ||
		    (!d->readonly && db_ledger_migrated(d, e) < 0)) {
			db_rollback(d);
			return -1;
		}
	}
	if (!d->readonly)
		return db_commit(d, e);
	return 0;
}

