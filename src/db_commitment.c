/* db_commitment.c — notice-commitment (告知承诺) instead of a proof, its
 * verification, and what a false one brings: the case flagged, the
 * benefit held, its payment SMS withdrawn and, when it was already
 * approved, a payment to recover (经办条例 §46) with its own clock.
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
	char *n = db_text_masked(note);
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
		rc = db_event_by(d, a, case_id, task_id, "committed", detail, e);
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
	int64_t case_id = db_case_id_by_no(d, in->case_no, state, e), task = -1, vid = -1;
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

/* ---- payments to recover (经办条例 §46) ---- */

static const char recovery_open_sql[] =
	"INSERT INTO recovery (case_id, task_id, item, category, material, amount_fen, "
	"payment_ref, opened_on, due_on) SELECT case_id, id, item, category, ?2, ?3, ?4, ?5, ?6 "
	"FROM task WHERE id = ?1 ON CONFLICT (task_id) DO NOTHING";

/* The recovery of what task paid: a row due after the rule `recovery`,
 * in the caller's transaction.  0 or -1. */
static int recovery_open(struct db *d, const struct catalog *c, int64_t task,
			 const char *material, int64_t paid, const char *ref, char due[11],
			 struct yerr *e)
{
	const struct rule *r = catalog_rule(c, "recovery");
	if (!r)
		return yerr_set(e, YERR_STATE, _("the catalog has no rule 'recovery' (forms/rules.csv): "
						 "run yici catalog --upgrade"));
	char today[11];
	date_format(clock_today(), today);
	date_format(deadline_add(&c->cal, clock_today(), r->amount, r->day_kind, NULL, 0), due);
	sqlite3_stmt *st = db_prep(d, recovery_open_sql);
	sqlite3_bind_int64(st, 1, task);
	db_bind_text(st, 2, material);
	sqlite3_bind_int64(st, 3, paid);
	db_bind_text(st, 4, ref);
	db_bind_text(st, 5, today);
	db_bind_text(st, 6, due);
	return db_exec_stmt(d, st, e);
}

static const char recovery_cols[] =
	"SELECT r.id, c.case_no, r.item, r.category, r.material, r.amount_fen, r.payment_ref, "
	"r.state, r.opened_on, r.due_on, coalesce(r.recovered_fen, -1), r.voucher, r.note, "
	"coalesce(r.closed_at, ''), coalesce(r.closed_by, '') "
	"FROM recovery r JOIN cases c ON c.id = r.case_id ";

static void recovery_fill(sqlite3_stmt *st, struct recovery_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	DB_CPY(r->case_no, st, 1);
	DB_CPY(r->item, st, 2);
	DB_CPY(r->category, st, 3);
	DB_CPY(r->material, st, 4);
	r->amount_fen = sqlite3_column_int64(st, 5);
	DB_CPY(r->payment_ref, st, 6);
	DB_CPY(r->state, st, 7);
	DB_CPY(r->opened_on, st, 8);
	DB_CPY(r->due_on, st, 9);
	r->recovered_fen = sqlite3_column_int64(st, 10);
	DB_CPY(r->voucher, st, 11);
	DB_CPY(r->note, st, 12);
	DB_CPY(r->closed_at, st, 13);
	DB_CPY(r->closed_by, st, 14);
}

int db_recovery_each(struct db *d, const char *case_no, int all,
		     void (*fn)(const struct recovery_row *r, void *arg), void *arg,
		     struct yerr *e)
{
	int64_t case_id = 0;
	if (case_no && (case_id = db_case_id_by_no(d, case_no, NULL, e)) < 0)
		return -1;
	char *sql = xasprintf("%sWHERE (?1 = 0 OR r.case_id = ?1) AND (?2 OR r.state = 'open') "
			      "ORDER BY r.state <> 'open', r.due_on, r.id", recovery_cols);
	sqlite3_stmt *st = db_prep(d, sql);
	free(sql);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, all);
	int rc, n = 0;
	struct recovery_row r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		recovery_fill(st, &r);
		fn(&r, arg);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(d, _("payments to recover"), e);
	return n;
}

