/* db_application.c — the combined application stored and loaded: the
 * worker's earlier decisions and the followed case, the transaction of a
 * window call (own, or a savepoint in the caller's), persons and employers
 * with the names as received, the case row and its fields and materials,
 * drafts and online intake.  The form in memory and its pure checks are
 * core_application.c; the notices db_application_notice.c; submitting and
 * refusing db_application_submit.c; a lapsed 补正期限
 * db_application_lapse.c.  Layer: db.
 * Why one file of over 800 lines: storing the form is one transaction over
 * persons, employers, the case row and its fields; the lookups it needs
 * (earlier decisions, known persons) read the same rows. */
#include "db_application.h"
#include "db_inbox.h"

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

/* The intake: rows of the inbox not yet opened (db/140), and online
 * cases the window has opened but not yet submitted (and those imported
 * before the inbox), merged oldest submission first. */
static int intake_cases(struct db *d, const char *sql, const char *after_at, int64_t after_id,
			int limit, struct intake_row *out, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, sql);
	db_bind_text(st, 1, after_at ? after_at : "");
	sqlite3_bind_int64(st, 2, after_id);
	sqlite3_bind_int(st, 3, limit);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < limit) {
		struct intake_row *r = &out[n++];
		r->id = sqlite3_column_int64(st, 0);
		r->inbox = 0;
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

static int intake_older(const struct intake_row *a, const struct intake_row *b)
{
	const char *x = *a->submitted_at ? a->submitted_at : a->created_at;
	const char *y = *b->submitted_at ? b->submitted_at : b->created_at;
	int c = strcmp(x, y);
	return c ? c < 0 : a->inbox > b->inbox || (a->inbox == b->inbox && a->id < b->id);
}

int db_application_intake(struct db *d, const char *after_at, int64_t after_id, int limit,
			  struct intake_row *out, struct yerr *e)
{
	if (limit <= 0)
		return 0;
	struct intake_row *in = xcalloc((size_t)limit, sizeof *in);
	int ni = db_inbox_waiting(d, after_at, after_id, limit, in, e);
	int nc = ni < 0 ? -1 : intake_cases(d,
		"SELECT c.id, coalesce(c.ext_id, ''), coalesce(c.submitted_at, ''), c.created_at, "
		"c.worker_name, c.applicant_name, c.kind, "
		"coalesce((SELECT value FROM case_field f WHERE f.case_id = c.id "
		"AND f.key = '" ITEMS_KEY "'), '') "
		"FROM cases c WHERE c.state = 'intake' AND (c.created_at, c.id) > (?, ?) "
		"ORDER BY c.created_at, c.id LIMIT ?", after_at, after_id, limit, out, e);
	if (nc < 0) {
		free(in);
		return -1;
	}
	/* merge: the cases are in out[0..nc), the inbox rows in in[0..ni) */
	struct intake_row *cs = xcalloc((size_t)nc + 1, sizeof *cs);
	memcpy(cs, out, (size_t)nc * sizeof *cs);
	int n = 0, a = 0, b = 0;
	while (n < limit && (a < ni || b < nc))
		out[n++] = b >= nc || (a < ni && intake_older(&in[a], &cs[b])) ? in[a++] : cs[b++];
	free(in);
	free(cs);
	return n;
}

/* ==== transactions: own, or a savepoint inside the caller's ==== */

int dba_txn_begin(struct db *d, int *joined, struct yerr *e)
{
	*joined = d->in_txn;
	if (!*joined)
		return db_begin(d, e);
	return db_exec_stmt(d, db_prep(d, "SAVEPOINT yici_application"), e);
}

int dba_txn_commit(struct db *d, int joined, struct yerr *e)
{
	if (!joined)
		return db_commit(d, e);
	return db_exec_stmt(d, db_prep(d, "RELEASE yici_application"), e);
}

void dba_txn_rollback(struct db *d, int joined)
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
int dba_event(struct db *d, const struct actor *a, int64_t case_id, int64_t task_id,
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
int dba_editable_state(struct db *d, int64_t case_id, enum case_state *s, struct yerr *e)
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
		int rc = dba_event(d, a, case_id, 0, "renamed", b.s, e);
		sbuf_release(&b);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Writes the form inside the caller's transaction; sets ap->case_id. */
int dba_store(struct db *d, const struct catalog *c, const struct actor *a,
	      struct application *ap, itemset decided, int final, struct yerr *e)
{
	char now[20];
	time_format(clock_now(), now);
	int fresh = ap->case_id == 0;
	if (!fresh && dba_editable_state(d, ap->case_id, &ap->state, e) < 0)
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
	rc = dba_event(d, a, ap->case_id, 0, kind, detail, e);
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
	if (dba_txn_begin(d, &joined, e) < 0)
		return -1;
	if (db_application_decided(d, c, ap, &decided, e) < 0 ||
	    dba_store(d, c, a, ap, decided, 0, e) < 0 || dba_txn_commit(d, joined, e) < 0) {
		dba_txn_rollback(d, joined);
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
	if (dba_store(d, c, a, ap, decided, 0, e) < 0) {
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
