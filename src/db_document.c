/* db_document.c — fills the wording of forms/documents.csv from one case
 * and issues the documents: 文号 per issuer, year and 代字 (doc_seq), the
 * stored body, the digest and the 'notice_printed' event in one
 * transaction; the QR text; `yici doc verify`.  The layout (pdf_document)
 * gets the filled struct document and never sees SQL.  Layer: db.
 * Why one file of over 800 lines: the placeholders of every document kind
 * are filled from one loaded case here, so that a kind is a row of
 * forms/documents.csv and never a new file.
 */
#include "db_document.h"

#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_date.h"
#include "core_validate.h"
#include "core_words.h"
#include "db_application.h"
#include "db_audit.h"
#include "db_casefile.h"
#include "db_event.h"
#include "db_internal.h"
#include "db_staff.h"
#include "i18n.h"

/* ---- the placeholders' values ---- */

#define MAX_VARS 48

struct vars {
	struct doc_var v[MAX_VARS];
	char *own[MAX_VARS];
	int n;
};

static void var_set(struct vars *vs, const char *name, char *value /* owned */)
{
	for (int i = 0; i < vs->n; i++)
		if (!strcmp(vs->v[i].name, name)) {
			free(vs->own[i]);
			vs->own[i] = value;
			vs->v[i].value = value;
			return;
		}
	if (vs->n == MAX_VARS) {
		free(value);
		return;
	}
	vs->v[vs->n].name = name;
	vs->v[vs->n].value = value;
	vs->own[vs->n] = value;
	vs->n++;
}

static void var_str(struct vars *vs, const char *name, const char *value)
{
	var_set(vs, name, xstrdup(value ? value : ""));
}

static void var_date(struct vars *vs, const char *name, const char *iso)
{
	char buf[40];
	words_date_str(iso, buf, sizeof buf);
	var_str(vs, name, buf);
}

static void vars_release(struct vars *vs)
{
	for (int i = 0; i < vs->n; i++)
		free(vs->own[i]);
	vs->n = 0;
}

/* ---- what one case gives ---- */

struct src {
	struct db *d;
	const struct catalog *c;
	const struct doc_forms *f;
	const struct actor *a;
	struct casefile cf;
	struct application ap;
	char submitted_at[20];
	int lead;                   /* office of the first ticked item */
	struct vars vs;
};

static enum doc_office cat_office(enum category c)
{
	return c == CAT_ADMIN ? OFF_ADMIN : c == CAT_APPRAISAL ? OFF_APPRAISAL : OFF_AGENCY;
}

static int item_index(const struct catalog *c, const char *code)
{
	for (int i = 0; i < c->nitems; i++)
		if (!strcmp(c->items[i].code, code))
			return i;
	return -1;
}

static const char *words_of(const struct doc_forms *f, const char *kind, const char *key)
{
	const struct doc_row *r = doc_forms_find(f, kind, "text", key);
	if (!r)
		r = doc_forms_find(f, kind, "text", "*");
	return r ? r->text : "";
}

/* The legal basis in words of the items in `set`, each once. */
static char *basis_of(const struct src *s, itemset set)
{
	struct sbuf b = { 0 };
	const char *done[MAX_ITEMS];
	int nd = 0;
	for (int i = 0; i < s->c->nitems; i++) {
		if (!(set & (1u << i)))
			continue;
		const char *w = words_of(s->f, "basis", s->c->items[i].code);
		int seen = !*w;
		for (int j = 0; j < nd && !seen; j++)
			seen = !strcmp(done[j], w);
		if (seen)
			continue;
		if (nd < MAX_ITEMS)
			done[nd++] = w;
		sbuf_addf(&b, "%s%s", b.s && b.len ? "、" : "", w);
	}
	return b.s ? b.s : xstrdup("");
}

static void office_vars(struct src *s, enum doc_office o)
{
	const struct office *of = &s->f->offices[o];
	var_str(&s->vs, "office", of->name);
	var_str(&s->vs, "office_address", of->address);
	var_str(&s->vs, "office_phone", of->phone);
	var_str(&s->vs, "office_hours", of->hours);
	var_str(&s->vs, "reconsideration", of->reconsideration);
	var_str(&s->vs, "court", of->court);
}

/* Whether the case was given a query code (only its hash is kept). */
static int has_query_code(struct db *d, int64_t case_id)
{
	sqlite3_stmt *st = db_prep(d, "SELECT query_hash IS NOT NULL FROM cases WHERE id = ?");
	sqlite3_bind_int64(st, 1, case_id);
	int has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return has;
}

static void common_vars(struct src *s)
{
	struct vars *vs = &s->vs;
	const struct cf_header *h = &s->cf.h;
	const struct office *center = &s->f->offices[OFF_CENTER];
	var_str(vs, "case_no", h->case_no);
	var_str(vs, "applicant", h->applicant_received);
	var_str(vs, "worker", h->worker_received);
	var_str(vs, "employer", h->employer_received);
	var_date(vs, "accident_date", h->accident_date);
	var_date(vs, "submitted_on", *s->submitted_at ? s->submitted_at : h->created_at);
	var_str(vs, "center", center->name);
	var_str(vs, "center_address", center->address);
	var_str(vs, "center_phone", center->phone);
	var_str(vs, "center_hours", center->hours);
	struct staff me;
	char win[32] = "";
	if (db_staff_get(s->d, s->a->login, &me, NULL) != 0)
		snprintf(me.name, sizeof me.name, "%s", s->a->login);
	else if (me.window_no)
		snprintf(win, sizeof win, "（%d号窗口）", me.window_no);
	var_str(vs, "clerk", *me.name ? me.name : s->a->login);
	var_str(vs, "window", win);
	char *hint = db_config_get(s->d, "query_hint");
	var_str(vs, "query_hint", hint);
	free(hint);
	/* the stored text masks the code; the receipt handed out at the
	 * acceptance gets the digits (db_document_issue) */
	var_str(vs, "query_with", has_query_code(s->d, h->id) ? "和查询密码" DOC_QCODE_MASK : "");
	office_vars(s, (enum doc_office)s->lead);
}

