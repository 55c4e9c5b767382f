/* db_followup.c — notice-commitment and its verification, pushes to other
 * services after decisions, the service evaluation and the SMS outbox.
 * Each public write is one BEGIN IMMEDIATE transaction with its events.
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

#define CPY(dst, st, i) snprintf((dst), sizeof(dst), "%s", db_col((st), (i)))

static const char *role_of(const struct actor *a)
{
	return a->role == ROLE_NONE ? "system" : role_code(a->role);
}

static int add_event(struct db *d, const struct actor *a, int64_t case_id, int64_t task_id,
		     const char *kind, const char *detail, struct yerr *e)
{
	struct event_input ev = { .case_id = case_id, .task_id = task_id,
				  .actor = a ? a->login : "system",
				  .actor_role = a ? role_of(a) : "system", .kind = kind,
				  .detail = detail };
	return db_event_add(d, &ev, e) < 0 ? -1 : 0;
}

/* Free text for an event: any full ID number inside is masked. */
static char *masked(const char *s)
{
	struct sms_var v = { "t", s ? s : "" };
	return sms_render("{t}", &v, 1);
}

static const char case_by_no_sql[] = "SELECT id, state FROM cases WHERE case_no = ?";

/* The id of a case by number; -1 with a precise message when unknown. */
static int64_t case_by_no(struct db *d, const char *case_no, char state[16], struct yerr *e)
{
	char no[64];
	size_t n = strlen(case_no);
	for (size_t i = 0; i <= n && i < sizeof no; i++)
		no[i] = (char)toupper((unsigned char)case_no[i]);
	no[sizeof no - 1] = '\0';
	if (casefile_case_no_check(case_no, e) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(d, case_by_no_sql);
	db_bind_text(st, 1, no);
	int64_t id = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (state)
			snprintf(state, 16, "%s", db_col(st, 1));
	}
	sqlite3_reset(st);
	if (!id)
		return yerr_set(e, YERR_NOTFOUND, _("no case %s in this database"), no);
	return id;
}

/* ---- notice-commitment ---- */

static const char task_of_item_sql[] =
	"SELECT id, state FROM task WHERE case_id = ? AND item = ?";

/* The task of the case that may take a commitment for material m: the one
 * of `item` when given, else the first ticked item whose catalog row
 * allows it.  Returns the task id, or -1 with the reason. */
static int64_t commit_task(struct db *d, const struct catalog *c, int64_t case_id,
			   const char *material, const char *item, struct yerr *e)
{
	int mi = catalog_material_index(c, material), allowed = 0;
	int64_t fallback = 0;
	if (mi < 0)
		return yerr_set(e, YERR_INPUT, _("unknown material '%s' (M01 ... M20)"), material);
	if (item && catalog_item_index(c, item) < 0)
		return yerr_set(e, YERR_INPUT, _("unknown item '%s'"), item);
	for (int i = 0; i < c->nlinks; i++) {
		const struct item_material *l = &c->links[i];
		const char *code = c->items[l->item].code;
		if (l->material != mi || !l->commitment_ok || (item && strcmp(item, code)))
			continue;
		allowed = 1;
		sqlite3_stmt *st = db_prep(d, task_of_item_sql);
		sqlite3_bind_int64(st, 1, case_id);
		db_bind_text(st, 2, code);
		int64_t id = 0;
		int done = 0;
		if (sqlite3_step(st) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			const char *s = db_col(st, 1);
			done = !strcmp(s, "decided") || !strcmp(s, "delivered") || !strcmp(s, "closed");
		}
		sqlite3_reset(st);
		/* an open task first: a decided one no longer needs the material */
		if (id && !done)
			return id;
		if (id && !fallback)
			fallback = id;
	}
	if (fallback)
		return fallback;
	if (!allowed)
		return yerr_set(e, YERR_INPUT, _("the catalog allows no notice-commitment for %s "
						 "(%s)%s%s"), material, c->materials[mi].name,
				item ? _(" for item ") : "", item ? item : "");
	return yerr_set(e, YERR_STATE, _("no ticked item of this case may take a commitment for %s"),
			material);
}

