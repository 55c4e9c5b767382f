/* ui_form.c — the combined form (F2): one application for every item the
 * applicant needs.  Fields come from the catalog's form fields (one page
 * per section), then the checklist of the catalog's items and the merged
 * materials panel.  Text is typed into core_edit line editors; each change
 * is validated at once (core validators) and a known citizen ID or credit
 * code fills what earlier cases know.  Ctrl-S saves a draft, F9 submits
 * (acceptance or the one-time deficiency notice), F6 opens a saved case,
 * F7 the online applications waiting at the window.  Layer: ui.
 * Why one file of over 800 lines: its pages (fields, items, materials,
 * F7's list, the notice pager) all act on one form in memory and its
 * editors; split, that state would become a header every page reaches
 * into.  The items, materials and intake pages are sections (----). */
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_doc.h"
#include "core_case.h"
#include "core_edit.h"
#include "core_text.h"
#include "core_validate.h"
#include "db_application.h"
#include "db_inbox.h"
#include "db_casefile.h"
#include "i18n.h"
#include "ui_list.h"

#define MAX_SECTIONS 16
#define MAX_INTAKE 128
#define LABEL_W 30

enum mode { M_FORM, M_INTAKE, M_DONE, M_PROMPT };
enum prompt_for { P_OPEN, P_REFUSE };

struct ffield {
	const struct form_field *f;
	struct edit ed;         /* text-like fields */
	char **choices;         /* choice and bool fields: the values */
	int nchoices, choice;
	char err[256];
	char info[64];          /* e.g. sex and birth date from an ID */
	int touched;            /* typed into, loaded or submitted: errors show */
};

struct form {
	struct ffield *ff;
	int nf;
	const char *secs[MAX_SECTIONS];
	int nsec;
	struct application ap;  /* items, material statuses, case id/number/state */
	itemset decided;        /* decided in earlier cases of the worker */
	struct merged_material mm[MAX_MATERIALS];
	int nmm;
	int focus, dirty;
	char window_msg[512];
	enum mode mode;
	struct intake_row rows[MAX_INTAKE];
	int nrows;
	char *text;             /* M_DONE: the notice shown */
	char **lines;           /* ... its lines, the rows of the notice pager */
	int nlines;
	struct edit prompt;
	enum prompt_for prompt_for;
	int height;
	/* the lists of the items page, the materials page and the intake */
	const struct catalog *cat;
	int kind;               /* the items page as drawn: the accident's kind */
	itemset waiting;        /* and the items waiting for a decision */
	struct column item_cols[5], mat_cols[4]; /* item_, mat_columns[], widths set */
	struct ui_list items, mats, intake, notice;
};

static void init_lists(struct app *a, struct form *s);

/* ==== fields ==== */

static int is_choice(const struct form_field *f)
{
	return !strncmp(f->type, "choice:", 7) || !strcmp(f->type, "bool");
}

static int add_choice(const char *code, void *arg)
{
	struct ffield *x = arg;
	x->choices = xrealloc(x->choices, (size_t)(x->nchoices + 1) * sizeof *x->choices);
	x->choices[x->nchoices++] = xstrdup(code);
	return 0;
}

static void init_choices(struct ffield *x)
{
	const struct form_field *f = x->f;
	if (!strcmp(f->type, "bool")) {
		x->nchoices = 2;
		x->choices = xcalloc(2, sizeof *x->choices);
		x->choices[0] = xstrdup(f->required ? "1" : "0");
		x->choices[1] = xstrdup(f->required ? "0" : "1");
		return;
	}
	list_each(f->type + 7, "|", add_choice, x); /* "choice:a|b|c" */
}

static const char *choice_label(const struct ffield *x, const char *v)
{
	if (!strcmp(x->f->type, "bool"))
		return application_bool(v) == 1 ? _("yes") : _("no");
	return application_value_label(x->f, v);
}

/* The value of a field, malloc'd. */
static char *field_value(const struct ffield *x)
{
	if (is_choice(x->f))
		return xstrdup(x->nchoices ? x->choices[x->choice] : "");
	return edit_get(&x->ed);
}

static int field_index(const struct form *s, const char *key)
{
	for (int i = 0; i < s->nf; i++)
		if (!strcmp(s->ff[i].f->key, key))
			return i;
	return -1;
}

static void set_value(struct ffield *x, const char *v)
{
	if (!is_choice(x->f)) {
		edit_set(&x->ed, v);
		return;
	}
	for (int i = 0; i < x->nchoices; i++)
		if (!strcmp(x->choices[i], v) ||
		    (!strcmp(x->f->type, "bool") && application_bool(v) == application_bool(x->choices[i])))
			x->choice = i;
}

static char *value_of(const struct form *s, const char *key)
{
	int i = field_index(s, key);
	return i < 0 ? xstrdup("") : field_value(&s->ff[i]);
}

/* Copies the fields into s->ap (which keeps items and materials). */
static void sync_to_ap(struct form *s)
{
	for (int i = 0; i < s->nf; i++) {
		char *v = field_value(&s->ff[i]);
		application_set(&s->ap, s->ff[i].f->key, v);
		free(v);
	}
}

/* ==== derived state: materials, window warning, earlier decisions ==== */

static void refresh_materials(struct app *a, struct form *s)
{
	s->nmm = application_materials(&a->cat, &s->ap, s->decided, s->mm);
}

static void refresh_window(struct app *a, struct form *s)
{
	sync_to_ap(s);
	application_window(&a->cat, &s->ap, s->window_msg, sizeof s->window_msg);
}

static void refresh_decided(struct app *a, struct form *s)
{
	char *id = value_of(s, "worker.id_number");
	s->decided = 0;
	if (validate_citizen_id(id, NULL) == 0)
		db_application_decided(a->d, &a->cat, &s->ap, &s->decided, NULL);
	free(id);
	refresh_materials(a, s);
}

/* ==== prefill: type once ==== */

static void fill_if_empty(struct form *s, const char *key, const char *v)
{
	int i = field_index(s, key);
	if (i < 0 || !v || !*v)
		return;
	char *cur = field_value(&s->ff[i]);
	if (!*cur || is_choice(s->ff[i].f))
		set_value(&s->ff[i], v);
	free(cur);
}

static void prefill_person(struct app *a, struct form *s, const char *who, const char *id)
{
	struct known_person p;
	if (db_application_person(a->d, id, &p, NULL) != 1)
		return;
	char k[64];
	snprintf(k, sizeof k, "%s.name", who);
	fill_if_empty(s, k, p.name);
	snprintf(k, sizeof k, "%s.phone", who);
	fill_if_empty(s, k, p.phone);
	snprintf(k, sizeof k, "%s.address", who);
	fill_if_empty(s, k, p.address);
	ui_say(a, 0, _("known person: %s (filled from earlier cases)"), p.name);
}

static void prefill_employer(struct app *a, struct form *s, const char *code)
{
	struct known_employer em;
	if (db_application_employer(a->d, code, &em, NULL) != 1)
		return;
	fill_if_empty(s, "employer.name", em.name);
	fill_if_empty(s, "employer.address", em.address);
	fill_if_empty(s, "employer.contact", em.contact);
	fill_if_empty(s, "employer.supp_insurer", em.supp_insurer);
	fill_if_empty(s, "employer.insured", em.insured ? "1" : "0");
	ui_say(a, 0, _("known employer: %s"), em.name);
}

