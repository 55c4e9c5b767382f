/* db_outbox.c — what reaches the applicant outside the window: the SMS
 * outbox the export hands to the gateway, and the SMS and written notice
 * of a suspension and a resumption (条例 §20).  Layer: db. */
#include "db_followup.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_date.h"
#include "core_sms.h"
#include "core_task.h"
#include "core_text.h"
#include "core_validate.h"
#include "db_application.h"
#include "db_casefile.h"
#include "db_event.h"
#include "db_internal.h"
#include "db_notice.h"
#include "i18n.h"


/* ---- outbox ---- */

static const char outbox_sql[] =
	"SELECT n.id, coalesce(c.case_no, ''), n.kind, n.recipient, n.state, n.created_at, "
	"  coalesce(n.exported_at, ''), n.body FROM notice n JOIN cases c ON c.id = n.case_id "
	"WHERE n.channel = 'sms' AND n.id < ?1 AND (?2 IS NULL OR n.state = ?2) "
	"AND (?2 IS NOT NULL OR n.state = 'queued' OR n.state = 'exported') "
	"ORDER BY n.id DESC LIMIT ?3";

int db_outbox_each(struct db *d, const char *state, long limit,
		   void (*fn)(const struct outbox_row *r, void *arg), void *arg, struct yerr *e)
{
	if (state && strcmp(state, "queued") && strcmp(state, "exported"))
		return yerr_set(e, YERR_INPUT, _("the outbox state is queued or exported, not '%s'"),
				state);
	int64_t before = INT64_MAX;
	long left = limit > 0 ? limit : -1;
	struct outbox_row r;
	for (;;) {
		sqlite3_stmt *st = db_prep(d, outbox_sql);
		sqlite3_bind_int64(st, 1, before);
		db_bind_text(st, 2, state);
		sqlite3_bind_int(st, 3, left >= 0 && left < 256 ? (int)left : 256);
		int n = 0, rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			r.id = before = sqlite3_column_int64(st, 0);
			DB_CPY(r.case_no, st, 1);
			DB_CPY(r.kind, st, 2);
			DB_CPY(r.recipient, st, 3);
			DB_CPY(r.state, st, 4);
			DB_CPY(r.created_at, st, 5);
			DB_CPY(r.exported_at, st, 6);
			DB_CPY(r.body, st, 7);
			n++;
			fn(&r, arg);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(d, _("outbox"), e);
		if (left > 0)
			left -= n;
		if (n < 256 || left == 0)
			return 0;
	}
}

/* ---- suspension and resumption: the applicant told (条例 §20) ---- */

/* What ends a suspension of each reason, for the notice and the SMS. */
static const char *pause_ends(const char *reason)
{
	if (!strcmp(reason, "judicial"))
		return _("the judicial or administrative body concludes and the conclusion is "
			 "brought to the office");
	if (!strcmp(reason, "reconsideration"))
		return _("the reconsideration decision is made");
	if (!strcmp(reason, "litigation"))
		return _("the court's judgment takes effect");
	if (!strcmp(reason, "reappraisal"))
		return _("the re-appraisal's conclusion is in");
	return _("the cause is removed");
}

struct pause_info {
	int64_t case_id;
	char case_no[32], item[8], worker[64], phone[24], due[11], reason[24], note[256];
};

static int pause_info(struct db *d, int64_t task, struct pause_info *p, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT c.id, coalesce(c.case_no, ''), t.item, c.worker_name, "
		"  coalesce(nullif(a.phone, ''), nullif(w.phone, ''), ''), coalesce(t.due_on, ''), "
		"  coalesce(p.reason, ''), coalesce(p.note, '') "
		"FROM task t JOIN cases c ON c.id = t.case_id "
		"LEFT JOIN person w ON w.id = c.worker_id LEFT JOIN person a ON a.id = c.applicant_id "
		"LEFT JOIN task_pause p ON p.id = (SELECT max(id) FROM task_pause WHERE task_id = t.id) "
		"WHERE t.id = ?");
	sqlite3_bind_int64(st, 1, task);
	memset(p, 0, sizeof *p);
	if (db_step_one(d, st, _("task"), e, _("no task %lld"), (long long)task) < 0)
		return -1;
	p->case_id = sqlite3_column_int64(st, 0);
	DB_CPY(p->case_no, st, 1);
	DB_CPY(p->item, st, 2);
	DB_CPY(p->worker, st, 3);
	DB_CPY(p->phone, st, 4);
	DB_CPY(p->due, st, 5);
	DB_CPY(p->reason, st, 6);
	DB_CPY(p->note, st, 7);
	sqlite3_reset(st);
	return 0;
}