/* Materials with a status, one per line; NULL: those the applicant handed
 * in or that were fetched by data sharing (with their words from
 * documents.csv `status`); "all": every one, each with its status. */
static char *materials_list(const struct src *s, const char *status, int numbered)
{
	struct sbuf b = { 0 };
	int k = 0, all = status && !strcmp(status, "all");
	for (int i = 0; i < s->cf.nmaterials; i++) {
		const struct cf_material *m = &s->cf.materials[i];
		if (all)
			;
		else if (status ? strcmp(m->status, status) != 0
				: strcmp(m->status, "received") && strcmp(m->status, "shared"))
			continue;
		const char *label = all || !strcmp(m->status, "shared")
					    ? words_of(s->f, "status", m->status) : "";
		if (numbered)
			sbuf_addf(&b, "%s%d. %s", k ? "\n" : "", k + 1, m->name);
		else
			sbuf_addf(&b, "%s%s", k ? "\n" : "", m->name);
		if (*label)
			sbuf_addf(&b, "（%s）", label);
		k++;
	}
	return b.s ? b.s : xstrdup("无");
}

/* The items of the case: ticked on the form, else those of its tasks or
 * of its materials (the demo's cases keep no form). */
static itemset case_items(const struct src *s)
{
	itemset set = s->ap.items;
	for (int i = 0; !set && i < s->cf.ntasks; i++)
		if (s->cf.tasks[i].item >= 0)
			set |= 1u << s->cf.tasks[i].item;
	for (int i = 0; !s->ap.items && !s->cf.ntasks && i < s->cf.nmaterials; i++) {
		itemset m = 0;
		catalog_parse_items(s->c, s->cf.materials[i].items, &m, NULL);
		set |= m;
	}
	return set;
}

/* ---- the documents of each kind ---- */

struct out {
	struct document *docs;
	int n;
};

static const char *issuer_rule(const struct doc_forms *f, enum doc_kind k)
{
	const struct doc_row *r = doc_forms_find(f, doc_kind_code(k), "issuer", NULL);
	return r ? r->text : "lead";
}

static struct document *new_doc(struct out *o, const struct src *s, enum doc_kind k,
				enum doc_office off)
{
	o->docs = xrealloc(o->docs, (size_t)(o->n + 1) * sizeof *o->docs);
	struct document *d = &o->docs[o->n++];
	document_init(d);
	d->kind = k;
	/* forms/documents.csv says who issues: the center, the office of the
	 * first ticked item, or each office for its own items */
	const char *rule = issuer_rule(s->f, k);
	if (!strcmp(rule, "center"))
		off = OFF_CENTER;
	else if (!strcmp(rule, "lead"))
		off = (enum doc_office)s->lead;
	d->office = off;
	snprintf(d->case_no, sizeof d->case_no, "%s", s->cf.h.case_no);
	snprintf(d->issuer, sizeof d->issuer, "%s", s->f->offices[off].name);
	return d;
}

/* Fills every row of the kind into d with the current vars. */
static void fill_rows(struct src *s, struct document *d)
{
	const char *kind = doc_kind_code(d->kind);
	for (int i = 0; i < s->f->nrows; i++) {
		const struct doc_row *r = &s->f->rows[i];
		if (strcmp(r->kind, kind))
			continue;
		char *t = doc_fill(r->text, s->vs.v, s->vs.n);
		if (!strcmp(r->type, "title")) {
			snprintf(d->title, sizeof d->title, "%s", t);
		} else if (!strcmp(r->type, "seal")) {
			d->seal = !strcmp(t, "yes");
		} else if (!strcmp(r->type, "head")) {
			document_add(d, 'H', t);
		} else if (!strcmp(r->type, "para")) {
			document_add(d, 'P', t);
		} else if (!strcmp(r->type, "list")) {
			document_add(d, 'I', t);
		} else if (!strcmp(r->type, "kv")) {
			char *bar = strchr(t, '|');
			if (bar)
				*bar = '\t';
			document_add(d, 'K', t);
		} else if (!strcmp(r->type, "sign")) {
			document_add(d, 'S', t);
		}
		free(t);
	}
}

static char *item_names(const struct src *s, itemset set)
{
	struct sbuf b = { 0 };
	for (int i = 0; i < s->c->nitems; i++)
		if (set & (1u << i))
			sbuf_addf(&b, "%s%s", b.s && b.len ? "、" : "", s->c->items[i].name);
	return b.s ? b.s : xstrdup("");
}