/* While the worker applies in person, the applicant's name, ID and phone
 * are the worker's: typed once. */
static void mirror_worker(struct form *s, const char *key)
{
	if (!strcmp(key, "applicant.type")) {
		mirror_worker(s, "applicant.name");
		mirror_worker(s, "applicant.id_number");
		mirror_worker(s, "applicant.phone");
		return;
	}
	char *type = value_of(s, "applicant.type");
	if (!strcmp(type, "worker") && !strncmp(key, "applicant.", 10) &&
	    (!strcmp(key + 10, "name") || !strcmp(key + 10, "id_number") || !strcmp(key + 10, "phone"))) {
		char wk[64], *v = value_of(s, key);
		snprintf(wk, sizeof wk, "worker.%s", key + 10);
		int i = field_index(s, wk);
		if (i >= 0 && *v)
			set_value(&s->ff[i], v);
		free(v);
	}
	free(type);
}

static void id_info(struct ffield *x, const char *v)
{
	x->info[0] = '\0';
	if (strcmp(x->f->type, "id_number") || x->err[0] || strlen(v) != 18)
		return;
	char birth[11];
	date_format(citizen_id_birth(v), birth);
	snprintf(x->info, sizeof x->info, "%s %s", citizen_id_sex(v) == 'M' ? _("male") : _("female"),
		 birth);
}

static void validate_slot(struct form *s, int i)
{
	struct ffield *x = &s->ff[i];
	char *v = field_value(x);
	application_check_field(x->f, v, x->err, sizeof x->err);
	id_info(x, v);
	free(v);
}

/* After a field changed: live validation, prefill, derived state. */
static void field_changed(struct app *a, struct form *s, int i)
{
	struct ffield *x = &s->ff[i];
	const char *key = x->f->key;
	s->dirty = 1;
	x->touched = 1;
	validate_slot(s, i);
	char *v = field_value(x);
	if (!x->err[0] && *v && !strcmp(x->f->type, "id_number") && strlen(v) == 18) {
		prefill_person(a, s, !strncmp(key, "worker.", 7) ? "worker" : "applicant", v);
	} else if (!x->err[0] && *v && !strcmp(x->f->type, "credit_code")) {
		prefill_employer(a, s, v);
	}
	mirror_worker(s, key);
	if (!strncmp(key, "applicant.", 10)) {
		/* what the prefill brought in is the worker's too, when it is the worker */
		char *type = value_of(s, "applicant.type");
		if (!strcmp(type, "worker")) {
			mirror_worker(s, "applicant.type");
			if (!strcmp(key, "applicant.id_number") && !x->err[0] && strlen(v) == 18)
				prefill_person(a, s, "worker", v);
		}
		free(type);
	}
	free(v);
	for (int k = 0; k < s->nf; k++)
		if (k != i)
			validate_slot(s, k);
	if (!strcmp(key, "worker.id_number") || !strcmp(key, "applicant.id_number"))
		refresh_decided(a, s);
	refresh_window(a, s);
	if (x->err[0])
		ui_say(a, 1, "%s: %s", _(x->f->label), x->err);
	else if (s->window_msg[0] && strstr(key, "accident.") == key)
		ui_say(a, 1, "%s", s->window_msg);
}

/* ==== slots and pages ==== */

static int nslots(const struct app *a, const struct form *s)
{
	return s->nf + a->cat.nitems + s->nmm;
}

static int section_of(const struct form *s, const char *sec)
{
	for (int i = 0; i < s->nsec; i++)
		if (!strcmp(s->secs[i], sec))
			return i;
	return 0;
}

/* Pages: one per section, then the items, then the materials. */
static int page_of(const struct app *a, const struct form *s, int slot)
{
	if (slot < s->nf)
		return section_of(s, s->ff[slot].f->section);
	return slot < s->nf + a->cat.nitems ? s->nsec : s->nsec + 1;
}

static int first_slot_of_page(const struct app *a, const struct form *s, int page)
{
	if (page >= s->nsec)
		return page == s->nsec ? s->nf : s->nf + a->cat.nitems;
	for (int i = 0; i < s->nf; i++)
		if (section_of(s, s->ff[i].f->section) == page)
			return i;
	return 0;
}

static void move_focus(struct app *a, struct form *s, int delta)
{
	int n = nslots(a, s), f = s->focus + delta;
	if (f < 0)
		f = 0;
	if (f >= n)
		f = n - 1;
	s->focus = f;
	if (f < s->nf) {
		edit_end(&s->ff[f].ed);
		if (s->ff[f].err[0])
			ui_say(a, 1, "%s: %s", _(s->ff[f].f->label), s->ff[f].err);
	}
}

/* ==== loading a case into the form ==== */

static void load_fields(struct app *a, struct form *s)
{
	for (int i = 0; i < s->nf; i++) {
		struct ffield *x = &s->ff[i];
		if (is_choice(x->f))
			x->choice = 0;
		else
			edit_clear(&x->ed);
		const char *v = application_get(&s->ap, x->f->key);
		if (*v || !is_choice(x->f))
			set_value(x, v);
		x->touched = *v != 0;
	}
	for (int i = 0; i < s->nf; i++)
		validate_slot(s, i);
	refresh_decided(a, s);
	refresh_window(a, s);
	s->focus = 0;
	s->dirty = 0;
	s->mode = M_FORM;
}

static void new_form(struct app *a, struct form *s)
{
	application_release(&s->ap);
	load_fields(a, s);
	for (int i = 0; i < s->nf; i++)
		s->ff[i].err[0] = '\0'; /* no errors on an empty form until typed */
}

static int open_case(struct app *a, struct form *s, int64_t id)
{
	struct yerr e;
	yerr_clear(&e);
	struct application ap;
	application_init(&ap);
	if (db_application_load(a->d, &a->cat, id, &ap, &e) < 0) {
		ui_say(a, 1, "%s", e.msg);
		application_release(&ap);
		return -1;
	}
	if (ap.state != CS_DRAFT && ap.state != CS_INTAKE && ap.state != CS_DEFICIENT) {
		ui_say(a, 1, _("case %s is %s: nothing to do at the form (F4 shows it)"), ap.case_no,
		       case_state_label(ap.state));
		application_release(&ap);
		return -1;
	}
	application_release(&s->ap);
	s->ap = ap;
	load_fields(a, s);
	ui_say(a, 0, _("opened %s (%s)"), *ap.case_no ? ap.case_no : ap.ext_id ? ap.ext_id : "",
	       case_state_label(ap.state));
	return 0;
}

/* ==== open / close ==== */

