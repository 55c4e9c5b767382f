/* db_application.c — the combined application at the window: the filled
 * form in memory, its checks, drafts and online intake, submitting
 * (acceptance with case number, tasks, deadlines, events and SMS, or the
 * one-time deficiency notice), refusing, and the printed notices.  Layer:
 * db (the only SQL of the window; notice texts are built here because
 * they read the case as stored). */
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

#define ITEMS_KEY "items.ticked"

/* ==== checks that read the database ==== */

int application_check(struct db *d, const struct catalog *c, const struct application *ap,
		      char ***errs)
{
	struct prior *p = xcalloc(1, sizeof *p);
	struct yerr e;
	yerr_clear(&e);
	int bad = d && db_application_prior(d, c, ap, p, &e) < 0;
	int n = application_check_some(c, ap, p, NULL, errs);
	if (bad) {
		*errs = xrealloc(*errs, (size_t)(n + 1) * sizeof **errs);
		(*errs)[n++] = xasprintf("%s: %s", "follows", e.msg);
	}
	free(p);
	return n;
}

/* ==== lookups ==== */

static const char prior_sql[] =
	"SELECT t.item, coalesce(t.outcome, ''), coalesce(t.grade, 0), c.kind, "
	"  coalesce(c.case_no, ''), coalesce(t.decided_on, '') "
	"FROM task t JOIN cases c ON c.id = t.case_id WHERE t.case_id = ? AND t.outcome IS NOT NULL";

static int add_prior(struct db *d, const struct catalog *c, struct prior *p, int64_t case_id,
		     int followed, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, prior_sql);
	sqlite3_bind_int64(st, 1, case_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && p->n < MAX_PRIOR) {
		struct prior_decision *x = &p->d[p->n];
		memset(x, 0, sizeof *x);
		x->item = catalog_item_index(c, db_col(st, 0));
		if (x->item < 0)
			continue;
		snprintf(x->outcome, sizeof x->outcome, "%s", db_col(st, 1));
		x->grade = sqlite3_column_int(st, 2);
		kind_parse(db_col(st, 3), &x->kind);
		x->followed = followed;
		snprintf(x->case_no, sizeof x->case_no, "%s", db_col(st, 4));
		snprintf(x->on, sizeof x->on, "%s", db_col(st, 5));
		p->n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_error(d, _("earlier decisions"), e);
}

/* The case numbered case_no and its worker's citizen ID; 0 when none. */
static int64_t case_by_no(struct db *d, const char *case_no, char worker[19], int64_t *follows)
{
	sqlite3_stmt *st = db_prep(d, "SELECT c.id, coalesce(p.id_number, ''), "
				      "coalesce(c.follows_id, 0) FROM cases c "
				      "LEFT JOIN person p ON p.id = c.worker_id WHERE c.case_no = ?");
	db_bind_text(st, 1, case_no);
	int64_t id = 0;
	worker[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		snprintf(worker, 19, "%s", db_col(st, 1));
		if (follows)
			*follows = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return id;
}

static int in_chain(const int64_t *chain, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (chain[i] == id)
			return 1;
	return 0;
}

int db_application_prior(struct db *d, const struct catalog *c, const struct application *ap,
			 struct prior *p, struct yerr *e)
{
	memset(p, 0, sizeof *p);
	int64_t chain[16];
	int nchain = 0;
	const char *wid = application_get(ap, "worker.id_number");
	if (ap->follows[0]) {
		char worker[19];
		int64_t next = 0, id = case_by_no(d, ap->follows, worker, &next);
		snprintf(p->follows_no, sizeof p->follows_no, "%s", ap->follows);
		if (!id)
			return yerr_set(e, YERR_INPUT, _("no case %s to follow"), ap->follows);
		if (id == ap->case_id)
			return yerr_set(e, YERR_INPUT, _("a case cannot follow itself"));
		if (*wid && strcmp(worker, wid))
			return yerr_set(e, YERR_INPUT,
					_("case %s is another worker's: a case follows only an "
					  "earlier case of the same worker"),
					ap->follows);
		while (id && nchain < (int)ARRAY_SIZE(chain) && !in_chain(chain, nchain, id)) {
			chain[nchain++] = id;
			if (add_prior(d, c, p, id, 1, e) < 0)
				return -1;
			sqlite3_stmt *st = db_prep(d, "SELECT coalesce(follows_id, 0) FROM cases "
						      "WHERE id = ?");
			sqlite3_bind_int64(st, 1, id);
			id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
			sqlite3_reset(st);
		}
	}
	/* the same accident filed again without --follows: a once-per-accident
	 * benefit approved there still counts */
	const char *acc = application_get(ap, "accident.date");
	if (strlen(wid) == 18 && *acc) {
		sqlite3_stmt *st = db_prep(d, "SELECT c.id FROM person p JOIN cases c ON "
					      "c.worker_id = p.id WHERE p.id_number = ? AND "
					      "c.accident_date = ? AND c.id <> ?");
		db_bind_text(st, 1, wid);
		db_bind_text(st, 2, acc);
		sqlite3_bind_int64(st, 3, ap->case_id);
		int64_t ids[32];
		int nid = 0;
		while (sqlite3_step(st) == SQLITE_ROW && nid < (int)ARRAY_SIZE(ids))
			ids[nid++] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		for (int i = 0; i < nid; i++)
			if (!in_chain(chain, nchain, ids[i]) && add_prior(d, c, p, ids[i], 0, e) < 0)
				return -1;
	}
	prior_finish(c, p);
	return 0;
}

int db_application_decided(struct db *d, const struct catalog *c, const struct application *ap,
			   itemset *out, struct yerr *e)
{
	struct prior *p = xcalloc(1, sizeof *p);
	int rc = db_application_prior(d, c, ap, p, e);
	*out = rc == 0 ? p->decided : 0;
	free(p);
	return rc;
}

static const char *const inherit_prefix[] = { "worker.", "employer.", "accident." };

int db_application_follow(struct db *d, const struct catalog *c, struct application *ap,
			  const char *case_no, struct yerr *e)
{
	char worker[19];
	int64_t id = case_by_no(d, case_no, worker, NULL);
	if (!id)
		return yerr_set(e, YERR_INPUT, _("no case %s to follow"), case_no);
	const char *wid = application_get(ap, "worker.id_number");
	if (*wid && strcmp(worker, wid))
		return yerr_set(e, YERR_INPUT,
				_("case %s is another worker's: a case follows only an earlier case "
				  "of the same worker"),
				case_no);
	struct application old;
	application_init(&old);
	if (db_application_load(d, c, id, &old, e) < 0) {
		application_release(&old);
		return -1;
	}
	for (int i = 0; i < old.nfields; i++) {
		const char *k = old.key[i];
		int take = 0;
		for (size_t j = 0; j < ARRAY_SIZE(inherit_prefix); j++)
			take |= !strncmp(k, inherit_prefix[j], strlen(inherit_prefix[j]));
		if (!take || !strcmp(k, "accident.death_date") ||
		    !*old.value[i] || *application_get(ap, k))
			continue;
		application_set(ap, k, old.value[i]);
	}
	application_release(&old);
	snprintf(ap->follows, sizeof ap->follows, "%s", case_no);
	return 0;
}

int db_application_earlier(struct db *d, const struct catalog *c, const char *worker_id_number,
			   int64_t except_case, struct earlier_case *out, int max, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT c.id, c.case_no, coalesce(c.accident_date, ''), "
				      "c.kind FROM person p JOIN cases c ON c.worker_id = p.id "
				      "WHERE p.id_number = ? AND c.id <> ? AND c.case_no IS NOT NULL "
				      "ORDER BY c.id DESC");
	db_bind_text(st, 1, worker_id_number);
	sqlite3_bind_int64(st, 2, except_case);
	int n = 0, rc;
	int64_t ids[64];
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max && n < (int)ARRAY_SIZE(ids)) {
		memset(&out[n], 0, sizeof out[n]);
		ids[n] = sqlite3_column_int64(st, 0);
		snprintf(out[n].case_no, sizeof out[n].case_no, "%s", db_col(st, 1));
		snprintf(out[n].accident_date, sizeof out[n].accident_date, "%s", db_col(st, 2));
		snprintf(out[n].kind, sizeof out[n].kind, "%s", db_col(st, 3));
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(d, _("earlier cases"), e);
	st = db_prep(d, "SELECT item, outcome, coalesce(grade, 0) FROM task WHERE case_id = ? "
			"AND outcome IS NOT NULL ORDER BY id");
	for (int i = 0; i < n; i++) {
		struct sbuf b = { 0 };
		sqlite3_bind_int64(st, 1, ids[i]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int it = catalog_item_index(c, db_col(st, 0));
			const struct item_outcome *o = catalog_outcome(c, it, db_col(st, 1));
			sbuf_addf(&b, "%s%s %s", b.len ? ", " : "", db_col(st, 0),
				  o ? o->label : db_col(st, 1));
			if (sqlite3_column_int(st, 2))
				sbuf_addf(&b, " %d", sqlite3_column_int(st, 2));
		}
		sqlite3_reset(st);
		snprintf(out[i].decisions, sizeof out[i].decisions, "%s",
			 b.s ? b.s : _("no decision yet"));
		sbuf_release(&b);
	}
	return n;
}