static int build_receipt(struct src *s, struct out *o)
{
	var_set(&s->vs, "received_list", materials_list(s, NULL, 1));
	struct sbuf b = { 0 };
	int k = 0;
	itemset items = case_items(s);
	for (int i = 0; i < s->c->nitems; i++)
		if (items & (1u << i))
		{
			sbuf_addf(&b, "%s%d. %s——%s", k ? "\n" : "", k + 1, s->c->items[i].name,
				  s->f->offices[cat_office(s->c->items[i].cat)].name);
			k++;
		}
	var_set(&s->vs, "items_offices", b.s ? b.s : xstrdup(""));
	const struct rule *r = catalog_rule(s->c, "accept_review");
	yday from = time_day(0);
	struct yerr e2;
	ytime t;
	if (time_parse(*s->submitted_at ? s->submitted_at : s->cf.h.created_at, &t, &e2) == 0)
		from = time_day(t);
	char due[40];
	words_date(from + (r ? r->amount : 15), due, sizeof due);
	var_str(&s->vs, "review_due", due);
	struct document *d = new_doc(o, s, DK_RECEIPT, OFF_CENTER);
	fill_rows(s, d);
	return 0;
}

static int build_deficiency(struct src *s, struct out *o, struct yerr *e)
{
	int missing = 0;
	for (int i = 0; i < s->cf.nmaterials; i++)
		missing |= !strcmp(s->cf.materials[i].status, "missing");
	if (!missing)
		return yerr_set(e, YERR_STATE, _("case %s has no missing material: no one-time notice"),
				s->cf.h.case_no);
	var_set(&s->vs, "missing_list", materials_list(s, "missing", 1));
	var_set(&s->vs, "received_list", materials_list(s, NULL, 1));
	var_date(&s->vs, "supplement_due", s->cf.h.supplement_due);
	struct document *d = new_doc(o, s, DK_DEFICIENCY, (enum doc_office)s->lead);
	fill_rows(s, d);
	return 0;
}

/* A task an acceptance notice speaks for: accepted (at the window or by
 * its office), not one still in the office's review (受理审核) or refused
 * there; rq->tasks, when given, names the ones (the office's task accept). */
static int accepted_task(const struct cf_task *t, const struct doc_request *rq)
{
	if (!strcmp(t->state, "reviewing") || !strcmp(t->state, "not_accepted"))
		return 0;
	if (!rq->tasks)
		return 1;
	for (int j = 0; j < rq->ntasks; j++)
		if (rq->tasks[j] == t->id)
			return 1;
	return 0;
}

static int build_acceptance(struct src *s, struct out *o, const struct doc_request *rq,
			    struct yerr *e)
{
	if (strcmp(s->cf.h.state, "accepted") && strcmp(s->cf.h.state, "closed"))
		return yerr_set(e, YERR_STATE, _("case %s is not accepted: no acceptance notice"),
				s->cf.h.case_no);
	int reviewing = 0;
	for (int i = 0; i < s->cf.ntasks; i++)
		reviewing |= !strcmp(s->cf.tasks[i].state, "reviewing");
	for (int off = OFF_ADMIN; off < OFF_COUNT; off++) {
		itemset set = 0;
		for (int i = 0; i < s->cf.ntasks; i++) {
			const struct cf_task *t = &s->cf.tasks[i];
			if (t->item >= 0 && (int)cat_office(s->c->items[t->item].cat) == off &&
			    accepted_task(t, rq))
				set |= 1u << t->item;
		}
		if (!set)
			continue;
		struct sbuf b = { 0 };
		int k = 0;
		for (int i = 0; i < s->cf.ntasks; i++) {
			const struct cf_task *t = &s->cf.tasks[i];
			if (t->item < 0 || !(set & (1u << t->item)))
				continue;
			char due[40];
			words_date_str(t->legal_due_on, due, sizeof due);
			sbuf_addf(&b, "%s%d. %s：", k ? "\n" : "", k + 1, s->c->items[t->item].name);
			k++;
			if (!strcmp(t->state, "waiting") || !*t->legal_due_on)
				sbuf_addstr(&b, "待其所依据的决定作出后开始办理");
			else
				sbuf_addf(&b, "依法应于%s前办结", due);
		}
		var_set(&s->vs, "office_items", b.s ? b.s : xstrdup(""));
		var_set(&s->vs, "office_basis", basis_of(s, set));
		office_vars(s, (enum doc_office)off);
		struct document *d = new_doc(o, s, DK_ACCEPTANCE, (enum doc_office)off);
		fill_rows(s, d);
	}
	/* every item still in its office's review: the receipt says so, and
	 * the office's acceptance gives the notice (yici task accept) */
	if (!o->n && reviewing && !rq->tasks)
		return 0;
	return o->n ? 0 : yerr_set(e, YERR_STATE, _("case %s has no task"), s->cf.h.case_no);
}

static int build_refusal(struct src *s, struct out *o, struct yerr *e)
{
	if (strcmp(s->cf.h.state, "not_accepted"))
		return yerr_set(e, YERR_STATE, _("case %s was not refused: no refusal"),
				s->cf.h.case_no);
	var_str(&s->vs, "reason", *s->cf.h.reason ? s->cf.h.reason : "申请不符合受理条件");
	/* a case refused with no item on record goes to the office of the
	 * catalog's first item (seq 1: the work-injury recognition the
	 * combined application starts with) */
	itemset ticked = case_items(s);
	if (!ticked && s->c->nitems > 0)
		ticked = 1u;
	for (int off = OFF_ADMIN; off < OFF_COUNT; off++) {
		itemset set = 0;
		for (int i = 0; i < s->c->nitems; i++)
			if ((ticked & (1u << i)) && (int)cat_office(s->c->items[i].cat) == off)
				set |= 1u << i;
		if (!set)
			continue;
		var_set(&s->vs, "office_item_names", item_names(s, set));
		var_set(&s->vs, "office_basis", basis_of(s, set));
		office_vars(s, (enum doc_office)off);
		struct document *d = new_doc(o, s, DK_REFUSAL, (enum doc_office)off);
		fill_rows(s, d);
	}
	return o->n ? 0 : yerr_set(e, YERR_STATE, _("case %s has no item"), s->cf.h.case_no);
}