int db_open_recoveries(struct db *d, long *n, char next_due[11], struct yerr *e)
{
	return db_count_due(d, "SELECT count(*), coalesce(min(due_on), '') FROM recovery "
			       "WHERE state = 'open'", n, next_due, _("payments to recover"), e);
}

static const char recovery_close_sql[] =
	"UPDATE recovery SET state = ?2, recovered_fen = ?3, voucher = ?4, note = ?5, "
	"closed_at = ?6, closed_by = ?7 WHERE id = ?1 AND state = 'open'";

static int recovery_close_in_txn(struct db *d, const struct actor *a,
				 const struct recovery_close *in, int64_t case_id,
				 struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT r.id, r.task_id, r.category, r.state, r.amount_fen "
				      "FROM recovery r WHERE r.case_id = ? AND r.item = ?");
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, in->item);
	if (db_step_one(d, st, _("payments to recover"), e,
			_("%s: no payment of %s to recover"), in->case_no, in->item) < 0)
		return -1;
	int64_t id = sqlite3_column_int64(st, 0), task = sqlite3_column_int64(st, 1);
	int64_t amount = sqlite3_column_int64(st, 4);
	char cat[16], state[16];
	DB_CPY(cat, st, 2);
	DB_CPY(state, st, 3);
	sqlite3_reset(st);
	enum category c = CAT_AGENCY;
	if (perm_check(a, ACT_TASK_WORK, category_parse(cat, &c) == 0 ? (int)c : -1, e) < 0)
		return -1;
	if (strcmp(state, "open"))
		return yerr_set(e, YERR_STATE, _("%s: the recovery of %s is already closed (%s)"),
				in->case_no, in->item, recovery_state_label(state));
	int64_t got = in->recovered_fen >= 0 ? in->recovered_fen : amount;
	if (!strcmp(in->outcome, "recovered") && got > amount) {
		char a1[32], a2[32];
		money_format(got, a1, sizeof a1);
		money_format(amount, a2, sizeof a2);
		return yerr_set(e, YERR_INPUT, _("%s yuan is more than the %s yuan to recover"), a1, a2);
	}
	char now[20], amt[32], total[32];
	time_format(clock_now(), now);
	char *note = db_text_masked(in->note), *voucher = db_text_masked(in->voucher);
	st = db_prep(d, recovery_close_sql);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, in->outcome);
	if (!strcmp(in->outcome, "recovered"))
		sqlite3_bind_int64(st, 3, got);
	db_bind_text(st, 4, voucher);
	db_bind_text(st, 5, note);
	db_bind_text(st, 6, now);
	db_bind_text(st, 7, a->login);
	int rc = db_exec_stmt(d, st, e);
	money_format(got, amt, sizeof amt);
	money_format(amount, total, sizeof total);
	char *detail = !strcmp(in->outcome, "recovered")
			       ? xasprintf(_("%s: %s of %s yuan recovered (voucher %s)%s%s"), in->item,
					   amt, total, voucher, *note ? " — " : "", note)
			       : xasprintf(_("%s: %s yuan referred for enforcement — %s"), in->item,
					   total, note);
	if (rc == 0)
		rc = db_event_by(d, a, case_id, task, "recovery", detail, e);
	free(detail);
	free(note);
	free(voucher);
	return rc;
}

