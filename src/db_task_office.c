/* db_task_office.c — acceptance in the office (受理审核, 160号 四(二)): the
 * office accepts, refuses (不予受理, with its letter) or requests a
 * supplement of an item the window received, on the review clock of the
 * item's review_rule.  Layer: db. */
#include "db_task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_catalog.h"
#include "core_date.h"
#include "core_task.h"
#include "db_audit.h"
#include "db_catalog.h"
#include "db_event.h"
#include "db_followup.h"
#include "db_internal.h"
#include "db_notice.h"
#include "i18n.h"
#include "db_task_internal.h"

/* ---- acceptance in the office (受理审核) ----
 *
 * The window receives (收件) an item the catalog says the office accepts
 * (items.csv accepts=office): the task waits in 'reviewing' with the
 * review limit of its review_rule (工伤认定办法 §8: 15 days for RD) in
 * due_on.  The office accepts it (the decision clock starts that day),
 * refuses it (不予受理, with the remedy) or asks for a supplement (补正:
 * one notice of every missing material; the review clock stands still
 * until the window records the supplement). */

/* The open supplement request of a task: 1 and its day and materials, or 0. */
static int open_request(struct db *d, int64_t task, char from[11], char *materials, size_t n)
{
	sqlite3_stmt *st = db_prep(d, "SELECT from_on, note FROM task_pause WHERE task_id = ? "
				      "AND reason = 'supplement' AND to_on IS NULL "
				      "ORDER BY id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, task);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		snprintf(from, 11, "%s", db_col(st, 0));
		text_copy(materials, n, db_col(st, 1));
	}
	sqlite3_reset(st);
	return found;
}

/* The review deadline of a reviewing task: received (started_on) plus the
 * review rule's days, over its supplement pauses. */
static int store_review_deadline(struct ctx *x, int64_t task, const char *item, yday received)
{
	int idx = catalog_item_index(&x->cat, item);
	if (idx < 0 || !x->cat.items[idx].office_accepts)
		return 0;
	const struct item *it = &x->cat.items[idx];
	struct task_clock k = { .started = received, .promised_days = it->review_days,
				.limit_days = it->review_days, .kind = it->review_day_kind };
	return dbt_store_deadlines(x, task, &k);
}

static int refuse_requested(struct ctx *x)
{
	char from[11], mats[128];
	if (!open_request(x->d, x->t.id, from, mats, sizeof mats))
		return 0;
	return yerr_set(x->e, YERR_STATE,
			_("%s %s waits for the supplement asked for on %s (%s): the window records "
			  "it first"), x->t.case_no, x->t.item, from, mats);
}

int db_task_accept(struct db *d, const struct actor *a, int64_t task, int version,
		   struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_ACCEPT);
	if (rc == 0)
		rc = refuse_requested(&x);
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "UPDATE task SET state = 'accepted', started_on = ?, "
					      "extended_days = 0, assignee = coalesce(?, assignee), "
					      "version = version + 1, updated_at = ? WHERE id = ?");
		dbt_bind_day(st, 1, x.today);
		db_bind_text_or_null(st, 2, dbt_self_if_unassigned(&x));
		db_bind_text(st, 3, x.now);
		sqlite3_bind_int64(st, 4, task);
		rc = db_exec_stmt(d, st, e);
	}
	/* the decision clock starts today: the review's pauses lie before it */
	x.t.started = x.today;
	x.t.extended = 0;
	struct task_clock k = dbt_clock_of(&x.t);
	if (rc == 0)
		rc = dbt_store_deadlines(&x, task, &k);
	struct pause none[1];
	yday due = 0, legal = 0;
	task_deadlines(&x.cat.cal, &k, none, 0, &due, &legal);
	if (rc == 0) {
		char ds[11], *detail;
		dbt_dfmt(due, ds);
		detail = xasprintf("%s %s %s %s; by the office", x.t.item,
				   idx >= 0 ? x.cat.items[idx].name : x.t.item, category_code(x.t.cat),
				   ds);
		rc = dbt_event(&x, task, "task_accepted", detail);
		free(detail);
	}
	/* the SMS of acceptance comes from the office's acceptance, with the
	 * statutory date of an administrative decision */
	if (rc == 0 && idx >= 0 && *x.cat.items[idx].sms_accept)
		rc = dbt_sms(&x, task, x.cat.items[idx].sms_accept, x.t.item, x.today,
			     x.t.cat == CAT_ADMIN ? legal : due, NULL);
	return dbt_finish(&x, rc);
}