static void *form_open(struct app *a)
{
	struct form *s = xcalloc(1, sizeof *s);
	application_init(&s->ap);
	s->nf = a->cat.nfields;
	s->ff = xcalloc((size_t)(s->nf ? s->nf : 1), sizeof *s->ff);
	for (int i = 0; i < s->nf; i++) {
		struct ffield *x = &s->ff[i];
		x->f = &a->cat.fields[i];
		edit_init(&x->ed, x->f->max_len);
		if (is_choice(x->f))
			init_choices(x);
		int sec = -1;
		for (int k = 0; k < s->nsec; k++)
			if (!strcmp(s->secs[k], x->f->section))
				sec = k;
		if (sec < 0 && s->nsec < MAX_SECTIONS)
			s->secs[s->nsec++] = x->f->section;
	}
	edit_init(&s->prompt, 64);
	init_lists(a, s);
	new_form(a, s);
	return s;
}

static void form_close(void *st)
{
	struct form *s = st;
	for (int i = 0; i < s->nf; i++) {
		edit_release(&s->ff[i].ed);
		for (int k = 0; k < s->ff[i].nchoices; k++)
			free(s->ff[i].choices[k]);
		free(s->ff[i].choices);
	}
	free(s->ff);
	edit_release(&s->prompt);
	application_release(&s->ap);
	free(s->text);
	free(s->lines);
	free(s);
}

static int form_may_leave(struct app *a, void *st)
{
	struct form *s = st;
	if (!s->dirty)
		return 1;
	return ui_confirm(a, _("The form has unsaved changes. Leave it anyway?"));
}

/* ==== saving, submitting, printing ==== */

static int save_draft(struct app *a, struct form *s, int quiet)
{
	struct yerr e;
	yerr_clear(&e);
	sync_to_ap(s);
	int64_t id = s->ap.case_id;
	if (db_application_save(a->d, &a->cat, &a->actor, &s->ap, &id, &e) < 0) {
		ui_say(a, 1, _("not saved (the form is kept): %s"), e.msg);
		return -1;
	}
	s->dirty = 0;
	if (!quiet)
		ui_say(a, 0, _("saved: %s #%lld (%s)"), *s->ap.case_no ? s->ap.case_no : _("draft"),
		       (long long)id, case_state_label(s->ap.state));
	return 0;
}

static void show_text(struct app *a, struct form *s, char *text)
{
	free(s->text);
	free(s->lines);
	s->text = text;
	s->lines = NULL;
	s->nlines = 0;
	for (char *p = text, *nl; p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		s->lines = xrealloc(s->lines, (size_t)(s->nlines + 1) * sizeof *s->lines);
		s->lines[s->nlines++] = p;
	}
	s->notice.pos.sel = s->notice.pos.top = 0;
	ui_list_set(&s->notice, s->lines, s->nlines);
	s->mode = M_DONE;
	(void)a;
}

/* The papers issued: one PDF in the notices folder (printed when a printer
 * is set), the status line says where, the screen shows their text. */
static void show_papers(struct app *a, struct form *s, struct document *docs, int n,
			const char *name, const char *what)
{
	char *path = NULL, warn[256];
	struct yerr e;
	yerr_clear(&e);
	if (papers_output(a->d, NULL, docs[0].case_no, name, docs, n, -1, &path, NULL, warn,
			  sizeof warn, &e) < 0)
		ui_say(a, 1, _("%s; the document failed: %s"), what, e.msg);
	else
		ui_say(a, *warn != 0, "%s · %s%s%s", what, path, *warn ? " · " : "", warn);
	free(path);
	struct sbuf b = { 0 };
	for (int i = 0; i < n; i++) {
		char *t = document_text(&docs[i]);
		sbuf_addf(&b, "%s%s", i ? "\n\n" : "", t);
		free(t);
	}
	documents_free(docs, n);
	show_text(a, s, b.s ? b.s : xstrdup(""));
}

/* Field errors of application_check ("key: reason") go beside the fields. */
static void show_problems(struct app *a, struct form *s, char **errs, int n)
{
	int first = -1;
	char said[400] = "";
	for (int k = 0; k < n; k++) {
		const char *colon = strstr(errs[k], ": ");
		size_t kl = colon ? (size_t)(colon - errs[k]) : 0;
		int slot = -1;
		for (int i = 0; i < s->nf && colon; i++)
			if (strlen(s->ff[i].f->key) == kl && !strncmp(s->ff[i].f->key, errs[k], kl)) {
				snprintf(s->ff[i].err, sizeof s->ff[i].err, "%s", colon + 2);
				s->ff[i].touched = 1;
				slot = i;
			}
		if (slot < 0 && colon && !strncmp(errs[k], "items", kl))
			slot = s->nf;
		if (slot < 0 && colon && !strncmp(errs[k], "materials", kl))
			slot = s->nf + a->cat.nitems;
		if (first < 0 && slot >= 0) {
			first = slot;
			/* the status line names the field as the form does, not by its key */
			if (slot < s->nf)
				snprintf(said, sizeof said, "%s: %s", _(s->ff[slot].f->label), colon + 2);
		}
	}
	if (first >= 0)
		s->focus = first < nslots(a, s) ? first : s->nf;
	ui_say(a, 1, ngettext("%d problem, submit blocked: %s", "%d problems, submit blocked: %s",
			      (unsigned long)n), n, said[0] ? said : errs[0]);
}

static void act_submit(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode != M_FORM)
		return;
	sync_to_ap(s);
	char **errs;
	int n = application_check(a->d, &a->cat, &s->ap, &errs);
	if (n) {
		show_problems(a, s, errs, n);
		for (int i = 0; i < n; i++)
			free(errs[i]);
		free(errs);
		return;
	}
	free(errs);
	struct yerr e;
	yerr_clear(&e);
	int64_t id = s->ap.case_id;
	enum case_state cs = s->ap.state;
	char *notice = NULL;
	/* what the form held, for a paper that fails after the submit */
	struct application was = { .case_id = s->ap.case_id, .state = s->ap.state };
	snprintf(was.case_no, sizeof was.case_no, "%s", s->ap.case_no);
	snprintf(was.supplement_due, sizeof was.supplement_due, "%s", s->ap.supplement_due);
	/* the submit and its papers in one transaction: the query code is
	 * drawn, hashed, sent and printed on the receipt together */
	if (db_begin(a->d, &e) < 0) {
		ui_say(a, 1, _("not submitted (the form is kept): %s"), e.msg);
		return;
	}
	if (db_application_submit(a->d, &a->cat, &a->actor, &s->ap, &id, &cs, &notice, &e) < 0) {
		if (e.code == YERR_STATE && s->ap.case_id) {
			s->dirty = 0; /* the marks were saved */
			struct yerr ce;
			yerr_clear(&ce);
			db_commit(a->d, &ce);
		} else {
			db_rollback(a->d);
		}
		ui_say(a, 1, _("not submitted (the form is kept): %s"), e.msg);
		free(notice);
		return;
	}
	free(notice);
	enum doc_kind kinds[2] = { DK_RECEIPT, DK_ACCEPTANCE };
	int nk = 2;
	if (cs != CS_ACCEPTED) {
		kinds[0] = DK_DEFICIENCY;
		nk = 1;
	}
	struct doc_request rq = { .kind = kinds[0], .query_code = s->ap.query_code };
	struct document *docs = NULL;
	int nd = 0;
	if (papers_issue(a->d, &a->cat, a->forms_dir, &a->actor, s->ap.case_no, kinds, nk, &rq,
			 &docs, &nd, &e) < 0 || db_commit(a->d, &e) < 0) {
		db_rollback(a->d);
		s->ap.case_id = was.case_id;
		s->ap.state = was.state;
		snprintf(s->ap.case_no, sizeof s->ap.case_no, "%s", was.case_no);
		snprintf(s->ap.supplement_due, sizeof s->ap.supplement_due, "%s", was.supplement_due);
		s->ap.query_code[0] = '\0';
		ui_say(a, 1, _("not submitted (the form is kept): the papers failed: %s"), e.msg);
		return;
	}
	s->ap.query_code[0] = '\0';
	s->dirty = 0;
	char what[160];
	snprintf(what, sizeof what, "%s %s", s->ap.case_no, case_state_label(cs));
	show_papers(a, s, docs, nd, cs == CS_ACCEPTED ? "accepted" : "deficiency", what);
	a->current_case = id;
}

