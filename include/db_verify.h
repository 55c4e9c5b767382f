/* db_verify.h — the tamper-evident history: the hash chain over events and
 * the check a supervisor, an auditor or a court runs on a database file.
 * Layer: db.
 *
 * The chain.  Every event row carries prev_hash and hash (64 lower-case hex
 * digits of a SHA-256, computed with OpenSSL's EVP):
 *
 *     hash = SHA-256(prev_hash || canonical)
 *
 * prev_hash is the hash of the event with the next lower id (64 '0' for
 * event 1), as its 64 ASCII hex digits.  canonical is the event's content
 * as netstrings, in this order:
 *
 *     id, case_id, task_id, at, actor, actor_role, kind, detail
 *
 * each written as <decimal byte length> ':' <bytes> ','; numbers in
 * decimal without leading zeros, a NULL task_id as the empty string.
 * Example: "1:7,2:42,0:,19:2026-11-28 09:30:00,8:chenjing,5:clerk,7:created,3:abc,".
 * Event ids run 1, 2, 3 ... without gaps (an event is written with the id
 * after the recorded head), and the one-row table `chain` holds the last id
 * and its hash, written in the same transaction as the event. */
#ifndef YICI_DB_VERIFY_H
#define YICI_DB_VERIFY_H

#include <stdint.h>
#include "db.h"
#include "util.h"

#define HASH_HEX 64
#define HASH_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The content of one event, as hashed. */
struct event_content {
	int64_t id;
	int64_t case_id;
	int64_t task_id;        /* 0 = NULL */
	const char *at, *actor, *actor_role, *kind, *detail;
};

/* Appends the canonical serialisation of ev to b. */
void event_canonical(const struct event_content *ev, struct sbuf *b);
/* out = hex SHA-256(prev || canonical(ev)), NUL-terminated. */
void event_hash(const char prev[HASH_HEX + 1], const struct event_content *ev,
		char out[HASH_HEX + 1]);
/* SHA-256 of prev (a NUL-terminated text, or NULL), a and b (NULL: none)
 * in hex: the inbox's row digests and their chain per import (db/140). */
void hash_link(const char *prev, const char *a, size_t na, const char *b, size_t nb,
	       char out[HASH_HEX + 1]);
/* 1 when s is 64 hex digits (either case). */
int hash_valid(const char *s);

/* The current head: the id and hash of the newest event (0 and
 * HASH_GENESIS for an empty history).  Export manifests carry it, so that
 * `yici verify --anchor` can later prove the chain was not rebuilt.
 * Returns 0, or -1 with e set.  Works on a read-only connection. */
int db_chain_head(struct db *d, int64_t *id, char hash[HASH_HEX + 1], struct yerr *e);

/* What `yici verify` found. */
struct verify_report {
	long events;            /* events walked */
	long tasks;             /* tasks cross-checked */
	int64_t head_id;
	char head[HASH_HEX + 1];
	int anchor_found;       /* the anchor hash is an event's hash */
	int64_t anchor_id;
	long records;           /* ledger records walked (db_ledger.h) */
	long inbox_rows;        /* inbox rows whose digests were checked (db_inbox.h) */
};

/* A signed anchor (an export manifest, `yici verify --anchor MANIFEST`):
 * the event count and chain head, the ledger count and head. */
struct verify_anchor {
	int64_t event_id;
	char event_hash[HASH_HEX + 1];
	int64_t ledger_id;
	char ledger_hash[HASH_HEX + 1];
};

/* Runs PRAGMA integrity_check and foreign_key_check, compares the tables
 * and triggers with the schema this yici creates, walks the chain, checks
 * the recorded head, cross-checks task and case states against their
 * events and, when anchor is non-NULL, that the chain passes through it.
 * Returns 0 when everything holds; 1 when something is broken, with e
 * naming the first broken row ("event 17: ..."); -1 when the check itself
 * failed (I/O, busy).  Reads only. */
int db_verify(struct db *d, const char *anchor, struct verify_report *r, struct yerr *e);
/* The same against a signed anchor (its signature checked by the caller):
 * event event_id must carry event_hash and ledger record ledger_id
 * ledger_hash, so the database still extends both heads. */
int db_verify_anchored(struct db *d, const struct verify_anchor *va, struct verify_report *r,
		       struct yerr *e);

#endif
