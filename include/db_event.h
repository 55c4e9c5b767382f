/* db_event.h — the history: every change to a case or task writes its
 * event here, in the same transaction, through db_event_add and nothing
 * else.  Events are append-only (triggers refuse UPDATE and DELETE) and
 * hash-chained.  Layer: db. */
#ifndef YICI_DB_EVENT_H
#define YICI_DB_EVENT_H

#include <stdint.h>
#include "db.h"

struct event_input {
	int64_t case_id;        /* required */
	int64_t task_id;        /* 0 = the case as a whole */
	const char *at;         /* "YYYY-MM-DD HH:MM:SS"; NULL = clock_now() */
	const char *actor;      /* login, or "system" */
	const char *actor_role; /* clerk, officer, supervisor, system */
	const char *kind;       /* one of the event kinds of db/001_init.sql */
	const char *detail;     /* free text (never a full ID number), may be NULL */
};

/* Appends one event inside the caller's transaction and returns its id, or
 * -1 with e set. */
int64_t db_event_add(struct db *d, const struct event_input *ev, struct yerr *e);

/* With d's defer_chain set (bulk writers only), events do not update the
 * chain's head row one by one: this writes it once, inside the same
 * transaction, before the commit. */
int db_event_sync_head(struct db *d, struct yerr *e);

#endif
