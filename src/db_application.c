/* db_application.c — the combined application stored and loaded: finding
 * a case, the intake list, the transaction of a window call (own, or a
 * savepoint in the caller's), the case row (its statements generated from
 * db_case_fields.c's table), its other fields and its materials, drafts
 * and online applications.  The form in memory and its pure checks are
 * core_application.c; the checks that read the database, earlier
 * decisions and following a case db_application_prior.c; persons and
 * employers db_application_party.c; the notices db_application_notice.c;
 * submitting and refusing db_application_submit.c; a lapsed 补正期限
 * db_application_lapse.c.  Layer: db. */
#include "db_application.h"
#include "db_inbox.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_qcode.h"
#include "core_text.h"
#include "core_validate.h"
#include "db_case_fields.h"
#include "db_catalog.h"
#include "db_event.h"
#include "db_internal.h"
#include "db_notice.h"
#include "db_task.h"
#include "i18n.h"
#include "db_application_internal.h"

#define ITEMS_KEY "items.ticked"

/* ==== finding a case ==== */

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
		DB_CPY(r->ext_id, st, 1);
		DB_CPY(r->submitted_at, st, 2);
		DB_CPY(r->created_at, st, 3);
		DB_CPY(r->worker_name, st, 4);
		DB_CPY(r->applicant_name, st, 5);
		DB_CPY(r->kind, st, 6);
		DB_CPY(r->items, st, 7);
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

/* The case's own columns, besides the form's (db_case_fields.c) and the
 * rows it points to: what the INSERT writes, then what the UPDATE does. */
static const char *const insert_only[] = { "channel", "state", "ext_id", "submitted_at",
					   "created_at", "created_by" };

enum piece { P_NAME, P_PARAM, P_SET };

static void piece(struct sbuf *b, enum piece how, const char *col)
{
	if (how == P_NAME)
		sbuf_addf(b, "%s, ", col);
	else if (how == P_PARAM)
		sbuf_addf(b, ":%s, ", col);
	else
		sbuf_addf(b, "%s = :%s, ", col, col);
}

/* The form's columns of cases, the ids of the rows it points to and the
 * names as received: as names, as parameters (:column) or as "column =
 * :column". */
static void case_columns(struct sbuf *b, enum piece how)
{
	int n;
	const struct case_field *f = case_fields(&n);
	for (int i = 0; i < n; i++)
		if (f[i].home == CF_CASE)
			piece(b, how, f[i].column);
	for (int h = CF_WORKER; h < CF_NHOMES; h++)
		piece(b, how, case_field_home(h)->id_column);
	for (int i = 0; i < n; i++)
		if (f[i].received)
			piece(b, how, f[i].received);
}

static char *build_insert(void)
{
	struct sbuf b = { 0 };
	sbuf_addstr(&b, "INSERT INTO cases (");
	case_columns(&b, P_NAME);
	for (size_t i = 0; i < ARRAY_SIZE(insert_only); i++)
		piece(&b, P_NAME, insert_only[i]);
	sbuf_addstr(&b, "updated_at, follows_id) VALUES (");
	case_columns(&b, P_PARAM);
	for (size_t i = 0; i < ARRAY_SIZE(insert_only); i++)
		piece(&b, P_PARAM, insert_only[i]);
	sbuf_addstr(&b, ":updated_at, (SELECT id FROM cases WHERE case_no = :follows))");
	return b.s;
}

static char *build_update(void)
{
	struct sbuf b = { 0 };
	sbuf_addstr(&b, "UPDATE cases SET ");
	case_columns(&b, P_SET);
	sbuf_addstr(&b, "updated_at = :updated_at, "
			"follows_id = (SELECT id FROM cases WHERE case_no = :follows) WHERE id = :id");
	return b.s;
}

/* The index of parameter :name in st, 0 when st has none (the UPDATE
 * writes no channel, state, ext_id ...). */
static int par(sqlite3_stmt *st, const char *name)
{
	char p[64];
	snprintf(p, sizeof p, ":%s", name);
	return sqlite3_bind_parameter_index(st, p);
}

static void bind_str(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = par(st, name);
	if (i)
		db_bind_static_or_null(st, i, v);
}

/* The form's value v into the column of f: a value that does not fit is
 * stored as the column's default (the first choice, no, NULL) and kept
 * as typed in case_field (write_fields). */
