/* db_casefile.c — one case read whole for the case view (F4) and `yici
 * case show`: header, tasks with deadlines, days left and the flow layout,
 * materials, pauses, verifications, pushes, the evaluation, and the
 * timeline paged by (time, id) on the event_case_at index.  Over 800
 * lines: its parts fill one struct casefile in one read transaction, so
 * the view never shows a case half old and half new; the timeline's
 * rendering of event details is db_event_words.c.  Layer: db. */
#include "db_casefile.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_date.h"
#include "core_task.h"
#include "core_validate.h"
#include "db_case_fields.h"
#include "db_internal.h"
#include "i18n.h"


void casefile_show_id(int revealed, const char *id, char out[20])
{
	if (!id || !*id)
		snprintf(out, 20, "-");
	else if (revealed)
		snprintf(out, 20, "%s", id);
	else
		mask_citizen_id(id, out);
}

/* ---- header ---- */

/* The case's own columns the header reads first, in this order. */
enum { H_ID, H_CASE_NO, H_STATE, H_CHANNEL, H_CREATED, H_ACCEPTED_AT, H_ACCEPTED_BY,
       H_ACCEPTED_NAME, H_DUE, H_REASON, H_FLAGGED, H_FIELDS };

/* Then what it shows of the case's fields (where each is kept is
 * db_case_fields.c's): into a text member, a number, a name as received
 * (owned), or a shared row's name now (owned, until fill_header). */
enum hf_kind { HF_TEXT, HF_INT, HF_RECEIVED, HF_NOW };
#define HT(key, m) { key, HF_TEXT, offsetof(struct cf_header, m), sizeof(((struct cf_header *)0)->m) }
#define HX(key, how, m) { key, how, offsetof(struct cf_header, m), 0 }
static const struct {
	const char *key;
	enum hf_kind how;
	size_t off, size;
} header_fields[] = {
	HT("accident.kind", kind),
	HX("worker.name", HF_RECEIVED, worker_received),
	HT("worker.id_number", worker_id),
	HT("worker.phone", worker_phone),
	HX("applicant.name", HF_RECEIVED, applicant_received),
	HT("applicant.id_number", applicant_id),
	HT("applicant.phone", applicant_phone),
	HT("applicant.type", applicant_type),
	HT("applicant.relation", applicant_relation),
	HX("employer.name", HF_RECEIVED, employer_received),
	HT("employer.credit_code", employer_credit),
	HT("employer.supp_insurer", employer_insurer),
	HX("employer.insured", HF_INT, employer_insured),
	HT("accident.date", accident_date),
	HT("accident.type", accident_type),
	HT("accident.circumstance", circumstance),
	HT("delivery.method", delivery_method),
	HX("delivery.consent_extended", HF_INT, consent_extended),
	HX("worker.name", HF_NOW, worker_name),
	HX("applicant.name", HF_NOW, applicant_name),
	HX("employer.name", HF_NOW, employer_name),
};
#undef HT
#undef HX

static char *build_header(void)
{
	struct sbuf b = { 0 };
	sbuf_addstr(&b, "SELECT c.id, coalesce(c.case_no, ''), c.state, c.channel, c.created_at, "
			"coalesce(c.accepted_at, ''), coalesce(c.accepted_by, ''), "
			"coalesce(s.name, ''), coalesce(c.supplement_due, ''), c.reason, c.flagged");
	for (size_t i = 0; i < ARRAY_SIZE(header_fields); i++) {
		const struct case_field *f = case_field_find(header_fields[i].key);
		if (!f) {
			fprintf(stderr, "yici: BUG: the case header shows %s, not a case field\n",
				header_fields[i].key);
			abort();
		}
		sbuf_addstr(&b, ", coalesce(");
		if (header_fields[i].how == HF_NOW)
			case_field_row_sql(&b, f);
		else
			case_field_sql(&b, f);
		sbuf_addstr(&b, header_fields[i].how == HF_INT ? ", 0)" : ", '')");
	}
	sbuf_addstr(&b, " FROM cases c " CF_JOINS
			"LEFT JOIN staff s ON s.login = c.accepted_by WHERE c.id = :id");
	return b.s;
}

/* The name as received, and "(now known as NOW)" after it when the shared
 * row has been renamed since (owned). */
static char *name_shown(const char *received, const char *now)
{
	if (!*now || !*received || !strcmp(received, now))
		return xstrdup(received);
	return xasprintf(_("%s (now known as %s)"), received, now);
}