/* The latest pause (open for a suspension, closed for a resumption). */
static int build_pause(struct src *s, struct out *o, int resumed, struct yerr *e)
{
	const struct cf_pause *p = NULL;
	for (int i = 0; i < s->cf.npauses; i++) {
		const struct cf_pause *q = &s->cf.pauses[i];
		if (!strcmp(q->reason, "supplement") || (resumed ? !*q->to_on : 0))
			continue;
		if (!p || strcmp(q->from_on, p->from_on) >= 0)
			p = q;
	}
	if (!p)
		return yerr_set(e, YERR_STATE, resumed ? _("case %s has no resumed task")
						       : _("case %s has no suspended task"),
				s->cf.h.case_no);
	const struct cf_task *t = NULL;
	for (int i = 0; i < s->cf.ntasks; i++)
		if (s->cf.tasks[i].id == p->task_id)
			t = &s->cf.tasks[i];
	int it = item_index(s->c, p->item_code);
	if (!t || it < 0)
		return yerr_set(e, YERR_STATE, _("case %s: the suspended task is unknown"),
				s->cf.h.case_no);
	enum doc_office off = cat_office(s->c->items[it].cat);
	var_str(&s->vs, "item_name", s->c->items[it].name);
	var_str(&s->vs, "suspend_reason", words_of(s->f, "reason", p->reason));
	var_str(&s->vs, "suspend_basis", words_of(s->f, "suspend_basis", p->item_code));
	var_date(&s->vs, "suspended_on", p->from_on);
	var_date(&s->vs, "resumed_on", p->to_on);
	var_date(&s->vs, "legal_due", t->legal_due_on);
	office_vars(s, off);
	struct document *d = new_doc(o, s, resumed ? DK_RESUMPTION : DK_SUSPENSION, off);
	fill_rows(s, d);
	return 0;
}

static const char *method_words(const char *m)
{
	return !strcmp(m, "online") ? "网络核查" : !strcmp(m, "onsite") ? "现场核查"
						  : "向有关机关核实";
}

static int build_commitment(struct src *s, struct out *o, struct yerr *e)
{
	struct sbuf b = { 0 };
	int k = 0, off = -1;
	for (int i = 0; i < s->cf.nmaterials; i++) {
		const struct cf_material *m = &s->cf.materials[i];
		if (strcmp(m->status, "committed"))
			continue;
		/* the office of the first item the material serves takes the promise */
		char code[8];
		snprintf(code, sizeof code, "%.*s", (int)strcspn(m->items, ";, "), m->items);
		int it = item_index(s->c, code);
		if (off < 0 && it >= 0)
			off = cat_office(s->c->items[it].cat);
		const struct cf_verification *v = NULL;
		for (int j = 0; j < s->cf.nverifs; j++)
			if (!strcmp(s->cf.verifs[j].material, m->code))
				v = &s->cf.verifs[j];
		sbuf_addf(&b, "%s%d. %s", k ? "\n" : "", k + 1, m->name);
		k++;
		/* the commitment was taken for the item of its verification */
		for (int j = 0; v && j < s->cf.ntasks; j++)
			if (s->cf.tasks[j].id == v->task_id && s->cf.tasks[j].item >= 0 && k == 1)
				off = cat_office(s->c->items[s->cf.tasks[j].item].cat);
		if (v) {
			char due[40];
			words_date_str(v->due_on, due, sizeof due);
			sbuf_addf(&b, "：%s，%s前完成核查", method_words(v->method), due);
		}
	}
	if (!k)
		return yerr_set(e, YERR_STATE, _("case %s has no material taken on commitment"),
				s->cf.h.case_no);
	var_set(&s->vs, "committed_list", b.s);
	if (off < 0)
		off = s->lead;
	office_vars(s, (enum doc_office)off);
	struct document *d = new_doc(o, s, DK_COMMITMENT, (enum doc_office)off);
	fill_rows(s, d);
	return 0;
}

static void result_line(const struct src *s, const struct cf_task *t, int k, struct sbuf *b)
{
	const struct item *it = &s->c->items[t->item];
	sbuf_addf(b, "%s%d. %s：%s", k ? "\n" : "", k + 1, it->name,
		  *t->outcome ? words_of(s->f, "outcome", t->outcome) : "");
	if (t->grade > 0)
		sbuf_addf(b, "（伤残%d级）", t->grade);
	if (t->amount_fen >= 0 && !strcmp(t->outcome, "approved")) {
		char fig[48], up[192];
		words_amount(t->amount_fen, fig, sizeof fig);
		words_amount_upper(t->amount_fen, up, sizeof up);
		sbuf_addf(b, "，核定金额%s元（大写：%s）", fig, up);
	}
	if (*t->document_no)
		sbuf_addf(b, "，文书编号%s", t->document_no);
	sbuf_addf(b, "，%s", s->f->offices[cat_office(it->cat)].name);
}