static int commit_due(const struct catalog *c, const char *due_on, char out[11], struct yerr *e)
{
	yday day, today = clock_today();
	if (due_on) {
		if (date_parse(due_on, &day, e) < 0)
			return -1;
		if (day < today)
			return yerr_set(e, YERR_INPUT, _("the verification due date %s is in the past"),
					due_on);
	} else {
		const struct rule *r = catalog_rule(c, "verify_commitment");
		day = r ? deadline_add(&c->cal, today, r->amount, r->day_kind, NULL, 0)
			: deadline_add(&c->cal, today, 20, DAYS_WORKING, NULL, 0);
	}
	date_format(day, out);
	return 0;
}

static const char material_commit_sql[] =
	"INSERT INTO case_material (case_id, material, status, items, updated_at) "
	"VALUES (?1, ?2, 'committed', coalesce((SELECT item FROM task WHERE id = ?3), ''), ?4) "
	"ON CONFLICT (case_id, material) DO UPDATE SET status = 'committed', updated_at = ?4";
static const char verif_add_sql[] =
	"INSERT INTO verification (case_id, task_id, material, method, due_on, note, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char verif_pending_sql[] =
	"SELECT 1 FROM verification WHERE case_id = ? AND material = ? AND outcome = 'pending'";

int64_t db_commitment_open_in_txn(struct db *d, const struct catalog *c, const struct actor *a,
				  int64_t case_id, int64_t task_id, const char *material,
				  const char *method, const char *due_on, const char *note,
				  struct yerr *e)
{
	char due[11], now[20];
	if (!method || (strcmp(method, "online") && strcmp(method, "onsite") &&
			strcmp(method, "authority")))
		return yerr_set(e, YERR_INPUT, _("verification method is online, onsite or authority, "
						 "not '%s'"), method ? method : "");
	if (commit_due(c, due_on, due, e) < 0)
		return -1;
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, verif_pending_sql);
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, material);
	int pending = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (pending)
		return yerr_set(e, YERR_STATE, _("%s is already committed; its verification is pending"),
				material);
	st = db_prep(d, material_commit_sql);
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, material);
	sqlite3_bind_int64(st, 3, task_id);
	db_bind_text(st, 4, now);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	char *n = masked(note);
	st = db_prep(d, verif_add_sql);
	sqlite3_bind_int64(st, 1, case_id);
	task_id ? sqlite3_bind_int64(st, 2, task_id) : sqlite3_bind_null(st, 2);
	db_bind_text(st, 3, material);
	db_bind_text(st, 4, method);
	db_bind_text(st, 5, due);
	db_bind_text(st, 6, n);
	db_bind_text(st, 7, now);
	int rc = db_exec_stmt(d, st, e);
	int64_t vid = sqlite3_last_insert_rowid(d->h);
	char *detail = xasprintf(_("%s committed instead of the proof; verification %s by %s%s%s"),
				 material, method, due, *n ? ": " : "", n);
	if (rc == 0)
		rc = add_event(d, a, case_id, task_id, "committed", detail, e);
	free(detail);
	free(n);
	return rc < 0 ? -1 : vid;
}