static void fill_header(sqlite3_stmt *st, struct cf_header *h, const struct actor *viewer)
{
	h->id = sqlite3_column_int64(st, H_ID);
	DB_CPY(h->case_no, st, H_CASE_NO);
	DB_CPY(h->state, st, H_STATE);
	DB_CPY(h->channel, st, H_CHANNEL);
	DB_CPY(h->created_at, st, H_CREATED);
	DB_CPY(h->accepted_at, st, H_ACCEPTED_AT);
	DB_CPY(h->accepted_by, st, H_ACCEPTED_BY);
	DB_CPY(h->accepted_by_name, st, H_ACCEPTED_NAME);
	DB_CPY(h->supplement_due, st, H_DUE);
	DB_CPY(h->reason, st, H_REASON);
	h->flagged = sqlite3_column_int(st, H_FLAGGED);
	for (size_t i = 0; i < ARRAY_SIZE(header_fields); i++) {
		char *m = (char *)h + header_fields[i].off;
		int col = H_FIELDS + (int)i;
		if (header_fields[i].how == HF_TEXT)
			text_copy(m, header_fields[i].size, db_col(st, col));
		else if (header_fields[i].how == HF_INT)
			*(int *)(void *)m = sqlite3_column_int(st, col);
		else
			*(char **)(void *)m = db_col_dup(st, col);
	}
	/* the names now, read into the shown names, become "received (now known as now)" */
	char *wn = h->worker_name, *an = h->applicant_name, *mn = h->employer_name;
	const char *app_now = an;
	if (!strcmp(h->applicant_type, "employer") && !h->applicant_received[0]) {
		free(h->applicant_received);
		h->applicant_received = xstrdup(h->employer_received);
		app_now = mn;
	}
	h->worker_name = name_shown(h->worker_received, wn);
	h->applicant_name = name_shown(h->applicant_received, app_now);
	h->employer_name = name_shown(h->employer_received, mn);
	free(wn);
	free(an);
	free(mn);
}

static int load_header(struct db *d, const struct actor *viewer, int64_t id,
		       struct cf_header *h, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, db_gen(d, GEN_CASE_HEADER, build_header));
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"), id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fill_header(st, h, viewer);
	else if (rc != SQLITE_DONE)
		db_error(d, _("case"), e);
	else
		yerr_set(e, YERR_NOTFOUND, _("no case with id %lld"), (long long)id);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- tasks ---- */

static const char tasks_sql[] =
	"SELECT t.id, t.item, t.category, t.state, coalesce(t.assignee, ''), coalesce(s.name, ''), "
	"  coalesce(t.started_on, ''), coalesce(t.due_on, ''), coalesce(t.legal_due_on, ''), "
	"  t.day_kind, coalesce(t.outcome, ''), coalesce(t.document_no, ''), "
	"  coalesce(t.decided_on, ''), coalesce(t.delivered_on, ''), coalesce(t.grade, 0), "
	"  coalesce(t.amount_fen, -1), t.reason, t.hold, "
	"  EXISTS (SELECT 1 FROM task_pause p WHERE p.task_id = t.id AND p.to_on IS NULL), "
	"  t.countersign, t.basis_changed "
	"FROM task t LEFT JOIN item i ON i.code = t.item LEFT JOIN staff s ON s.login = t.assignee "
	"WHERE t.case_id = ? ORDER BY coalesce(i.seq, 99), t.id";

static int task_open(const char *state)
{
	return !strcmp(state, "accepted") || !strcmp(state, "in_review") ||
	       !strcmp(state, "reviewing");
}

static void fill_task(sqlite3_stmt *st, const struct catalog *c, struct cf_task *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	DB_CPY(t->item_code, st, 1);
	t->item = catalog_item_index(c, t->item_code);
	DB_CPY(t->category, st, 2);
	DB_CPY(t->state, st, 3);
	DB_CPY(t->assignee, st, 4);
	DB_CPY(t->assignee_name, st, 5);
	DB_CPY(t->started_on, st, 6);
	DB_CPY(t->due_on, st, 7);
	DB_CPY(t->legal_due_on, st, 8);
	DB_CPY(t->day_kind, st, 9);
	DB_CPY(t->outcome, st, 10);
	DB_CPY(t->document_no, st, 11);
	DB_CPY(t->decided_on, st, 12);
	DB_CPY(t->delivered_on, st, 13);
	t->grade = sqlite3_column_int(st, 14);
	t->amount_fen = sqlite3_column_int64(st, 15);
	DB_CPY(t->reason, st, 16);
	DB_CPY(t->hold, st, 17);
	t->paused = sqlite3_column_int(st, 18);
	DB_CPY(t->countersign, st, 19);
	DB_CPY(t->basis_changed, st, 20);
	yday due;
	enum day_kind k = DAYS_CALENDAR;
	day_kind_parse(t->day_kind, &k);
	if (task_open(t->state) && !t->paused && date_parse(t->due_on, &due, NULL) == 0) {
		t->days_left = deadline_days_left(&c->cal, clock_today(), due, k);
		t->has_days_left = 1;
	}
}