static int build_service(struct src *s, struct out *o, const struct doc_request *rq,
			 struct yerr *e)
{
	struct sbuf b = { 0 };
	int k = 0, lead = -1;
	const char *recipient = rq->recipient && *rq->recipient ? rq->recipient
								 : s->cf.h.applicant_received;
	for (int i = 0; i < s->cf.ntasks; i++) {
		const struct cf_task *t = &s->cf.tasks[i];
		int listed = 0;
		if (rq->tasks) {
			for (int j = 0; j < rq->ntasks; j++)
				listed |= rq->tasks[j] == t->id;
		} else {
			listed = !strcmp(t->state, "decided");
		}
		if (!listed || t->item < 0)
			continue;
		if (lead < 0)
			lead = cat_office(s->c->items[t->item].cat);
		result_line(s, t, k++, &b);
	}
	if (!k)
		return yerr_set(e, YERR_STATE, _("case %s has no result ready for delivery"),
				s->cf.h.case_no);
	var_set(&s->vs, "results_list", b.s);
	var_str(&s->vs, "recipient", recipient);
	var_str(&s->vs, "delivery_method",
		rq->method && !strcmp(rq->method, "post") ? "邮寄送达" : "直接送达");
	office_vars(s, (enum doc_office)lead);
	struct document *d = new_doc(o, s, DK_SERVICE, (enum doc_office)lead);
	fill_rows(s, d);
	return 0;
}

/* 办理结果汇总: every item of the case, its office, decision (or where it
 * stands) and the legal basis in words. */
static int build_decision(struct src *s, struct out *o, struct yerr *e)
{
	struct sbuf b = { 0 };
	int k = 0, decided = 0;
	for (int i = 0; i < s->cf.ntasks; i++) {
		const struct cf_task *t = &s->cf.tasks[i];
		if (t->item < 0)
			continue;
		const struct item *it = &s->c->items[t->item];
		itemset one = 1u << t->item;
		char *basis = basis_of(s, one);
		sbuf_addf(&b, "%s%d. %s（%s）：", k ? "\n" : "", k + 1, it->name,
			  s->f->offices[cat_office(it->cat)].name);
		k++;
		if (*t->outcome) {
			decided++;
			sbuf_addstr(&b, words_of(s->f, "outcome", t->outcome));
			if (t->grade > 0)
				sbuf_addf(&b, "，伤残%d级", t->grade);
			if (t->amount_fen >= 0 && !strcmp(t->outcome, "approved")) {
				char fig[48], up[192];
				words_amount(t->amount_fen, fig, sizeof fig);
				words_amount_upper(t->amount_fen, up, sizeof up);
				sbuf_addf(&b, "，核定金额%s元（大写：%s）", fig, up);
			}
			if (*t->reason && strcmp(t->outcome, "approved") && strcmp(t->outcome, "recognised"))
				sbuf_addf(&b, "，理由：%s", t->reason);
			if (*t->decided_on) {
				char on[40];
				words_date_str(t->decided_on, on, sizeof on);
				sbuf_addf(&b, "，%s作出", on);
			}
			if (*t->document_no)
				sbuf_addf(&b, "，文书编号%s", t->document_no);
			if (*t->delivered_on) {
				char on[40];
				words_date_str(t->delivered_on, on, sizeof on);
				sbuf_addf(&b, "，%s送达", on);
			}
		} else if (!strcmp(t->state, "waiting")) {
			sbuf_addstr(&b, "待其所依据的决定作出后开始办理");
		} else {
			char due[40];
			words_date_str(t->legal_due_on, due, sizeof due);
			sbuf_addf(&b, "办理中%s%s", *t->legal_due_on ? "，依法应于" : "",
				  *t->legal_due_on ? due : "");
			if (*t->legal_due_on)
				sbuf_addstr(&b, "前办结");
			if (t->paused)
				sbuf_addstr(&b, "（已中止）");
		}
		if (*basis)
			sbuf_addf(&b, "；依据：%s", basis);
		sbuf_addstr(&b, "。");
		free(basis);
	}
	if (!k)
		return yerr_set(e, YERR_STATE, _("case %s has no task: no decision summary"),
				s->cf.h.case_no);
	(void)decided;
	var_set(&s->vs, "decisions_list", b.s);
	struct document *d = new_doc(o, s, DK_DECISION, OFF_CENTER);
	fill_rows(s, d);
	return 0;
}

static int build_form(struct src *s, struct out *o, struct yerr *e)
{
	/* full ID numbers: for the clerk who may reveal them, as a reveal */
	char wid[19] = "", aid[19] = "";
	if (db_reveal_id(s->d, s->a, s->cf.h.case_no, REVEAL_WORKER, wid, e) < 0 &&
	    e->code != YERR_NOTFOUND)
		return -1;
	if (db_reveal_id(s->d, s->a, s->cf.h.case_no, REVEAL_APPLICANT, aid, e) < 0 &&
	    e->code != YERR_NOTFOUND)
		return -1;
	yerr_clear(e);
	struct sbuf b = { 0 };
	for (int i = 0; i < s->c->nfields; i++) {
		const struct form_field *ff = &s->c->fields[i];
		const char *v = application_value_label(ff, application_get(&s->ap, ff->key));
		if (!strcmp(ff->key, "worker.id_number") && *wid)
			v = wid;
		else if (!strcmp(ff->key, "applicant.id_number") && *aid)
			v = aid;
		sbuf_addf(&b, "%s%s：%s", i ? "\n" : "", _(ff->label), *v ? v : "—");
	}
	var_set(&s->vs, "form_fields", b.s ? b.s : xstrdup(""));
	struct sbuf it = { 0 };
	for (int i = 0; i < s->c->nitems; i++)
		sbuf_addf(&it, "%s%s %s", i ? "\n" : "", s->ap.items & (1u << i) ? "☑" : "☐",
			  s->c->items[i].name);
	var_set(&s->vs, "items_ticked", it.s ? it.s : xstrdup(""));
	var_set(&s->vs, "materials_list", materials_list(s, "all", 1));
	struct document *d = new_doc(o, s, DK_FORM, OFF_CENTER);
	fill_rows(s, d);
	return 0;
}

