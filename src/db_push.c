/* db_push.c — pushes to other services after a decision (延伸服务, 160号):
 * the insurer, employment and unemployment services, as the outcome's
 * `push` column of forms/outcomes.csv says, with the applicant's consent.
 * Layer: db. */
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


/* ---- pushes ---- */

unsigned push_targets(const char *push, int grade, int has_insurer, int consent)
{
	char why[64];
	int t = consent ? catalog_push_targets(push, grade, why) : 0;
	if (t < 0) /* the loader refused such a column */
		return 0;
	if (!has_insurer)
		t &= ~PUSH_INSURER;
	return (unsigned)t;
}

static const char push_task_sql[] =
	"SELECT t.case_id, t.item, coalesce(t.outcome, ''), coalesce(t.grade, 0), "
	"  c.consent_extended, coalesce(m.supp_insurer, ''), coalesce(c.case_no, ''), "
	"  c.worker_name, c.employer_name, coalesce(t.decided_on, ''), "
	"  coalesce(o.push, '') "
	"FROM task t JOIN cases c ON c.id = t.case_id LEFT JOIN employer m ON m.id = c.employer_id "
	"LEFT JOIN item_outcome o ON o.item = t.item AND o.code = t.outcome "
	"LEFT JOIN person w ON w.id = c.worker_id WHERE t.id = ?";
static const char push_exists_sql[] =
	"SELECT 1 FROM push WHERE case_id = ? AND task_id = ? AND target = ?";
static const char push_add_sql[] =
	"INSERT INTO push (case_id, task_id, target, payload, created_at) VALUES (?, ?, ?, ?, ?)";

struct push_src {
	int64_t case_id;
	char item[8], outcome[16], insurer[64], case_no[32], worker[64], employer[160], on[11], push[64];
	int grade, consent;
};

static int push_one(struct db *d, int64_t task, const struct push_src *p, const char *target,
		    struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, push_exists_sql);
	sqlite3_bind_int64(st, 1, p->case_id);
	sqlite3_bind_int64(st, 2, task);
	db_bind_text(st, 3, target);
	int exists = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (exists)
		return 0;
	char now[20], grade[8] = "";
	time_format(clock_now(), now);
	if (p->grade)
		snprintf(grade, sizeof grade, "%d", p->grade);
	char *payload = xasprintf("case_no=%s;item=%s;outcome=%s;grade=%s;decided_on=%s;worker=%s;"
				  "employer=%s;insurer=%s", p->case_no, p->item, p->outcome, grade,
				  p->on, p->worker, p->employer,
				  !strcmp(target, "insurer") ? p->insurer : "");
	st = db_prep(d, push_add_sql);
	sqlite3_bind_int64(st, 1, p->case_id);
	sqlite3_bind_int64(st, 2, task);
	db_bind_text(st, 3, target);
	db_bind_text(st, 4, payload);
	db_bind_text(st, 5, now);
	int rc = db_exec_stmt(d, st, e);
	free(payload);
	char *detail = !strcmp(target, "insurer") ? xasprintf("%s: %s", target, p->insurer)
						  : xstrdup(target);
	struct event_input ev = { .case_id = p->case_id, .task_id = task, .actor = "system",
				  .actor_role = "system", .kind = "pushed", .detail = detail };
	if (rc == 0 && db_event_add(d, &ev, e) < 0)
		rc = -1;
	free(detail);
	return rc < 0 ? -1 : 1;
}

int db_push_on_decision(struct db *d, int64_t task_id, struct yerr *e)
{
	struct push_src p = { 0 };
	sqlite3_stmt *st = db_prep(d, push_task_sql);
	sqlite3_bind_int64(st, 1, task_id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		p.case_id = sqlite3_column_int64(st, 0);
		DB_CPY(p.item, st, 1);
		DB_CPY(p.outcome, st, 2);
		p.grade = sqlite3_column_int(st, 3);
		p.consent = sqlite3_column_int(st, 4);
		DB_CPY(p.insurer, st, 5);
		DB_CPY(p.case_no, st, 6);
		DB_CPY(p.worker, st, 7);
		DB_CPY(p.employer, st, 8);
		DB_CPY(p.on, st, 9);
		DB_CPY(p.push, st, 10);
	}
	sqlite3_reset(st);
	if (!found)
		return yerr_set(e, YERR_NOTFOUND, _("no task with id %lld"), (long long)task_id);
	unsigned t = push_targets(p.push, p.grade, p.insurer[0] != '\0', p.consent);
	static const struct { unsigned bit; const char *target; } targets[] = {
		{ PUSH_INSURER, "insurer" }, { PUSH_EMPLOYMENT, "employment" },
		{ PUSH_UNEMPLOYMENT, "unemployment" },
	};
	int n = 0;
	for (size_t i = 0; i < ARRAY_SIZE(targets); i++) {
		if (!(t & targets[i].bit))
			continue;
		int rc = push_one(d, task_id, &p, targets[i].target, e);
		if (rc < 0)
			return -1;
		n += rc;
	}
	return n;
}