int db_commit_record(struct db *d, const struct catalog *c, const struct actor *a,
		     const struct commitment_in *in, int64_t *verification, struct yerr *e)
{
	char state[16] = "";
	if (perm_check(a, ACT_CASE_WRITE, -1, e) < 0)
		return -1;
	if (db_begin(d, e) < 0)
		return -1;
	int64_t case_id = case_by_no(d, in->case_no, state, e), task = -1, vid = -1;
	if (case_id > 0 && strcmp(state, "accepted") && strcmp(state, "deficient"))
		yerr_set(e, YERR_STATE, _("case %s is %s: commitments are taken for accepted or "
					  "deficient cases"), in->case_no, state);
	else if (case_id > 0)
		task = commit_task(d, c, case_id, in->material, in->item, e);
	if (task > 0)
		vid = db_commitment_open_in_txn(d, c, a, case_id, task, in->material, in->method,
						in->due_on, in->note, e);
	if (vid < 0 || db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	if (verification)
		*verification = vid;
	return 0;
}

/* ---- verification ---- */

static const char verif_find_sql[] =
	"SELECT v.id, coalesce(v.task_id, 0), coalesce(t.category, ''), coalesce(t.item, '') "
	"FROM verification v LEFT JOIN task t ON t.id = v.task_id "
	"WHERE v.case_id = ? AND v.material = ? AND v.outcome = 'pending' ORDER BY v.id LIMIT 1";
static const char verif_set_sql[] =
	"UPDATE verification SET outcome = ?, note = CASE WHEN ? = '' THEN note ELSE ? END, "
	"recorded_at = ?, recorded_by = ? WHERE id = ?";
static const char case_flag_sql[] = "UPDATE cases SET flagged = 1, updated_at = ? WHERE id = ?";
static const char task_hold_sql[] =
	"UPDATE task SET hold = 'false_commitment', version = version + 1, updated_at = ? "
	"WHERE id = ? AND (state = 'waiting' OR state = 'accepted' OR state = 'in_review' "
	"OR state = 'suspended' OR state = 'decided' OR state = 'delivered' "
	"OR state = 'reviewing')";
/* the payment SMS not yet handed to the gateway says nothing any more */
static const char sms_withdraw_sql[] =
	"UPDATE notice SET state = 'withdrawn' WHERE task_id = ? AND channel = 'sms' "
	"AND state = 'queued' AND kind = 'sms_paid'";
/* what an approval paid, to recover (经办条例 §46) */
static const char task_paid_sql[] =
	"SELECT coalesce(amount_fen, 0), coalesce(payment_ref, '') FROM task "
	"WHERE id = ? AND outcome = 'approved' AND (state = 'decided' OR state = 'delivered')";
static const char material_missing_sql[] =
	"UPDATE case_material SET status = 'missing', updated_at = ? WHERE case_id = ? AND material = ?";

/* A false commitment: flag the case, hold the task, ask for the proof. */
static int false_commitment(struct db *d, const struct actor *a, int64_t case_id, int64_t task,
			    const char *item, const char *material, const char *now,
			    struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, case_flag_sql);
	db_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, case_id);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	st = db_prep(d, material_missing_sql);
	db_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, case_id);
	db_bind_text(st, 3, material);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	char *detail = xasprintf(_("false commitment for %s: case flagged"), material);
	int rc = add_event(d, a, case_id, 0, "verified", detail, e);
	free(detail);
	if (rc < 0 || !task)
		return rc;
	st = db_prep(d, task_hold_sql);
	db_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, task);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	if (sqlite3_changes(d->h) == 0)
		return 0;
	detail = xasprintf(_("payments of %s stopped (false commitment for %s)"), item, material);
	rc = add_event(d, a, case_id, task, "verified", detail, e);
	free(detail);
	if (rc < 0)
		return rc;
	st = db_prep(d, sms_withdraw_sql);
	sqlite3_bind_int64(st, 1, task);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	int withdrawn = sqlite3_changes(d->h);
	st = db_prep(d, task_paid_sql);
	sqlite3_bind_int64(st, 1, task);
	int64_t paid = -1;
	char ref[64] = "";
	if (sqlite3_step(st) == SQLITE_ROW) {
		paid = sqlite3_column_int64(st, 0);
		CPY(ref, st, 1);
	}
	sqlite3_reset(st);
	if (paid < 0 && !withdrawn)
		return 0;
	char amt[32] = "0.00";
	if (paid > 0)
		snprintf(amt, sizeof amt, "%lld.%02lld", (long long)(paid / 100),
			 (long long)(paid % 100));
	detail = xasprintf(_("%s: %s yuan approved (payment %s) to recover (经办条例 §46); "
			     "%d queued payment SMS withdrawn"), item, amt, *ref ? ref : "-",
			   withdrawn);
	rc = add_event(d, a, case_id, task, "recovery", detail, e);
	free(detail);
	return rc;
}

