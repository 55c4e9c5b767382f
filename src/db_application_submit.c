/* db_application_submit.c — submitting the combined application: accepted
 * (case number, one task per ticked item, deadlines, events, SMS) or
 * deficient with the one-time notice; refusing (不予受理); the query code
 * reissued; how long an online application waited.  Layer: db. */
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

/* ==== submit, accept, refuse ==== */

/* The next number of today's sequence, from case_seq (created from the
 * highest existing number of the day, so demo cases never collide). */
static int assign_case_no(struct db *d, struct application *ap, struct yerr *e)
{
	if (*ap->case_no)
		return 0;
	char *region = db_config_get(d, "region_code"), prefix[32];
	int y, m, dd;
	date_to_ymd(clock_today(), &y, &m, &dd);
	snprintf(prefix, sizeof prefix, "GS%.6s-%04d%02d%02d", region ? region : "000000", y, m, dd);
	sqlite3_stmt *st = db_prep(d,
		"INSERT INTO case_seq (prefix, last) VALUES (?1, 1 + coalesce((SELECT "
		"CAST(substr(max(case_no), 19) AS INTEGER) FROM cases WHERE case_no > ?1 || '-' "
		"AND case_no < ?1 || '.'), 0)) ON CONFLICT (prefix) DO UPDATE SET last = last + 1 "
		"RETURNING last");
	db_bind_text(st, 1, prefix);
	int seq = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int(st, 0);
	else
		db_error(d, _("case number"), e);
	sqlite3_reset(st);
	if (seq > 0)
		case_no_format(ap->case_no, region ? region : "000000", clock_today(), seq);
	free(region);
	return seq > 0 ? 0 : -1;
}

/* The SMS to the applicant (nothing when the phone is not a mobile). */
int dba_sms(struct db *d, const struct catalog *c, const struct actor *a,
	    const struct application *ap, const char *key, const char *due, const char *extra,
	    struct yerr *e)
{
	char phone[12] = "", today[11];
	if (validate_mobile(application_get(ap, "applicant.phone"), phone, NULL) < 0)
		return 0;
	date_format(clock_today(), today);
	char *hint = db_config_get(d, "query_hint");
	struct sms_var v[] = {
		{ "case_no", ap->case_no }, { "worker_name", application_get(ap, "worker.name") },
		{ "date", today }, { "query_url", hint ? hint : "" }, { "due_date", due },
		{ "missing", extra }, { "reason", extra }, { "item_name", extra },
		{ "query_code", ap->query_code },
	};
	int64_t id = db_notice_sms(d, c, ap->case_id, 0, key, phone, v, (int)ARRAY_SIZE(v),
				   a->login, role_code(a->role), e);
	free(hint);
	return id < 0 ? -1 : 0;
}

/* The day the clock starts: an online application complete as sent was
 * received when it was submitted on the platform, not when the window
 * opened it; anything else (a supplement completed it) today. */
static yday received_day(const struct application *ap, enum case_state before)
{
	yday today = clock_today(), d;
	if (before != CS_INTAKE || !ap->channel || strcmp(ap->channel, "online") ||
	    !ap->submitted_at || !*ap->submitted_at)
		return today;
	char day[11];
	snprintf(day, sizeof day, "%.10s", ap->submitted_at);
	return date_parse(day, &d, NULL) == 0 && d <= today ? d : today;
}

/* An item the office accepts (items.csv accepts=office) is received here
 * and waits in 'reviewing' (受理审核) with the review limit as its deadline
 * (工伤认定办法 §8); the window accepts the others on the office's behalf. */
static int office_reviews(const struct catalog *c, int i, int waiting)
{
	return !waiting && c->items[i].office_accepts && c->items[i].review_days > 0;
}