static char *pause_letter(const struct catalog *c, const struct pause_info *p, int resumed,
			  const char *confirmation)
{
	int i = catalog_item_index(c, p->item);
	const char *name = i >= 0 ? c->items[i].name : p->item;
	char today[11];
	date_format(clock_today(), today);
	struct sbuf b = { 0 };
	sbuf_addf(&b, "%s\n\n", resumed ? _("Notice of resumption (work-injury insurance)")
					  : _("Notice of suspension (work-injury insurance)"));
	sbuf_addf(&b, "%-14s %s\n", _("Case number:"), p->case_no);
	sbuf_addf(&b, "%-14s %s\n", _("Worker:"), p->worker);
	sbuf_addf(&b, "%-14s %s %s\n", _("Item:"), p->item, name);
	if (!resumed) {
		sbuf_addf(&b, "%-14s %s\n", _("Suspended on:"), today);
		sbuf_addf(&b, "%-14s %s%s%s\n", _("Reason:"), task_suspend_reason_label(p->reason),
			  *p->note ? ": " : "", p->note);
		sbuf_addf(&b, "%-14s %s\n", _("Resumes when:"), pause_ends(p->reason));
		sbuf_addf(&b, "\n%s\n", _("The time limit stops from this day and runs on, with the "
					  "days already used, from the day it resumes; you will be "
					  "told in writing and by SMS."));
	} else {
		sbuf_addf(&b, "%-14s %s\n", _("Resumed on:"), today);
		sbuf_addf(&b, "%-14s %s\n", _("Because:"), confirmation ? confirmation : "");
		sbuf_addf(&b, "%-14s %s\n", _("Now due by:"), p->due);
	}
	sbuf_addf(&b, "\n%s ____________________    %s ____________\n", _("Received by:"), _("Date:"));
	return b.s;
}

int db_pause_notice(struct db *d, const struct catalog *c, const struct actor *a, int64_t task,
		    int resumed, const char *confirmation, struct yerr *e)
{
	struct pause_info p;
	if (pause_info(d, task, &p, e) < 0)
		return -1;
	const char *kind = resumed ? "resumption" : "suspension";
	const char *role = a->role == ROLE_IMPORT ? "system" : role_code(a->role);
	char *body = pause_letter(c, &p, resumed, confirmation);
	char *file = db_application_notice_path(d, *p.case_no ? p.case_no : "case", kind);
	int rc = db_notice_letter(d, p.case_id, kind, body, file, a->login, role, e) < 0 ? -1 : 0;
	free(file);
	free(body);
	const char *key = resumed ? "sms_resumed" : "sms_suspended";
	char phone[12];
	if (rc < 0 || !catalog_template(c, key) || validate_mobile(p.phone, phone, NULL) < 0)
		return rc;
	int i = catalog_item_index(c, p.item);
	char today[11], reason[320];
	date_format(clock_today(), today);
	snprintf(reason, sizeof reason, "%s", task_suspend_reason_label(p.reason));
	struct sms_var v[] = {
		{ "case_no", p.case_no }, { "worker_name", p.worker }, { "date", today },
		{ "item_name", i >= 0 ? c->items[i].name : p.item }, { "reason", reason },
		{ "ends", pause_ends(p.reason) }, { "due_date", p.due },
	};
	return db_notice_sms(d, c, p.case_id, task, key, phone, v, (int)ARRAY_SIZE(v), a->login,
			     role, e) < 0 ? -1 : 0;
}
