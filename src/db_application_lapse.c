/* db_application_lapse.c — a lapsed 补正期限 (extend once with a reason,
 * or close as 视为撤回 with its SMS and letter) and the supplement an office
 * asked for with task request.  Layer: db. */
#include "db_application.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_qcode.h"
#include "core_text.h"
#include "core_validate.h"
#include "db_catalog.h"
#include "db_event.h"
#include "db_internal.h"
#include "db_notice.h"
#include "db_task.h"
#include "i18n.h"
#include "db_application_internal.h"

#define ITEMS_KEY "items.ticked"

/* ==== a lapsed 补正期限: extend once, or 视为撤回 ==== */

int db_application_lapsed(struct db *d, struct lapsed_row *out, int max, long *total,
			  struct yerr *e)
{
	char today[11];
	date_format(clock_today(), today);
	sqlite3_stmt *st = db_prep(d,
		"SELECT c.id, c.case_no, c.supplement_due, c.worker_name, "
		"c.supplement_extended, count(*) OVER () FROM cases c "
		"LEFT JOIN person w ON w.id = c.worker_id "
		"WHERE c.state = 'deficient' AND c.supplement_due < ? ORDER BY c.supplement_due, c.id "
		"LIMIT ?");
	db_bind_text(st, 1, today);
	sqlite3_bind_int(st, 2, max > 0 ? max : 1);
	int rc, n = 0;
	*total = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*total = sqlite3_column_int64(st, 5);
		if (n >= max)
			continue;
		struct lapsed_row *r = &out[n++];
		r->id = sqlite3_column_int64(st, 0);
		DB_CPY(r->case_no, st, 1);
		DB_CPY(r->due, st, 2);
		DB_CPY(r->worker_name, st, 3);
		r->extended = sqlite3_column_int(st, 4);
		yday dd;
		r->days_over = date_parse(r->due, &dd, NULL) == 0 ? (int)(clock_today() - dd) : 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(d, _("lapsed supplements"), e);
	return n;
}

/* The lapsed deficient case, loaded; -1 with why when it is not one. */
static int load_lapsed(struct db *d, const struct catalog *c, int64_t case_id,
		       struct application *ap, int *extended, struct yerr *e)
{
	if (db_application_load(d, c, case_id, ap, e) < 0)
		return -1;
	char today[11];
	date_format(clock_today(), today);
	if (ap->state != CS_DEFICIENT || !*ap->supplement_due || strcmp(ap->supplement_due, today) >= 0)
		return yerr_set(e, YERR_STATE, _("case %s has not lapsed: only a deficient case past "
						 "its supplement deadline is extended or withdrawn "
						 "this way"), *ap->case_no ? ap->case_no : "?");
	sqlite3_stmt *st = db_prep(d, "SELECT supplement_extended FROM cases WHERE id = ?");
	sqlite3_bind_int64(st, 1, case_id);
	*extended = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

int db_application_lapse_extend(struct db *d, const struct catalog *c, const struct actor *a,
				int64_t case_id, const char *reason, char new_due[11],
				struct yerr *e)
{
	if (perm_check(a, ACT_CASE_WRITE, -1, e) < 0)
		return -1;
	if (!reason || !*reason)
		return yerr_set(e, YERR_INPUT, _("extending the supplement deadline needs the reason"));
	struct application ap;
	application_init(&ap);
	int extended = 0, rc = -1;
	if (db_begin(d, e) < 0)
		goto out;
	if (load_lapsed(d, c, case_id, &ap, &extended, e) < 0)
		goto fail;
	if (extended) {
		yerr_set(e, YERR_STATE, _("case %s: the supplement deadline was extended once "
					  "already; close it as withdrawn"), ap.case_no);
		goto fail;
	}
	const struct rule *r = catalog_rule(c, "supplement_deadline");
	char old[11], now[20];
	snprintf(old, sizeof old, "%s", ap.supplement_due);
	date_format(deadline_add(&c->cal, clock_today(), r ? r->amount : 15,
				 r ? r->day_kind : DAYS_CALENDAR, NULL, 0), ap.supplement_due);
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "UPDATE cases SET supplement_due = ?, supplement_extended = 1, "
				      "updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, ap.supplement_due);
	db_bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, case_id);
	itemset decided = 0;
	db_application_decided(d, c, &ap, &decided, NULL);
	char *names = dba_missing_list(c, &ap, decided, 0);
	char *detail = xasprintf("supplement_due %s -> %s: %s", old, ap.supplement_due, reason);
	int ok = db_exec_stmt(d, st, e) == 0 &&
		 dba_event(d, a, case_id, 0, "extended", detail, e) == 0 &&
		 dba_sms(d, c, a, &ap, "sms_deficient", ap.supplement_due, names, e) == 0;
	free(names);
	free(detail);
	if (!ok || db_commit(d, e) < 0)
		goto fail;
	snprintf(new_due, 11, "%s", ap.supplement_due);
	rc = 0;
	goto out;
fail:
	db_rollback(d);
out:
	application_release(&ap);
	return rc;
}