/* ---- numbers, digests, storage ---- */

static int doc_key(struct db *d, char key[80], int make, struct yerr *e)
{
	sqlite3_stmt *st;
	if (make) {
		st = db_prep(d, "INSERT OR IGNORE INTO doc_key (id, key) "
				"VALUES (1, lower(hex(randomblob(32))))");
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	st = db_prep(d, "SELECT key FROM doc_key WHERE id = 1");
	if (db_step_one(d, st, "doc_key", e, "%s", _("this database has no document key")) < 0)
		return -1;
	snprintf(key, 80, "%s", db_col(st, 0));
	sqlite3_reset(st);
	return 0;
}

static void digest_of(const char *key, const char *case_no, const char *doc_no,
		      const char *title, const char *issuer, const char *date, const char *body,
		      char out[17])
{
	char *msg = xasprintf("%s\n%s\n%s\n%s\n%s\n%s", case_no, doc_no, title, issuer, date, body);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)msg, strlen(msg), md, &len);
	for (int i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	free(msg);
}

/* An earlier document of the same kind, office and content: reused. */
static int find_same(struct db *d, int64_t case_id, struct document *doc, const char *body,
		     char digest[17])
{
	sqlite3_stmt *st = db_prep(d, "SELECT doc_no, issued_on, digest FROM document "
				      "WHERE case_id = ? AND kind = ? AND office = ? AND title = ? "
				      "AND body = ? ORDER BY id DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, doc_kind_code(doc->kind));
	db_bind_text(st, 3, doc_office_code(doc->office));
	db_bind_text(st, 4, doc->title);
	db_bind_text(st, 5, body);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		DB_CPY(doc->doc_no, st, 0);
		DB_CPY(doc->date, st, 1);
		snprintf(digest, 17, "%s", db_col(st, 2));
	}
	sqlite3_reset(st);
	return found;
}

static int issue_one(struct src *s, struct document *doc, const char *key, struct yerr *e)
{
	char *body = document_body(doc), digest[17];
	int rc = 0;
	if (!find_same(s->d, s->cf.h.id, doc, body, digest)) {
		const struct doc_row *cr = doc_forms_find(s->f, doc_kind_code(doc->kind), "code", NULL);
		char *code = xasprintf("%s%s", s->f->offices[doc->office].prefix, cr ? cr->text : "");
		int y, m, dd;
		date_to_ymd(clock_today(), &y, &m, &dd);
		sqlite3_stmt *st = db_prep(s->d, "INSERT INTO doc_seq (code, year, last) VALUES (?, ?, 1) "
						 "ON CONFLICT (code, year) DO UPDATE SET last = last + 1 "
						 "RETURNING last");
		db_bind_text(st, 1, code);
		sqlite3_bind_int(st, 2, y);
		int seq = 0;
		if (sqlite3_step(st) == SQLITE_ROW)
			seq = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (seq <= 0) {
			free(code);
			free(body);
			return db_error(s->d, "doc_seq", e);
		}
		snprintf(doc->doc_no, sizeof doc->doc_no, "%s〔%d〕%d号", code, y, seq);
		words_date(clock_today(), doc->date, sizeof doc->date);
		digest_of(key, doc->case_no, doc->doc_no, doc->title, doc->issuer, doc->date, body,
			  digest);
		char *detail = xasprintf("%s %s", doc->title, doc->doc_no);
		struct event_input ev = { .case_id = s->cf.h.id, .actor = s->a->login,
					  .actor_role = role_code(s->a->role), .kind = "notice_printed",
					  .detail = detail };
		int64_t eid = db_event_add(s->d, &ev, e);
		free(detail);
		if (eid < 0) {
			rc = -1;
		} else {
			char today[11];
			date_format(clock_today(), today);
			st = db_prep(s->d, "INSERT INTO document (case_id, kind, office, code, year, seq, "
					   "doc_no, title, issuer, issued_on, body, digest, event_id, "
					   "created_by) VALUES (:case_id, :kind, :office, :code, "
					   ":year, :seq, :doc_no, :title, :issuer, :issued_on, "
					   ":body, :digest, :event_id, :created_by)");
			sqlite3_bind_int64(st, db_p(st, ":case_id"), s->cf.h.id);
			db_bind_text(st, db_p(st, ":kind"), doc_kind_code(doc->kind));
			db_bind_text(st, db_p(st, ":office"), doc_office_code(doc->office));
			db_bind_text(st, db_p(st, ":code"), code);
			sqlite3_bind_int(st, db_p(st, ":year"), y);
			sqlite3_bind_int(st, db_p(st, ":seq"), seq);
			db_bind_text(st, db_p(st, ":doc_no"), doc->doc_no);
			db_bind_text(st, db_p(st, ":title"), doc->title);
			db_bind_text(st, db_p(st, ":issuer"), doc->issuer);
			db_bind_text(st, db_p(st, ":issued_on"), doc->date);
			db_bind_text(st, db_p(st, ":body"), body);
			db_bind_text(st, db_p(st, ":digest"), digest);
			sqlite3_bind_int64(st, db_p(st, ":event_id"), eid);
			db_bind_text(st, db_p(st, ":created_by"), s->a->login);
			rc = db_exec_stmt(s->d, st, e);
		}
		free(code);
	}
	document_qr_text(doc->case_no, doc->doc_no, digest, doc->qr, sizeof doc->qr);
	free(body);
	return rc;
}

