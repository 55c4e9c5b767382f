/* db_evaluation.c — the applicant's evaluation of the service (好差评),
 * once per case and never by who served it, and the supervisor's
 * follow-up of a poor one.  Each public write is one BEGIN IMMEDIATE
 * transaction with its event.  Layer: db. */
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


/* ---- evaluation ---- */

static const char eval_exists_sql[] = "SELECT rating FROM evaluation WHERE case_id = ?";
static const char eval_add_sql[] =
	"INSERT INTO evaluation (case_id, rating, comment, at, followup_due, channel, entered_by, "
	"ext_id, log_id) VALUES (:case_id, :rating, :comment, :at, :followup_due, :channel, "
	":entered_by, :ext_id, :log_id)";

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
	char *cm = db_text_masked(comment);
	st = db_prep(d, eval_add_sql);
	sqlite3_bind_int64(st, db_p(st, ":case_id"), case_id);
	sqlite3_bind_int(st, db_p(st, ":rating"), rating);
	db_bind_text(st, db_p(st, ":comment"), cm);
	db_bind_text(st, db_p(st, ":at"), now);
	db_bind_text_or_null(st, db_p(st, ":followup_due"), due);
	db_bind_text(st, db_p(st, ":channel"), src->channel);
	db_bind_text(st, db_p(st, ":entered_by"), src->ext_id ? NULL : a->login);
	db_bind_text(st, db_p(st, ":ext_id"), src->ext_id);
	if (src->ext_id)
		sqlite3_bind_int64(st, db_p(st, ":log_id"), src->log_id);
	int rc = db_exec_stmt(d, st, e);
	char *detail = *due ? xasprintf(_("rating %d (%s, %s)%s%s; follow-up due %s"), rating,
					casefile_rating_label(rating), src->channel,
					*cm ? ": " : "", cm, due)
			    : xasprintf(_("rating %d (%s, %s)%s%s"), rating,
					casefile_rating_label(rating), src->channel,
					*cm ? ": " : "", cm);
	if (rc == 0)
		rc = db_event_by(d, a, case_id, 0, "evaluated", detail, e);
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
	int64_t case_id = db_case_id_by_no(d, case_no, NULL, e);
	int rc = case_id < 0 ? -1 : 0;
	char due[11] = "", done[20] = "";
	int rated = 0;
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(d, "SELECT coalesce(followup_due, ''), "
					      "coalesce(followup_at, '') FROM evaluation WHERE case_id = ?");
		sqlite3_bind_int64(st, 1, case_id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			rated = 1;
			DB_CPY(due, st, 0);
			DB_CPY(done, st, 1);
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
		char *n = db_text_masked(note ? note : "");
		char *detail = xasprintf(_("follow-up of the rating done%s%s"), *n ? ": " : "", n);
		if (rc == 0)
			rc = db_event_by(d, a, case_id, 0, "evaluated", detail, e);
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
	int64_t case_id = db_case_id_by_no(d, case_no, state, e);
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

int db_open_followups(struct db *d, long *n, char next_due[11], struct yerr *e)
{
	return db_count_due(d, "SELECT count(*), coalesce(min(followup_due), '') FROM evaluation "
			       "WHERE followup_at IS NULL AND followup_due IS NOT NULL", n, next_due,
			    _("follow-ups"), e);
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