int db_application_person(struct db *d, const char *id_number, struct known_person *p,
			  struct yerr *e)
{
	memset(p, 0, sizeof *p);
	sqlite3_stmt *st = db_prep(d, "SELECT name, phone, address FROM person WHERE id_number = ?");
	db_bind_text(st, 1, id_number);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(p->name, sizeof p->name, "%s", db_col(st, 0));
		snprintf(p->phone, sizeof p->phone, "%s", db_col(st, 1));
		snprintf(p->address, sizeof p->address, "%s", db_col(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("person lookup"), e);
	return rc == SQLITE_ROW;
}

int db_application_employer(struct db *d, const char *credit_code, struct known_employer *em,
			    struct yerr *e)
{
	memset(em, 0, sizeof *em);
	sqlite3_stmt *st = db_prep(d, "SELECT name, address, contact, phone, insured, supp_insurer "
				      "FROM employer WHERE credit_code = ?");
	db_bind_text(st, 1, credit_code);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(em->name, sizeof em->name, "%s", db_col(st, 0));
		snprintf(em->address, sizeof em->address, "%s", db_col(st, 1));
		snprintf(em->contact, sizeof em->contact, "%s", db_col(st, 2));
		snprintf(em->phone, sizeof em->phone, "%s", db_col(st, 3));
		em->insured = sqlite3_column_int(st, 4);
		snprintf(em->supp_insurer, sizeof em->supp_insurer, "%s", db_col(st, 5));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("employer lookup"), e);
	return rc == SQLITE_ROW;
}

static int find_by(struct db *d, sqlite3_stmt *st, int64_t *case_id, struct yerr *e)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*case_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("case lookup"), e);
	return rc == SQLITE_ROW ? 0 : 1;
}

int db_application_find(struct db *d, const char *ref, int64_t *case_id, struct yerr *e)
{
	*case_id = 0;
	if (ref[0] == '#') {
		char *end;
		long long id = strtoll(ref + 1, &end, 10);
		sqlite3_stmt *st = db_prep(d, "SELECT id FROM cases WHERE id = ?");
		sqlite3_bind_int64(st, 1, *end ? -1 : id);
		return find_by(d, st, case_id, e);
	}
	char no[32];   /* a case number typed in lower case is the same number */
	snprintf(no, sizeof no, "%s", ref);
	for (char *p = no; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	sqlite3_stmt *st = db_prep(d, "SELECT id FROM cases WHERE case_no = ?");
	db_bind_text(st, 1, strlen(ref) < sizeof no ? no : ref);
	int rc = find_by(d, st, case_id, e);
	if (rc != 1)
		return rc;
	st = db_prep(d, "SELECT id FROM cases WHERE ext_id = ?");
	db_bind_text(st, 1, ref);
	return find_by(d, st, case_id, e);
}

int db_application_intake(struct db *d, const char *after_at, int64_t after_id, int limit,
			  struct intake_row *out, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT c.id, coalesce(c.ext_id, ''), coalesce(c.submitted_at, ''), c.created_at, "
		"c.worker_name, c.applicant_name, c.kind, "
		"coalesce((SELECT value FROM case_field f WHERE f.case_id = c.id "
		"AND f.key = '" ITEMS_KEY "'), '') "
		"FROM cases c LEFT JOIN person w ON w.id = c.worker_id "
		"LEFT JOIN person a ON a.id = c.applicant_id "
		"WHERE c.state = 'intake' AND (c.created_at, c.id) > (?, ?) "
		"ORDER BY c.created_at, c.id LIMIT ?");
	db_bind_text(st, 1, after_at ? after_at : "");
	sqlite3_bind_int64(st, 2, after_id);
	sqlite3_bind_int(st, 3, limit);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < limit) {
		struct intake_row *r = &out[n++];
		r->id = sqlite3_column_int64(st, 0);
		snprintf(r->ext_id, sizeof r->ext_id, "%s", db_col(st, 1));
		snprintf(r->submitted_at, sizeof r->submitted_at, "%s", db_col(st, 2));
		snprintf(r->created_at, sizeof r->created_at, "%s", db_col(st, 3));
		snprintf(r->worker_name, sizeof r->worker_name, "%s", db_col(st, 4));
		snprintf(r->applicant_name, sizeof r->applicant_name, "%s", db_col(st, 5));
		snprintf(r->kind, sizeof r->kind, "%s", db_col(st, 6));
		snprintf(r->items, sizeof r->items, "%s", db_col(st, 7));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("intake list"), e);
	return n;
}

/* ==== transactions: own, or a savepoint inside the caller's ==== */

static int txn_begin(struct db *d, int *joined, struct yerr *e)
{
	*joined = d->in_txn;
	if (!*joined)
		return db_begin(d, e);
	return db_exec_stmt(d, db_prep(d, "SAVEPOINT yici_application"), e);
}

static int txn_commit(struct db *d, int joined, struct yerr *e)
{
	if (!joined)
		return db_commit(d, e);
	return db_exec_stmt(d, db_prep(d, "RELEASE yici_application"), e);
}

static void txn_rollback(struct db *d, int joined)
{
	if (!joined) {
		db_rollback(d);
		return;
	}
	sqlite3_stmt *st = db_prep(d, "ROLLBACK TO yici_application");
	sqlite3_step(st);
	sqlite3_reset(st);
	st = db_prep(d, "RELEASE yici_application");
	sqlite3_step(st);
	sqlite3_reset(st);
}

/* The event of the actor (role code from the permission table). */
static int event(struct db *d, const struct actor *a, int64_t case_id, int64_t task_id,
		 const char *kind, const char *detail, struct yerr *e)
{
	struct event_input ev = { .case_id = case_id, .task_id = task_id, .actor = a->login,
				  .actor_role = role_code(a->role), .kind = kind, .detail = detail };
	return db_event_add(d, &ev, e) < 0 ? -1 : 0;
}


/* ==== storing the form ==== */

enum col_kind { C_TEXT, C_DATE, C_TIME, C_ENUM, C_BOOL };

/* The form keys that have a column of cases, in the order of ?1..?18 of
 * the INSERT and UPDATE below.  Enumerations list their default first. */
static const struct col {
	const char *key;
	enum col_kind kind;
	const char *choices;
} cols[] = {
	{ "applicant.type", C_ENUM, "choice:worker|employer|relative|union|agent" },
	{ "applicant.relation", C_TEXT, NULL },
	{ "worker.job", C_TEXT, NULL },
	{ "worker.entry_date", C_DATE, NULL },
	{ "accident.kind", C_ENUM, "choice:injury|death" },
	{ "accident.date", C_DATE, NULL },
	{ "accident.time", C_TIME, NULL },
	{ "accident.place", C_TEXT, NULL },
	{ "accident.type", C_ENUM, "choice:accident|disease" },
	{ "accident.circumstance", C_ENUM,
	  "choice:work|prep|business_trip|veteran|commute|violence|missing|sudden_death|rescue|"
	  "disease|other" },
	{ "accident.description", C_TEXT, NULL },
	{ "accident.body_part", C_TEXT, NULL },
	{ "accident.hospital", C_TEXT, NULL },
	{ "accident.diagnosis", C_TEXT, NULL },
	{ "accident.death_date", C_DATE, NULL },
	{ "delivery.consent_extended", C_BOOL, NULL },
	{ "delivery.method", C_ENUM, "choice:window|post" },
	{ "delivery.address", C_TEXT, NULL },
};

static const char *const person_keys[2][4] = {
	{ "worker.id_number", "worker.name", "worker.phone", "worker.address" },
	{ "applicant.id_number", "applicant.name", "applicant.phone", NULL },
};
static const char *const employer_keys[] = {
	"employer.credit_code", "employer.name", "employer.address", "employer.contact",
	"employer.insured", "employer.supp_insurer",
};

static int col_fits(const struct col *cl, const char *v)
{
	switch (cl->kind) {
	case C_DATE: return !*v || date_parse(v, &(yday){ 0 }, NULL) == 0;
	case C_TIME: return !*v || application_time_ok(v);
	case C_ENUM: return *v && application_choice_has(cl->choices, v);
	case C_BOOL: return application_bool(v) >= 0;
	default: return 1;
	}
}

