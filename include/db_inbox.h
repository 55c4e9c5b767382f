/* db_inbox.h — online applications waiting at the window (db/140): the
 * import writes one row per application, every value as validated and
 * nothing else; the window opens a row (F7, `apply --case EXT_ID`), which
 * writes its persons, employer, materials and case (state intake) in one
 * transaction; `yici verify` checks each import's chain of row digests.
 * Layer: db. */
#ifndef YICI_DB_INBOX_H
#define YICI_DB_INBOX_H
#include <stdint.h>
#include "core_catalog.h"
#include "core_perm.h"
#include "db.h"
#include "db_verify.h"
#include "util.h"

/* One application as the import received it: the values of the file's
 * columns (their names are the import's: db_inbox_columns). */
struct inbox_in {
	const char *const *values;
	int n;
	const char *ext_id, *submitted_at; /* as in the file (validated) */
	long line;
	int64_t log_id;
};
/* Keeps the file's header with the import's log row, once. */
int db_inbox_columns(struct db *d, int64_t log_id, const char *const *names, int n,
		     struct yerr *e);
/* The chain of an import's row digests (exchange_log.inbox_digest). */
struct inbox_chain {
	char head[HASH_HEX + 1];   /* "" before the first row */
	long rows;
	struct sbuf buf;           /* the row being written (reused; the
				    * caller releases it) */
};
/* Adds the row inside the caller's transaction and links its digest
 * into ch: 0 added, 1 already received by an earlier import, 2 already
 * read earlier in this import (log_id), -1 (e). */
int db_inbox_add(struct db *d, const struct inbox_in *in, struct inbox_chain *ch,
		 struct yerr *e);
/* Writes the chain's head into the import's log row. */
int db_inbox_chain_save(struct db *d, int64_t log_id, const struct inbox_chain *ch,
			struct yerr *e);

/* A row of the inbox by ext_id: 0 found (r filled), 1 not found, -1. */
struct inbox_row {
	int64_t id, case_id, log_id;
	char ext_id[64];
	char submitted_at[20], received_at[20], opened_at[20];
	char worker_name[64], applicant_name[64], kind[8], items[64];
	char opened_by[64];
	long line;
};
int db_inbox_find(struct db *d, const char *ext_id, struct inbox_row *r, struct yerr *e);

/* The rows not yet opened, in the order received (after the row
 * after_id; after_at is not used: 0 from the start), for the intake list. */
struct intake_row;
int db_inbox_waiting(struct db *d, const char *after_at, int64_t after_id, int limit,
		     struct intake_row *out, struct yerr *e);

/* Opens a waiting row at the window: writes its persons, employer,
 * materials (with what data sharing holds) and the case in state intake,
 * with the 'imported' event, and marks the row opened, in one
 * transaction.  A row opened before gives its case.  0 with *case_id,
 * 1 when no row has that ext_id, -1 (e). */
int db_inbox_open(struct db *d, const struct catalog *c, const struct actor *a,
		  const char *ext_id, int64_t *case_id, struct yerr *e);

/* yici verify: every row's digest against its values, and each import's
 * chain against its log row.  0 and *rows checked, or -1 with the first
 * difference (YERR_STATE) in e. */
int db_inbox_verify(struct db *d, long *rows, struct yerr *e);
#endif