static int verify_in_txn(struct db *d, const struct actor *a, int64_t case_id,
			 const char *material, const char *outcome, const char *note,
			 struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, verif_find_sql);
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, material);
	int64_t vid = 0, task = 0;
	char cat[16] = "", item[8] = "", now[20];
	if (sqlite3_step(st) == SQLITE_ROW) {
		vid = sqlite3_column_int64(st, 0);
		task = sqlite3_column_int64(st, 1);
		CPY(cat, st, 2);
		CPY(item, st, 3);
	}
	sqlite3_reset(st);
	if (!vid)
		return yerr_set(e, YERR_STATE, _("no pending verification of %s in this case"), material);
	enum category c = CAT_AGENCY;
	if (perm_check(a, ACT_TASK_WORK, category_parse(cat, &c) == 0 ? (int)c : -1, e) < 0)
		return -1;
	time_format(clock_now(), now);
	char *n = masked(note);
	st = db_prep(d, verif_set_sql);
	db_bind_text(st, 1, outcome);
	db_bind_text(st, 2, n);
	db_bind_text(st, 3, n);
	db_bind_text(st, 4, now);
	db_bind_text(st, 5, a->login);
	sqlite3_bind_int64(st, 6, vid);
	int rc = db_exec_stmt(d, st, e);
	char *detail = xasprintf("%s: %s%s%s", material, !strcmp(outcome, "false")
				 ? _("commitment found false") : _("commitment confirmed"),
				 *n ? " — " : "", n);
	if (rc == 0)
		rc = add_event(d, a, case_id, task, "verified", detail, e);
	free(detail);
	free(n);
	if (rc == 0 && !strcmp(outcome, "false"))
		rc = false_commitment(d, a, case_id, task, item, material, now, e);
	return rc;
}

int db_verify_record(struct db *d, const struct actor *a, const char *case_no,
		     const char *material, const char *outcome, const char *note,
		     struct yerr *e)
{
	if (strcmp(outcome, "confirmed") && strcmp(outcome, "false"))
		return yerr_set(e, YERR_INPUT, _("the outcome is confirmed or false, not '%s'"), outcome);
	if (perm_check(a, ACT_READ, -1, e) < 0 || db_begin(d, e) < 0)
		return -1;
	int64_t case_id = case_by_no(d, case_no, NULL, e);
	if (case_id < 0 || verify_in_txn(d, a, case_id, material, outcome, note, e) < 0 ||
	    db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

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
		CPY(p.item, st, 1);
		CPY(p.outcome, st, 2);
		p.grade = sqlite3_column_int(st, 3);
		p.consent = sqlite3_column_int(st, 4);
		CPY(p.insurer, st, 5);
		CPY(p.case_no, st, 6);
		CPY(p.worker, st, 7);
		CPY(p.employer, st, 8);
		CPY(p.on, st, 9);
		CPY(p.push, st, 10);
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

/* ---- evaluation ---- */

static const char eval_exists_sql[] = "SELECT rating FROM evaluation WHERE case_id = ?";
static const char eval_add_sql[] =
	"INSERT INTO evaluation (case_id, rating, comment, at, followup_due, channel, entered_by, "
	"ext_id, log_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int evaluate_in_txn(struct db *d, const struct catalog *c, const struct actor *a,
			   int64_t case_id, int rating, const char *comment,
			   const struct eval_source *src, char due[11], struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, eval_exists_sql);
	sqlite3_bind_int64(st, 1, case_id);
	int exists = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (exists)
		return yerr_set(e, YERR_STATE, _("this case was already evaluated (once per case)"));
	char now[20];
	time_format(clock_now(), now);
	due[0] = '\0';
	if (rating <= 2) {
		const struct rule *r = catalog_rule(c, "eval_followup");
		yday day = deadline_add(&c->cal, clock_today(), r ? r->amount : 15,
					r ? r->day_kind : DAYS_WORKING, NULL, 0);
		date_format(day, due);
	}
	char *cm = masked(comment);
	st = db_prep(d, eval_add_sql);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, rating);
	db_bind_text(st, 3, cm);
	db_bind_text(st, 4, now);
	db_bind_text_or_null(st, 5, due);
	db_bind_text(st, 6, src->channel);
	db_bind_text(st, 7, src->ext_id ? NULL : a->login);
	db_bind_text(st, 8, src->ext_id);
	if (src->ext_id)
		sqlite3_bind_int64(st, 9, src->log_id);
	int rc = db_exec_stmt(d, st, e);
	char *detail = *due ? xasprintf(_("rating %d (%s, %s)%s%s; follow-up due %s"), rating,
					casefile_rating_label(rating), src->channel,
					*cm ? ": " : "", cm, due)
			    : xasprintf(_("rating %d (%s, %s)%s%s"), rating,
					casefile_rating_label(rating), src->channel,
					*cm ? ": " : "", cm);
	if (rc == 0)
		rc = add_event(d, a, case_id, 0, "evaluated", detail, e);
	free(detail);
	free(cm);
	return rc;
}

