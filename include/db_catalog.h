/* db_catalog.h — the catalog inside the database.  It is copied from
 * forms/ at init and on an explicit upgrade, so every case row refers to
 * catalog rows by foreign key and never changes silently.  Layer: db. */
#ifndef YICI_DB_CATALOG_H
#define YICI_DB_CATALOG_H

#include "core_catalog.h"
#include "db.h"

/* Writes c into the database and records its version.  First load at init,
 * or an upgrade: items and materials still used by cases cannot disappear
 * and an item's category cannot change under open tasks.  Inside the
 * caller's transaction. */
int db_catalog_store(struct db *d, const struct catalog *c, const char *who,
		     const char *source, struct yerr *e);

/* Reads the catalog back from the database (c catalog_init'ed). */
int db_catalog_load(struct db *d, struct catalog *c, struct yerr *e);

/* The current catalog version and when it was loaded ("" when none). */
int db_catalog_version(struct db *d, char version[65], char loaded_at[20]);

#endif