static void col_bind(sqlite3_stmt *st, int i, const struct col *cl, const char *v)
{
	int ok = col_fits(cl, v);
	switch (cl->kind) {
	case C_ENUM:
		if (ok) {
			db_bind_static(st, i, v);
		} else {
			const char *p = cl->choices + 7, *bar = strchr(p, '|');
			sqlite3_bind_text(st, i, p, (int)(bar - p), SQLITE_TRANSIENT);
		}
		break;
	case C_BOOL: sqlite3_bind_int(st, i, ok ? application_bool(v) : 0); break;
	case C_TEXT: db_bind_static(st, i, v); break;
	default: db_bind_static_or_null(st, i, ok ? v : NULL); break;
	}
}

/* What one save writes besides the columns. */
struct ids {
	int64_t worker, applicant, employer;
	int differs[3];  /* the known row differs from the form (kept in case_field) */
	/* the names as received, kept on the case (owned); and the name a
	 * final application replaced in a known row (owned, NULL if none) */
	char *name[3], *renamed_from[3];
};

static void ids_release(struct ids *ids)
{
	for (int i = 0; i < 3; i++) {
		free(ids->name[i]);
		free(ids->renamed_from[i]);
	}
}

/* A non-empty new value wins over the stored one. */
static const char *pick(const char *new_value, const char *old)
{
	return new_value && *new_value ? new_value : old;
}

/* Looks the row up by its unique code; an UPDATE only when a value
 * changes (the lookup triggers of 005 re-index a name on every update,
 * and misbehave under UPSERT, hence no ON CONFLICT here). */