int db_followup_done(struct db *d, const struct actor *a, const char *case_no, const char *note,
		     struct yerr *e)
{
	if (perm_check(a, ACT_FOLLOWUP, -1, e) < 0)
		return -1;
	if (db_begin(d, e) < 0)
		return -1;
	int64_t case_id = case_by_no(d, case_no, NULL, e);
	int rc = case_id < 0 ? -1 : 0;
	char due[11] = "", done[20] = "";
	int rated = 0;
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "SELECT coalesce(followup_due, ''), "
					      "coalesce(followup_at, '') FROM evaluation WHERE case_id = ?");
		sqlite3_bind_int64(st, 1, case_id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			rated = 1;
			snprintf(due, sizeof due, "%s", db_col(st, 0));
			snprintf(done, sizeof done, "%s", db_col(st, 1));
		}
		sqlite3_reset(st);
		if (!rated || !due[0])
			rc = yerr_set(e, YERR_STATE, _("case %s has no follow-up: only a rating of 1 or 2 "
						       "opens one"), case_no);
		else if (done[0])
			rc = yerr_set(e, YERR_STATE, _("the follow-up of case %s was recorded on %s"),
				      case_no, done);
	}
	if (rc == 0) {
		char now[20];
		time_format(clock_now(), now);
		sqlite3_stmt *st = db_prep(d, "UPDATE evaluation SET followup_at = ? WHERE case_id = ?");
		db_bind_text(st, 1, now);
		sqlite3_bind_int64(st, 2, case_id);
		rc = db_exec_stmt(d, st, e);
		char *n = masked(note ? note : "");
		char *detail = xasprintf(_("follow-up of the rating done%s%s"), *n ? ": " : "", n);
		if (rc == 0)
			rc = add_event(d, a, case_id, 0, "evaluated", detail, e);
		free(detail);
		free(n);
	}
	if (rc < 0 || db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

static int delivered_any(struct db *d, int64_t case_id)
{
	sqlite3_stmt *st = db_prep(d, "SELECT 1 FROM task WHERE case_id = ? AND "
				      "delivered_on IS NOT NULL LIMIT 1");
	sqlite3_bind_int64(st, 1, case_id);
	int yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

/* The window's acts on a case: whoever did one of them served it. */
static const char served_sql[] =
	"SELECT 1 FROM event WHERE case_id = ? AND actor = ? AND (kind = 'created' "
	"OR kind = 'submitted' OR kind = 'accepted' OR kind = 'deficient' OR kind = 'supplemented' "
	"OR kind = 'not_accepted' OR kind = 'refused' OR kind = 'delivered' OR kind = 'withdrawn') "
	"LIMIT 1";

static int served(struct db *d, int64_t case_id, const char *login)
{
	sqlite3_stmt *st = db_prep(d, served_sql);
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, login);
	int rc = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return rc;
}

int eval_channel_ok(const char *ch)
{
	return ch && (!strcmp(ch, "pad") || !strcmp(ch, "sms") || !strcmp(ch, "online"));
}

int db_evaluate(struct db *d, const struct catalog *c, const struct actor *a,
		const char *case_no, int rating, const char *comment, char followup_due[11],
		struct yerr *e)
{
	struct eval_source src = { .channel = "pad" };
	return db_evaluate_from(d, c, a, case_no, rating, comment, &src, followup_due, e);
}

int db_evaluate_from(struct db *d, const struct catalog *c, const struct actor *a,
		     const char *case_no, int rating, const char *comment,
		     const struct eval_source *src, char followup_due[11], struct yerr *e)
{
	char state[16] = "", due[11] = "";
	/* imported: the service login records the platform's ratings as the
	 * system (ROLE_IMPORT), as it does the results */
	if (!(src->ext_id && a->role == ROLE_IMPORT) &&
	    perm_check(a, src->ext_id ? ACT_EXCHANGE : ACT_DELIVER, -1, e) < 0)
		return -1;
	if (rating < 1 || rating > 5)
		return yerr_set(e, YERR_INPUT, _("the rating is 1 (very dissatisfied) to 5 (very "
						 "satisfied), not %d"), rating);
	if (!eval_channel_ok(src->channel))
		return yerr_set(e, YERR_INPUT, _("the channel of a rating is pad, sms or online, not "
						 "'%s'"), src->channel ? src->channel : "");
	/* an import key is a transaction's savepoint: join it */
	if (db_begin(d, e) < 0)
		return -1;
	int64_t case_id = case_by_no(d, case_no, state, e);
	int rc = case_id < 0 ? -1 : 0;
	/* the rating is the applicant's: the clerk being rated does not type it */
	if (rc == 0 && !src->ext_id && served(d, case_id, a->login))
		rc = yerr_set(e, YERR_DENIED, _("user '%s' served case %s and may not enter its rating: "
					      "the applicant rates on the pad, by SMS or online"),
			      a->login, case_no);
	if (rc == 0 && strcmp(state, "accepted") && strcmp(state, "closed") &&
	    strcmp(state, "not_accepted"))
		rc = yerr_set(e, YERR_STATE, _("case %s is %s: only a case served at the window can "
					       "be evaluated"), case_no, state);
	/* the applicant rates the service after delivery at the window: a
	 * result handed over (or the refusal, for a case not accepted) */
	if (rc == 0 && strcmp(state, "not_accepted") && !delivered_any(d, case_id))
		rc = yerr_set(e, YERR_STATE, _("case %s has nothing delivered yet: the applicant "
					       "rates the service after a result is delivered"),
			      case_no);
	if (rc == 0)
		rc = evaluate_in_txn(d, c, a, case_id, rating, comment, src, due, e);
	if (rc < 0 || db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	if (followup_due)
		snprintf(followup_due, 11, "%s", due);
	return 0;
}

int db_false_commitments(struct db *d, char nos[][24], int max, long *total, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT c.case_no, count(*) OVER () FROM verification v JOIN cases c ON c.id = v.case_id "
		"WHERE v.outcome = 'false' GROUP BY c.id ORDER BY max(v.id) DESC LIMIT ?");
	sqlite3_bind_int(st, 1, max > 0 ? max : 1);
	int rc, n = 0;
	*total = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*total = sqlite3_column_int64(st, 1);
		if (n < max)
			snprintf(nos[n++], 24, "%s", db_col(st, 0));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(d, _("false commitments"), e);
	return 0;
}

int db_open_followups(struct db *d, long *n, char next_due[11], struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT count(*), coalesce(min(followup_due), '') FROM evaluation "
				      "WHERE followup_at IS NULL AND followup_due IS NOT NULL");
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	snprintf(next_due, 11, "%s", rc == SQLITE_ROW ? db_col(st, 1) : "");
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_error(d, _("follow-ups"), e);
	return 0;
}

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
			CPY(r.case_no, st, 1);
			CPY(r.kind, st, 2);
			CPY(r.recipient, st, 3);
			CPY(r.state, st, 4);
			CPY(r.created_at, st, 5);
			CPY(r.exported_at, st, 6);
			CPY(r.body, st, 7);
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

int db_evaluation_key_state(struct db *d, const char *ext_id, int64_t log_id, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT coalesce(log_id, 0) FROM evaluation WHERE ext_id = ?");
	db_bind_text(st, 1, ext_id);
	int rc = sqlite3_step(st), state = 0;
	if (rc == SQLITE_ROW)
		state = sqlite3_column_int64(st, 0) == log_id ? 2 : 1;
	else if (rc != SQLITE_DONE)
		state = db_error(d, _("evaluation key"), e);
	sqlite3_reset(st);
	return state;
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
	snprintf(p->case_no, sizeof p->case_no, "%s", db_col(st, 1));
	snprintf(p->item, sizeof p->item, "%s", db_col(st, 2));
	snprintf(p->worker, sizeof p->worker, "%s", db_col(st, 3));
	snprintf(p->phone, sizeof p->phone, "%s", db_col(st, 4));
	snprintf(p->due, sizeof p->due, "%s", db_col(st, 5));
	snprintf(p->reason, sizeof p->reason, "%s", db_col(st, 6));
	snprintf(p->note, sizeof p->note, "%s", db_col(st, 7));
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