/* Rows of the flow as a tree: task i on row `row`, its first follower on
 * the same row, the next ones each on a row below everything drawn so far. */
static void place_flow(struct casefile *cf, int i, int row, int *maxrow)
{
	cf->tasks[i].row = row;
	if (row > *maxrow)
		*maxrow = row;
	int first = 1;
	for (int j = 0; j < cf->ntasks; j++)
		if (cf->tasks[j].parent == i) {
			place_flow(cf, j, first ? row : *maxrow + 1, maxrow);
			first = 0;
		}
}

/* Columns of the flow: a task stands one column right of the latest
 * ticked task it waits for (RD -> JD -> SC), which it hangs from. */
static void layout_flow(struct casefile *cf, const struct catalog *c)
{
	cf->ncols = 0;
	for (int i = 0; i < cf->ntasks; i++) {
		struct cf_task *t = &cf->tasks[i];
		t->col = 0;
		t->waits_on = 0;
		t->parent = -1;
		itemset pre = t->item >= 0 ? c->items[t->item].prereqs : 0;
		for (int j = 0; j < i; j++)
			if (cf->tasks[j].item >= 0 && (pre & (1u << cf->tasks[j].item))) {
				t->waits_on |= 1u << j;
				if (cf->tasks[j].col + 1 > t->col) {
					t->col = cf->tasks[j].col + 1;
					t->parent = j;
				}
			}
		if (t->col >= MAX_ITEMS)
			t->col = MAX_ITEMS - 1;
		if (t->col + 1 > cf->ncols)
			cf->ncols = t->col + 1;
	}
	int maxrow = -1;
	for (int i = 0; i < cf->ntasks; i++)
		if (cf->tasks[i].parent < 0)
			place_flow(cf, i, maxrow + 1, &maxrow);
}

static int load_tasks(struct db *d, const struct catalog *c, struct casefile *cf,
		      struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, tasks_sql);
	sqlite3_bind_int64(st, 1, cf->h.id);
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && cf->ntasks < MAX_ITEMS) {
		if (cf->ntasks == cap) {
			cap = cap ? cap * 2 : 8;
			cf->tasks = xrealloc(cf->tasks, (size_t)cap * sizeof *cf->tasks);
		}
		fill_task(st, c, &cf->tasks[cf->ntasks++]);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return db_error(d, _("tasks"), e);
	}
	sqlite3_reset(st);
	layout_flow(cf, c);
	return 0;
}

/* ---- the small lists ---- */

/* Grows *arr by one element of size sz; returns the new element, zeroed. */
static void *grow(void *arr, int *n, size_t sz, void **out)
{
	arr = xrealloc(arr, (size_t)(*n + 1) * sz);
	*out = (char *)arr + (size_t)*n * sz;
	memset(*out, 0, sz);
	(*n)++;
	return arr;
}

static const char materials_sql[] =
	"SELECT cm.material, coalesce(mt.name, ''), cm.status, cm.items, cm.document_no "
	"FROM case_material cm LEFT JOIN material mt ON mt.code = cm.material "
	"WHERE cm.case_id = ? ORDER BY cm.material";
static const char pauses_sql[] =
	"SELECT p.task_id, t.item, p.reason, p.from_on, coalesce(p.to_on, '') "
	"FROM task t JOIN task_pause p ON p.task_id = t.id WHERE t.case_id = ? ORDER BY p.from_on, p.id";
static const char verifs_sql[] =
	"SELECT id, coalesce(task_id, 0), material, method, due_on, outcome, note, "
	"coalesce(recorded_at, '') FROM verification WHERE case_id = ? ORDER BY id";
static const char pushes_sql[] =
	"SELECT coalesce(task_id, 0), target, created_at, coalesce(exported_at, ''), payload "
	"FROM push WHERE case_id = ? ORDER BY id";
static const char eval_sql[] =
	"SELECT rating, comment, at, coalesce(followup_due, ''), coalesce(followup_at, '') "
	"FROM evaluation WHERE case_id = ?";
static const char nevents_sql[] = "SELECT count(*) FROM event WHERE case_id = ?";

