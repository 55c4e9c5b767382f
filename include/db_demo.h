/* db_demo.h — writes N realistic demo cases.  Layer: db. */
#ifndef YICI_DB_DEMO_H
#define YICI_DB_DEMO_H

#include <stdint.h>
#include "core_catalog.h"
#include "db.h"

/* Before db_demo_generate's transaction, on a new database in bulk mode
 * (db_bulk_mode): gives the file the larger pages that suit a bulk load. */
int db_demo_prepare(struct db *d, struct yerr *e);

/* Writes demo staff, employers and n cases ending today (clock_today()),
 * with tasks in every state of every queue and consistent event histories.
 * Same seed and same clock, same data.  Inside the caller's transaction. */
int db_demo_generate(struct db *d, const struct catalog *c, long n, uint64_t seed,
		     const char *region, struct yerr *e);

#endif