static void act_save(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode == M_FORM)
		save_draft(a, s, 0);
}

static void act_print_form(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode != M_FORM || save_draft(a, s, 1) < 0)
		return;
	char *text = NULL;
	struct yerr e;
	yerr_clear(&e);
	if (db_application_notice(a->d, &a->cat, s->ap.case_id, "form", &text, &e) < 0) {
		ui_say(a, 1, "%s", e.msg);
		return;
	}
	char ref[32];
	snprintf(ref, sizeof ref, "%s", *s->ap.case_no ? s->ap.case_no : "");
	if (!*ref)
		snprintf(ref, sizeof ref, "case%lld", (long long)s->ap.case_id);
	char *path = NULL, warn[256];
	if (notice_output(a->d, ref, "form", text, 1, &path, warn, sizeof warn, &e) < 0 ||
	    db_application_letter(a->d, &a->actor, s->ap.case_id, "form", text, path, &e) < 0)
		ui_say(a, 1, "%s", e.msg);
	else
		ui_say(a, *warn != 0, _("application form for signature: %s %s"), path, warn);
	free(path);
	free(text);
}

static void start_prompt(struct app *a, struct form *s, enum prompt_for p, const char *init)
{
	edit_set(&s->prompt, init);
	s->prompt_for = p;
	s->mode = M_PROMPT;
	if (p == P_OPEN)
		ui_say(a, 0, "%s", _("case number (full or short: 20261128-0002, 0002), online id, ID "
				     "number or its last digits and a name, a name or employer; Enter "
				     "opens (alone: the current case), Esc cancels"));
	else
		ui_say(a, 0, "%s", _("the reason it is not accepted; Enter confirms, Esc cancels"));
}

static void act_open(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode == M_PROMPT || (s->dirty && !form_may_leave(a, s)))
		return;
	/* empty: what is typed is the whole reference (Enter alone opens the
	 * current case) */
	start_prompt(a, s, P_OPEN, "");
}

static void act_refuse(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode != M_FORM)
		return;
	char *an = value_of(s, "applicant.name"), *wn = value_of(s, "worker.name");
	int nobody = !*an && !*wn;
	free(an);
	free(wn);
	if (nobody) {
		ui_say(a, 1, "%s", _("nothing to refuse: the application names neither the "
				     "applicant nor the worker"));
		return;
	}
	if (!s->ap.case_id && save_draft(a, s, 1) < 0)
		return;
	start_prompt(a, s, P_REFUSE, "");
}

static void do_refuse(struct app *a, struct form *s, const char *reason)
{
	if (s->dirty && save_draft(a, s, 1) < 0)
		return;
	char *notice = NULL;
	struct yerr e;
	yerr_clear(&e);
	int64_t id = s->ap.case_id;
	struct document *docs = NULL;
	int n = 0;
	/* the refusal and its 不予受理决定书 in one transaction */
	int rc = db_begin(a->d, &e);
	if (rc == 0)
		rc = db_application_refuse(a->d, &a->actor, id, reason, &notice, &e);
	free(notice);
	if (rc == 0 && (rc = db_application_load(a->d, &a->cat, id, &s->ap, &e)) == 0) {
		enum doc_kind k = DK_REFUSAL;
		struct doc_request rq = { .kind = k };
		rc = papers_issue(a->d, &a->cat, a->forms_dir, &a->actor, s->ap.case_no, &k, 1, &rq,
				  &docs, &n, &e);
	}
	if (rc == 0)
		rc = db_commit(a->d, &e);
	else
		db_rollback(a->d);
	if (rc < 0) {
		db_application_load(a->d, &a->cat, id, &s->ap, NULL);
		ui_say(a, 1, "%s", e.msg);
		return;
	}
	char what[160];
	snprintf(what, sizeof what, "%s %s", s->ap.case_no, case_state_label(CS_NOT_ACCEPTED));
	show_papers(a, s, docs, n, "refusal", what);
}

static void run_prompt(struct app *a, struct form *s)
{
	char *v = edit_get(&s->prompt);
	s->mode = M_FORM;
	if (s->prompt_for == P_REFUSE) {
		if (*v)
			do_refuse(a, s, v);
		else
			ui_say(a, 1, "%s", _("a refusal needs the reason"));
		free(v);
		return;
	}
	int64_t id = a->current_case;
	struct yerr e;
	yerr_clear(&e);
	int rc = *v ? db_application_find(a->d, v, &id, &e) : id ? 0 : 1;
	struct find_result fr = { 0 };
	if (rc == 1 && *v) {
		/* not a number as stored: what the lookup (F5) takes, the short
		 * number, the ID's last digits and a name, a name or employer */
		yerr_clear(&e);
		rc = db_case_find(a->d, v, &fr, &e) < 0 ? -1 : fr.nids == 1 ? 0 : fr.nids ? 2 : 1;
		if (rc == 0)
			id = fr.ids[0];
		find_result_release(&fr);
	}
	if (rc == 1 && !*v)
		ui_say(a, 1, "%s", _("type the case number, online id, ID number or name"));
	else if (rc == 1)
		ui_say(a, 1, _("no case '%s'"), v);
	else if (rc < 0)
		ui_say(a, 1, "%s", e.msg);
	else if (rc == 2) { /* several: the lookup lists them to choose from */
		snprintf(a->lookup_text, sizeof a->lookup_text, "%s", v);
		a->switch_to = &ui_view_lookup;
	} else
		open_case(a, s, id);
	free(v);
}

static void act_intake(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode == M_PROMPT || (s->dirty && !form_may_leave(a, s)))
		return;
	struct yerr e;
	yerr_clear(&e);
	int n = db_application_intake(a->d, "", 0, MAX_INTAKE, s->rows, &e);
	if (n < 0) {
		ui_say(a, 1, "%s", e.msg);
		return;
	}
	s->nrows = n;
	s->intake.pos.sel = s->intake.pos.top = 0;
	ui_list_set(&s->intake, s->rows, n);
	s->dirty = 0;
	s->mode = M_INTAKE;
	ui_say(a, 0, ngettext("%d online application waiting; Enter opens it",
			      "%d online applications waiting; Enter opens one", (unsigned long)n), n);
}