/* 补打: the latest document of the kind from each issuer, as stored. */
static int load_issued(struct src *s, struct out *o, enum doc_kind k, struct yerr *e)
{
	if (k == DK_FORM)
		return yerr_set(e, YERR_INPUT, _("the application form is made anew from the case "
						 "(yici doc CASE_NO form), not reprinted"));
	sqlite3_stmt *st = db_prep(s->d, "SELECT office, doc_no, title, issuer, issued_on, body, "
					 "digest FROM document d WHERE case_id = ? AND kind = ? AND "
					 "id = (SELECT max(id) FROM document WHERE case_id = d.case_id "
					 "AND kind = d.kind AND office = d.office) ORDER BY id");
	sqlite3_bind_int64(st, 1, s->cf.h.id);
	db_bind_text(st, 2, doc_kind_code(k));
	const struct doc_row *seal = doc_forms_find(s->f, doc_kind_code(k), "seal", NULL);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o->docs = xrealloc(o->docs, (size_t)(o->n + 1) * sizeof *o->docs);
		struct document *d = &o->docs[o->n++];
		document_init(d);
		d->kind = k;
		d->reprint = 1;
		d->seal = !seal || !strcmp(seal->text, "yes");
		enum doc_office off = OFF_CENTER;
		doc_office_parse(db_col(st, 0), &off);
		d->office = off;
		snprintf(d->case_no, sizeof d->case_no, "%s", s->cf.h.case_no);
		DB_CPY(d->doc_no, st, 1);
		DB_CPY(d->title, st, 2);
		DB_CPY(d->issuer, st, 3);
		DB_CPY(d->date, st, 4);
		document_set_body(d, db_col(st, 5));
		document_qr_text(d->case_no, d->doc_no, db_col(st, 6), d->qr, sizeof d->qr);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(s->d, "document", e);
	if (!o->n)
		return yerr_set(e, YERR_NOTFOUND, _("case %s was issued no %s document: nothing to "
						    "reprint"), s->cf.h.case_no, doc_kind_code(k));
	for (int i = 0; i < o->n; i++) {
		char *detail = xasprintf("%s %s %s", DOC_REPRINT_MARK, o->docs[i].title,
					 o->docs[i].doc_no);
		struct event_input ev = { .case_id = s->cf.h.id, .actor = s->a->login,
					  .actor_role = role_code(s->a->role), .kind = "notice_printed",
					  .detail = detail };
		int64_t eid = db_event_add(s->d, &ev, e);
		free(detail);
		if (eid < 0)
			return -1;
	}
	return 0;
}

/* The receipt handed out at the acceptance: the code in place of the mask. */
static void put_query_code(struct document *d, const char *code)
{
	static const char masked[] = "查询密码" DOC_QCODE_MASK;
	for (int i = 0; i < d->nlines; i++) {
		char *at = strstr(d->lines[i].text, masked);
		if (!at)
			continue;
		char *t = xasprintf("%.*s查询密码%s%s", (int)(at - d->lines[i].text), d->lines[i].text,
				    code, at + strlen(masked));
		free(d->lines[i].text);
		d->lines[i].text = t;
		snprintf(d->secret, sizeof d->secret, "%s", code);
	}
}

void documents_free(struct document *docs, int n)
{
	for (int i = 0; i < n; i++)
		document_release(&docs[i]);
	free(docs);
}