static void col_bind(sqlite3_stmt *st, const struct case_field *f, const char *v)
{
	int i = par(st, f->column), ok = case_field_fits(f, v);
	switch (f->kind) {
	case CF_ENUM:
		if (ok) {
			db_bind_static(st, i, v);
		} else {
			const char *p = f->choices + 7, *bar = strchr(p, '|');
			sqlite3_bind_text(st, i, p, (int)(bar - p), SQLITE_TRANSIENT);
		}
		break;
	case CF_BOOL: sqlite3_bind_int(st, i, ok ? application_bool(v) : 0); break;
	case CF_TEXT: db_bind_static(st, i, v); break;
	default: db_bind_static_or_null(st, i, ok ? v : NULL); break;
	}
}

/* 1 when the value of key is kept in a column or a person/employer row. */
static int in_columns(const char *key, const char *v, const struct dba_ids *ids)
{
	const struct case_field *f = case_field_find(key);
	if (!f)
		return 0;
	if (f->home != CF_CASE && (!ids->id[f->home - CF_WORKER] || ids->differs[f->home - CF_WORKER]))
		return 0;
	return case_field_fits(f, v);
}

static int write_case(struct db *d, const struct actor *a, struct application *ap,
		      const struct dba_ids *ids, const char *now, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, ap->case_id ? db_gen(d, GEN_CASE_UPDATE, build_update)
						  : db_gen(d, GEN_CASE_INSERT, build_insert));
	int n;
	const struct case_field *f = case_fields(&n);
	for (int i = 0; i < n; i++) {
		if (f[i].home == CF_CASE)
			col_bind(st, &f[i], application_get(ap, f[i].key));
		if (f[i].received) {
			const char *name = ids->name[f[i].home - CF_WORKER];
			db_bind_static(st, par(st, f[i].received), name ? name : "");
		}
	}
	for (int h = CF_WORKER; h < CF_NHOMES; h++)
		if (ids->id[h - CF_WORKER])
			sqlite3_bind_int64(st, par(st, case_field_home(h)->id_column),
					   ids->id[h - CF_WORKER]);
	bind_str(st, "channel", ap->channel && !strcmp(ap->channel, "online") ? "online" : "window");
	bind_str(st, "state", case_state_code(ap->state));
	bind_str(st, "ext_id", ap->ext_id);
	bind_str(st, "submitted_at", ap->submitted_at);
	bind_str(st, "created_at", now);
	bind_str(st, "created_by", a->login);
	bind_str(st, "updated_at", now);
	bind_str(st, "follows", ap->follows[0] ? ap->follows : NULL);
	int id = par(st, "id");
	if (id)
		sqlite3_bind_int64(st, id, ap->case_id);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	if (!ap->case_id)
		ap->case_id = sqlite3_last_insert_rowid(d->h);
	return 0;
}