static int load_lists(struct db *d, struct casefile *cf, struct yerr *e)
{
	void *p;
	sqlite3_stmt *st = db_prep(d, materials_sql);
	sqlite3_bind_int64(st, 1, cf->h.id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		cf->materials = grow(cf->materials, &cf->nmaterials, sizeof *cf->materials, &p);
		struct cf_material *m = p;
		DB_CPY(m->code, st, 0);
		DB_CPY(m->name, st, 1);
		DB_CPY(m->status, st, 2);
		DB_CPY(m->items, st, 3);
		DB_CPY(m->document_no, st, 4);
	}
	st = db_prep(d, pauses_sql);
	sqlite3_bind_int64(st, 1, cf->h.id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		cf->pauses = grow(cf->pauses, &cf->npauses, sizeof *cf->pauses, &p);
		struct cf_pause *q = p;
		q->task_id = sqlite3_column_int64(st, 0);
		DB_CPY(q->item_code, st, 1);
		DB_CPY(q->reason, st, 2);
		DB_CPY(q->from_on, st, 3);
		DB_CPY(q->to_on, st, 4);
	}
	sqlite3_reset(st);
	(void)e;
	return 0;
}

static int load_followups(struct db *d, struct casefile *cf, struct yerr *e)
{
	void *p;
	sqlite3_stmt *st = db_prep(d, verifs_sql);
	sqlite3_bind_int64(st, 1, cf->h.id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		cf->verifs = grow(cf->verifs, &cf->nverifs, sizeof *cf->verifs, &p);
		struct cf_verification *v = p;
		v->id = sqlite3_column_int64(st, 0);
		v->task_id = sqlite3_column_int64(st, 1);
		DB_CPY(v->material, st, 2);
		DB_CPY(v->method, st, 3);
		DB_CPY(v->due_on, st, 4);
		DB_CPY(v->outcome, st, 5);
		DB_CPY(v->note, st, 6);
		DB_CPY(v->recorded_at, st, 7);
	}
	st = db_prep(d, pushes_sql);
	sqlite3_bind_int64(st, 1, cf->h.id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		cf->pushes = grow(cf->pushes, &cf->npushes, sizeof *cf->pushes, &p);
		struct cf_push *u = p;
		u->task_id = sqlite3_column_int64(st, 0);
		DB_CPY(u->target, st, 1);
		DB_CPY(u->created_at, st, 2);
		DB_CPY(u->exported_at, st, 3);
		DB_CPY(u->payload, st, 4);
	}
	st = db_prep(d, eval_sql);
	sqlite3_bind_int64(st, 1, cf->h.id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		cf->has_eval = 1;
		cf->eval.rating = sqlite3_column_int(st, 0);
		DB_CPY(cf->eval.comment, st, 1);
		DB_CPY(cf->eval.at, st, 2);
		DB_CPY(cf->eval.followup_due, st, 3);
		DB_CPY(cf->eval.followup_at, st, 4);
	}
	sqlite3_reset(st);
	st = db_prep(d, nevents_sql);
	sqlite3_bind_int64(st, 1, cf->h.id);
	if (sqlite3_step(st) == SQLITE_ROW)
		cf->nevents = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	(void)e;
	return 0;
}

int db_casefile_load_id(struct db *d, const struct catalog *c, const struct actor *viewer,
			int64_t id, struct casefile *cf, struct yerr *e)
{
	memset(cf, 0, sizeof *cf);
	if (load_header(d, viewer, id, &cf->h, e) < 0 || load_tasks(d, c, cf, e) < 0 ||
	    load_lists(d, cf, e) < 0 || load_followups(d, cf, e) < 0) {
		casefile_release(cf);
		return -1;
	}
	return 0;
}

static const char case_id_sql[] = "SELECT id FROM cases WHERE case_no = ?";

/* case_no_parse of the number as typed, "gs" and "GS" alike. */
int casefile_case_no_check(const char *s, struct yerr *e)
{
	char up[CASE_NO_LEN + 1];
	size_t n = strlen(s);
	if (n != CASE_NO_LEN)
		return case_no_parse(s, NULL, NULL, NULL, e);
	for (size_t i = 0; i <= n; i++)
		up[i] = (char)toupper((unsigned char)s[i]);
	return case_no_parse(up, NULL, NULL, NULL, e);
}

