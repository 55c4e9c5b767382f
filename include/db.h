/* db.h — the database file: open, migrate, transactions, settings and the
 * identity of the person at the keyboard.  Layer: db (only db_* files
 * speak SQL; nothing outside sees a sqlite3 type). */
#ifndef YICI_DB_H
#define YICI_DB_H

#include "util.h"

struct db;

enum {
	DB_OPEN_RW = 0,      /* must exist and be a yici database */
	DB_OPEN_CREATE = 1,  /* must not exist yet: yici init */
	DB_OPEN_RO = 2,      /* read-only: reports, catalog, verify */
};

/* Opens path and brings its schema up to date in one BEGIN IMMEDIATE
 * transaction.  Refuses, with one clear message, a missing file, a file
 * that is not SQLite, a database of another program, and a schema newer
 * than this binary.  Sets WAL, foreign_keys, busy_timeout. */
struct db *db_open(const char *path, int flags, struct yerr *e);
void db_close(struct db *d);
const char *db_path(const struct db *d);

/* The number of migrations compiled in (= the newest user_version, which
 * counts the migrations a file has had; which ones, by number, is in its
 * table schema_migration, so that they may land in any order). */
int db_schema_latest(void);
int db_schema_version(struct db *d);

/* Every write is one BEGIN IMMEDIATE ... COMMIT.  db_begin waits for other
 * writers (busy_timeout) and reports YERR_BUSY only after that. */
int db_begin(struct db *d, struct yerr *e);
int db_commit(struct db *d, struct yerr *e);
void db_rollback(struct db *d);

/* Bulk mode for filling a brand-new file (yici init --demo): no rollback
 * journal, no syncs, a large cache.  Only for a file that is deleted if the
 * fill fails.  Outside a transaction. */
int db_bulk_mode(struct db *d, int on, struct yerr *e);

/* Runs the compiled migrations at positions `from` up to `to` and records
 * each by number (verify builds its reference schema with it).  Inside the
 * caller's transaction. */
int db_migrate_range(struct db *d, int from, int to, struct yerr *e);

/* ---- settings (yici config) ---- */
struct config_key {
	const char *key;
	const char *def;     /* default value, "" for none */
	const char *help;    /* msgid */
	int (*check)(const char *value, struct yerr *e);
};
const struct config_key *config_keys(int *n);
const struct config_key *config_key_find(const char *key);
/* Returns a malloc'd value (the default when unset), or NULL for an
 * unknown key. */
char *db_config_get(struct db *d, const char *key);
/* Validates and stores; caller holds the transaction. */
int db_config_set(struct db *d, const char *key, const char *value, struct yerr *e);

/* ---- who is at the keyboard ---- */
/* The Unix login of the effective user.  YICI_USER overrides it only when
 * running as root (root can act as anyone anyway; tests use it). */
const char *db_login(void);

struct staff {
	char login[64];
	char name[128];
	char role[16];        /* clerk, officer, supervisor */
	char categories[64];  /* "admin;agency" for officers */
	int window_no;        /* 0 = none */
	int active;
};
/* Loads the staff row of login; 0 found, 1 not found, -1 error. */
int db_staff_get(struct db *d, const char *login, struct staff *s, struct yerr *e);

#endif