static void act_back(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode == M_INTAKE || s->mode == M_DONE) {
		new_form(a, s);
		return;
	}
	/* the form itself: back to a clean one, once the clerk agrees */
	if (s->dirty && !form_may_leave(a, s))
		return;
	new_form(a, s);
	ui_say(a, 0, "%s", _("new application (F3..F5: the other views)"));
}

/* ==== checklist and materials ==== */

static void tick_item(struct app *a, struct form *s, int i)
{
	const struct catalog *c = &a->cat;
	itemset bit = 1u << i;
	char why[256], *kv = value_of(s, "accident.kind");
	int kind = KIND_INJURY;
	kind_parse(kv, &kind);
	free(kv);
	if (s->ap.items & bit) {
		s->ap.items &= ~bit;
	} else if (!rule_item_allowed(c, i, kind, why, sizeof why)) {
		ui_say(a, 1, "%s", why);
		return;
	} else {
		s->ap.items |= bit;
		itemset miss = rule_missing_prereqs(c, s->ap.items, s->decided);
		if (miss) {
			char *codes = catalog_format_items(c, miss), q[256];
			snprintf(q, sizeof q, _("%s needs %s first. Tick %s too?"), c->items[i].code, codes,
				 codes);
			if (ui_confirm(a, q))
				s->ap.items |= miss;
			free(codes);
		}
	}
	s->dirty = 1;
	refresh_materials(a, s);
	refresh_window(a, s);
	if (s->window_msg[0])
		ui_say(a, 1, "%s", s->window_msg);
}

static const struct merged_material *focused_material(const struct app *a, const struct form *s)
{
	int k = s->focus - s->nf - a->cat.nitems;
	return k >= 0 && k < s->nmm ? &s->mm[k] : NULL;
}

static void set_material(struct app *a, struct form *s, enum material_status ms)
{
	const struct merged_material *mm = focused_material(a, s);
	if (s->mode != M_FORM)
		return;
	if (!mm) {
		ui_say(a, 1, "%s", _("go to a material first (Tab to the materials page)"));
		return;
	}
	const struct material *m = &a->cat.materials[mm->material];
	if (mm->produced) {
		ui_say(a, 1, _("%s is produced inside this application: never asked of the applicant"),
		       m->code);
		return;
	}
	if (ms == MS_COMMITTED && !mm->commitment_ok) {
		ui_say(a, 1, _("%s cannot be replaced by a notice-commitment for these items"), m->code);
		return;
	}
	s->ap.mstatus[mm->material] = ms;
	s->dirty = 1;
	if (s->focus + 1 < nslots(a, s))
		s->focus++;
}

static void act_received(struct app *a, void *st) { set_material(a, st, MS_RECEIVED); }
static void act_missing(struct app *a, void *st) { set_material(a, st, MS_MISSING); }
static void act_shared(struct app *a, void *st) { set_material(a, st, MS_SHARED); }
static void act_committed(struct app *a, void *st) { set_material(a, st, MS_COMMITTED); }

static void act_all_received(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode != M_FORM)
		return;
	for (int k = 0; k < s->nmm; k++)
		if (!s->mm[k].produced && s->mm[k].required &&
		    s->ap.mstatus[s->mm[k].material] == MS_MISSING)
			s->ap.mstatus[s->mm[k].material] = MS_RECEIVED;
	s->dirty = 1;
	ui_say(a, 0, "%s", _("every required material marked received"));
}

/* Space: tick an item, change a choice, or cycle a material's status. */
static void act_space(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode != M_FORM)
		return;
	if (s->focus < s->nf) {
		struct ffield *x = &s->ff[s->focus];
		if (x->nchoices) {
			x->choice = (x->choice + 1) % x->nchoices;
			field_changed(a, s, s->focus);
		}
	} else if (s->focus < s->nf + a->cat.nitems) {
		tick_item(a, s, s->focus - s->nf);
	} else if (focused_material(a, s)) {
		enum material_status cur = s->ap.mstatus[focused_material(a, s)->material];
		int f = s->focus;
		set_material(a, s, cur == MS_RECEIVED ? MS_MISSING : MS_RECEIVED);
		s->focus = f;
	}
}

/* ==== moving ==== */

static void act_next(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode == M_FORM)
		move_focus(a, s, 1);
}

static void act_prev(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode == M_FORM)
		move_focus(a, s, -1);
}

static void act_page(struct app *a, struct form *s, int delta)
{
	int p = page_of(a, s, s->focus) + delta, last = s->nsec + 1;
	if (p < 0)
		p = 0;
	if (p > last)
		p = last;
	if (p == last && !s->nmm)
		p = last - 1;
	s->focus = first_slot_of_page(a, s, p);
}

static void act_pgdn(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode == M_DONE)
		ui_list_pgdn(&s->notice);
	else if (s->mode == M_FORM)
		act_page(a, s, 1);
}

static void act_pgup(struct app *a, void *st)
{
	struct form *s = st;
	if (s->mode == M_DONE)
		ui_list_pgup(&s->notice);
	else if (s->mode == M_FORM)
		act_page(a, s, -1);
}

/* Down and Enter act as Tab, Up as Shift-Tab, and m s c a as r on the
 * materials page (form_key): the table keeps to what F1 can show at 80x24. */
/* The editing keys act in the focused text field (edit_key); the table
 * lists them so F1 shows them, and says so when no text field has focus. */
static void act_edit_elsewhere(struct app *a, void *st)
{
	(void)st;
	ui_say(a, 0, "%s", _("that key edits the text of a field"));
}

/* Ctrl-F: the application relies on one of the worker's earlier accidents
 * (apply --follows).  Each press picks the next earlier case, shown with
 * its case number, accident date and decisions, and after the last none:
 * nothing is matched silently. */
static void act_follow(struct app *a, void *st)
{
	struct form *s = st;
	sync_to_ap(s);
	const char *id = application_get(&s->ap, "worker.id_number");
	if (validate_citizen_id(id, NULL) != 0) {
		ui_say(a, 1, "%s", _("enter the worker's ID number first: the earlier accidents "
				     "are the worker's"));
		return;
	}
	struct earlier_case ec[16];
	struct yerr e;
	yerr_clear(&e);
	int n = db_application_earlier(a->d, &a->cat, id, s->ap.case_id, ec, 16, &e);
	if (n < 0) {
		ui_say(a, 1, "%s", e.msg);
		return;
	}
	if (n == 0 && !s->ap.follows[0]) {
		ui_say(a, 0, "%s", _("the worker has no earlier case: the prerequisites are ticked "
				     "in this one"));
		return;
	}
	int next = 0;
	for (int i = 0; i < n; i++)
		if (!strcmp(ec[i].case_no, s->ap.follows))
			next = i + 1;
	if (next >= n) {
		s->ap.follows[0] = '\0';
		ui_say(a, 0, "%s", _("follows no earlier case: the prerequisites are ticked in "
				     "this one"));
	} else {
		if (db_application_follow(a->d, &a->cat, &s->ap, ec[next].case_no, &e) < 0) {
			ui_say(a, 1, "%s", e.msg);
			return;
		}
		/* the followed case's accident fills what is still empty */
		for (int i = 0; i < s->nf; i++) {
			char *v = field_value(&s->ff[i]);
			const char *nv = application_get(&s->ap, s->ff[i].f->key);
			if (!*v && *nv)
				set_value(&s->ff[i], nv);
			free(v);
		}
		for (int k = 0; k < s->nf; k++)
			validate_slot(s, k);
		ui_say(a, 0, _("follows %s (%s, %s): %s [%d/%d]"), ec[next].case_no,
		       ec[next].accident_date,
		       kind_label(!strcmp(ec[next].kind, "death") ? KIND_DEATH : KIND_INJURY),
		       ec[next].decisions, next + 1, n);
	}
	s->dirty = 1;
	refresh_decided(a, s);
	refresh_window(a, s);
}