static int write_fields(struct db *d, const struct catalog *c, const struct application *ap,
			const struct dba_ids *ids, int fresh, struct yerr *e)
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
				      "document_no, source, updated_at) VALUES (:case_id, :material, "
				      ":status, :items, :document_no, :source, :updated_at)");
	int rc = 0;
	for (int i = 0; i < k && rc == 0; i++) {
		int m = row[i].m;
		enum material_status s = row[i].s;
		sqlite3_bind_int64(st, par(st, "case_id"), ap->case_id);
		db_bind_static(st, par(st, "material"), c->materials[m].code);
		db_bind_static(st, par(st, "status"), material_status_code(s));
		db_bind_static(st, par(st, "items"), row[i].items);
		db_bind_static(st, par(st, "document_no"), ap->mdoc[m] ? ap->mdoc[m] : "");
		db_bind_static(st, par(st, "source"),
			       s == MS_SHARED ? "data sharing" : s == MS_PRODUCED ? "bundle" : "");
		db_bind_static(st, par(st, "updated_at"), now);
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
	DB_CPY(no, st, 1);
	DB_CPY(due, st, 2);
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
	struct dba_ids ids = { 0 };
	struct sbuf changes = { 0 };
	sbuf_add(&changes, "", 0);
	int rc = -1;
	if (dba_store_ids(d, ap, final, now, &ids, e) < 0 || write_case(d, a, ap, &ids, now, e) < 0 ||
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
		rc = dba_rename_events(d, a, ap->case_id, &ids, now, e);
out:
	dba_ids_release(&ids);
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
		DB_CPY(ap->case_no, st, 1);
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
	int n;
	const struct case_field *f = case_fields(&n);
	for (int i = 0; i < n; i++)
		if (f[i].kind == CF_ENUM && !*application_get(ap, f[i].key))
			application_set(ap, f[i].key, "");
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

/* The case's own columns the loader reads first, in this order. */
enum { L_CHANNEL, L_STATE, L_EXT_ID, L_SUBMITTED, L_CASE_NO, L_DUE, L_FOLLOWS, L_IDS };

/* The loader: the case's own columns, the ids of the rows it points to
 * (NULL when none), every field of db_case_fields.c in the table's order
 * (yes/no as '1'/'0'), then the names as received. */
static char *build_load(void)
{
	struct sbuf b = { 0 };
	sbuf_addstr(&b, "SELECT c.channel, c.state, c.ext_id, c.submitted_at, "
			"coalesce(c.case_no, ''), coalesce(c.supplement_due, ''), "
			"coalesce((SELECT f.case_no FROM cases f WHERE f.id = c.follows_id), '')");
	for (int h = CF_WORKER; h < CF_NHOMES; h++)
		sbuf_addf(&b, ", %s.id", case_field_home(h)->alias);
	int n;
	const struct case_field *f = case_fields(&n);
	for (int i = 0; i < n; i++) {
		sbuf_addstr(&b, f[i].kind == CF_BOOL ? ", CASE " : ", ");
		case_field_row_sql(&b, &f[i]);
		if (f[i].kind == CF_BOOL)
			sbuf_addstr(&b, " WHEN 1 THEN '1' ELSE '0' END");
	}
	for (int i = 0; i < n; i++)
		if (f[i].received)
			sbuf_addf(&b, ", c.%s", f[i].received);
	sbuf_addstr(&b, " FROM cases c " CF_JOINS "WHERE c.id = :id");
	return b.s;
}

/* The case row into ap, with the ids of its persons and employer and
 * their names as received (owned) by cf_home less CF_WORKER. */
static int load_row(struct db *d, struct application *ap, int64_t ids[3], char *names[3],
		    struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, db_gen(d, GEN_CASE_LOAD, build_load));
	sqlite3_bind_int64(st, par(st, "id"), ap->case_id);
	if (db_step_one(d, st, _("case"), e, _("no case #%lld"), (long long)ap->case_id) < 0)
		return -1;
	ap->channel = !strcmp(db_col(st, L_CHANNEL), "online") ? "online" : "window";
	case_state_parse(db_col(st, L_STATE), &ap->state);
	if (sqlite3_column_type(st, L_EXT_ID) != SQLITE_NULL)
		ap->ext_id = ap->owned[0] = db_col_dup(st, L_EXT_ID);
	if (sqlite3_column_type(st, L_SUBMITTED) != SQLITE_NULL)
		ap->submitted_at = ap->owned[1] = db_col_dup(st, L_SUBMITTED);
	DB_CPY(ap->case_no, st, L_CASE_NO);
	DB_CPY(ap->supplement_due, st, L_DUE);
	DB_CPY(ap->follows, st, L_FOLLOWS);
	for (int k = 0; k < 3; k++)
		ids[k] = sqlite3_column_int64(st, L_IDS + k);
	int n, col = L_IDS + 3;
	const struct case_field *f = case_fields(&n);
	for (int i = 0; i < n; i++, col++)
		if (f[i].home == CF_CASE || ids[f[i].home - CF_WORKER])
			application_set(ap, f[i].key, db_col(st, col));
	for (int i = 0; i < n; i++)
		if (f[i].received)
			names[f[i].home - CF_WORKER] = db_col_dup(st, col++);
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
	/* a received application reads (and prints) the names it came with;
	 * a draft or an online one not yet taken in shows the current ones,
	 * as it is still being written */
	int received = ap->state != CS_DRAFT && ap->state != CS_INTAKE, n;
	const struct case_field *f = case_fields(&n);
	for (int i = 0; i < n; i++) {
		int k = f[i].home - CF_WORKER;
		if (!f[i].received)
			continue;
		if (received && ids[k] && *names[k])
			application_set(ap, f[i].key, names[k]);
		free(names[k]);
	}
	load_extras(d, c, ap);
	return 0;
}