int db_casefile_load(struct db *d, const struct catalog *c, const struct actor *viewer,
		     const char *case_no, struct casefile *cf, struct yerr *e)
{
	char no[32];
	memset(cf, 0, sizeof *cf);
	if (casefile_case_no_check(case_no, e) < 0) {
		/* an online application's id (WS...), before or after acceptance */
		sqlite3_stmt *x = db_prep(d, "SELECT id FROM cases WHERE ext_id = ?");
		db_bind_text(x, 1, case_no);
		int xr = sqlite3_step(x);
		int64_t xid = xr == SQLITE_ROW ? sqlite3_column_int64(x, 0) : 0;
		sqlite3_reset(x);
		if (xr != SQLITE_ROW && xr != SQLITE_DONE)
			return db_error(d, _("case"), e);
		if (!xid && (case_no[0] == 'W' || case_no[0] == 'w') &&
		    (case_no[1] == 'S' || case_no[1] == 's'))
			return yerr_set(e, YERR_NOTFOUND,
					_("no online application %s in this database"), case_no);
		if (!xid)
			return -1; /* e says why it is not a case number */
		yerr_clear(e);
		return db_casefile_load_id(d, c, viewer, xid, cf, e);
	}
	for (size_t i = 0; i < sizeof no - 1; i++)
		if (!(no[i] = (char)toupper((unsigned char)case_no[i])))
			break;
	no[sizeof no - 1] = '\0';
	sqlite3_stmt *st = db_prep(d, case_id_sql);
	db_bind_text(st, 1, no);
	int rc = sqlite3_step(st);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("case"), e);
	if (!id)
		return yerr_set(e, YERR_NOTFOUND, _("no case %s in this database"), no);
	return db_casefile_load_id(d, c, viewer, id, cf, e);
}

void casefile_release(struct casefile *cf)
{
	free(cf->h.worker_name);
	free(cf->h.applicant_name);
	free(cf->h.employer_name);
	free(cf->h.worker_received);
	free(cf->h.applicant_received);
	free(cf->h.employer_received);
	free(cf->tasks);
	free(cf->materials);
	free(cf->pauses);
	free(cf->verifs);
	free(cf->pushes);
	memset(cf, 0, sizeof *cf);
}

/* ---- the timeline ---- */

#define EVENT_COLS                                                                           \
	"SELECT e.id, coalesce(e.task_id, 0), e.at, e.actor, coalesce(s.name, ''), e.actor_role, " \
	"  coalesce(t.category, ''), coalesce(t.item, ''), e.kind, e.detail "                    \
	"FROM event e LEFT JOIN staff s ON s.login = e.actor LEFT JOIN task t ON t.id = e.task_id "
static const char events_after_sql[] = EVENT_COLS
	"WHERE e.case_id = ?1 AND (e.at, e.id) > (?2, ?3) ORDER BY e.at, e.id LIMIT ?4";
static const char events_before_sql[] = EVENT_COLS
	"WHERE e.case_id = ?1 AND (e.at, e.id) < (?2, ?3) ORDER BY e.at DESC, e.id DESC LIMIT ?4";

/* 1 when the day of `at` lies in a pause of the task (any task for a case
 * event). */
static int in_pause(const struct casefile *cf, int64_t task_id, const char *at)
{
	char day[11];
	snprintf(day, sizeof day, "%.10s", at);
	for (int i = 0; i < cf->npauses; i++) {
		const struct cf_pause *p = &cf->pauses[i];
		if (task_id && p->task_id != task_id)
			continue;
		if (strcmp(day, p->from_on) >= 0 && (!p->to_on[0] || strcmp(day, p->to_on) < 0))
			return 1;
	}
	return 0;
}

static int read_events(struct db *d, const struct casefile *cf, sqlite3_stmt *st, int limit,
		       struct cf_event *out, struct yerr *e)
{
	int n = 0, rc;
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cf_event *v = &out[n++];
		v->id = sqlite3_column_int64(st, 0);
		v->task_id = sqlite3_column_int64(st, 1);
		DB_CPY(v->at, st, 2);
		DB_CPY(v->actor, st, 3);
		DB_CPY(v->actor_name, st, 4);
		DB_CPY(v->actor_role, st, 5);
		DB_CPY(v->category, st, 6);
		DB_CPY(v->item_code, st, 7);
		DB_CPY(v->kind, st, 8);
		DB_CPY(v->detail, st, 9);
		v->paused = in_pause(cf, v->task_id, v->at);
	}
	if (n < limit && rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return db_error(d, _("timeline"), e);
	}
	sqlite3_reset(st);
	return n;
}

int db_casefile_events(struct db *d, const struct casefile *cf, const struct cf_cursor *after,
		       int limit, struct cf_event *out, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, events_after_sql);
	sqlite3_bind_int64(st, 1, cf->h.id);
	db_bind_text(st, 2, after ? after->at : "");
	sqlite3_bind_int64(st, 3, after ? after->id : 0);
	sqlite3_bind_int(st, 4, limit);
	return read_events(d, cf, st, limit, out, e);
}