static const struct ui_action actions[] = {
	{ '\t', "Tab Down", N_("Next field or row (Enter too)"), act_next },
	{ KEY_BTAB, "S-Tab Up", N_("Previous field or row"), act_prev },
	{ KEY_NPAGE, "PgDn", N_("Next page"), act_pgdn },
	{ KEY_PPAGE, "PgUp", N_("Previous page"), act_pgup },
	{ ' ', "Space", N_("Tick the item, change the choice, toggle the material"), act_space },
	{ 'r', "r m s c", N_("Material received, missing, data sharing, commitment; a: all"),
	  act_received },
	{ 19, "Ctrl-S", N_("Save as draft"), act_save },
	{ KEY_F(9), "F9", N_("Submit: accept, or the one-time notice of what is missing"),
	  act_submit },
	{ 16, "Ctrl-P", N_("Print the application form for signature"), act_print_form },
	{ 18, "Ctrl-R", N_("Not accepted: refuse with the reason and the remedy"), act_refuse },
	{ 6, "Ctrl-F", N_("Follow an earlier accident of the worker (each press: the next)"),
	  act_follow },
	{ KEY_F(6), "F6", N_("Open a saved case (number, online id or #id)"), act_open },
	{ KEY_F(7), "F7", N_("Online applications waiting at the window"), act_intake },
	{ 27, "Esc", N_("Back: a new application (asks when there are unsaved changes)"),
	  act_back },
	{ KEY_HOME, "Home End", N_("Start or end of the text; Left, Right by whole characters"),
	  act_edit_elsewhere },
	{ 11, "Ctrl-K U", N_("Delete to the end or (Ctrl-U) all; Backspace/Delete one char"),
	  act_edit_elsewhere },
};

/* ==== keys that are not in the table: typing ==== */

static int edit_key(struct app *a, struct form *s, struct edit *ed, int is_key, wint_t ch)
{
	(void)s;
	return ui_edit_key(a, ed, is_key, ch);
}

/* m s c a on the materials page (r is in the action table). */
static int material_key(struct app *a, struct form *s, int is_key, wint_t ch)
{
	if (is_key || s->focus < s->nf + a->cat.nitems)
		return 0;
	switch (ch) {
	case 'm': act_missing(a, s); return 1;
	case 's': act_shared(a, s); return 1;
	case 'c': act_committed(a, s); return 1;
	case 'a': act_all_received(a, s); return 1;
	default: return 0;
	}
}

static int key_intake(struct app *a, struct form *s, int is_key, wint_t ch)
{
	if (ui_list_key(&s->intake, is_key, ch))
		return 1;
	if (is_key || (ch != '\n' && ch != '\r'))
		return 0;
	const struct intake_row *r = ui_list_selected(&s->intake);
	int64_t id = r ? r->id : 0;
	if (r && r->inbox) {
		/* the row becomes a case now: persons, employer, materials */
		struct yerr e;
		yerr_clear(&e);
		if (db_inbox_open(a->d, &a->cat, &a->actor, r->ext_id, &id, &e) != 0) {
			ui_say(a, 1, "%s", e.msg[0] ? e.msg : _("no such online application"));
			return 1;
		}
	}
	if (id)
		open_case(a, s, id);
	return 1;
}

static int key_done(struct form *s, int is_key, wint_t ch)
{
	return ui_list_key(&s->notice, is_key, ch);
}

static int form_key(struct app *a, void *st, int is_key, wint_t ch)
{
	struct form *s = st;
	switch (s->mode) {
	case M_PROMPT:
		if (!is_key && (ch == '\n' || ch == '\r'))
			run_prompt(a, s);
		else if (!is_key && ch == 27)
			s->mode = M_FORM;
		else
			edit_key(a, s, &s->prompt, is_key, ch);
		return 1;
	case M_INTAKE: return key_intake(a, s, is_key, ch);
	case M_DONE: return key_done(s, is_key, ch);
	default: break;
	}
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_DOWN)) {
		move_focus(a, s, 1);
		return 1;
	}
	if (is_key && ch == KEY_UP) {
		move_focus(a, s, -1);
		return 1;
	}
	if (s->focus >= s->nf)
		return material_key(a, s, is_key, ch);
	struct ffield *x = &s->ff[s->focus];
	if (x->nchoices) {
		if (is_key && (ch == KEY_LEFT || ch == KEY_RIGHT)) {
			int d = ch == KEY_LEFT ? x->nchoices - 1 : 1;
			x->choice = (x->choice + d) % x->nchoices;
			field_changed(a, s, s->focus);
			return 1;
		}
		return 0;
	}
	x->ed.changed = 0;
	if (!edit_key(a, s, &x->ed, is_key, ch))
		return 0;
	if (x->ed.changed)
		field_changed(a, s, s->focus);
	return 1;
}

/* ==== drawing ==== */

static void warn_attr(int on)
{
	int attr = ui_color() ? COLOR_PAIR(UI_PAIR_WARN) | A_BOLD : A_BOLD;
	on ? attron(attr) : attroff(attr);
}

static void draw_tabs(struct app *a, struct form *s, int y)
{
	static const char *const sec_msgids[][2] = {
		{ "applicant", N_("Applicant") }, { "worker", N_("Worker") },
		{ "employer", N_("Employer") }, { "accident", N_("Accident") },
		{ "delivery", N_("Delivery") },
	};
	int page = page_of(a, s, s->focus), x = 0;
	ui_put(y, 0, "", COLS);
	for (int p = 0; p < s->nsec + 2 && x < COLS; p++) {
		const char *name = p == s->nsec ? _("Items") : p == s->nsec + 1 ? _("Materials")
								  : s->secs[p];
		for (size_t k = 0; p < s->nsec && k < ARRAY_SIZE(sec_msgids); k++)
			if (!strcmp(sec_msgids[k][0], s->secs[p]))
				name = _(sec_msgids[k][1]);
		char t[64];
		snprintf(t, sizeof t, "%d %s", p + 1, name);
		int w = text_width(t);
		if (p == page)
			attron(A_REVERSE | A_BOLD);
		ui_put(y, x, t, w < COLS - x ? w : COLS - x);
		if (p == page)
			attroff(A_REVERSE | A_BOLD);
		x += w + 2;
	}
}