static int add_task(struct db *d, const struct catalog *c, const struct actor *a,
		    const struct application *ap, int i, int waiting, const char *now,
		    yday today, struct yerr *e)
{
	const struct item *it = &c->items[i];
	int review = office_reviews(c, i, waiting);
	char start[11], due[11], legal[11];
	date_format(today, start);
	date_format(deadline_add(&c->cal, today, it->promised_days, it->day_kind, NULL, 0), due);
	date_format(deadline_add(&c->cal, today, it->limit_days, it->day_kind, NULL, 0), legal);
	if (review) {
		date_format(deadline_add(&c->cal, today, it->review_days, it->review_day_kind, NULL,
					 0), due);
		snprintf(legal, sizeof legal, "%s", due);
	}
	sqlite3_stmt *st = db_prep(d,
		"INSERT INTO task (case_id, item, category, state, started_on, due_on, legal_due_on, "
		"day_kind, limit_days, promised_days, updated_at, version) "
		"VALUES (:case_id, :item, :category, :state, :started_on, :due_on, :legal_due_on, "
		":day_kind, :limit_days, :promised_days, :updated_at, 1)");
	/* (version 1: 0 is "don't check" to db_task, so a task's first change
	 * by the workstation is checked against another officer's too) */
	sqlite3_bind_int64(st, db_p(st, ":case_id"), ap->case_id);
	db_bind_text(st, db_p(st, ":item"), it->code);
	db_bind_text(st, db_p(st, ":category"), category_code(it->cat));
	db_bind_text(st, db_p(st, ":state"), waiting ? "waiting" : review ? "reviewing" : "accepted");
	db_bind_text(st, db_p(st, ":started_on"), waiting ? NULL : start);
	db_bind_text(st, db_p(st, ":due_on"), waiting ? NULL : due);
	db_bind_text(st, db_p(st, ":legal_due_on"), waiting ? NULL : legal);
	db_bind_text(st, db_p(st, ":day_kind"), day_kind_code(it->day_kind));
	sqlite3_bind_int(st, db_p(st, ":limit_days"), it->limit_days);
	sqlite3_bind_int(st, db_p(st, ":promised_days"), it->promised_days);
	db_bind_text(st, db_p(st, ":updated_at"), now);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	int64_t task = sqlite3_last_insert_rowid(d->h);
	char *detail = waiting ? xasprintf("%s %s", it->code, it->name)
		       : review ? xasprintf("%s %s %s %s %s", it->code, it->name,
					    category_code(it->cat), "review until", due)
			       : xasprintf("%s %s %s %s", it->code, it->name, category_code(it->cat), due);
	/* received for the office's review: a 'submitted' event of the task */
	int rc = dba_event(d, a, ap->case_id, task,
			   waiting ? "task_waiting" : review ? "submitted" : "task_accepted", detail, e);
	free(detail);
	return rc;
}