static void submitted_at(struct db *d, int64_t id, char out[20])
{
	sqlite3_stmt *st = db_prep(d, "SELECT coalesce(submitted_at, created_at) FROM cases "
				      "WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	out[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, 20, "%s", db_col(st, 0));
	sqlite3_reset(st);
}

int db_document_issue(struct db *d, const struct catalog *c, const struct doc_forms *f,
		      const struct actor *a, const char *case_no, const struct doc_request *rq,
		      struct document **docs, int *ndocs, struct yerr *e)
{
	*docs = NULL;
	*ndocs = 0;
	if (perm_check(a, ACT_READ, -1, e) < 0)
		return -1;
	struct src s = { .d = d, .c = c, .f = f, .a = a };
	application_init(&s.ap);
	if (db_casefile_load(d, c, a, case_no, &s.cf, e) < 0) {
		application_release(&s.ap);
		return -1;
	}
	struct out o = { 0 };
	char key[80];
	int rc = db_application_load(d, c, s.cf.h.id, &s.ap, e);
	if (rc == 0 && !*s.cf.h.case_no)
		rc = yerr_set(e, YERR_STATE, _("this case has no case number yet"));
	if (rc == 0 && (rc = db_begin(d, e)) == 0) {
		submitted_at(d, s.cf.h.id, s.submitted_at);
		s.lead = OFF_ADMIN;
		itemset items = case_items(&s);
		for (int i = 0; i < c->nitems; i++)
			if (items & (1u << i)) {
				s.lead = cat_office(c->items[i].cat);
				break;
			}
		common_vars(&s);
		if (rq->reprint)
			rc = load_issued(&s, &o, rq->kind, e);
		else switch (rq->kind) {
		case DK_RECEIPT: rc = build_receipt(&s, &o); break;
		case DK_DEFICIENCY: rc = build_deficiency(&s, &o, e); break;
		case DK_ACCEPTANCE: rc = build_acceptance(&s, &o, rq, e); break;
		case DK_REFUSAL: rc = build_refusal(&s, &o, e); break;
		case DK_SUSPENSION: rc = build_pause(&s, &o, 0, e); break;
		case DK_RESUMPTION: rc = build_pause(&s, &o, 1, e); break;
		case DK_COMMITMENT: rc = build_commitment(&s, &o, e); break;
		case DK_SERVICE: rc = build_service(&s, &o, rq, e); break;
		case DK_FORM: rc = build_form(&s, &o, e); break;
		case DK_DECISION: rc = build_decision(&s, &o, e); break;
		default: rc = yerr_set(e, YERR_INPUT, _("unknown document kind")); break;
		}
		if (rc == 0 && !rq->reprint)
			rc = doc_key(d, key, 1, e);
		for (int i = 0; rc == 0 && !rq->reprint && i < o.n; i++)
			rc = issue_one(&s, &o.docs[i], key, e);
		for (int i = 0; rc == 0 && rq->kind == DK_RECEIPT && rq->query_code &&
				*rq->query_code && i < o.n; i++)
			put_query_code(&o.docs[i], rq->query_code);
		if (rc == 0)
			rc = db_commit(d, e);
		else
			db_rollback(d);
	}
	vars_release(&s.vs);
	casefile_release(&s.cf);
	application_release(&s.ap);
	if (rc < 0) {
		documents_free(o.docs, o.n);
		return -1;
	}
	*docs = o.docs;
	*ndocs = o.n;
	return 0;
}

int db_document_verify(struct db *d, const char *qr, char *line, size_t n, struct yerr *e)
{
	char case_no[32], doc_no[128], digest[40];
	if (document_qr_parse(qr, case_no, doc_no, digest) < 0) {
		snprintf(line, n, _("NOT valid: not the code of a yici document"));
		return 1;
	}
	sqlite3_stmt *st = db_prep(d, "SELECT c.case_no, d.title, d.issuer, d.issued_on, d.body, "
				      "d.digest FROM document d JOIN cases c ON c.id = d.case_id "
				      "WHERE d.doc_no = ?");
	db_bind_text(st, 1, doc_no);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(d, "document", e);
		snprintf(line, n, _("NOT valid: yici issued no document %s"), doc_no);
		return 1;
	}
	char key[80], want[17];
	int result = 1;
	char *title = db_col_dup(st, 1), *issuer = db_col_dup(st, 2), *date = db_col_dup(st, 3),
	     *body = db_col_dup(st, 4), *stored = db_col_dup(st, 5), *cno = db_col_dup(st, 0);
	sqlite3_reset(st);
	if (doc_key(d, key, 0, e) < 0) {
		result = -1;
	} else {
		digest_of(key, cno, doc_no, title, issuer, date, body, want);
		if (strcmp(cno, case_no))
			snprintf(line, n, _("NOT valid: document %s belongs to case %s, not %s"), doc_no,
				 cno, case_no);
		else if (strcmp(want, stored))
			snprintf(line, n, _("NOT valid: the record of document %s was changed after it "
					    "was issued"), doc_no);
		else if (strcmp(want, digest))
			snprintf(line, n, _("NOT valid: the code does not match document %s (altered "
					    "or forged)"), doc_no);
		else {
			snprintf(line, n, _("valid: %s %s, case %s, issued %s by %s"), title, doc_no,
				 cno, date, issuer);
			result = 0;
		}
	}
	free(title);
	free(issuer);
	free(date);
	free(body);
	free(stored);
	free(cno);
	return result;
}

char *db_document_path(struct db *d, const char *case_no, const char *kind)
{
	char *dir = db_config_get(d, "notices_dir");
	const char *p = db_path(d), *slash = strrchr(p, '/');
	char *path;
	if (dir && dir[0] == '/')
		path = xasprintf("%s/%s-%s.pdf", dir, case_no, kind);
	else if (slash)
		path = xasprintf("%.*s/%s/%s-%s.pdf", (int)(slash - p), p, dir ? dir : "notices",
				 case_no, kind);
	else
		path = xasprintf("%s/%s-%s.pdf", dir ? dir : "notices", case_no, kind);
	free(dir);
	return path;
}

int db_document_issued(struct db *d, const char *case_no, enum doc_kind *kinds,
		       struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT DISTINCT kind FROM document WHERE case_id = "
				      "(SELECT id FROM cases WHERE case_no = ? COLLATE NOCASE)");
	db_bind_text(st, 1, case_no);
	int have[DK_COUNT] = { 0 }, rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum doc_kind k;
		if (doc_kind_parse(db_col(st, 0), &k) == 0)
			have[k] = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(d, "document", e);
	for (int k = 0; k < DK_COUNT; k++)
		if (have[k])
			kinds[n++] = (enum doc_kind)k;
	return n;
}

int db_document_ready(struct db *d, const char *case_no, int64_t *ids, int max, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT t.id FROM task t JOIN cases c ON c.id = t.case_id "
				      "WHERE c.case_no = ? COLLATE NOCASE AND t.state = 'decided' "
				      "ORDER BY t.id");
	db_bind_text(st, 1, case_no);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n < max)
			ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(d, "task", e);
	return n;
}