int db_casefile_events_before(struct db *d, const struct casefile *cf,
			      const struct cf_cursor *before, int limit, struct cf_event *out,
			      struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, events_before_sql);
	sqlite3_bind_int64(st, 1, cf->h.id);
	db_bind_text(st, 2, before ? before->at : "9999-12-31 23:59:59");
	sqlite3_bind_int64(st, 3, before ? before->id : INT64_MAX);
	sqlite3_bind_int(st, 4, limit);
	int n = read_events(d, cf, st, limit, out, e);
	for (int i = 0; i < n / 2; i++) {
		struct cf_event tmp = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = tmp;
	}
	return n;
}

static int marker_cmp(const void *a, const void *b)
{
	const struct cf_marker *x = a, *y = b;
	int c = strcmp(x->day, y->day);
	return c ? c : x->task != y->task ? x->task - y->task : x->legal - y->legal;
}

int casefile_markers(const struct casefile *cf, struct cf_marker **out)
{
	struct cf_marker *m = xcalloc((size_t)cf->ntasks * 2 + 1, sizeof *m);
	int n = 0;
	for (int i = 0; i < cf->ntasks; i++) {
		const struct cf_task *t = &cf->tasks[i];
		if (t->due_on[0]) {
			snprintf(m[n].day, sizeof m[n].day, "%s", t->due_on);
			m[n].task = i;
			m[n++].legal = 0;
		}
		if (t->legal_due_on[0] && strcmp(t->legal_due_on, t->due_on)) {
			snprintf(m[n].day, sizeof m[n].day, "%s", t->legal_due_on);
			m[n].task = i;
			m[n++].legal = 1;
		}
	}
	qsort(m, (size_t)n, sizeof *m, marker_cmp);
	*out = m;
	return n;
}

/* ---- the timeline as lines: events and markers merged ---- */

static int line_cmp(const struct cf_line *x, const struct cf_line *y)
{
	int c = strcmp(x->ev.at, y->ev.at);
	return c ? c : x->ev.id < y->ev.id ? -1 : x->ev.id > y->ev.id;
}

static void marker_line_of(const struct cf_marker *m, int i, struct cf_line *out)
{
	memset(out, 0, sizeof *out);
	out->marker = i;
	snprintf(out->ev.at, sizeof out->ev.at, "%s~", m[i].day);
	out->ev.id = i;
}

int db_casefile_lines(struct db *d, const struct casefile *cf, const struct cf_marker *m, int nm,
		      const struct cf_line *from, int dir, int n, struct cf_line *out,
		      struct yerr *e)
{
	if (n <= 0)
		return 0;
	struct cf_event *ev = xcalloc((size_t)n, sizeof *ev);
	struct cf_cursor c = { "", 0 };
	if (from) {
		snprintf(c.at, sizeof c.at, "%s", from->ev.at);
		/* from it on: just before it (ids are whole numbers; a marker's
		 * "day~" sorts after every event of that day) */
		c.id = from->ev.id - (dir == 0 && from->marker < 0);
	}
	int ne = dir < 0 ? db_casefile_events_before(d, cf, from ? &c : NULL, n, ev, e)
			 : db_casefile_events(d, cf, from ? &c : NULL, n, ev, e);
	if (ne < 0) {
		free(ev);
		return -1;
	}
	/* the markers on the same side of from */
	int m0 = 0, m1 = nm;
	struct cf_line t;
	for (int i = 0; from && i < nm; i++) {
		marker_line_of(m, i, &t);
		int k = line_cmp(&t, from);
		if (dir < 0 && k >= 0 && m1 == nm)
			m1 = i;
		if (dir > 0 ? k <= 0 : dir == 0 ? k < 0 : 0)
			m0 = i + 1;
	}
	/* merge: forwards from the first, or backwards from the last */
	int k = 0;
	if (dir >= 0) {
		int i = 0, j = m0;
		while (k < n && (i < ne || j < m1)) {
			struct cf_line ln = { -1, { 0 } };
			if (i < ne)
				ln.ev = ev[i];
			if (j < m1)
				marker_line_of(m, j, &t);
			if (i < ne && (j >= m1 || line_cmp(&ln, &t) < 0)) {
				out[k++] = ln;
				i++;
			} else {
				out[k++] = t;
				j++;
			}
		}
	} else {
		int i = ne - 1, j = m1 - 1;
		while (k < n && (i >= 0 || j >= m0)) {
			struct cf_line ln = { -1, { 0 } };
			if (i >= 0)
				ln.ev = ev[i];
			if (j >= m0)
				marker_line_of(m, j, &t);
			if (i >= 0 && (j < m0 || line_cmp(&ln, &t) > 0)) {
				out[k++] = ln;
				i--;
			} else {
				out[k++] = t;
				j--;
			}
		}
		for (int a = 0; a < k / 2; a++) {
			struct cf_line tmp = out[a];
			out[a] = out[k - 1 - a];
			out[k - 1 - a] = tmp;
		}
	}
	free(ev);
	return k;
}