/* The case this form is (right) and the application-window warning (left). */
static void draw_caseline(struct form *s, int y)
{
	char ref[96];
	if (*s->ap.case_no)
		snprintf(ref, sizeof ref, "%s %s", s->ap.case_no, case_state_label(s->ap.state));
	else if (s->ap.case_id)
		snprintf(ref, sizeof ref, "#%lld %s", (long long)s->ap.case_id,
			 case_state_label(s->ap.state));
	else
		snprintf(ref, sizeof ref, "%s", _("new application"));
	if (s->dirty)
		strncat(ref, " *", sizeof ref - strlen(ref) - 1);
	int w = text_width(ref);
	ui_put(y, 0, "", COLS);
	if (s->window_msg[0]) {
		warn_attr(1);
		ui_put(y, 0, s->window_msg, COLS - w - 2);
		warn_attr(0);
	}
	ui_put(y, COLS - w - 1, ref, w);
}

static void draw_editor(struct app *a, struct edit *ed, int y, int x, int w, int focused)
{
	int first, count, col;
	edit_layout(ed, w, &first, &count, &col);
	struct edit slice = { .buf = ed->buf + first, .len = count };
	char *txt = edit_get(&slice);
	attron(focused ? A_REVERSE : A_UNDERLINE);
	ui_put(y, x, txt, w);
	attroff(focused ? A_REVERSE : A_UNDERLINE);
	free(txt);
	if (focused) {
		a->cursor_y = y;
		a->cursor_x = x + col;
	}
}

static void draw_field(struct app *a, struct form *s, int i, int y)
{
	struct ffield *x = &s->ff[i];
	int focused = s->focus == i, bw = COLS - LABEL_W - 20;
	if (bw > 44)
		bw = 44;
	char label[160];
	snprintf(label, sizeof label, " %s%s", x->f->required ? "*" : " ", _(x->f->label));
	if (focused)
		attron(A_BOLD);
	ui_put(y, 0, label, LABEL_W - 1);   /* a gap before the value, always */
	if (focused)
		attroff(A_BOLD);
	if (x->nchoices) {
		char t[160];
		snprintf(t, sizeof t, "< %s >", choice_label(x, x->choices[x->choice]));
		attron(focused ? A_REVERSE : A_NORMAL);
		ui_put(y, LABEL_W, t, bw);
		attroff(focused ? A_REVERSE : A_NORMAL);
	} else {
		draw_editor(a, &x->ed, y, LABEL_W, bw, focused);
	}
	int ex = LABEL_W + bw + 1;
	if (x->err[0] && x->touched) {
		char t[300];
		snprintf(t, sizeof t, "! %s", x->err);
		warn_attr(1);
		ui_put(y, ex, t, COLS - ex);
		warn_attr(0);
	} else {
		ui_put(y, ex, x->info, COLS - ex);
	}
}

static void draw_fields(struct app *a, struct form *s, int page, int top, int height)
{
	int y = top, n = 0, fpos = 0;
	for (int i = 0; i < s->nf; i++)
		if (section_of(s, s->ff[i].f->section) == page) {
			if (i == s->focus)
				fpos = n;
			n++;
		}
	int skip = fpos >= height ? fpos - height + 1 : 0, k = 0;
	for (int i = 0; i < s->nf && y < top + height; i++) {
		if (section_of(s, s->ff[i].f->section) != page || k++ < skip)
			continue;
		draw_field(a, s, i, y++);
	}
	for (; y < top + height; y++)
		ui_put(y, 0, "", COLS);
}

/* The width of a name column: what the screen leaves after the other
 * columns (at least min), so nothing is cut that the screen could show. */
static int flex_width(int others, int min)
{
	int w = COLS - others;
	return w < min ? min : w;
}

/* ---- the items page: a new column is a row of item_columns[] ---- */

#define FORM(c) ((const struct form *)(c))
#define ITEM(r) ((const struct item *)(r))
static int item_index(const void *r, const void *c)
{
	return (int)(ITEM(r) - FORM(c)->cat->items);
}
static const char *tick_mark(const void *r, const void *c)
{
	return FORM(c)->ap.items & (1u << item_index(r, c)) ? " [x] " : " [ ] ";
}
static const char *i_code(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ITEM(r)->code;
}
static const char *i_name(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ITEM(r)->name;
}
static const char *i_office(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return category_label(ITEM(r)->cat);
}
static const char *i_limit(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o;
	const struct item *it = ITEM(r);
	snprintf(b, n, it->day_kind == DAYS_WORKING ? _("%d/%d working days") : _("%d/%d days"),
		 it->promised_days, it->limit_days);
	return b;
}
static int item_ok(const void *r, const void *c)
{
	char why[256];
	return rule_item_allowed(FORM(c)->cat, item_index(r, c), FORM(c)->kind, why, sizeof why);
}
static const char *i_note(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)o, (void)b, (void)n;
	itemset bit = 1u << item_index(r, c);
	if (!item_ok(r, c))
		return ITEM(r)->kinds == KIND_DEATH ? _("death cases only") : _("injury cases only");
	if (FORM(c)->decided & bit)
		return _("decided in an earlier case");
	return FORM(c)->waiting & bit ? _("waits for a decision") : "";
}
static int item_attr(const void *r, const void *c, int selected)
{
	if (selected)
		return (int)A_REVERSE;
	return item_ok(r, c) ? (int)A_NORMAL : ui_color() ? (int)COLOR_PAIR(UI_PAIR_DIM) : (int)A_DIM;
}

static const struct column item_columns[] = {
	{ "", "code", 3, i_code },
	{ "", "name", 30, i_name },  /* width: set as drawn (draw_items) */
	{ "", "office", 10, i_office },
	{ "", "limit", 16, i_limit },
	{ "", "note", 0, i_note },
};

static void draw_items(struct app *a, struct form *s, int top, int height)
{
	const struct catalog *c = &a->cat;
	char *kv = value_of(s, "accident.kind");
	s->kind = KIND_INJURY;
	kind_parse(kv, &s->kind);
	free(kv);
	s->waiting = rule_waiting_items(c, s->ap.items, s->decided);
	/* the name column: as wide as the longest name, less what the notes
	 * shown need */
	int longest = 0, notes = 0, ow = 0, lw = 0;
	for (int i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		char lim[64];
		longest = text_widest(longest, it->name);
		ow = text_widest(ow, i_office(it, s, COL_SCREEN, lim, sizeof lim));
		lw = text_widest(lw, i_limit(it, s, COL_SCREEN, lim, sizeof lim));
		notes = text_widest(notes, i_note(it, s, COL_SCREEN, lim, sizeof lim));
	}
	/* the office, the limit and the notes as wide as their longest words
	 * in this language (English "Administrative", "15/20 working days",
	 * "waits for a decision"); the name takes what is left (its whole
	 * text on the status line when it is cut and selected) */
	s->item_cols[2].width = ow + 1;
	s->item_cols[3].width = lw + 1;
	int nw = flex_width(9 + ow + 1 + lw + 1 + notes, 12);
	s->item_cols[1].width = nw > longest + 1 ? longest + 1 : nw;
	int fi = s->focus - s->nf;
	ui_list_set(&s->items, c->items, c->nitems);
	ui_list_select(&s->items, fi >= 0 && fi < c->nitems ? fi : 0);
	ui_list_draw(&s->items, top, height);
	const struct item *it = ui_list_selected(&s->items);
	if (it && text_width(it->name) > s->item_cols[1].width - 1 && !a->msg[0])
		snprintf(a->msg, sizeof a->msg, "%s %s", it->code, it->name); /* the full name */
}