int db_application_lapse_withdraw(struct db *d, const struct catalog *c, const struct actor *a,
				  int64_t case_id, char **notice, struct yerr *e)
{
	*notice = NULL;
	if (perm_check(a, ACT_CASE_WRITE, -1, e) < 0)
		return -1;
	struct application ap;
	application_init(&ap);
	int extended = 0, rc = -1;
	if (db_begin(d, e) < 0)
		goto out;
	if (load_lapsed(d, c, case_id, &ap, &extended, e) < 0)
		goto fail;
	char now[20];
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "UPDATE cases SET state = 'withdrawn', reason = ?, "
				      "updated_at = ? WHERE id = ?");
	char *why = xasprintf(_("deemed withdrawn: the materials were not supplemented by %s"),
			      ap.supplement_due);
	db_bind_text(st, 1, why);
	db_bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, case_id);
	struct sbuf b = { 0 };
	dba_n_title(d, &b, _("Notice: application deemed withdrawn"), ap.case_no);
	dba_n_parties(c, &b, &ap);
	dba_n_items(d, c, &b, &ap, 0);
	sbuf_addf(&b, "\n");
	dba_n_kv(&b, _("Supplement by:"), ap.supplement_due);
	dba_n_kv(&b, _("Outcome:"), why);
	sbuf_addf(&b, "\n%s\n", _("You may apply again with complete materials, within the "
				  "time limits for application."));
	dba_n_footer(d, &b, a);
	*notice = dba_n_wrap(b.s);
	int ok = db_exec_stmt(d, st, e) == 0 &&
		 dba_event(d, a, case_id, 0, "withdrawn", why, e) == 0 &&
		 (!catalog_template(c, "sms_withdrawn") ||
		  dba_sms(d, c, a, &ap, "sms_withdrawn", ap.supplement_due, "", e) == 0) &&
		 dba_add_letter(d, a, &ap, "withdrawal", *notice, e) == 0;
	free(why);
	if (!ok || db_commit(d, e) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	db_rollback(d);
	free(*notice);
	*notice = NULL;
out:
	application_release(&ap);
	return rc;
}

/* ==== the supplement an office asked for (task request) ==== */

int db_application_office_supplement(struct db *d, const struct actor *a, int64_t case_id,
				     char *const *marks, int nmarks, struct yerr *e)
{
	if (perm_check(a, ACT_CASE_WRITE, -1, e) < 0)
		return -1;
	if (nmarks == 0)
		return yerr_set(e, YERR_INPUT, _("say what was brought: --material CODE=received"));
	char now[20];
	time_format(clock_now(), now);
	if (db_begin(d, e) < 0)
		return -1;
	int rc = 0;
	sqlite3_stmt *q = db_prep(d,
		"SELECT coalesce(c.case_no, ''), EXISTS (SELECT 1 FROM task t JOIN task_pause p "
		"ON p.task_id = t.id WHERE t.case_id = c.id AND t.state = 'reviewing' "
		"AND p.reason = 'supplement' AND p.to_on IS NULL) FROM cases c WHERE c.id = ?");
	sqlite3_bind_int64(q, 1, case_id);
	if (sqlite3_step(q) == SQLITE_ROW && !sqlite3_column_int(q, 1))
		rc = yerr_set(e, YERR_STATE, _("case %s is %s and can no longer be changed at the "
					       "window"), db_col(q, 0), case_state_label(CS_ACCEPTED));
	sqlite3_reset(q);
	for (int i = 0; rc == 0 && i < nmarks; i++) {
		const char *eq = strchr(marks[i], '=');
		enum material_status ms;
		char code[16];
		snprintf(code, sizeof code, "%.*s", eq ? (int)(eq - marks[i]) : 0, marks[i]);
		if (!eq || !*code || material_status_parse(eq + 1, &ms) < 0) {
			rc = yerr_set(e, YERR_INPUT, _("--material takes CODE=STATUS (received, "
						       "missing, shared, committed), not '%s'"),
				      marks[i]);
			break;
		}
		/* only what an office asked for, on a task still waiting for it */
		sqlite3_stmt *st = db_prep(d,
			"SELECT count(*) FROM task t JOIN task_pause p ON p.task_id = t.id "
			"WHERE t.case_id = ? AND t.state = 'reviewing' AND p.reason = 'supplement' "
			"AND p.to_on IS NULL AND (';' || p.note || ';') LIKE ('%;' || ? || ';%')");
		sqlite3_bind_int64(st, 1, case_id);
		db_bind_text(st, 2, code);
		int asked = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
		sqlite3_reset(st);
		if (!asked) {
			rc = yerr_set(e, YERR_STATE, _("no office of this case asked for %s"), code);
			break;
		}
		st = db_prep(d, "UPDATE case_material SET status = ?, updated_at = ? "
				"WHERE case_id = ? AND material = ?");
		db_bind_text(st, 1, material_status_code(ms));
		db_bind_text(st, 2, now);
		sqlite3_bind_int64(st, 3, case_id);
		db_bind_text(st, 4, code);
		rc = db_exec_stmt(d, st, e);
		if (rc == 0) {
			char *detail = xasprintf("%s=%s", code, material_status_code(ms));
			rc = dba_event(d, a, case_id, 0, "material", detail, e);
			free(detail);
		}
	}
	if (rc == 0)
		rc = db_task_supplemented(d, a, case_id, e);
	if (rc == 0)
		return db_commit(d, e);
	db_rollback(d);
	return -1;
}
