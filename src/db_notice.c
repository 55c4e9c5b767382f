/* db_notice.c — the outbox.  Layer: db. */
#include "db_notice.h"

#include <stdio.h>
#include <stdlib.h>

#include "core_date.h"
#include "db_event.h"
#include "db_internal.h"
#include "i18n.h"

int64_t db_notice_sms(struct db *d, const struct catalog *c, int64_t case_id, int64_t task_id,
		      const char *key, const char *phone, const struct sms_var *vars, int nvars,
		      const char *actor, const char *actor_role, struct yerr *e)
{
	if (!phone || !*phone)
		return 0;
	const char *tmpl = catalog_template(c, key);
	if (!tmpl)
		return yerr_set(e, YERR_INPUT, _("no SMS template '%s' in forms/templates.csv"), key);
	char *body = sms_render(tmpl, vars, nvars), now[20];
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO notice (case_id, task_id, channel, kind, recipient, "
				      "body, state, created_at) VALUES (?, ?, 'sms', ?, ?, ?, 'queued', ?)");
	sqlite3_bind_int64(st, 1, case_id);
	if (task_id)
		sqlite3_bind_int64(st, 2, task_id);
	db_bind_text(st, 3, key);
	db_bind_text(st, 4, phone);
	db_bind_text(st, 5, body);
	db_bind_text(st, 6, now);
	int rc = db_exec_stmt(d, st, e);
	free(body);
	if (rc < 0)
		return -1;
	int64_t id = sqlite3_last_insert_rowid(d->h);
	struct event_input ev = { .case_id = case_id, .task_id = task_id, .actor = actor,
				  .actor_role = actor_role, .kind = "sms_queued", .detail = key };
	return db_event_add(d, &ev, e) < 0 ? -1 : id;
}

int64_t db_notice_letter(struct db *d, int64_t case_id, const char *kind, const char *body,
			 const char *file, const char *actor, const char *actor_role,
			 struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO notice (case_id, channel, kind, body, state, file, "
				      "created_at) VALUES (?, 'letter', ?, ?, 'printed', ?, ?)");
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, body);
	db_bind_text(st, 4, file);
	db_bind_text(st, 5, now);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	int64_t id = sqlite3_last_insert_rowid(d->h);
	struct event_input ev = { .case_id = case_id, .actor = actor, .actor_role = actor_role,
				  .kind = "notice_printed", .detail = kind };
	return db_event_add(d, &ev, e) < 0 ? -1 : id;
}