/* ---- the materials page: a new column is a row of mat_columns[] ---- */

#define MM(r) ((const struct merged_material *)(r))
static const struct material *mat_of(const void *r, const void *c)
{
	return &FORM(c)->cat->materials[MM(r)->material];
}
static const char *need_mark(const void *r, const void *c)
{
	(void)c;
	return MM(r)->required ? " *" : "  ";
}
static const char *m_code(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)o, (void)b, (void)n;
	return mat_of(r, c)->code;
}
static const char *m_name(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)o, (void)b, (void)n;
	return mat_of(r, c)->name;
}
static const char *m_status(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)o;
	const struct merged_material *mm = MM(r);
	enum material_status ms = application_mstatus(&FORM(c)->ap, mm);
	/* an optional material not handed in is not missing: [if needed] */
	snprintf(b, n, "[%s]", ms == MS_MISSING && !mm->required && !mm->produced
				       ? _("if needed") : material_status_label(ms));
	return b;
}
static const char *m_items(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)o;
	char *items = catalog_format_items(FORM(c)->cat, MM(r)->items);
	snprintf(b, n, "%s", items);
	if (MM(r)->commitment_ok)
		snprintf(b + strlen(b), n - strlen(b), "  (%s)", _("commitment allowed"));
	free(items);
	return b;
}
static int mat_attr(const void *r, const void *c, int selected)
{
	const struct merged_material *mm = MM(r);
	if (selected)
		return (int)A_REVERSE;
	int attr = mm->produced ? (int)A_DIM : (int)A_NORMAL;
	if (application_mstatus(&FORM(c)->ap, mm) == MS_MISSING && mm->required)
		attr |= ui_color() ? (int)(COLOR_PAIR(UI_PAIR_WARN) | A_BOLD) : (int)A_BOLD;
	return attr;
}

static const struct column mat_columns[] = {
	{ "", "code", 4, m_code },
	{ "", "name", 34, m_name },  /* width: set as drawn (draw_materials) */
	{ "", "status", 16, m_status }, /* width: set as drawn */
	{ "", "items", 0, m_items },
};

static void draw_materials(struct app *a, struct form *s, int top, int height)
{
	const struct catalog *c = &a->cat;
	ui_put(top, 0, _(" r received · m missing · s data sharing · c commitment · a all received"),
	       COLS);
	int fk = s->focus - s->nf - c->nitems;
	/* the status column as wide as its longest word in this language
	 * ([produced in bundle] is not cut), the name column as wide as the
	 * longest name while the items keep 24 columns */
	int sw = text_width(_("if needed")), longest = 0;
	for (int ms = 0; ms < MS_N; ms++) {
		int w = text_width(material_status_label((enum material_status)ms));
		sw = w > sw ? w : sw;
	}
	s->mat_cols[2].width = sw + 4;
	for (int i = 0; i < s->nmm; i++) {
		int w = text_width(c->materials[s->mm[i].material].name);
		longest = w > longest ? w : longest;
	}
	int nw = flex_width(6 + s->mat_cols[2].width + 24, 34);
	s->mat_cols[1].width = nw > longest + 1 ? longest + 1 : nw;
	ui_list_set(&s->mats, s->mm, s->nmm);
	ui_list_select(&s->mats, fk >= 0 && fk < s->nmm ? fk : 0);
	ui_list_draw(&s->mats, top + 1, height - 1);
	const struct merged_material *mm = ui_list_selected(&s->mats);
	const struct material *m = mm && fk >= 0 ? &c->materials[mm->material] : NULL;
	if (m && text_width(m->name) > s->mat_cols[1].width - 1 && !a->msg[0])
		snprintf(a->msg, sizeof a->msg, "%s %s", m->code, m->name); /* the full name */
}

static void draw_text(struct form *s, int top, int height)
{
	ui_put(top, 0, _(" The notice as printed · Up/Down/PgUp/PgDn scroll · Esc: a new application"),
	       COLS);
	ui_list_draw(&s->notice, top + 1, height - 1);
}

static const char *t_line(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return *(char *const *)r;
}

static const struct column text_columns[] = {
	{ "", "line", 0, t_line },
};

static void init_lists(struct app *a, struct form *s)
{
	_Static_assert(sizeof item_columns == sizeof s->item_cols, "item_cols holds item_columns");
	_Static_assert(sizeof mat_columns == sizeof s->mat_cols, "mat_cols holds mat_columns");
	s->cat = &a->cat;
	memcpy(s->item_cols, item_columns, sizeof item_columns);
	memcpy(s->mat_cols, mat_columns, sizeof mat_columns);
	s->items = (struct ui_list){ .cols = s->item_cols, .ncols = (int)ARRAY_SIZE(item_columns),
				     .ctx = s, .mark_w = 5, .mark = tick_mark, .attr = item_attr,
				     .show_pos = 1, .stride = sizeof(struct item) };
	s->mats = (struct ui_list){ .cols = s->mat_cols, .ncols = (int)ARRAY_SIZE(mat_columns),
				    .ctx = s, .mark_w = 2, .mark = need_mark, .attr = mat_attr,
				    .stride = sizeof s->mm[0] };
	s->notice = (struct ui_list){ .cols = text_columns, .ncols = 1, .pager = 1,
				      .stride = sizeof(char *) };
	/* F7: intake_columns[] (cli_application.c), as `yici intake` prints */
	s->intake = (struct ui_list){ .cols = intake_columns, .ncols = intake_ncolumns,
				      .header = 1, .mark_w = 1, .stride = sizeof s->rows[0] };
}

static void form_draw(struct app *a, void *st, int top, int height)
{
	struct form *s = st;
	s->height = height;
	if (s->mode == M_DONE) {
		draw_text(s, top, height);
		return;
	}
	if (s->mode == M_INTAKE) {
		ui_list_draw(&s->intake, top, height);
		return;
	}
	draw_tabs(a, s, top);
	draw_caseline(s, top + 1);
	int page = page_of(a, s, s->focus), body = top + 2, bh = height - 2;
	if (page < s->nsec)
		draw_fields(a, s, page, body, bh);
	else if (page == s->nsec)
		draw_items(a, s, body, bh);
	else
		draw_materials(a, s, body, bh);
	if (s->mode == M_PROMPT) {
		const char *label = s->prompt_for == P_OPEN ? _("Open case:") : _("Not accepted because:");
		int lw = text_width(label) + 2;
		attron(A_BOLD);
		ui_put(top + 1, 0, label, lw);
		attroff(A_BOLD);
		draw_editor(a, &s->prompt, top + 1, lw, COLS - lw - 1, 1);
	}
}

const struct ui_view ui_view_form = {
	.name = N_("Application"),
	.fkey = "F2",
	.fkeycode = KEY_F(2),
	.open = form_open,
	.close = form_close,
	.draw = form_draw,
	.key = form_key,
	.may_leave = form_may_leave,
	.actions = actions,
	.nactions = (int)ARRAY_SIZE(actions),
};