static int accept(struct db *d, const struct catalog *c, const struct actor *a,
		  struct application *ap, itemset decided, char **notice, struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	if (assign_case_no(d, ap, e) < 0)
		return -1;
	char qhash[QCODE_HASH_MAX];
	if (qcode_new(ap->query_code) < 0)
		return yerr_set(e, YERR_IO, _("cannot draw a random query code (OpenSSL RAND)"));
	qcode_hash(ap->case_no, ap->query_code, qhash);
	sqlite3_stmt *st = db_prep(d, "UPDATE cases SET state = 'accepted', case_no = ?, "
				      "accepted_at = ?, accepted_by = ?, updated_at = ?, "
				      "query_hash = ? WHERE id = ?");
	db_bind_text(st, 1, ap->case_no);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, a->login);
	db_bind_text(st, 4, now);
	db_bind_text(st, 5, qhash);
	sqlite3_bind_int64(st, 6, ap->case_id);
	if (db_exec_stmt(d, st, e) < 0 || dba_event(d, a, ap->case_id, 0, "accepted", ap->case_no, e) < 0)
		return -1;
	yday start = received_day(ap, ap->state);
	ap->state = CS_ACCEPTED;
	/* a prerequisite ticked here waits for this case's own decision */
	itemset waiting = rule_waiting_items(c, ap->items, 0);
	for (int i = 0; i < c->nitems; i++)
		if ((ap->items & (1u << i)) &&
		    add_task(d, c, a, ap, i, (waiting >> i) & 1, now, start, e) < 0)
			return -1;
	/* a receipt when an office still reviews the acceptance (sms_received),
	 * with the first review deadline; else the window's acceptance */
	itemset reviewed = 0;
	char rdue[11] = "";
	for (int i = 0; i < c->nitems; i++)
		if ((ap->items & (1u << i)) && office_reviews(c, i, (waiting >> i) & 1)) {
			reviewed |= 1u << i;
			char dd[11];
			date_format(deadline_add(&c->cal, start, c->items[i].review_days,
						 c->items[i].review_day_kind, NULL, 0), dd);
			if (!*rdue || strcmp(dd, rdue) < 0)
				snprintf(rdue, sizeof rdue, "%s", dd);
		}
	const char *rkey = reviewed && catalog_template(c, "sms_received") ? "sms_received"
									  : "sms_accepted";
	struct sbuf rn = { 0 };
	sbuf_add(&rn, "", 0);
	for (int i = 0; i < c->nitems; i++)
		if ((reviewed >> i) & 1)
			sbuf_addf(&rn, "%s%s", rn.len ? "、" : "", c->items[i].name);
	int src = dba_sms(d, c, a, ap, rkey, rdue, rn.s, e);
	sbuf_release(&rn);
	if (src < 0)
		return -1;
	/* 工伤认定, 劳动能力鉴定 and each benefit payment that start now are told
	 * apart, with their dates (those that wait are told when they start,
	 * db_task.c) */
	for (int i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		const char *key = it->sms_accept;
		/* an item the office reviews is told at the office's acceptance */
		if (!(ap->items & (1u << i)) || ((waiting >> i) & 1) || ((reviewed >> i) & 1) ||
		    !*key || !catalog_template(c, key))
			continue;
		/* an administrative decision's SMS gives the statutory date */
		char due[11];
		date_format(deadline_add(&c->cal, start,
					 it->cat == CAT_ADMIN ? it->limit_days : it->promised_days,
					 it->day_kind, NULL, 0), due);
		if (dba_sms(d, c, a, ap, key, due, it->name, e) < 0)
			return -1;
	}
	/* the printed receipt carries the code; the copy kept in the database
	 * does not (only the hash is stored) */
	char *kept = dba_notice_acceptance(d, c, a, ap, decided, 0);
	*notice = dba_notice_acceptance(d, c, a, ap, decided, 1);
	int rc = dba_add_letter(d, a, ap, "acceptance", kept, e);
	free(kept);
	return rc;
}

char *dba_missing_list(const struct catalog *c, const struct application *ap, itemset decided,
		       int codes)
{
	struct merged_material mm[MAX_MATERIALS];
	int n = application_materials(c, ap, decided, mm);
	struct sbuf b = { 0 };
	sbuf_add(&b, "", 0);
	for (int i = 0; i < n; i++)
		if (application_material_missing(ap, &mm[i])) {
			const struct material *m = &c->materials[mm[i].material];
			sbuf_addf(&b, "%s%s", b.len ? (codes ? ";" : "、") : "", codes ? m->code : m->name);
		}
	return b.s;
}