/* An SMS with the reason or the missing materials (sms_not_accepted,
 * sms_deficient). */
static int sms_text(struct ctx *x, int64_t task, const char *key, const char *text, yday due)
{
	if (!catalog_template(&x->cat, key))
		return 0;
	struct case_contact cc;
	dbt_case_contact(x->d, x->t.case_id, &cc);
	char ds[11], dues[11];
	dbt_dfmt(x->today, ds);
	dbt_dfmt(due, dues);
	struct sms_var v[] = {
		{ "case_no", cc.case_no }, { "worker_name", cc.worker }, { "date", ds },
		{ "due_date", dues }, { "reason", text }, { "missing", text },
		{ "item_name", x->t.item },
	};
	int64_t rc = db_notice_sms(x->d, &x->cat, x->t.case_id, task, key, cc.phone, v,
				   (int)ARRAY_SIZE(v), x->a->login, dbt_role_of(x->a), x->e);
	return rc < 0 ? -1 : 0;
}

/* A letter of the office (不予受理决定, 补正通知) on the case's notices. */
static int office_letter(struct ctx *x, const char *kind, const char *title, const char *body)
{
	int idx = catalog_item_index(&x->cat, x->t.item);
	char today[11];
	dbt_dfmt(x->today, today);
	struct sbuf b = { 0 };
	sbuf_addf(&b, "%s\n\n", title);
	sbuf_addf(&b, "%s %s\n", _("Case number:"), x->t.case_no);
	sbuf_addf(&b, "%s %s %s (%s)\n", _("Item:"), x->t.item,
		  idx >= 0 ? x->cat.items[idx].name : "", category_label(x->t.cat));
	sbuf_addstr(&b, body);
	sbuf_addf(&b, "\n%s %s    %s %s\n", _("Office:"), category_label(x->t.cat), _("Date:"),
		  today);
	char *dir = db_config_get(x->d, "notices_dir");
	const char *p = db_path(x->d), *slash = strrchr(p, '/');
	char *file;
	if (dir && dir[0] == '/')
		file = xasprintf("%s/%s-%s-%s.txt", dir, x->t.case_no, x->t.item, kind);
	else if (slash)
		file = xasprintf("%.*s/%s/%s-%s-%s.txt", (int)(slash - p), p, dir ? dir : "notices",
				 x->t.case_no, x->t.item, kind);
	else
		file = xasprintf("%s/%s-%s-%s.txt", dir ? dir : "notices", x->t.case_no, x->t.item,
				 kind);
	int64_t id = db_notice_letter(x->d, x->t.case_id, kind, b.s, file, x->a->login,
				      dbt_role_of(x->a), x->e);
	free(file);
	free(dir);
	sbuf_release(&b);
	return id < 0 ? -1 : 0;
}