static int64_t upsert_person(struct db *d, const struct application *ap, int who, int final,
			     int *differs, char **got, char **from, const char *now,
			     struct yerr *e)
{
	const char *const *k = person_keys[who];
	char id[19], sex[2] = { 0 }, birth[11];
	snprintf(id, sizeof id, "%s", application_get(ap, k[0]));
	const char *name = application_get(ap, k[1]), *phone = application_get(ap, k[2]);
	const char *addr = k[3] ? application_get(ap, k[3]) : "";
	if (who == 0 && !strcasecmp(application_get(ap, "applicant.id_number"), id)) {
		/* the worker applies in person: one row for both */
		name = pick(name, application_get(ap, "applicant.name"));
		phone = pick(phone, application_get(ap, "applicant.phone"));
	}
	*got = xstrdup(name); /* no row: the name stays with the case */
	if (strlen(id) != 18 || validate_citizen_id(id, NULL) < 0)
		return 0;
	if (id[17] == 'x')
		id[17] = 'X';
	sqlite3_stmt *sel = db_prep(d, "SELECT id, name, phone, address FROM person WHERE id_number = ?");
	db_bind_static(sel, 1, id);
	int rc = sqlite3_step(sel);
	if (rc == SQLITE_ROW) {
		int64_t rowid = sqlite3_column_int64(sel, 0);
		char *on = db_col_dup(sel, 1), *op = db_col_dup(sel, 2), *oa = db_col_dup(sel, 3);
		sqlite3_reset(sel);
		int same = !strcmp(pick(name, on), on) && !strcmp(pick(phone, op), op) &&
			   !strcmp(pick(addr, oa), oa);
		/* a draft or an online application does not rename a known
		 * person: its values differ, so they stay with the case */
		*differs = !same && !final;
		if (!final)
			same = 1;
		free(*got);
		*got = xstrdup(pick(name, on));
		if (!same && strcmp(pick(name, on), on))
			*from = xstrdup(on);
		sqlite3_stmt *up = db_prep(d, "UPDATE person SET name = ?, phone = ?, address = ?, "
					      "updated_at = ? WHERE id = ?");
		db_bind_text(up, 1, pick(name, on));
		db_bind_text(up, 2, pick(phone, op));
		db_bind_text(up, 3, pick(addr, oa));
		db_bind_text(up, 4, now);
		sqlite3_bind_int64(up, 5, rowid);
		int r = same ? 0 : db_exec_stmt(d, up, e);
		free(on);
		free(op);
		free(oa);
		return r < 0 ? -1 : rowid;
	}
	sqlite3_reset(sel);
	if (rc != SQLITE_DONE)
		return db_error(d, _("saving a person"), e);
	sex[0] = citizen_id_sex(id);
	date_format(citizen_id_birth(id), birth);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO person (id_number, name, sex, birth_date, phone, "
				      "address, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
	db_bind_static(st, 1, id);
	db_bind_static(st, 2, name);
	db_bind_static(st, 3, sex);
	db_bind_static(st, 4, birth);
	db_bind_static(st, 5, phone);
	db_bind_static(st, 6, addr);
	db_bind_static(st, 7, now);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	return sqlite3_last_insert_rowid(d->h);
}

static int64_t insert_employer(struct db *d, const struct application *ap, const char *code,
			       int insured, const char *now, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "INSERT INTO employer (credit_code, name, address, contact, "
				      "insured, supp_insurer, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
	db_bind_static(st, 1, code);
	db_bind_static(st, 2, application_get(ap, "employer.name"));
	db_bind_static(st, 3, application_get(ap, "employer.address"));
	db_bind_static(st, 4, application_get(ap, "employer.contact"));
	sqlite3_bind_int(st, 5, insured < 0 ? 1 : insured);
	db_bind_static(st, 6, application_get(ap, "employer.supp_insurer"));
	db_bind_static(st, 7, now);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	return sqlite3_last_insert_rowid(d->h);
}

static int64_t upsert_employer(struct db *d, const struct application *ap, int final,
			       int *differs, char **got, char **from, const char *now,
			       struct yerr *e)
{
	char code[19];
	*got = xstrdup(application_get(ap, "employer.name"));
	snprintf(code, sizeof code, "%s", application_get(ap, "employer.credit_code"));
	if (strlen(code) != 18 || validate_credit_code(code, NULL) < 0)
		return 0;
	for (char *p = code; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	const char *ins = application_get(ap, "employer.insured");
	int insured = *ins ? application_bool(ins) : -1;
	sqlite3_stmt *sel = db_prep(d, "SELECT id, name, address, contact, insured, supp_insurer "
				       "FROM employer WHERE credit_code = ?");
	db_bind_static(sel, 1, code);
	int rc = sqlite3_step(sel);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(sel);
		return rc == SQLITE_DONE ? insert_employer(d, ap, code, insured, now, e)
					 : db_error(d, _("saving the employer"), e);
	}
	int64_t rowid = sqlite3_column_int64(sel, 0);
	static const char *const keys[] = { "employer.name", "employer.address", "employer.contact",
					    "employer.supp_insurer" };
	char *old[4];
	int same = insured < 0 || insured == sqlite3_column_int(sel, 4);
	for (int i = 0; i < 4; i++) {
		old[i] = db_col_dup(sel, i < 3 ? i + 1 : 5);
		same &= !strcmp(pick(application_get(ap, keys[i]), old[i]), old[i]);
	}
	sqlite3_stmt *up = db_prep(d, "UPDATE employer SET name = ?, address = ?, contact = ?, "
				      "supp_insurer = ?, insured = coalesce(?, insured), "
				      "updated_at = ? WHERE id = ?");
	for (int i = 0; i < 4; i++)
		db_bind_text(up, i + 1, pick(application_get(ap, keys[i]), old[i]));
	if (insured >= 0)
		sqlite3_bind_int(up, 5, insured);
	db_bind_text(up, 6, now);
	sqlite3_bind_int64(up, 7, rowid);
	sqlite3_reset(sel);
	*differs = !same && !final;
	const char *name = pick(application_get(ap, keys[0]), old[0]);
	free(*got);
	*got = xstrdup(name);
	if (final && strcmp(name, old[0]))
		*from = xstrdup(old[0]);
	int r = same || !final ? 0 : db_exec_stmt(d, up, e);
	for (int i = 0; i < 4; i++)
		free(old[i]);
	return r < 0 ? -1 : rowid;
}

static int store_ids(struct db *d, const struct application *ap, int final, const char *now,
		     struct ids *ids, struct yerr *e)
{
	if ((ids->worker = upsert_person(d, ap, 0, final, &ids->differs[0], &ids->name[0],
					 &ids->renamed_from[0], now, e)) < 0)
		return -1;
	if (ids->worker && !strcasecmp(application_get(ap, "applicant.id_number"),
				       application_get(ap, "worker.id_number"))) {
		ids->applicant = ids->worker;
		ids->name[1] = xstrdup(ids->name[0]);
	} else if ((ids->applicant = upsert_person(d, ap, 1, final, &ids->differs[1],
						   &ids->name[1], &ids->renamed_from[1], now,
						   e)) < 0) {
		return -1;
	}
	if ((ids->employer = upsert_employer(d, ap, final, &ids->differs[2], &ids->name[2],
					     &ids->renamed_from[2], now, e)) < 0)
		return -1;
	return 0;
}

/* 1 when the value of key is kept in a column or a person/employer row. */
static int in_columns(const char *key, const char *v, const struct ids *ids)
{
	for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
		if (!strcmp(cols[i].key, key))
			return col_fits(&cols[i], v);
	for (int w = 0; w < 2; w++)
		for (int k = 0; k < 4; k++)
			if (person_keys[w][k] && !strcmp(person_keys[w][k], key))
				return w == 0 ? ids->worker != 0 && !ids->differs[0]
					      : ids->applicant != 0 && !ids->differs[1];
	for (size_t k = 0; k < ARRAY_SIZE(employer_keys); k++)
		if (!strcmp(employer_keys[k], key))
			return ids->employer != 0 && !ids->differs[2] &&
			       (k != 4 || !*v || application_bool(v) >= 0);
	return 0;
}

static void bind_case(sqlite3_stmt *st, const struct application *ap, const struct ids *ids,
		      const char *now)
{
	for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
		col_bind(st, (int)i + 1, &cols[i], application_get(ap, cols[i].key));
	db_bind_static(st, 19, ap->channel && !strcmp(ap->channel, "online") ? "online" : "window");
	db_bind_static(st, 20, case_state_code(ap->state));
	if (ids->worker)
		sqlite3_bind_int64(st, 21, ids->worker);
	if (ids->applicant)
		sqlite3_bind_int64(st, 22, ids->applicant);
	if (ids->employer)
		sqlite3_bind_int64(st, 23, ids->employer);
	db_bind_static_or_null(st, 24, ap->ext_id);
	db_bind_static_or_null(st, 25, ap->submitted_at);
	db_bind_static(st, 26, now);
	db_bind_static(st, 28, now);
	sqlite3_bind_int64(st, 29, ap->case_id);
	db_bind_static_or_null(st, 30, ap->follows[0] ? ap->follows : NULL);
	for (int i = 0; i < 3; i++)
		db_bind_static(st, 31 + i, ids->name[i] ? ids->name[i] : "");
}

static int write_case(struct db *d, const struct actor *a, struct application *ap,
		      const struct ids *ids, const char *now, struct yerr *e)
{
	static const char *const ins =
		"INSERT INTO cases (applicant_type, applicant_relation, worker_job, worker_entry_date, "
		"kind, accident_date, accident_time, accident_place, accident_type, circumstance, "
		"description, body_part, hospital, diagnosis, death_date, consent_extended, "
		"delivery_method, delivery_address, channel, state, worker_id, applicant_id, "
		"employer_id, ext_id, submitted_at, created_at, created_by, updated_at, follows_id, "
		"worker_name, applicant_name, employer_name) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
		"?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, "
		"(SELECT id FROM cases WHERE case_no = ?30), ?31, ?32, ?33)";
	/* ?19, ?20 and ?24..?27 are bound but unused here: SQLite numbers
	 * parameters up to the largest index, so one binder serves both. */
	static const char *const upd =
		"UPDATE cases SET applicant_type = ?1, applicant_relation = ?2, worker_job = ?3, "
		"worker_entry_date = ?4, kind = ?5, accident_date = ?6, accident_time = ?7, "
		"accident_place = ?8, accident_type = ?9, circumstance = ?10, description = ?11, "
		"body_part = ?12, hospital = ?13, diagnosis = ?14, death_date = ?15, "
		"consent_extended = ?16, delivery_method = ?17, delivery_address = ?18, "
		"worker_id = ?21, applicant_id = ?22, employer_id = ?23, updated_at = ?28, "
		"follows_id = (SELECT id FROM cases WHERE case_no = ?30), worker_name = ?31, "
		"applicant_name = ?32, employer_name = ?33 WHERE id = ?29";
	sqlite3_stmt *st = db_prep(d, ap->case_id ? upd : ins);
	bind_case(st, ap, ids, now);
	db_bind_static(st, 27, a->login);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	if (!ap->case_id)
		ap->case_id = sqlite3_last_insert_rowid(d->h);
	return 0;
}

static int write_fields(struct db *d, const struct catalog *c, const struct application *ap,
			const struct ids *ids, int fresh, struct yerr *e)
{
	if (!fresh) {
		sqlite3_stmt *del = db_prep(d, "DELETE FROM case_field WHERE case_id = ?");
		sqlite3_bind_int64(del, 1, ap->case_id);
		if (db_exec_stmt(d, del, e) < 0)
			return -1;
	}
	sqlite3_stmt *st = db_prep(d, "INSERT INTO case_field (case_id, key, value) VALUES (?, ?, ?)");
	char *items = catalog_format_items(c, ap->items);
	sqlite3_bind_int64(st, 1, ap->case_id);
	db_bind_static(st, 2, ITEMS_KEY);
	db_bind_static(st, 3, items);
	int rc = db_exec_stmt(d, st, e);
	free(items);
	if (rc < 0)
		return -1;
	for (int i = 0; i < ap->nfields; i++) {
		if (!strcmp(ap->key[i], ITEMS_KEY) || in_columns(ap->key[i], ap->value[i], ids))
			continue;
		sqlite3_bind_int64(st, 1, ap->case_id);
		db_bind_static(st, 2, ap->key[i]);
		db_bind_static(st, 3, ap->value[i]);
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	return 0;
}

/* Reads the stored statuses (for the event of what changed). */
static void old_statuses(struct db *d, const struct catalog *c, int64_t case_id,
			 int old[MAX_MATERIALS])
{
	for (int i = 0; i < MAX_MATERIALS; i++)
		old[i] = -1;
	sqlite3_stmt *st = db_prep(d, "SELECT material, status FROM case_material WHERE case_id = ?");
	sqlite3_bind_int64(st, 1, case_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int m = catalog_material_index(c, db_col(st, 0));
		enum material_status s;
		if (m >= 0 && m < MAX_MATERIALS && material_status_parse(db_col(st, 1), &s) == 0)
			old[m] = (int)s;
	}
	sqlite3_reset(st);
}

static int write_materials(struct db *d, const struct catalog *c, const struct application *ap,
			   itemset decided, int fresh, const char *now, struct sbuf *changes,
			   struct yerr *e)
{
	int old[MAX_MATERIALS];
	if (!fresh)
		old_statuses(d, c, ap->case_id, old);
	if (!fresh) {
		sqlite3_stmt *del = db_prep(d, "DELETE FROM case_material WHERE case_id = ?");
		sqlite3_bind_int64(del, 1, ap->case_id);
		if (db_exec_stmt(d, del, e) < 0)
			return -1;
	}
	struct merged_material mm[MAX_MATERIALS];
	int n = application_materials(c, ap, decided, mm), k = 0;
	struct { int m; enum material_status s; char *items; } row[MAX_MATERIALS];
	for (int i = 0; i < n; i++) {
		int m = mm[i].material;
		enum material_status s = application_mstatus(ap, &mm[i]);
		if (!mm[i].required && s == MS_MISSING)
			continue; /* optional and not brought: nothing to keep */
		if (!fresh && old[m] != (int)s)
			sbuf_addf(changes, " %s=%s", c->materials[m].code, material_status_code(s));
		row[k].m = m;
		row[k].s = s;
		row[k++].items = catalog_format_items(c, mm[i].items);
	}
	sqlite3_stmt *st = db_prep(d, "INSERT INTO case_material (case_id, material, status, items, "
				      "document_no, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
	int rc = 0;
	for (int i = 0; i < k && rc == 0; i++) {
		int m = row[i].m;
		enum material_status s = row[i].s;
		sqlite3_bind_int64(st, 1, ap->case_id);
		db_bind_static(st, 2, c->materials[m].code);
		db_bind_static(st, 3, material_status_code(s));
		db_bind_static(st, 4, row[i].items);
		db_bind_static(st, 5, ap->mdoc[m] ? ap->mdoc[m] : "");
		db_bind_static(st, 6, s == MS_SHARED ? "data sharing" : s == MS_PRODUCED ? "bundle" : "");
		db_bind_static(st, 7, now);
		rc = db_exec_stmt(d, st, e);
	}
	for (int i = 0; i < k; i++)
		free(row[i].items);
	return rc;
}

/* The state of a stored case, or -1 (e set) when it cannot change at the window. */
static int editable_state(struct db *d, int64_t case_id, enum case_state *s, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT state, coalesce(case_no, ''), "
				      "coalesce(supplement_due, '') FROM cases WHERE id = ?");
	sqlite3_bind_int64(st, 1, case_id);
	if (db_step_one(d, st, _("case"), e, _("no case #%lld"), (long long)case_id) < 0)
		return -1;
	char no[32], due[11], today[11];
	case_state_parse(db_col(st, 0), s);
	snprintf(no, sizeof no, "%s", db_col(st, 1));
	snprintf(due, sizeof due, "%s", db_col(st, 2));
	sqlite3_reset(st);
	if (*s != CS_DRAFT && *s != CS_INTAKE && *s != CS_DEFICIENT)
		return yerr_set(e, YERR_STATE, _("case %s is %s and can no longer be changed at the "
						 "window"), no, case_state_label(*s));
	date_format(clock_today(), today);
	/* a supplement after the deadline needs the window's decision first */
	if (*s == CS_DEFICIENT && *due && strcmp(due, today) < 0)
		return yerr_set(e, YERR_STATE, _("case %s lapsed: its supplement deadline %s has "
						 "passed; extend it once (supplement %s --extend "
						 "--reason TEXT) or close it as withdrawn (supplement "
						 "%s --withdraw)"), no, due, no, no);
	return 0;
}

/* A name for the detail of an event: a tab (the separator) or a line
 * break in it becomes a space. */
static void detail_name(struct sbuf *b, const char *name)
{
	for (const char *p = name; *p; p++)
		sbuf_add(b, *p == '\t' || *p == '\n' || *p == '\r' ? " " : p, 1);
}

/* One 'renamed' event on the case for each known row whose name this
 * final application changed: "who<TAB>old<TAB>new" (db/131). */
static int rename_events(struct db *d, const struct actor *a, int64_t case_id,
			 const struct ids *ids, const char *now, struct yerr *e)
{
	static const char *const who[] = { "worker", "applicant", "employer" };
	const int64_t ref[3] = { ids->worker, ids->applicant, ids->employer };
	for (int i = 0; i < 3; i++) {
		if (!ids->renamed_from[i])
			continue;
		/* the lookup's index of former names (db/132) */
		sqlite3_stmt *st = db_prep(d, "INSERT INTO former_name (kind, ref, name, until) "
					      "VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
					      "until = excluded.until");
		db_bind_static(st, 1, i < 2 ? "person" : "employer");
		sqlite3_bind_int64(st, 2, ref[i]);
		db_bind_static(st, 3, ids->renamed_from[i]);
		db_bind_static(st, 4, now);
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
		struct sbuf b = { 0 };
		sbuf_addf(&b, "%s\t", who[i]);
		detail_name(&b, ids->renamed_from[i]);
		sbuf_addstr(&b, "\t");
		detail_name(&b, ids->name[i]);
		int rc = event(d, a, case_id, 0, "renamed", b.s, e);
		sbuf_release(&b);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Writes the form inside the caller's transaction; sets ap->case_id. */
static int store(struct db *d, const struct catalog *c, const struct actor *a,
		 struct application *ap, itemset decided, int final, struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	int fresh = ap->case_id == 0;
	if (!fresh && editable_state(d, ap->case_id, &ap->state, e) < 0)
		return -1;
	if (fresh)
		ap->state = ap->channel && !strcmp(ap->channel, "online") ? CS_INTAKE : CS_DRAFT;
	struct ids ids = { 0 };
	struct sbuf changes = { 0 };
	sbuf_add(&changes, "", 0);
	int rc = -1;
	if (store_ids(d, ap, final, now, &ids, e) < 0 || write_case(d, a, ap, &ids, now, e) < 0 ||
	    write_fields(d, c, ap, &ids, fresh, e) < 0 ||
	    write_materials(d, c, ap, decided, fresh, now, &changes, e) < 0)
		goto out;
	char *detail;
	if (fresh)
		detail = ap->state == CS_INTAKE ? xasprintf("online %s", ap->ext_id ? ap->ext_id : "")
						 : xstrdup("draft");
	else
		detail = xasprintf("%s%s", ap->state == CS_DEFICIENT ? "materials:" : "form saved",
				   changes.s);
	const char *kind = fresh ? (ap->state == CS_INTAKE ? "imported" : "created")
				 : ap->state == CS_DEFICIENT ? "supplemented" : "created";
	rc = event(d, a, ap->case_id, 0, kind, detail, e);
	free(detail);
	if (rc == 0)
		rc = rename_events(d, a, ap->case_id, &ids, now, e);
out:
	ids_release(&ids);
	sbuf_release(&changes);
	return rc;
}

static int may_write(const struct actor *a, const struct application *ap, struct yerr *e)
{
	if (ap->channel && !strcmp(ap->channel, "online") &&
	    perm_check(a, ACT_EXCHANGE, -1, NULL) == 0)
		return 0;
	return perm_check(a, ACT_CASE_WRITE, -1, e);
}

/* A new online application whose ext_id is already a case: 1 with
 * *case_id, state and number set; 0 when it is new. */
static int known_ext_id(struct db *d, struct application *ap, int64_t *case_id, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT id FROM cases WHERE ext_id = ?");
	db_bind_text(st, 1, ap->ext_id);
	int64_t id = 0;
	if (find_by(d, st, &id, e) < 0)
		return -1;
	if (!id)
		return 0;
	*case_id = ap->case_id = id;
	st = db_prep(d, "SELECT state, coalesce(case_no, '') FROM cases WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		case_state_parse(db_col(st, 0), &ap->state);
		snprintf(ap->case_no, sizeof ap->case_no, "%s", db_col(st, 1));
	}
	sqlite3_reset(st);
	return 1;
}

/* An online application carries only what the applicant sent: a choice
 * the platform did not send (伤害类型, 认定情形, the delivery ...) is kept
 * empty (in case_field, over the column's default), so the form shows it
 * empty and F9 asks for it, instead of showing the default as if chosen. */
static void online_unset_choices(struct application *ap)
{
	if (!ap->channel || strcmp(ap->channel, "online") || ap->case_id)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
		if (cols[i].kind == C_ENUM && !*application_get(ap, cols[i].key))
			application_set(ap, cols[i].key, "");
}

int db_application_save(struct db *d, const struct catalog *c, const struct actor *a,
			struct application *ap, int64_t *case_id, struct yerr *e)
{
	if (may_write(a, ap, e) < 0)
		return -1;
	ap->case_id = *case_id;
	if (!ap->case_id && ap->ext_id && *ap->ext_id) {
		int known = known_ext_id(d, ap, case_id, e);
		if (known)
			return known;
	}
	int joined;
	itemset decided = 0;
	online_unset_choices(ap);
	if (txn_begin(d, &joined, e) < 0)
		return -1;
	if (db_application_decided(d, c, ap, &decided, e) < 0 ||
	    store(d, c, a, ap, decided, 0, e) < 0 || txn_commit(d, joined, e) < 0) {
		txn_rollback(d, joined);
		if (!*case_id)
			ap->case_id = 0;
		return -1;
	}
	*case_id = ap->case_id;
	return 0;
}

int db_application_import(struct db *d, const struct catalog *c, const struct actor *a,
			  struct application *ap, itemset decided, int64_t *case_id,
			  struct yerr *e)
{
	*case_id = ap->case_id = 0;
	if (!ap->channel || strcmp(ap->channel, "online") || !ap->ext_id || !*ap->ext_id)
		return yerr_set(e, YERR_INPUT, "BUG: db_application_import needs an online "
						"application with its ext_id");
	if (!d->in_txn && sqlite3_get_autocommit(d->h))
		return yerr_set(e, YERR_STATE, "BUG: db_application_import outside a transaction");
	if (may_write(a, ap, e) < 0)
		return -1;
	int known = known_ext_id(d, ap, case_id, e);
	if (known)
		return known;
	online_unset_choices(ap);
	if (store(d, c, a, ap, decided, 0, e) < 0) {
		ap->case_id = 0;
		return -1;
	}
	*case_id = ap->case_id;
	return 0;
}

/* ==== loading ==== */

static void load_person(struct db *d, struct application *ap, int who, int64_t id)
{
	sqlite3_stmt *st = db_prep(d, "SELECT id_number, name, phone, address FROM person WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		for (int k = 0; k < 4; k++)
			if (person_keys[who][k])
				application_set(ap, person_keys[who][k], db_col(st, k));
	sqlite3_reset(st);
}

static void load_employer(struct db *d, struct application *ap, int64_t id)
{
	sqlite3_stmt *st = db_prep(d, "SELECT credit_code, name, address, contact, "
				      "CASE insured WHEN 1 THEN '1' ELSE '0' END, supp_insurer "
				      "FROM employer WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		for (size_t k = 0; k < ARRAY_SIZE(employer_keys); k++)
			application_set(ap, employer_keys[k], db_col(st, (int)k));
	sqlite3_reset(st);
}

static int load_row(struct db *d, struct application *ap, int64_t ids[3], char *names[3],
		    struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"SELECT applicant_type, applicant_relation, worker_job, worker_entry_date, kind, "
		"accident_date, accident_time, accident_place, accident_type, circumstance, "
		"description, body_part, hospital, diagnosis, death_date, "
		"CASE consent_extended WHEN 1 THEN '1' ELSE '0' END, delivery_method, "
		"delivery_address, channel, state, worker_id, applicant_id, employer_id, ext_id, "
		"submitted_at, coalesce(case_no, ''), coalesce(supplement_due, ''), "
		"coalesce((SELECT f.case_no FROM cases f WHERE f.id = cases.follows_id), ''), "
		"worker_name, applicant_name, employer_name "
		"FROM cases WHERE id = ?");
	sqlite3_bind_int64(st, 1, ap->case_id);
	if (db_step_one(d, st, _("case"), e, _("no case #%lld"), (long long)ap->case_id) < 0)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
		application_set(ap, cols[i].key, db_col(st, (int)i));
	ap->channel = !strcmp(db_col(st, 18), "online") ? "online" : "window";
	case_state_parse(db_col(st, 19), &ap->state);
	for (int k = 0; k < 3; k++)
		ids[k] = sqlite3_column_int64(st, 20 + k);
	if (sqlite3_column_type(st, 23) != SQLITE_NULL)
		ap->ext_id = ap->owned[0] = db_col_dup(st, 23);
	if (sqlite3_column_type(st, 24) != SQLITE_NULL)
		ap->submitted_at = ap->owned[1] = db_col_dup(st, 24);
	snprintf(ap->case_no, sizeof ap->case_no, "%s", db_col(st, 25));
	snprintf(ap->supplement_due, sizeof ap->supplement_due, "%s", db_col(st, 26));
	snprintf(ap->follows, sizeof ap->follows, "%s", db_col(st, 27));
	for (int k = 0; k < 3; k++)
		names[k] = db_col_dup(st, 28 + k);
	sqlite3_reset(st);
	return 0;
}

static void load_extras(struct db *d, const struct catalog *c, struct application *ap)
{
	sqlite3_stmt *st = db_prep(d, "SELECT key, value FROM case_field WHERE case_id = ?");
	sqlite3_bind_int64(st, 1, ap->case_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!strcmp(db_col(st, 0), ITEMS_KEY))
			catalog_parse_items(c, db_col(st, 1), &ap->items, NULL);
		else
			application_set(ap, db_col(st, 0), db_col(st, 1));
	}
	sqlite3_reset(st);
	st = db_prep(d, "SELECT material, status, document_no FROM case_material WHERE case_id = ?");
	sqlite3_bind_int64(st, 1, ap->case_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int m = catalog_material_index(c, db_col(st, 0));
		if (m < 0 || m >= MAX_MATERIALS)
			continue;
		material_status_parse(db_col(st, 1), &ap->mstatus[m]);
		free(ap->mdoc[m]);
		ap->mdoc[m] = *db_col(st, 2) ? db_col_dup(st, 2) : NULL;
	}
	sqlite3_reset(st);
}

int db_application_load(struct db *d, const struct catalog *c, int64_t case_id,
			struct application *ap, struct yerr *e)
{
	application_release(ap);
	ap->case_id = case_id;
	int64_t ids[3];
	char *names[3] = { 0 };
	if (load_row(d, ap, ids, names, e) < 0)
		return -1;
	if (ids[0])
		load_person(d, ap, 0, ids[0]);
	if (ids[1])
		load_person(d, ap, 1, ids[1]);
	if (ids[2])
		load_employer(d, ap, ids[2]);
	/* a received application reads (and prints) the names it came with;
	 * a draft or an online one not yet taken in shows the current ones,
	 * as it is still being written */
	static const char *const name_keys[] = { "worker.name", "applicant.name", "employer.name" };
	int received = ap->state != CS_DRAFT && ap->state != CS_INTAKE;
	for (int k = 0; k < 3; k++) {
		if (received && ids[k] && *names[k])
			application_set(ap, name_keys[k], names[k]);
		free(names[k]);
	}
	load_extras(d, c, ap);
	return 0;
}

/* ==== notices: UTF-8 text laid out for printing ==== */

#define LABEL_COLS 18

#define NOTICE_COLS 78   /* a printed line: 80 columns of a monospaced page */

/* Folds every line longer than NOTICE_COLS, at a space where there is one
 * (else between two characters), the rest indented under it; frees text. */
static char *n_wrap(char *text)
{
	struct sbuf b = { 0 };
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char *l = xasprintf("%.*s", (int)len, line), *rest = l;
		int lead = 0;
		while (l[lead] == ' ' && lead < 10)
			lead++;
		int cont = lead ? lead + 3 : 0, first = 1;
		while (text_width(rest) > (first ? NOTICE_COLS : NOTICE_COLS - cont)) {
			size_t k = text_fit(rest, first ? NOTICE_COLS : NOTICE_COLS - cont);
			size_t sp = k;
			while (sp > (size_t)(first ? lead : 0) + 1 && rest[sp] != ' ')
				sp--;
			if (rest[sp] == ' ' && sp > k / 2)
				k = sp;
			if (!first)
				sbuf_addf(&b, "%*s", cont, "");
			sbuf_addf(&b, "%.*s\n", (int)k, rest);
			rest += k;
			while (*rest == ' ')
				rest++;
			first = 0;
		}
		if (!first)
			sbuf_addf(&b, "%*s", cont, "");
		sbuf_addf(&b, "%s%s", rest, nl ? "\n" : "");
		free(l);
		line += len + (nl ? 1 : 0);
	}
	free(text);
	return b.s ? b.s : xstrdup("");
}

static void n_kv(struct sbuf *b, const char *label, const char *value)
{
	int w = text_width(label) + 2;
	sbuf_addstr(b, "  ");
	text_pad(b, label, w > LABEL_COLS ? w : LABEL_COLS);
	sbuf_addf(b, "%s\n", value && *value ? value : "—");
}

static void n_rule(struct sbuf *b)
{
	sbuf_addstr(b, "----------------------------------------------------------------------\n");
}

static void n_title(struct db *d, struct sbuf *b, const char *title, const char *case_no)
{
	char *center = db_config_get(d, "center_name");
	int w = text_width(title);
	sbuf_addf(b, "%*s%s\n", w < 70 ? (70 - w) / 2 : 0, "", center ? center : "");
	sbuf_addf(b, "%*s%s\n", w < 70 ? (70 - w) / 2 : 0, "", title);
	if (case_no && *case_no)
		sbuf_addf(b, "%*s%s %s\n", 70 - text_width(_("Case number:")) - 1 - (int)strlen(case_no),
			  "", _("Case number:"), case_no);
	n_rule(b);
	free(center);
}

static void masked(const char *id, char out[19])
{
	if (strlen(id) == 18)
		mask_citizen_id(id, out);
	else
		snprintf(out, 19, "%s", id);
}

static void n_parties(const struct catalog *c, struct sbuf *b, const struct application *ap)
{
	char m[19], line[512];
	enum applicant_type t = APPL_WORKER;
	applicant_type_parse(application_get(ap, "applicant.type"), &t);
	const char *rel = application_get(ap, "applicant.relation");
	snprintf(line, sizeof line, "%s (%s%s%s)  %s", application_get(ap, "applicant.name"),
		 applicant_type_label(t), *rel ? ", " : "", rel, application_get(ap, "applicant.phone"));
	n_kv(b, _("Applicant:"), line);
	masked(application_get(ap, "worker.id_number"), m);
	snprintf(line, sizeof line, "%s  %s", application_get(ap, "worker.name"), m);
	n_kv(b, _("Worker:"), line);
	snprintf(line, sizeof line, "%s  %s", application_get(ap, "employer.name"),
		 application_get(ap, "employer.credit_code"));
	n_kv(b, _("Employer:"), line);
	snprintf(line, sizeof line, "%s  %s  %s", kind_label(application_kind(ap)),
		 application_get(ap, "accident.date"), application_get(ap, "accident.place"));
	n_kv(b, _("Case:"), line);
	(void)c;
}

static void limit_text(const struct item *it, char *out, size_t n)
{
	snprintf(out, n, it->day_kind == DAYS_WORKING ? _("%d working days (promised %d)")
						      : _("%d days (promised %d)"),
		 it->limit_days, it->promised_days);
}

/* The items; with tasks, their due dates as set at acceptance. */
static void n_items(struct db *d, const struct catalog *c, struct sbuf *b,
		    const struct application *ap, int with_tasks)
{
	sbuf_addf(b, "\n%s\n", _("Items applied for:"));
	sqlite3_stmt *st = db_prep(d, "SELECT state, coalesce(due_on, ''), coalesce(legal_due_on, '') "
				      "FROM task WHERE case_id = ? AND item = ?");
	for (int i = 0; i < c->nitems; i++) {
		if (!(ap->items & (1u << i)))
			continue;
		const struct item *it = &c->items[i];
		char lim[128], due[160] = "";
		limit_text(it, lim, sizeof lim);
		if (with_tasks) {
			sqlite3_bind_int64(st, 1, ap->case_id);
			db_bind_text(st, 2, it->code);
			int row = sqlite3_step(st) == SQLITE_ROW;
			if (row && !strcmp(db_col(st, 0), "reviewing"))
				snprintf(due, sizeof due, _("; the office decides whether to accept "
							    "it by %s"), db_col(st, 1));
			else if (row)
				snprintf(due, sizeof due, !strcmp(db_col(st, 0), "waiting")
					 ? _("; starts when the decision it needs is made")
					 : _("; due %s, by law %s"), db_col(st, 1), db_col(st, 2));
			sqlite3_reset(st);
		}
		sbuf_addf(b, "  %-3s%s  [%s]  %s %s%s (%s)\n", it->code, it->name,
			  category_label(it->cat), _("limit"), lim, due, it->basis);
	}
}

/* The materials whose status matches `want` (-1: all but missing). */
static void n_materials(const struct catalog *c, struct sbuf *b, const struct application *ap,
			itemset decided, int want)
{
	struct merged_material mm[MAX_MATERIALS];
	int n = application_materials(c, ap, decided, mm);
	for (int i = 0; i < n; i++) {
		enum material_status s = application_mstatus(ap, &mm[i]);
		if (want >= 0 ? (int)s != want || !mm[i].required : s == MS_MISSING)
			continue;
		char *items = catalog_format_items(c, mm[i].items);
		const struct material *m = &c->materials[mm[i].material];
		sbuf_addf(b, "  %s %s", m->code, m->name);
		if (want < 0)
			sbuf_addf(b, " [%s]", material_status_label(s));
		sbuf_addf(b, " (%s %s)\n", _("for"), items);
		free(items);
	}
}

static void n_footer(struct db *d, struct sbuf *b, const struct actor *a)
{
	struct staff me;
	char *hint = db_config_get(d, "query_hint"), today[11], win[32] = "";
	date_format(clock_today(), today);
	if (db_staff_get(d, a->login, &me, NULL) != 0)
		snprintf(me.name, sizeof me.name, "%s", a->login);
	else if (me.window_no)
		snprintf(win, sizeof win, _(" (window %d)"), me.window_no);
	n_rule(b);
	sbuf_addf(b, _("Query progress with the case number: %s\n"), hint ? hint : "");
	sbuf_addf(b, _("Clerk: %s%s    Date: %s\n"), *me.name ? me.name : a->login, win, today);
	sbuf_addf(b, "\n%s ____________________    %s ____________\n", _("Applicant's signature:"),
		  _("Date:"));
	free(hint);
}

static char *notice_acceptance(struct db *d, const struct catalog *c, const struct actor *a,
			       const struct application *ap, itemset decided, int with_code)
{
	struct sbuf b = { 0 };
	char today[11];
	date_format(clock_today(), today);
	/* an office still to accept an item: this is the window's receipt (收件凭证) */
	sqlite3_stmt *st = db_prep(d, "SELECT count(*) FROM task WHERE case_id = ? "
				      "AND state = 'reviewing'");
	sqlite3_bind_int64(st, 1, ap->case_id);
	int receipt = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
	n_title(d, &b, receipt ? _("Receipt (combined work-injury application)")
			       : _("Acceptance notice (combined work-injury application)"),
		ap->case_no);
	n_parties(c, &b, ap);
	n_kv(&b, receipt ? _("Received on:") : _("Accepted on:"), today);
	if (ap->channel && !strcmp(ap->channel, "online") && ap->submitted_at && *ap->submitted_at)
		n_kv(&b, _("Received online:"), ap->submitted_at);
	n_kv(&b, _("Query code:"), with_code && *ap->query_code
					   ? ap->query_code
					   : _("****** (on the printed receipt; a new one on request)"));
	n_items(d, c, &b, ap, 1);
	sbuf_addf(&b, "\n%s\n", _("Materials received:"));
	n_materials(c, &b, ap, decided, -1);
	sbuf_addf(&b, "\n%s\n",
		  receipt ? _("Your application is received. Each office decides whether to accept "
			      "its item by the date shown (工伤认定办法 §8), then decides it within "
			      "its limit; you will be told by SMS.")
			  : _("Your application is accepted. Each item is decided by its office "
			      "within the limit shown; you will be told by SMS."));
	n_footer(d, &b, a);
	return n_wrap(b.s);
}

static char *notice_deficiency(struct db *d, const struct catalog *c, const struct actor *a,
			       const struct application *ap, itemset decided)
{
	struct sbuf b = { 0 };
	const struct rule *r = catalog_rule(c, "supplement_deadline");
	n_title(d, &b, _("One-time notice of missing materials"), ap->case_no);
	n_parties(c, &b, ap);
	n_items(d, c, &b, ap, 0);
	sbuf_addf(&b, "\n%s\n", _("Missing materials (this list is complete):"));
	n_materials(c, &b, ap, decided, MS_MISSING);
	sbuf_addf(&b, "\n%s\n", _("Materials received:"));
	n_materials(c, &b, ap, decided, -1);
	sbuf_addf(&b, "\n");
	n_kv(&b, _("Supplement by:"), ap->supplement_due);
	if (r)
		sbuf_addf(&b, "  (%s, %s)\n", r->name, r->basis);
	sbuf_addf(&b, "\n%s\n", _("Bring the missing materials to the window with this notice; the "
				  "application is accepted when they are complete."));
	n_footer(d, &b, a);
	return n_wrap(b.s);
}

static void remedy(const struct catalog *c, struct sbuf *b)
{
	const struct rule *rc = catalog_rule(c, "reconsideration"), *rl = catalog_rule(c, "litigation");
	sbuf_addf(b, _("If you disagree, you may apply for administrative reconsideration within %d "
		       "days (%s) or bring an administrative lawsuit within %d months (%s).\n"),
		  rc ? rc->amount : 60, rc ? rc->basis : "", rl ? rl->amount : 6, rl ? rl->basis : "");
}

static char *notice_refusal(struct db *d, const struct catalog *c, const struct actor *a,
			    const struct application *ap, const char *reason)
{
	struct sbuf b = { 0 };
	n_title(d, &b, _("Notice of non-acceptance"), ap->case_no);
	n_parties(c, &b, ap);
	n_items(d, c, &b, ap, 0);
	sbuf_addf(&b, "\n");
	n_kv(&b, _("Not accepted because:"), reason);
	sbuf_addf(&b, "\n");
	remedy(c, &b);
	n_footer(d, &b, a);
	return n_wrap(b.s);
}

static const char *const section_titles[][2] = {
	{ "applicant", N_("Applicant") }, { "worker", N_("Injured worker") },
	{ "employer", N_("Employer") }, { "accident", N_("Accident or death") },
	{ "delivery", N_("Delivery and consent") },
};

static const char *section_title(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(section_titles); i++)
		if (!strcmp(section_titles[i][0], s))
			return _(section_titles[i][1]);
	return s;
}

/* The filled combined application form (联办事项申请表) for signature. */
static char *notice_form(struct db *d, const struct catalog *c, const struct actor *a,
			 const struct application *ap, itemset decided)
{
	struct sbuf b = { 0 };
	n_title(d, &b, _("Combined application form (work-injury insurance)"), ap->case_no);
	const char *sec = "";
	for (int i = 0; i < c->nfields; i++) {
		const struct form_field *f = &c->fields[i];
		if (strcmp(sec, f->section)) {
			sec = f->section;
			sbuf_addf(&b, "%s%s\n", i ? "\n" : "", section_title(sec));
		}
		const char *v = application_value_label(f, application_get(ap, f->key));
		char m[19];
		if (!strcmp(f->type, "id_number")) {
			masked(v, m);
			v = m;
		}
		n_kv(&b, _(f->label), v);
	}
	sbuf_addf(&b, "\n%s\n", _("Items (ticked = applied for):"));
	for (int i = 0; i < c->nitems; i++)
		sbuf_addf(&b, "  [%s] %-3s%s  [%s]\n", ap->items & (1u << i) ? "x" : " ",
			  c->items[i].code, c->items[i].name, category_label(c->items[i].cat));
	sbuf_addf(&b, "\n%s\n", _("Materials:"));
	n_materials(c, &b, ap, decided, -1);
	n_materials(c, &b, ap, decided, MS_MISSING);
	sbuf_addf(&b, "\n%s\n", _("I declare the above true and complete."));
	n_footer(d, &b, a);
	return n_wrap(b.s);
}

const char *application_notice_kind(enum case_state s)
{
	switch (s) {
	case CS_ACCEPTED:
	case CS_CLOSED: return "acceptance";
	case CS_DEFICIENT: return "deficiency";
	case CS_NOT_ACCEPTED: return "refusal";
	default: return "form";
	}
}

char *db_application_notice_path(struct db *d, const char *case_no, const char *kind)
{
	char *dir = db_config_get(d, "notices_dir");
	const char *p = db_path(d), *slash = strrchr(p, '/');
	char *path;
	if (dir && dir[0] == '/')
		path = xasprintf("%s/%s-%s.txt", dir, case_no, kind);
	else if (slash)
		path = xasprintf("%.*s/%s/%s-%s.txt", (int)(slash - p), p, dir ? dir : "notices",
				 case_no, kind);
	else
		path = xasprintf("%s/%s-%s.txt", dir ? dir : "notices", case_no, kind);
	free(dir);
	return path;
}

static int add_letter(struct db *d, const struct actor *a, const struct application *ap,
		      const char *kind, const char *body, struct yerr *e)
{
	char ref[32];
	if (*ap->case_no)
		snprintf(ref, sizeof ref, "%s", ap->case_no);
	else
		snprintf(ref, sizeof ref, "case%lld", (long long)ap->case_id);
	char *file = db_application_notice_path(d, ref, kind);
	int64_t id = db_notice_letter(d, ap->case_id, kind, body, file, a->login,
				      role_code(a->role), e);
	free(file);
	return id < 0 ? -1 : 0;
}

int db_application_letter(struct db *d, const struct actor *a, int64_t case_id,
			  const char *kind, const char *body, const char *file, struct yerr *e)
{
	if (perm_check(a, ACT_READ, -1, e) < 0 || db_begin(d, e) < 0)
		return -1;
	if (db_notice_letter(d, case_id, kind, body, file, a->login, role_code(a->role), e) < 0 ||
	    db_commit(d, e) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int db_application_notice(struct db *d, const struct catalog *c, int64_t case_id,
			  const char *kind, char **text, struct yerr *e)
{
	*text = NULL;
	if (strcmp(kind, "form")) {
		sqlite3_stmt *st = db_prep(d, "SELECT body FROM notice WHERE case_id = ? AND "
					      "channel = 'letter' AND kind = ? ORDER BY id DESC LIMIT 1");
		sqlite3_bind_int64(st, 1, case_id);
		db_bind_text(st, 2, kind);
		if (sqlite3_step(st) == SQLITE_ROW)
			*text = db_col_dup(st, 0);
		sqlite3_reset(st);
		return *text ? 0 : yerr_set(e, YERR_NOTFOUND, _("this case has no %s notice"), kind);
	}
	struct application ap;
	application_init(&ap);
	if (db_application_load(d, c, case_id, &ap, e) < 0)
		return -1;
	itemset decided = 0;
	db_application_decided(d, c, &ap, &decided, NULL);
	struct actor me = { .login = db_login(), .role = ROLE_CLERK };
	*text = notice_form(d, c, &me, &ap, decided);
	application_release(&ap);
	return 0;
}

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
static int sms(struct db *d, const struct catalog *c, const struct actor *a,
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
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,1)");
	/* (version 1: 0 is "don't check" to db_task, so a task's first change
	 * by the workstation is checked against another officer's too) */
	sqlite3_bind_int64(st, 1, ap->case_id);
	db_bind_text(st, 2, it->code);
	db_bind_text(st, 3, category_code(it->cat));
	db_bind_text(st, 4, waiting ? "waiting" : review ? "reviewing" : "accepted");
	db_bind_text(st, 5, waiting ? NULL : start);
	db_bind_text(st, 6, waiting ? NULL : due);
	db_bind_text(st, 7, waiting ? NULL : legal);
	db_bind_text(st, 8, day_kind_code(it->day_kind));
	sqlite3_bind_int(st, 9, it->limit_days);
	sqlite3_bind_int(st, 10, it->promised_days);
	db_bind_text(st, 11, now);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	int64_t task = sqlite3_last_insert_rowid(d->h);
	char *detail = waiting ? xasprintf("%s %s", it->code, it->name)
		       : review ? xasprintf("%s %s %s %s %s", it->code, it->name,
					    category_code(it->cat), "review until", due)
			       : xasprintf("%s %s %s %s", it->code, it->name, category_code(it->cat), due);
	/* received for the office's review: a 'submitted' event of the task */
	int rc = event(d, a, ap->case_id, task,
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
	if (db_exec_stmt(d, st, e) < 0 || event(d, a, ap->case_id, 0, "accepted", ap->case_no, e) < 0)
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
	int src = sms(d, c, a, ap, rkey, rdue, rn.s, e);
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
		if (sms(d, c, a, ap, key, due, it->name, e) < 0)
			return -1;
	}
	/* the printed receipt carries the code; the copy kept in the database
	 * does not (only the hash is stored) */
	char *kept = notice_acceptance(d, c, a, ap, decided, 0);
	*notice = notice_acceptance(d, c, a, ap, decided, 1);
	int rc = add_letter(d, a, ap, "acceptance", kept, e);
	free(kept);
	return rc;
}

static char *missing_list(const struct catalog *c, const struct application *ap, itemset decided,
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
	char *codes = missing_list(c, ap, decided, 1), *names = missing_list(c, ap, decided, 0);
	int rc = -1;
	if (db_exec_stmt(d, st, e) < 0 || event(d, a, ap->case_id, 0, "deficient", codes, e) < 0 ||
	    sms(d, c, a, ap, "sms_deficient", ap->supplement_due, names, e) < 0)
		goto out;
	ap->state = CS_DEFICIENT;
	*notice = notice_deficiency(d, c, a, ap, decided);
	rc = add_letter(d, a, ap, "deficiency", *notice, e);
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
	    store(d, c, a, ap, decided, 1, e) < 0)
		return -1;
	int missing = application_missing(c, ap, decided);
	if (missing && ap->state == CS_DEFICIENT) {
		/* the one-time notice was given: keep the marks, say what is left */
		char *names = missing_list(c, ap, decided, 1);
		yerr_set(e, YERR_STATE, _("still missing: %s (listed on the one-time notice; "
					  "supplement by %s)"), names, ap->supplement_due);
		free(names);
		*still_missing = 1;
		return 0;
	}
	if (event(d, a, ap->case_id, 0, "submitted", NULL, e) < 0)
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
	if (ap->case_id && editable_state(d, ap->case_id, &ap->state, e) < 0)
		return -1;
	if (check_errors(d, c, ap, e) < 0)
		return -1;
	int joined, still = 0;
	int64_t before = ap->case_id;
	char no[32];
	snprintf(no, sizeof no, "%s", ap->case_no);
	if (txn_begin(d, &joined, e) < 0)
		return -1;
	if (submit_txn(d, c, a, ap, notice, &still, e) < 0 ||
	    txn_commit(d, joined, e) < 0) {
		txn_rollback(d, joined);
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
	if (editable_state(d, case_id, &s, e) < 0 || db_application_load(d, &c, case_id, &ap, e) < 0)
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
	if (db_exec_stmt(d, st, e) < 0 || event(d, a, case_id, 0, "not_accepted", reason, e) < 0 ||
	    sms(d, &c, a, &ap, "sms_not_accepted", "", reason, e) < 0)
		goto fail;
	ap.state = CS_NOT_ACCEPTED;
	*notice = notice_refusal(d, &c, a, &ap, reason);
	if (add_letter(d, a, &ap, "refusal", *notice, e) < 0 || db_commit(d, e) < 0)
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
	    event(d, a, case_id, 0, "notice_printed", "query_code reissued", e) < 0 ||
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
		snprintf(r->case_no, sizeof r->case_no, "%s", db_col(st, 1));
		snprintf(r->due, sizeof r->due, "%s", db_col(st, 2));
		snprintf(r->worker_name, sizeof r->worker_name, "%s", db_col(st, 3));
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
	char *names = missing_list(c, &ap, decided, 0);
	char *detail = xasprintf("supplement_due %s -> %s: %s", old, ap.supplement_due, reason);
	int ok = db_exec_stmt(d, st, e) == 0 &&
		 event(d, a, case_id, 0, "extended", detail, e) == 0 &&
		 sms(d, c, a, &ap, "sms_deficient", ap.supplement_due, names, e) == 0;
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
	n_title(d, &b, _("Notice: application deemed withdrawn"), ap.case_no);
	n_parties(c, &b, &ap);
	n_items(d, c, &b, &ap, 0);
	sbuf_addf(&b, "\n");
	n_kv(&b, _("Supplement by:"), ap.supplement_due);
	n_kv(&b, _("Outcome:"), why);
	sbuf_addf(&b, "\n%s\n", _("You may apply again with complete materials, within the "
				  "time limits for application."));
	n_footer(d, &b, a);
	*notice = n_wrap(b.s);
	int ok = db_exec_stmt(d, st, e) == 0 &&
		 event(d, a, case_id, 0, "withdrawn", why, e) == 0 &&
		 (!catalog_template(c, "sms_withdrawn") ||
		  sms(d, c, a, &ap, "sms_withdrawn", ap.supplement_due, "", e) == 0) &&
		 add_letter(d, a, &ap, "withdrawal", *notice, e) == 0;
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
			rc = event(d, a, case_id, 0, "material", detail, e);
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