/* ---- labels ---- */

struct label {
	const char *code, *msgid;
};

static const struct label event_labels[] = {
	{ "created", N_("application started") }, { "submitted", N_("submitted") },
	{ "accepted", N_("application accepted") }, { "deficient", N_("deficiency notice") },
	{ "supplemented", N_("materials supplemented") }, { "not_accepted", N_("not accepted") },
	{ "withdrawn", N_("withdrawn") }, { "task_accepted", N_("item accepted") },
	{ "task_waiting", N_("waits for a decision") }, { "task_activated", N_("item started") },
	{ "assigned", N_("assigned") }, { "taken", N_("taken") }, { "in_review", N_("in review") },
	{ "decided", N_("decided") }, { "extended", N_("time limit extended") },
	{ "suspended", N_("suspended") }, { "resumed", N_("resumed") },
	{ "delivered", N_("delivered") }, { "closed", N_("closed") }, { "refused", N_("refused") },
	{ "sms_queued", N_("SMS queued") }, { "notice_printed", N_("notice printed") },
	{ "pushed", N_("pushed to another service") }, { "committed", N_("notice-commitment") },
	{ "verified", N_("commitment verified") }, { "evaluated", N_("service evaluated") },
	{ "revealed", N_("ID number revealed") }, { "material", N_("material") },
	{ "imported", N_("imported") }, { "denied", N_("action denied") },
	{ "countersigned", N_("countersigned") }, { "basis_changed", N_("basis changed") },
	{ "recovery", N_("payment to recover") }, { "renamed", N_("name changed") },
};

static const struct label target_labels[] = {
	{ "insurer", N_("supplementary insurer") }, { "employment", N_("employment services") },
	{ "unemployment", N_("unemployment insurance") },
};

static const char *find_label(const struct label *t, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].code, code))
			return _(t[i].msgid);
	return code;
}

const char *casefile_event_label(const char *kind)
{
	return find_label(event_labels, ARRAY_SIZE(event_labels), kind);
}

static const struct label sms_labels[] = {
	{ "sms_accepted", N_("application accepted") },
	{ "sms_received", N_("application received for the offices' review") },
	{ "sms_deficient", N_("materials missing") },
	{ "sms_not_accepted", N_("not accepted") },
	{ "sms_rd_accepted", N_("work-injury recognition accepted") },
	{ "sms_rd_decided", N_("work-injury recognition decided") },
	{ "sms_jd_accepted", N_("work-ability appraisal accepted") },
	{ "sms_jd_decided", N_("work-ability appraisal concluded") },
	{ "sms_pay_accepted", N_("benefit application accepted") },
	{ "sms_paid", N_("benefit paid") }, { "sms_ready", N_("result ready for pickup") },
	{ "sms_suspended", N_("processing suspended") }, { "sms_resumed", N_("processing resumed") },
	{ "sms_withdrawn", N_("application deemed withdrawn") },
};

const char *casefile_sms_label(const char *kind)
{
	return find_label(sms_labels, ARRAY_SIZE(sms_labels), kind);
}

static const struct label letter_labels[] = {
	{ "acceptance", N_("acceptance notice") },
	{ "deficiency", N_("one-time notice of missing materials") },
	{ "refusal", N_("notice of non-acceptance") }, { "form", N_("combined application form") },
};

/* A decision's detail as db_task writes it, "<outcome>[ grade G care C]
 * [ AMOUNT yuan ref REF][ doc DOCUMENT][: REASON]" (codes and values, the
 * same in the chain whoever wrote it), in the reader's words; NULL when it
 * has not that shape. */