int db_task_reject(struct db *d, const struct actor *a, int64_t task, const char *reason,
		   int version, struct yerr *e)
{
	if (db_text_ok("--reason", reason, TASK_TEXT_MAX, e) < 0)
		return -1;
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_REJECT);
	if (rc == 0 && dbt_is_blank(reason))
		rc = yerr_set(e, YERR_INPUT, _("task reject needs --reason (the ground of 不予受理)"));
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "UPDATE task SET state = 'not_accepted', reason = ?, "
					      "due_on = NULL, legal_due_on = NULL, "
					      "assignee = coalesce(?, assignee), "
					      "version = version + 1, updated_at = ? WHERE id = ?");
		db_bind_text(st, 1, reason);
		db_bind_text_or_null(st, 2, dbt_self_if_unassigned(&x));
		db_bind_text(st, 3, x.now);
		sqlite3_bind_int64(st, 4, task);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0) {
		/* an open supplement request ends with the refusal */
		sqlite3_stmt *st = db_prep(d, "UPDATE task_pause SET to_on = max(from_on, ?) "
					      "WHERE task_id = ? AND to_on IS NULL");
		dbt_bind_day(st, 1, x.today);
		sqlite3_bind_int64(st, 2, task);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0) {
		char *detail = xasprintf("%s: %s", x.t.item, reason);
		rc = dbt_event(&x, task, "not_accepted", detail);
		free(detail);
	}
	if (rc == 0) {
		const struct rule *rr = catalog_rule(&x.cat, "reconsideration"),
				  *rl = catalog_rule(&x.cat, "litigation");
		struct sbuf b = { 0 };
		sbuf_addf(&b, "%s %s\n\n", _("Not accepted because:"), reason);
		sbuf_addf(&b, _("If you disagree, you may apply for administrative reconsideration "
				"within %d days (%s) or bring an administrative lawsuit within %d "
				"months (%s).\n"),
			  rr ? rr->amount : 60, rr ? rr->basis : "", rl ? rl->amount : 6,
			  rl ? rl->basis : "");
		rc = office_letter(&x, "refusal", _("Notice of non-acceptance"), b.s);
		sbuf_release(&b);
	}
	if (rc == 0)
		rc = sms_text(&x, task, "sms_not_accepted", reason, 0);
	/* the items of the case that wait for this one's decision close */
	if (rc == 0)
		rc = dbt_resolve_links(&x, x.today, "not accepted", reason);
	return dbt_finish(&x, rc);
}

int db_task_request(struct db *d, const struct actor *a, int64_t task, const char *const *codes,
		    int ncodes, int version, struct yerr *e)
{
	struct ctx x = { .d = d, .a = a, .e = e };
	int rc = dbt_begin(&x, task, version, TA_REQUEST);
	if (rc == 0)
		rc = refuse_requested(&x);
	if (rc == 0 && ncodes == 0)
		rc = yerr_set(e, YERR_INPUT, _("task request needs --material CODE for every missing "
					       "material (one notice lists them all)"));
	struct sbuf list = { 0 }, names = { 0 };
	sbuf_add(&list, "", 0);
	sbuf_add(&names, "", 0);
	int idx = rc == 0 ? catalog_item_index(&x.cat, x.t.item) : -1;
	for (int i = 0; rc == 0 && i < ncodes; i++) {
		int m = catalog_material_index(&x.cat, codes[i]);
		int linked = 0;
		for (int l = 0; m >= 0 && l < x.cat.nlinks; l++)
			linked |= x.cat.links[l].item == idx && x.cat.links[l].material == m;
		if (m < 0)
			rc = yerr_set(e, YERR_INPUT, _("unknown material '%s'"), codes[i]);
		else if (!linked)
			rc = yerr_set(e, YERR_INPUT, _("%s is not a material of %s"), codes[i],
				      x.t.item);
		else if (strstr(list.s, codes[i]))
			rc = yerr_set(e, YERR_INPUT, _("material %s is named twice"), codes[i]);
		else {
			sbuf_addf(&list, "%s%s", list.len ? ";" : "", codes[i]);
			sbuf_addf(&names, "%s%s", names.len ? "、" : "", x.cat.materials[m].name);
		}
	}
	/* the materials asked for are missing again until the window records them */
	sqlite3_stmt *st;
	for (int i = 0; rc == 0 && i < ncodes; i++) {
		st = db_prep(d, "INSERT INTO case_material (case_id, material, status, items, "
				"updated_at) VALUES (?, ?, 'missing', ?, ?) ON CONFLICT (case_id, "
				"material) DO UPDATE SET status = 'missing', updated_at = excluded.updated_at");
		sqlite3_bind_int64(st, 1, x.t.case_id);
		db_bind_text(st, 2, codes[i]);
		db_bind_text(st, 3, x.t.item);
		db_bind_text(st, 4, x.now);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0) {
		st = db_prep(d, "INSERT INTO task_pause (task_id, reason, from_on, note) "
				"VALUES (?, 'supplement', ?, ?)");
		sqlite3_bind_int64(st, 1, task);
		dbt_bind_day(st, 2, x.today);
		db_bind_text(st, 3, list.s);
		rc = db_exec_stmt(d, st, e);
	}
	if (rc == 0)
		rc = store_review_deadline(&x, task, x.t.item, x.t.started);
	if (rc == 0)
		rc = dbt_set_state(&x, task, TS_REVIEWING, dbt_self_if_unassigned(&x));
	if (rc == 0) {
		char *detail = xasprintf("%s: %s", x.t.item, list.s);
		rc = dbt_event(&x, task, "deficient", detail);
		free(detail);
	}
	const struct rule *r = catalog_rule(&x.cat, "supplement_deadline");
	yday by = deadline_add(&x.cat.cal, x.today, r ? r->amount : 15,
			       r ? r->day_kind : DAYS_CALENDAR, NULL, 0);
	if (rc == 0) {
		char bys[11];
		dbt_dfmt(by, bys);
		struct sbuf b = { 0 };
		sbuf_addf(&b, "%s\n", _("Missing materials (this list is complete):"));
		for (int i = 0; i < ncodes; i++) {
			int m = catalog_material_index(&x.cat, codes[i]);
			sbuf_addf(&b, "  %s %s\n", codes[i], m >= 0 ? x.cat.materials[m].name : "");
		}
		sbuf_addf(&b, "%s %s\n", _("Supplement by:"), bys);
		sbuf_addf(&b, "%s\n", _("The review of acceptance stands still until the "
					"supplement is received at the window."));
		rc = office_letter(&x, "deficiency", _("One-time notice of missing materials"), b.s);
		sbuf_release(&b);
	}
	if (rc == 0)
		rc = sms_text(&x, task, "sms_deficient", names.s, by);
	sbuf_release(&list);
	sbuf_release(&names);
	return dbt_finish(&x, rc);
}

