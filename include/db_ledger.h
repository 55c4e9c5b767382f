/* db_ledger.h — the state under the chain (db/051_ledger.sql): every row
 * yici writes to a table that carries a decision, a right or an identity
 * is recorded with its new values in the hash-chained table `ledger`, and
 * `yici verify` replays the ledger against the rows.
 *
 * A record hashes like an event (db_verify.h, event_hash) with the fields
 * id, 0, -, at, actor, tbl, rid, vals: hash = SHA-256(prev_hash ||
 * netstrings), prev_hash of the first record 64 '0'.
 *
 * Capture: TEMP triggers of yici's own read-write connection note each
 * changed row in temp.ledger_pending; db_commit folds them into `ledger`
 * just before the outermost COMMIT, so the records commit with the change
 * or not at all.  Unrecorded tables: event and chain (hash-chained
 * themselves), ledger, task_count (recounted by verify), and the lookup's
 * derived tables (person_initials, lookup_queue, the FTS tables), and the
 * inbox, whose rows carry digests chained per import instead (db_inbox.h).
 * Layer: db. */
#ifndef YICI_DB_LEDGER_H
#define YICI_DB_LEDGER_H

#include <stdint.h>
#include "db.h"
#include "util.h"

/* Installs the capture on a read-write connection, and records every row
 * of a database whose ledger is still empty (the first open after the
 * migration, or `yici init`).  db_open calls it. */
int db_ledger_install(struct db *d, struct yerr *e);

/* Inside the transaction that ran migrations, before db_ledger_install:
 * records again every row of a recorded table whose newest record lacks
 * only the columns a migration appended (the record's own columns
 * unchanged), so that an upgraded file verifies; a row changed around
 * yici is not recorded.  0 when the ledger is empty (install records
 * every row then). */
int db_ledger_migrated(struct db *d, struct yerr *e);

/* Folds the rows changed in this transaction into the ledger; db_commit
 * calls it before the outermost COMMIT.  0 when nothing is pending. */
int db_ledger_fold(struct db *d, struct yerr *e);

/* The head of the ledger: its newest id and hash (0 and 64 '0' when
 * empty). */
int db_ledger_head(struct db *d, int64_t *id, char hash[65], struct yerr *e);

/* verify: walks the ledger's chain (ids without gaps, prev_hash, hash, the
 * recorded head), then replays it against every recorded table: returns 0,
 * 1 with e naming the first broken record or row ("task [12]: payment_ref
 * is 'X' but the ledger says 'Y' (changed around yici)"), or -1 on an
 * error of the check.  *records gets the number of records walked; a
 * non-NULL anchor_hash must be the hash of record anchor_id. */
int db_ledger_verify(struct db *d, long *records, int64_t anchor_id, const char *anchor_hash,
		     struct yerr *e);

/* Records who received full ID numbers and phones and why (export --for
 * excel --unmasked): a row of the append-only table disclosure. */
int db_disclosure_record(struct db *d, const char *login, const char *role, const char *what,
			 const char *target, const char *reason, struct yerr *e);

#endif