static const char *decision_words(const char *detail, char *buf, size_t n)
{
	size_t k = strcspn(detail, " :");
	char code[24];
	enum outcome o;
	if (k == 0 || k >= sizeof code)
		return NULL;
	snprintf(code, sizeof code, "%.*s", (int)k, detail);
	if (outcome_parse(code, &o) < 0)
		return NULL;
	const char *p = detail + k, *reason = strstr(p, ": "), *doc = strstr(p, " doc ");
	if (doc && reason && doc > reason)
		doc = NULL;
	const char *end = doc ? doc : reason ? reason : p + strlen(p);
	int grade = 0, care = 0;
	char amount[32] = "", ref[96] = "";
	if (sscanf(p, " grade %d care %d", &grade, &care) < 1) {
		grade = 0;
		const char *y = strstr(p, " yuan ref ");
		if (y && y < end && sscanf(p, " %31s", amount) == 1 && strchr(amount, '.'))
			snprintf(ref, sizeof ref, "%.*s", (int)(end - (y + 10)), y + 10);
		else
			amount[0] = '\0';
	}
	size_t l = (size_t)snprintf(buf, n, "%s", outcome_label(o));
	if (grade > 0 && l < n)
		l += (size_t)(care > 0 ? snprintf(buf + l, n - l, _(", grade %d, care level %d"), grade, care)
				       : snprintf(buf + l, n - l, _(", grade %d"), grade));
	if (amount[0] && l < n)
		l += (size_t)snprintf(buf + l, n - l, _(", %s yuan (payment %s)"), amount, ref);
	if (doc && l < n) {
		const char *de = reason ? reason : doc + strlen(doc);
		l += (size_t)snprintf(buf + l, n - l, _(", document %.*s"), (int)(de - (doc + 5)), doc + 5);
	}
	if (reason && l < n)
		snprintf(buf + l, n - l, _(": %s"), reason + 2);
	return buf;
}

/* "who<TAB>old<TAB>new" (db/131) as a sentence; anything else as it is. */
static const char *rename_detail(const char *detail, char *buf, size_t n)
{
	const char *t1 = strchr(detail, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
	if (!t2)
		return detail;
	int wl = (int)(t1 - detail), ol = (int)(t2 - t1 - 1);
	if (wl == 8 && !strncmp(detail, "employer", 8))
		snprintf(buf, n, _("employer's name changed: %.*s → %s"), ol, t1 + 1, t2 + 1);
	else if (wl == 6 && !strncmp(detail, "worker", 6))
		snprintf(buf, n, _("worker's name changed: %.*s → %s"), ol, t1 + 1, t2 + 1);
	else
		snprintf(buf, n, _("applicant's name changed: %.*s → %s"), ol, t1 + 1, t2 + 1);
	return buf;
}

const char *casefile_event_detail(const char *kind, const char *detail, char *buf, size_t n)
{
	const char *w;
	if (!strcmp(kind, "decided")) {
		char body[768], tail[512];
		snprintf(body, sizeof body, "%s", detail);
		event_decision_tail(body, tail, sizeof tail);
		if ((w = decision_words(body, buf, n))) {
			size_t l = strlen(buf);
			if (l < n)
				snprintf(buf + l, n - l, "%s", tail);
			return buf;
		}
		return detail;
	}
	if ((w = event_words(kind, detail, buf, n)))
		return w;
	if (!strcmp(kind, "sms_queued"))
		return casefile_sms_label(detail);
	if (!strcmp(kind, "notice_printed"))
		return find_label(letter_labels, ARRAY_SIZE(letter_labels), detail);
	if (!strcmp(kind, "renamed"))
		return rename_detail(detail, buf, n);
	if (!strcmp(kind, "pushed")) {
		const char *colon = strchr(detail, ':');
		char target[32];
		snprintf(target, sizeof target, "%.*s",
			 colon ? (int)(colon - detail) : (int)strlen(detail), detail);
		snprintf(buf, n, "%s%s", casefile_target_label(target), colon ? colon : "");
		return buf;
	}
	return detail;
}

static const struct label verification_labels[] = {
	{ "online", N_("online") }, { "onsite", N_("on site") },
	{ "authority", N_("with another authority") }, { "pending", N_("pending") },
	{ "confirmed", N_("confirmed") }, { "false", N_("found false") },
};

const char *casefile_verification_label(const char *code)
{
	return find_label(verification_labels, ARRAY_SIZE(verification_labels), code);
}

const char *casefile_outcome_label(const char *outcome)
{
	/* one label per outcome: the table in core_task.c */
	enum outcome o;
	return outcome_parse(outcome, &o) == 0 ? outcome_label(o) : outcome;
}

const char *casefile_target_label(const char *target)
{
	return find_label(target_labels, ARRAY_SIZE(target_labels), target);
}

const char *casefile_rating_label(int rating)
{
	static const char *const r[] = { N_("very dissatisfied"), N_("dissatisfied"),
					 N_("basically satisfied"), N_("satisfied"),
					 N_("very satisfied") };
	return rating >= 1 && rating <= 5 ? _(r[rating - 1]) : "?";
}