static int make_deficient(struct db *d, const struct catalog *c, const struct actor *a,
			  struct application *ap, itemset decided, char **notice, struct yerr *e)
{
	const struct rule *r = catalog_rule(c, "supplement_deadline");
	char now[20];
	time_format(clock_now(), now);
	date_format(deadline_add(&c->cal, clock_today(), r ? r->amount : 15,
				 r ? r->day_kind : DAYS_CALENDAR, NULL, 0), ap->supplement_due);
	if (assign_case_no(d, ap, e) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(d, "UPDATE cases SET state = 'deficient', case_no = ?, "
				      "supplement_due = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, ap->case_no);
	db_bind_text(st, 2, ap->supplement_due);
	db_bind_text(st, 3, now);
	sqlite3_bind_int64(st, 4, ap->case_id);
	char *codes = dba_missing_list(c, ap, decided, 1), *names = dba_missing_list(c, ap, decided, 0);
	int rc = -1;
	if (db_exec_stmt(d, st, e) < 0 || dba_event(d, a, ap->case_id, 0, "deficient", codes, e) < 0 ||
	    dba_sms(d, c, a, ap, "sms_deficient", ap->supplement_due, names, e) < 0)
		goto out;
	ap->state = CS_DEFICIENT;
	*notice = dba_notice_deficiency(d, c, a, ap, decided);
	rc = dba_add_letter(d, a, ap, "deficiency", *notice, e);
out:
	free(codes);
	free(names);
	return rc;
}

static int check_errors(struct db *d, const struct catalog *c, const struct application *ap,
			struct yerr *e)
{
	char **errs;
	int n = application_check(d, c, ap, &errs);
	if (!n)
		return 0;
	struct sbuf b = { 0 };
	sbuf_addf(&b, ngettext("%d problem: ", "%d problems: ", (unsigned long)n), n);
	for (int i = 0; i < n; i++) {
		if (i < 6)
			sbuf_addf(&b, "%s%s", i ? "; " : "", errs[i]);
		free(errs[i]);
	}
	if (n > 6)
		sbuf_addstr(&b, "; ...");
	free(errs);
	yerr_set(e, YERR_INPUT, "%s", b.s);
	sbuf_release(&b);
	return -1;
}

/* Inside the transaction: save, then accept or give the one-time notice. */
static int submit_txn(struct db *d, const struct catalog *c, const struct actor *a,
		      struct application *ap, char **notice, int *still_missing, struct yerr *e)
{
	itemset decided = 0;
	if (db_application_decided(d, c, ap, &decided, e) < 0 ||
	    dba_store(d, c, a, ap, decided, 1, e) < 0)
		return -1;
	int missing = application_missing(c, ap, decided);
	if (missing && ap->state == CS_DEFICIENT) {
		/* the one-time notice was given: keep the marks, say what is left */
		char *names = dba_missing_list(c, ap, decided, 1);
		yerr_set(e, YERR_STATE, _("still missing: %s (listed on the one-time notice; "
					  "supplement by %s)"), names, ap->supplement_due);
		free(names);
		*still_missing = 1;
		return 0;
	}
	if (dba_event(d, a, ap->case_id, 0, "submitted", NULL, e) < 0)
		return -1;
	return missing ? make_deficient(d, c, a, ap, decided, notice, e)
		       : accept(d, c, a, ap, decided, notice, e);
}

int db_application_submit(struct db *d, const struct catalog *c, const struct actor *a,
			  struct application *ap, int64_t *case_id, enum case_state *state,
			  char **notice, struct yerr *e)
{
	*notice = NULL;
	if (perm_check(a, ACT_CASE_WRITE, -1, e) < 0)
		return -1;
	ap->case_id = *case_id;
	if (ap->case_id && dba_editable_state(d, ap->case_id, &ap->state, e) < 0)
		return -1;
	if (check_errors(d, c, ap, e) < 0)
		return -1;
	int joined, still = 0;
	int64_t before = ap->case_id;
	char no[32];
	snprintf(no, sizeof no, "%s", ap->case_no);
	if (dba_txn_begin(d, &joined, e) < 0)
		return -1;
	if (submit_txn(d, c, a, ap, notice, &still, e) < 0 ||
	    dba_txn_commit(d, joined, e) < 0) {
		dba_txn_rollback(d, joined);
		free(*notice);
		*notice = NULL;
		ap->case_id = before;
		snprintf(ap->case_no, sizeof ap->case_no, "%s", no);
		return -1;
	}
	*case_id = ap->case_id;
	*state = ap->state;
	return still ? -1 : 0;
}

int db_application_refuse(struct db *d, const struct actor *a, int64_t case_id,
			  const char *reason, char **notice, struct yerr *e)
{
	*notice = NULL;
	if (perm_check(a, ACT_CASE_WRITE, -1, e) < 0)
		return -1;
	if (!reason || !*reason)
		return yerr_set(e, YERR_INPUT, _("a refusal needs the reason"));
	struct catalog c;
	struct application ap;
	catalog_init(&c);
	application_init(&ap);
	int rc = -1;
	char now[20];
	time_format(clock_now(), now);
	if (db_catalog_load(d, &c, e) < 0 || db_begin(d, e) < 0)
		goto out;
	enum case_state s;
	if (dba_editable_state(d, case_id, &s, e) < 0 || db_application_load(d, &c, case_id, &ap, e) < 0)
		goto fail;
	if (!*application_get(&ap, "applicant.name") && !*application_get(&ap, "worker.name")) {
		/* the notice goes to someone: an empty form takes no case number */
		yerr_set(e, YERR_INPUT, _("nothing to refuse: the application names neither the "
					  "applicant nor the worker"));
		goto fail;
	}
	if (assign_case_no(d, &ap, e) < 0)
		goto fail;
	sqlite3_stmt *st = db_prep(d, "UPDATE cases SET state = 'not_accepted', case_no = ?, "
				      "reason = ?, updated_at = ? WHERE id = ?");
	db_bind_text(st, 1, ap.case_no);
	db_bind_text(st, 2, reason);
	db_bind_text(st, 3, now);
	sqlite3_bind_int64(st, 4, case_id);
	if (db_exec_stmt(d, st, e) < 0 || dba_event(d, a, case_id, 0, "not_accepted", reason, e) < 0 ||
	    dba_sms(d, &c, a, &ap, "sms_not_accepted", "", reason, e) < 0)
		goto fail;
	ap.state = CS_NOT_ACCEPTED;
	*notice = dba_notice_refusal(d, &c, a, &ap, reason);
	if (dba_add_letter(d, a, &ap, "refusal", *notice, e) < 0 || db_commit(d, e) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	db_rollback(d);
	free(*notice);
	*notice = NULL;
out:
	application_release(&ap);
	catalog_release(&c);
	return rc;
}

/* ==== the query code again ==== */

int db_application_query_code(struct db *d, const struct actor *a, int64_t case_id,
			      char code[8], char case_no[32], struct yerr *e)
{
	code[0] = case_no[0] = '\0';
	if (perm_check(a, ACT_CASE_WRITE, -1, e) < 0 || db_begin(d, e) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(d, "SELECT case_no, accepted_at IS NOT NULL FROM cases "
				      "WHERE id = ?");
	sqlite3_bind_int64(st, 1, case_id);
	int ok = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(case_no, 32, "%s", db_col(st, 0));
		ok = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	char h[QCODE_HASH_MAX];
	if (!ok) {
		yerr_set(e, YERR_INPUT, _("case %s is not accepted: a query code is issued at the "
					  "receipt"), *case_no ? case_no : "?");
		goto fail;
	}
	if (qcode_new(code) < 0) {
		yerr_set(e, YERR_IO, _("cannot draw a random query code (OpenSSL RAND)"));
		goto fail;
	}
	qcode_hash(case_no, code, h);
	st = db_prep(d, "UPDATE cases SET query_hash = ? WHERE id = ?");
	db_bind_text(st, 1, h);
	sqlite3_bind_int64(st, 2, case_id);
	if (db_exec_stmt(d, st, e) < 0 ||
	    dba_event(d, a, case_id, 0, "notice_printed", "query_code reissued", e) < 0 ||
	    db_commit(d, e) < 0)
		goto fail;
	return 0;
fail:
	db_rollback(d);
	code[0] = '\0';
	return -1;
}

/* ==== how long an online application has waited ==== */

void intake_waited(const struct intake_row *r, char out[24])
{
	ytime t;
	const char *from = *r->submitted_at ? r->submitted_at : r->created_at;
	out[0] = '\0';
	if (time_parse(from, &t, NULL) < 0)
		return;
	long long m = (clock_now() - t) / 60;
	if (m < 0)
		m = 0;
	if (m >= 24 * 60)
		snprintf(out, 24, _("%lldd %02lldh"), m / (24 * 60), m / 60 % 24);
	else
		snprintf(out, 24, _("%lldh %02lldm"), m / 60, m % 60);
}