int db_task_supplemented(struct db *d, const struct actor *a, int64_t case_id, struct yerr *e)
{
	/* inside the caller's transaction (the window's supplement) */
	sqlite3_stmt *st = db_prep(d,
		"SELECT t.id, p.note FROM task t JOIN task_pause p ON p.task_id = t.id "
		"WHERE t.case_id = ? AND t.state = 'reviewing' AND p.reason = 'supplement' "
		"AND p.to_on IS NULL ORDER BY t.id");
	sqlite3_bind_int64(st, 1, case_id);
	int64_t ids[MAX_ITEMS];
	char notes[MAX_ITEMS][128];
	int n = 0;
	while (n < MAX_ITEMS && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		DB_CPY(notes[n], st, 1);
		n++;
	}
	sqlite3_reset(st);
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		/* every material asked for is in now? */
		int missing = 0;
		char buf[128];
		snprintf(buf, sizeof buf, "%s", notes[i]);
		for (char *sv, *tok = strtok_r(buf, ";", &sv); tok; tok = strtok_r(NULL, ";", &sv)) {
			sqlite3_stmt *m = db_prep(d, "SELECT status FROM case_material WHERE "
						     "case_id = ? AND material = ?");
			sqlite3_bind_int64(m, 1, case_id);
			db_bind_text(m, 2, tok);
			if (sqlite3_step(m) == SQLITE_ROW && !strcmp(db_col(m, 0), "missing"))
				missing = 1;
			sqlite3_reset(m);
		}
		if (missing)
			continue;
		struct ctx x = { .d = d, .a = a, .e = e };
		time_format(clock_now(), x.now);
		x.today = clock_today();
		catalog_init(&x.cat);
		rc = db_catalog_load(d, &x.cat, e);
		if (rc == 0)
			rc = dbt_load_row(d, ids[i], &x.t, e);
		if (rc == 0) {
			st = db_prep(d, "UPDATE task_pause SET to_on = max(from_on, ?) "
					"WHERE task_id = ? AND to_on IS NULL");
			dbt_bind_day(st, 1, x.today);
			sqlite3_bind_int64(st, 2, ids[i]);
			rc = db_exec_stmt(d, st, e);
		}
		if (rc == 0)
			rc = store_review_deadline(&x, ids[i], x.t.item, x.t.started);
		if (rc == 0)
			rc = dbt_set_state(&x, ids[i], TS_REVIEWING, NULL);
		if (rc == 0) {
			char *detail = xasprintf("%s: %s", x.t.item, notes[i]);
			rc = dbt_event(&x, ids[i], "supplemented", detail);
			free(detail);
		}
		catalog_release(&x.cat);
	}
	return rc;
}