int db_recovery_close(struct db *d, const struct actor *a, const struct recovery_close *in,
		      struct yerr *e)
{
	if (strcmp(in->outcome, "recovered") && strcmp(in->outcome, "referred"))
		return yerr_set(e, YERR_INPUT, _("the outcome is recovered or referred, not '%s'"),
				in->outcome);
	if (!strcmp(in->outcome, "recovered") && (!in->voucher || !*in->voucher))
		return yerr_set(e, YERR_INPUT, _("a recovery needs the voucher of the repayment "
						 "(--voucher)"));
	if (!strcmp(in->outcome, "referred") && (!in->note || !*in->note))
		return yerr_set(e, YERR_INPUT, _("a referral needs a note saying to whom and why "
						 "(--note)"));
	if (db_text_ok(_("the voucher"), in->voucher, RECOVERY_VOUCHER_MAX, e) < 0 ||
	    db_text_ok(_("the note"), in->note, RECOVERY_NOTE_MAX, e) < 0)
		return -1;
	if (perm_check(a, ACT_READ, -1, e) < 0 || db_begin(d, e) < 0)
		return -1;
	int64_t case_id = db_case_id_by_no(d, in->case_no, NULL, e);
	if (case_id < 0 || recovery_close_in_txn(d, a, in, case_id, e) < 0 || db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

const char *recovery_state_label(const char *state)
{
	if (!strcmp(state, "open"))
		return _("to recover");
	if (!strcmp(state, "recovered"))
		return _("recovered");
	if (!strcmp(state, "referred"))
		return _("referred for enforcement");
	return state;
}

/* A false commitment: flag the case, hold the task, ask for the proof. */
static int false_commitment(struct db *d, const struct catalog *c, const struct actor *a,
			    int64_t case_id, int64_t task, const char *item, const char *material,
			    const char *now, struct yerr *e)
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
	int rc = db_event_by(d, a, case_id, 0, "verified", detail, e);
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
	rc = db_event_by(d, a, case_id, task, "verified", detail, e);
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
		DB_CPY(ref, st, 1);
	}
	sqlite3_reset(st);
	if (paid < 0 && !withdrawn)
		return 0;
	char amt[32] = "0.00";
	if (paid > 0)
		snprintf(amt, sizeof amt, "%lld.%02lld", (long long)(paid / 100),
			 (long long)(paid % 100));
	char due[11] = "";
	if (paid >= 0 && recovery_open(d, c, task, material, paid, ref, due, e) < 0)
		return -1;
	detail = paid >= 0
			 ? xasprintf(_("%s: %s yuan approved (payment %s) to recover (经办条例 §46) by %s; "
				       "%d queued payment SMS withdrawn"), item, amt, *ref ? ref : "-",
				     due, withdrawn)
			 : xasprintf(_("%s: %d queued payment SMS withdrawn"), item, withdrawn);
	rc = db_event_by(d, a, case_id, task, "recovery", detail, e);
	free(detail);
	return rc;
}

static int verify_in_txn(struct db *d, const struct catalog *c, const struct actor *a,
			 int64_t case_id, const char *material, const char *outcome,
			 const char *note, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, verif_find_sql);
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, material);
	int64_t vid = 0, task = 0;
	char cat[16] = "", item[8] = "", now[20];
	if (sqlite3_step(st) == SQLITE_ROW) {
		vid = sqlite3_column_int64(st, 0);
		task = sqlite3_column_int64(st, 1);
		DB_CPY(cat, st, 2);
		DB_CPY(item, st, 3);
	}
	sqlite3_reset(st);
	if (!vid)
		return yerr_set(e, YERR_STATE, _("no pending verification of %s in this case"), material);
	enum category cg = CAT_AGENCY;
	if (perm_check(a, ACT_TASK_WORK, category_parse(cat, &cg) == 0 ? (int)cg : -1, e) < 0)
		return -1;
	time_format(clock_now(), now);
	char *n = db_text_masked(note);
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
		rc = db_event_by(d, a, case_id, task, "verified", detail, e);
	free(detail);
	free(n);
	if (rc == 0 && !strcmp(outcome, "false"))
		rc = false_commitment(d, c, a, case_id, task, item, material, now, e);
	return rc;
}

int db_verify_record(struct db *d, const struct catalog *c, const struct actor *a,
		     const char *case_no,
		     const char *material, const char *outcome, const char *note,
		     struct yerr *e)
{
	if (strcmp(outcome, "confirmed") && strcmp(outcome, "false"))
		return yerr_set(e, YERR_INPUT, _("the outcome is confirmed or false, not '%s'"), outcome);
	if (perm_check(a, ACT_READ, -1, e) < 0 || db_begin(d, e) < 0)
		return -1;
	int64_t case_id = db_case_id_by_no(d, case_no, NULL, e);
	if (case_id < 0 || verify_in_txn(d, c, a, case_id, material, outcome, note, e) < 0 ||
	    db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
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
