/* db_notice.h — the outbox: SMS for the gateway (exported nightly) and
 * printed letters.  Layer: db. */
#ifndef YICI_DB_NOTICE_H
#define YICI_DB_NOTICE_H

#include <stdint.h>
#include "core_catalog.h"
#include "core_sms.h"
#include "db.h"

/* Queues an SMS to phone from template `key` of the catalog (forms/
 * templates.csv), with {case_no}, {worker_name} ... and writes its
 * 'sms_queued' event, inside the caller's transaction.  A missing phone
 * queues nothing and returns 0.  Returns the notice id, 0, or -1. */
int64_t db_notice_sms(struct db *d, const struct catalog *c, int64_t case_id, int64_t task_id,
		      const char *key, const char *phone, const struct sms_var *vars, int nvars,
		      const char *actor, const char *actor_role, struct yerr *e);

/* Records a printed/written letter (受理通知书, 一次性告知书 ...) with its
 * file and writes a 'notice_printed' event.  Returns the notice id or -1. */
int64_t db_notice_letter(struct db *d, int64_t case_id, const char *kind, const char *body,
			 const char *file, const char *actor, const char *actor_role,
			 struct yerr *e);

#endif
