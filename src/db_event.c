/* db_event.c — appending to the history.  Layer: db. */
#include "db_event.h"

#include <stdio.h>

#include "core_date.h"
#include "db_internal.h"
#include "i18n.h"

int64_t db_event_add(struct db *d, const struct event_input *ev, struct yerr *e)
{
	char now[20];
	if (!ev->at)
		time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO event (case_id, task_id, at, actor, actor_role, "
				      "kind, detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, ev->case_id);
	if (ev->task_id)
		sqlite3_bind_int64(st, 2, ev->task_id);
	db_bind_text(st, 3, ev->at ? ev->at : now);
	db_bind_text(st, 4, ev->actor);
	db_bind_text(st, 5, ev->actor_role);
	db_bind_text(st, 6, ev->kind);
	db_bind_text(st, 7, ev->detail ? ev->detail : "");
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	return sqlite3_last_insert_rowid(d->h);
}
