/* ui_queue.c — the back-office queues (F3): one tab per office with its
 * counts (open, due soon in yellow, overdue in red, suspended, waiting,
 * ready for delivery), the task rows read with keyset paging, sort keys,
 * filters (mine, unassigned, overdue, state), incremental search, the
 * actions of the offices and the window (take, review, decide, suspend,
 * resume, extend, deliver, assign) with small prompts, and for supervisors
 * a fourth tab with the figures per office and officer and the overdue
 * list to reassign from.  Every action is one db_task call.  Layer: ui.
 * Why one file of over 800 lines: the actions' prompts and the drawing
 * share the queue's state (the tab, the page, the task acted on); the list
 * itself is ui_list.c and the columns cli_queue.c's table. */
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_columns.h"
#include "cli_doc.h"
#include "core_edit.h"
#include "core_task.h"
#include "core_text.h"
#include "db_audit.h"
#include "db_followup.h"
#include "db_application.h"
#include "db_queue.h"
#include "db_task.h"
#include "i18n.h"
#include "ui_list.h"

#define MAX_ROWS 128
#define HEAD 4 /* tab line, counts, filters, column titles */

/* The case view, when the workstation has one (weak: F3 works without). */
extern const struct ui_view ui_view_case __attribute__((weak));

enum { TAB_SUPERVISOR = CAT_N };

/* The state filter, cycled with f. */
static const struct {
	const char *label;
	unsigned states;
} filters[] = {
	{ N_("open"), QUEUE_OPEN_STATES },
	{ N_("accepted"), 1u << TS_ACCEPTED },
	{ N_("in review"), 1u << TS_IN_REVIEW },
	{ N_("suspended"), 1u << TS_SUSPENDED },
	{ N_("waiting"), 1u << TS_WAITING },
	{ N_("ready for delivery"), 1u << TS_DECIDED },
	{ N_("delivered"), 1u << TS_DELIVERED },
	{ N_("closed"), 1u << TS_CLOSED },
	{ N_("acceptance review"), 1u << TS_REVIEWING },
	{ N_("all"), (1u << TS_N) - 1 },
};
#define FILTER_READY 5

struct queue {
	int tab, ntabs, height;
	int filter, mine, unassigned, overdue;
	enum queue_sort sort;
	char search[128];
	int searching;          /* typing a search */
	struct queue_row rows[MAX_ROWS]; /* the page shown: list.pos.count rows */
	struct ui_list list;    /* keyset pages of queue_columns[] */
	struct app *a;
	struct queue_counts counts[CAT_N];
	struct queue_stat *stats;
	int nstats;
	struct thresholds th;
	long nfalse;            /* supervisor: cases with a commitment found false */
	char false_nos[3][24];
	long nfollow;           /* supervisor: poor evaluations to follow up */
	long nlapsed;           /* supervisor: deficient cases past the supplement deadline */
	char lapsed_no[32];     /* the longest overdue of them */
	char follow_due[11];
	long nrecover;          /* supervisor: payments to recover still open */
	char recover_due[11];
	struct queue_row acting; /* the task an action works on, copied: a
				  * redraw under its prompts may reload rows[] */
	int64_t changed;        /* the task the last action changed: kept in
				 * view, marked, even when it left the list */
};

static int page_rows(const struct queue *s)
{
	int h = ui_list_lines(&s->list);
	return h > MAX_ROWS ? MAX_ROWS : h;
}

static void build_query(const struct app *a, const struct queue *s, struct queue_query *q)
{
	memset(q, 0, sizeof *q);
	q->th = s->th;
	q->sort = s->sort;
	if (s->tab == TAB_SUPERVISOR) {
		q->overdue = 1;
		return;
	}
	q->cats = 1u << s->tab;
	q->states = filters[s->filter].states;
	q->assignee = s->mine ? a->actor.login : NULL;
	q->unassigned = s->unassigned;
	q->overdue = s->overdue;
}

/* A position just before p, so that a page "after" it starts with p. */
static struct queue_pos before(struct queue_pos p)
{
	p.id--;
	return p;
}

static void load_counts(struct app *a, struct queue *s)
{
	struct yerr e;
	yerr_clear(&e);
	queue_thresholds(a->d, &a->cat, &s->th, &e);
	for (int c = 0; c < CAT_N; c++)
		if (db_queue_counts(a->d, (enum category)c, &s->th, &s->counts[c], &e) < 0)
			ui_say(a, 1, "%s", e.msg);
	free(s->stats);
	s->stats = NULL;
	s->nstats = 0;
	if (s->tab == TAB_SUPERVISOR && db_queue_stats(a->d, &s->th, &s->stats, &s->nstats, &e) < 0)
		ui_say(a, 1, "%s", e.msg);
	if (s->tab == TAB_SUPERVISOR && (db_false_commitments(a->d, s->false_nos, 3, &s->nfalse, &e) < 0 ||
					 db_open_followups(a->d, &s->nfollow, s->follow_due, &e) < 0 ||
					 db_open_recoveries(a->d, &s->nrecover, s->recover_due, &e) < 0))
		ui_say(a, 1, "%s", e.msg);
	if (s->tab == TAB_SUPERVISOR) {
		struct lapsed_row lr;
		s->lapsed_no[0] = '\0';
		if (db_application_lapsed(a->d, &lr, 1, &s->nlapsed, &e) < 0)
			ui_say(a, 1, "%s", e.msg);
		else if (s->nlapsed)
			snprintf(s->lapsed_no, sizeof s->lapsed_no, "%s", lr.case_no);
	}
	if (s->nstats > s->height / 2)
		s->nstats = s->height / 2;
}

/* The list's keyset source: db_queue_page after, before or from a row. */
static int fetch_page(void *src, const void *from, int dir, int n, void *out)
{
	struct queue *s = src;
	struct yerr e;
	yerr_clear(&e);
	struct queue_query q;
	build_query(s->a, s, &q);
	struct queue_pos p;
	if (from)
		p = dir == 0 ? before(((const struct queue_row *)from)->pos)
			     : ((const struct queue_row *)from)->pos;
	int k = db_queue_page(s->a->d, &s->a->cat, &q, from ? &p : NULL, dir < 0 ? -1 : 1, n, out,
			      &e);
	if (k < 0)
		ui_say(s->a, 1, "%s", e.msg);
	return k;
}

static void reload(struct app *a, struct queue *s)
{
	load_counts(a, s);
	ui_list_reload(&s->list);
}

/* ---- moving: the list widget's keys ---- */

static struct ui_list *list_of(void *st)
{
	return &((struct queue *)st)->list;
}

static void act_down(struct app *a, void *st) { (void)a; ui_list_down(list_of(st)); }
static void act_up(struct app *a, void *st) { (void)a; ui_list_up(list_of(st)); }
static void act_pgdn(struct app *a, void *st) { (void)a; ui_list_pgdn(list_of(st)); }
static void act_pgup(struct app *a, void *st) { (void)a; ui_list_pgup(list_of(st)); }
static void act_home(struct app *a, void *st) { (void)a; ui_list_home(list_of(st)); }

/* ---- tabs, sorting, filters ---- */

static void go_tab(struct app *a, struct queue *s, int tab)
{
	s->tab = (tab + s->ntabs) % s->ntabs;
	ui_list_rewind(&s->list);
	reload(a, s);
}

static void act_next_tab(struct app *a, void *st)
{
	struct queue *s = st;
	go_tab(a, s, s->tab + 1);
}

static void act_prev_tab(struct app *a, void *st)
{
	struct queue *s = st;
	go_tab(a, s, s->tab - 1);
}

static void refilter(struct app *a, struct queue *s)
{
	(void)a;
	ui_list_rewind(&s->list);
	ui_list_reload(&s->list);
}

static void act_sort(struct app *a, void *st)
{
	struct queue *s = st;
	s->sort = (enum queue_sort)((s->sort + 1) % QSORT_N);
	refilter(a, s);
	ui_say(a, 0, _("sorted by %s"), queue_sort_label(s->sort));
}

static void act_mine(struct app *a, void *st)
{
	struct queue *s = st;
	s->mine = !s->mine;
	if (s->mine)
		s->unassigned = 0;
	refilter(a, s);
}

static void act_unassigned(struct app *a, void *st)
{
	struct queue *s = st;
	s->unassigned = !s->unassigned;
	if (s->unassigned)
		s->mine = 0;
	refilter(a, s);
}

static void act_overdue(struct app *a, void *st)
{
	struct queue *s = st;
	s->overdue = !s->overdue;
	refilter(a, s);
}

static void act_state(struct app *a, void *st)
{
	struct queue *s = st;
	s->filter = (s->filter + 1) % (int)ARRAY_SIZE(filters);
	refilter(a, s);
}

static void act_clear(struct app *a, void *st)
{
	struct queue *s = st;
	s->mine = s->unassigned = s->overdue = 0;
	s->filter = 0;
	s->search[0] = '\0';
	refilter(a, s);
}

/* ---- search: jumps to the next row whose case number or worker name
 * contains the text, from the selected row on ---- */

static int search_from(struct app *a, struct queue *s, int include_current)
{
	if (!s->search[0])
		return 0;
	struct yerr e;
	struct queue_query q;
	struct queue_row hit;
	build_query(a, s, &q);
	q.search = s->search;
	const struct queue_row *cur = ui_list_selected(&s->list);
	const struct queue_row *start = s->list.start;
	struct queue_pos from = cur ? cur->pos : start ? before(start->pos) : (struct queue_pos){ 0 };
	if (cur && include_current)
		from = before(from);
	int have = cur || start;
	int n = db_queue_page(a->d, &a->cat, &q, have ? &from : NULL, 1, 1, &hit, &e);
	if (n != 1) {
		ui_say(a, 1, _("'%s' not found further down"), s->search);
		return 0;
	}
	ui_list_start_at(&s->list, &hit);
	return 1;
}

static void act_search(struct app *a, void *st)
{
	struct queue *s = st;
	s->searching = 1;
	s->search[0] = '\0';
	ui_say(a, 0, "%s", _("search: type a case number or name; Enter ends, Esc cancels"));
}

static void act_next_match(struct app *a, void *st)
{
	struct queue *s = st;
	if (!s->search[0])
		ui_say(a, 0, "%s", _("no search yet: press / first"));
	else if (search_from(a, s, 0))
		ui_say(a, 0, _("found '%s'"), s->search);
}

/* Keys typed while searching. */
static int queue_key(struct app *a, void *st, int is_key, wint_t ch)
{
	struct queue *s = st;
	int r = ui_search_key(s->search, sizeof s->search, &s->searching, is_key, ch);
	if (r == 2)
		search_from(a, s, 1);
	return r != 0;
}

/* ---- actions ---- */

static struct queue_row *selected(struct app *a, struct queue *s)
{
	const struct queue_row *r = ui_list_selected(&s->list);
	if (r) {
		s->acting = *r;
		return &s->acting;
	}
	ui_say(a, 1, "%s", _("no task selected"));
	return NULL;
}

/* The selected task when the user may take action ta on it, checked
 * before any prompt by the one table of task actions (db_task_may, the
 * same task_may and the same words as db_task refuses with). */
static struct queue_row *actionable(struct app *a, struct queue *s, enum task_action ta)
{
	struct queue_row *r = selected(a, s);
	struct yerr e;
	yerr_clear(&e);
	if (!r)
		return NULL;
	if (db_task_may(a->d, &a->cat, &a->actor, r->task_id, ta, &e) < 0) {
		/* recorded as db_task records its own refusals */
		char *what = xasprintf("task %s", task_action_code(ta));
		db_denied_record(a->d, a->actor.login, what, r->case_id, e.msg);
		free(what);
		ui_say(a, 1, "%s", e.msg);
		return NULL;
	}
	return r;
}

/* After an action the cursor stays on its task: found again in the
 * reloaded page, or, when the action took it out of the list (a decided
 * task leaves the open list), shown where it was with its new state and
 * the mark ✓, so that the next Enter opens the same case; it goes at the
 * next page or filter.  Returns 1 when it was kept out of the list. */
static int keep_task(struct app *a, struct queue *s, const struct queue_row *r, int at)
{
	s->changed = r->task_id;
	for (int i = 0; i < s->list.pos.count; i++)
		if (s->rows[i].task_id == r->task_id) {
			s->list.pos.sel = i;
			return 0;
		}
	struct queue_row keep = *r;
	struct task_info t;
	struct yerr e;
	yerr_clear(&e);
	if (db_task_get(a->d, r->task_id, &t, &e) == 0) {
		snprintf(keep.state, sizeof keep.state, "%s", t.state);
		snprintf(keep.assignee, sizeof keep.assignee, "%s", t.assignee);
		keep.version = t.version;
		keep.countersign_pending = !strcmp(t.countersign, "pending");
		snprintf(keep.basis_changed, sizeof keep.basis_changed, "%s", t.basis_changed);
	}
	keep.urg = URG_OK;
	if (at > s->list.pos.count)
		at = s->list.pos.count;
	if (s->list.pos.count == page_rows(s) && s->list.pos.count > 0)
		s->list.pos.count--; /* the last row makes room */
	if (at > s->list.pos.count)
		at = s->list.pos.count;
	memmove(&s->rows[at + 1], &s->rows[at], (size_t)(s->list.pos.count - at) * sizeof s->rows[0]);
	s->rows[at] = keep;
	s->list.pos.count++;
	s->list.pos.sel = at;
	return 1;
}

/* Reports the outcome of an action and reloads. */
static void done(struct app *a, struct queue *s, const struct queue_row *r, int rc,
		 const struct yerr *e, const char *what)
{
	int at = s->list.pos.sel;
	struct queue_row was = *r;
	if (rc < 0)
		ui_say(a, 1, "%s", e->msg);
	reload(a, s);
	if (rc < 0) {
		/* refused (changed meanwhile, say): the cursor stays on the task
		 * when it is still listed, wherever others' work moved it */
		for (int i = 0; i < s->list.pos.count; i++)
			if (s->rows[i].task_id == was.task_id)
				s->list.pos.sel = i;
		return;
	}
	if (keep_task(a, s, &was, at))
		ui_say(a, 0, _("%s %s: %s (✓ kept here; it has left this list)"), was.case_no,
		       was.item, what);
	else
		ui_say(a, 0, "%s %s: %s", was.case_no, was.item, what);
}

static void act_open(struct app *a, void *st)
{
	struct queue *s = st;
	struct queue_row *r = selected(a, s);
	if (!r)
		return;
	a->current_case = r->case_id;
	if (&ui_view_case != NULL)
		a->switch_to = &ui_view_case;
	else
		ui_say(a, 0, _("current case: %s"), r->case_no);
}

static void act_take(struct app *a, void *st)
{
	struct queue *s = st;
	struct queue_row *r = actionable(a, s, TA_TAKE);
	struct yerr e;
	yerr_clear(&e);
	if (r)
		done(a, s, r, db_task_take(a->d, &a->actor, r->task_id, r->version, &e), &e,
		     _("taken"));
}

static void act_review(struct app *a, void *st)
{
	struct queue *s = st;
	/* refused before the simple-track question, like every action that asks */
	struct queue_row *r = actionable(a, s, TA_REVIEW);
	struct yerr e;
	yerr_clear(&e);
	if (!r)
		return;
	/* only an item with a simple-case track (forms/items.csv "simple") */
	int idx = catalog_item_index(&a->cat, r->item);
	const struct rule *ru = idx >= 0 && *a->cat.items[idx].simple
					? catalog_rule(&a->cat, a->cat.items[idx].simple) : NULL;
	char *q = ru ? xasprintf(_("Facts clear: put it on the %d-day simple-case track?"),
				 ru->amount) : NULL;
	/* y the simple track, n the ordinary review, Esc neither */
	int answer = q ? ui_yes_no(a, q) : 0;
	free(q);
	if (answer < 0) {
		ui_say(a, 0, "%s", _("cancelled: nothing changed"));
		return;
	}
	int simple = answer == 1;
	int rc = simple ? db_task_simple(a->d, &a->actor, r->task_id, r->version, &e)
			: db_task_review(a->d, &a->actor, r->task_id, r->version, &e);
	done(a, s, r, rc, &e, simple ? _("simple-case track") : _("in review"));
}

/* task calc's inputs typed on one line as its options ("--wage 6500
 * --dependants 2 --spouse"); -1 with a message for anything else. */
static int calc_line(const char *line, struct calc_opts *o, struct yerr *e)
{
	static const struct calc_opts none = CALC_OPTS_NONE;
	*o = none;
	char buf[256];
	snprintf(buf, sizeof buf, "%s", line ? line : "");
	char *save = NULL;
	for (char *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(w, "--spouse")) {
			o->spouse = 1;
			continue;
		}
		if (!strcmp(w, "--advance")) {
			o->advance = 1;
			continue;
		}
		char *v = strtok_r(NULL, " \t", &save);
		char *end = NULL;
		long n = v ? strtol(v, &end, 10) : -1;
		int whole = v && *v && end && !*end && n >= 0 && n <= 3650;
		if (!v)
			return yerr_set(e, YERR_INPUT, _("option '%s' needs a value"), w);
		if (!strcmp(w, "--wage")) {
			if (money_parse_yuan(v, &o->wage_fen, e) < 0)
				return -1;
		} else if (!strcmp(w, "--avg-wage")) {
			if (money_parse_yuan(v, &o->avg_wage_fen, e) < 0)
				return -1;
		} else if ((!strcmp(w, "--dependants") || !strcmp(w, "--lonely")) && whole && n <= 20) {
			*(w[2] == 'd' ? &o->others : &o->lonely) = (int)n;
		} else if (!strcmp(w, "--days") && whole) {
			o->days = (int)n;
		} else {
			return yerr_set(e, YERR_INPUT, _("'%s %s' is not an input of task calc (--wage, "
							 "--avg-wage, --spouse, --dependants, --lonely, "
							 "--advance, --days)"), w, v);
		}
	}
	return 0;
}

/* What one decision asks and gives db_task_decide; strings owned here. */
struct ask {
	struct decision dc;
	struct calc_opts calc;
	char *own[12];
	int64_t ref_fen;         /* task calc's reference, -1 none */
	int nown;
};

static char *own(struct ask *k, char *s)
{
	if (s && k->nown < (int)ARRAY_SIZE(k->own))
		k->own[k->nown++] = s;
	return s;
}

/* The approval's inputs, amount, override reason and payment reference,
 * as task decide takes them: the amount offered is task calc's reference,
 * and another one needs the reason (a second officer then countersigns). */
static int ask_amount(struct app *a, const struct queue_row *r, struct ask *k)
{
	struct yerr e;
	yerr_clear(&e);
	char *in = own(k, ui_prompt_line(a, _("task calc inputs (e.g. --wage 6500 --dependants 2; "
					      "empty: none)"), NULL));
	if (!in)
		return -1;
	if (calc_line(in, &k->calc, &e) < 0) {
		ui_say(a, 1, "%s", e.msg);
		return -2;
	}
	k->dc.calc = &k->calc;
	struct task_info t;
	struct benefit_input bi;
	struct benefit_calc bc;
	char ref[32] = "", why[sizeof e.msg] = "";
	int formula = 0, calc_ok = 0;
	if (db_task_get(a->d, r->task_id, &t, &e) == 0 &&
	    db_task_calc(a->d, &a->cat, &t, &k->calc, &bi, &bc, &e) == 0) {
		calc_ok = 1;
		formula = bc.formula && !bc.uninsured;
		if (formula) {
			k->ref_fen = bc.reference_fen;
			money_format(bc.reference_fen, ref, sizeof ref);
		}
	} else {
		snprintf(why, sizeof why, "%s", e.msg);
	}
	char *amt = own(k, ui_prompt_line(a, _("Amount in yuan"), formula ? ref : NULL));
	if (!amt)
		return -1;
	if (money_parse_yuan(amt, &k->dc.amount_fen, &e) < 0) {
		ui_say(a, 1, _("'%s' is not an amount in yuan (like 1234 or 1234.56)"), amt);
		return -2;
	}
	if ((formula && k->dc.amount_fen != k->ref_fen) || !calc_ok) {
		char *q = formula ? xasprintf(_("Override reason (task calc: %s yuan; a second officer "
						 "countersigns)"), ref)
				  : xasprintf(_("Override reason (task calc: %s)"), why);
		char *o = own(k, ui_prompt_line(a, q, NULL));
		free(q);
		if (!o)
			return -1;
		k->dc.override_reason = o;
	}
	char *pay = own(k, ui_prompt_line(a, _("Payment reference"), NULL));
	if (!pay)
		return -1;
	k->dc.payment_ref = pay;
	return 0;
}

/* Asks for what a decision of this item needs, from its outcomes in
 * forms/outcomes.csv (a key each: the first free letter of its code;
 * grade, amount, reason, document as the outcome needs them).  0 ready,
 * -1 cancelled, -2 refused with a message already shown. */
static int ask_decision(struct app *a, const struct queue_row *r, struct ask *k)
{
	int idx = catalog_item_index(&a->cat, r->item);
	const struct item *it = idx >= 0 ? &a->cat.items[idx] : NULL;
	if (!it || it->noutcomes == 0) {
		ui_say(a, 1, _("%s has no outcomes in forms/outcomes.csv"), r->item);
		return -2;
	}
	char keys[MAX_OUTCOMES + 1] = "";
	struct sbuf q = { 0 };
	sbuf_addf(&q, "%s:", r->item);
	for (int i = 0; i < it->noutcomes; i++) {
		const char *code = it->outcomes[i].code;
		char key = 0;
		for (const char *c = code; *c && !key; c++)
			if (*c >= 'a' && *c <= 'z' && !strchr(keys, *c))
				key = *c;
		if (!key)
			key = (char)('1' + i);
		keys[i] = key;
		keys[i + 1] = '\0';
		enum outcome o;
		sbuf_addf(&q, "%s %c %s", i ? "," : "", key,
			  outcome_parse(code, &o) == 0 ? outcome_label(o) : it->outcomes[i].label);
	}
	int n = ui_prompt_choice(a, q.s, keys);
	sbuf_release(&q);
	if (n < 0)
		return -1;
	const struct item_outcome *oc = &it->outcomes[n];
	k->dc.outcome = oc->code;
	if (oc->needs_grade) {
		char *g = own(k, ui_prompt_line(a, _("Grade (1-10)"), NULL));
		char *c = g ? own(k, ui_prompt_line(a, _("Care level (0 none, 1-3)"), "0")) : NULL;
		if (!c)
			return -1;
		k->dc.grade = atoi(g);
		k->dc.care_level = atoi(c);
	}
	if (oc->needs_amount) {
		int rc = ask_amount(a, r, k);
		if (rc < 0)
			return rc;
	}
	if (oc->needs_reason && !(k->dc.reason = own(k, ui_prompt_line(a, _("Reason"), NULL))))
		return -1;
	if (oc->needs_document &&
	    !(k->dc.document_no = own(k, ui_prompt_line(a, _("Document number"), NULL))))
		return -1;
	k->dc.decided_on = own(k, ui_prompt_line(a, _("Decision date (YYYY-MM-DD, empty: today)"),
						NULL));
	return k->dc.decided_on ? 0 : -1;
}

/* What a decision will record, as the question before it is recorded. */
static char *decision_question(struct app *a, const struct queue_row *r, const struct ask *k)
{
	const struct decision *dc = &k->dc;
	enum outcome o = OUT_NONE;
	outcome_parse(dc->outcome, &o);
	struct sbuf b = { 0 };
	sbuf_addf(&b, _("Record for %s %s: %s"), r->case_no, r->item, outcome_label(o));
	if (dc->grade)
		sbuf_addf(&b, _(", grade %d, care level %d"), dc->grade, dc->care_level);
	if (dc->amount_fen >= 0) {
		char amt[32];
		money_format(dc->amount_fen, amt, sizeof amt);
		sbuf_addf(&b, _(", %s yuan, payment %s"), amt, dc->payment_ref ? dc->payment_ref : "");
		if (dc->override_reason && *dc->override_reason)
			sbuf_addf(&b, _(", overriding task calc: %s"), dc->override_reason);
		if ((dc->override_reason && *dc->override_reason) ||
		    dc->amount_fen > db_task_review_above(a->d))
			sbuf_addstr(&b, _(", then awaiting countersignature"));
	}
	if (dc->reason && *dc->reason)
		sbuf_addf(&b, _(", reason: %s"), dc->reason);
	if (dc->document_no && *dc->document_no)
		sbuf_addf(&b, _(", document %s"), dc->document_no);
	sbuf_addf(&b, _(", dated %s?"), dc->decided_on && *dc->decided_on ? dc->decided_on : _("today"));
	return b.s;
}

static void act_decide(struct app *a, void *st)
{
	struct queue *s = st;
	struct queue_row *r = actionable(a, s, TA_DECIDE);
	if (!r)
		return;
	struct ask k = { .dc = { .amount_fen = -1 }, .ref_fen = -1 };
	struct yerr e;
	yerr_clear(&e);
	int rc = ask_decision(a, r, &k);
	char *q = NULL;
	if (rc == -1)
		ui_say(a, 0, "%s", _("cancelled: nothing changed"));
	else if (rc == 0 && (!(q = decision_question(a, r, &k)) || !ui_confirm(a, q)))
		ui_say(a, 0, "%s", _("not recorded: nothing changed"));
	else if (rc == 0)
		done(a, s, r, db_task_decide(a->d, &a->actor, r->task_id, &k.dc, r->version, &e), &e,
		     _("decided"));
	free(q);
	for (int i = 0; i < k.nown; i++)
		free(k.own[i]);
}

/* 复核: the second officer's countersignature, as task countersign. */
static void act_countersign(struct app *a, void *st)
{
	struct queue *s = st;
	struct queue_row *r = actionable(a, s, TA_COUNTERSIGN);
	if (!r)
		return;
	struct task_info t;
	struct yerr e;
	yerr_clear(&e);
	if (db_task_get(a->d, r->task_id, &t, &e) < 0) {
		ui_say(a, 1, "%s", e.msg);
		return;
	}
	char amt[32];
	money_format(t.amount_fen, amt, sizeof amt);
	char *q = xasprintf(_("Countersign %s %s: %s yuan decided by %s%s%s?"), r->case_no, r->item,
			    amt, t.decided_by, *t.override_reason ? _(", overriding task calc: ") : "",
			    t.override_reason);
	if (!ui_confirm(a, q))
		ui_say(a, 0, "%s", _("not recorded: nothing changed"));
	else
		done(a, s, r, db_task_countersign(a->d, &a->actor, r->task_id, r->version, &e), &e,
		     _("countersigned"));
	free(q);
}

/* done() for an action whose paper the applicant gets (条例 §20: a
 * suspension is notified in writing, and so is the resumption): the
 * document issued and printed, the status line says where it is. */
static void task_papers(struct app *a, struct queue *s, const struct queue_row *r, int rc,
			const struct yerr *e, const char *what, enum doc_kind kind)
{
	char case_no[32];
	snprintf(case_no, sizeof case_no, "%s", r->case_no);
	done(a, s, r, rc, e, what);
	if (rc < 0)
		return;
	char said[512];
	snprintf(said, sizeof said, "%s", a->msg);
	int k = (int)kind;
	ui_papers(a, case_no, &k, 1, NULL, doc_kind_code(kind), said);
}

static void act_suspend(struct app *a, void *st)
{
	/* the key and the words of each reason; offered are only the reasons
	 * forms/items.csv "suspend" allows the item (条例 §31) */
	static const struct { char key; const char *reason, *words; } all[] = {
		{ 'j', "judicial", N_("j judicial/administrative conclusion") },
		{ 'c', "reconsideration", N_("c reconsideration") },
		{ 'l', "litigation", N_("l litigation") },
		{ 'r', "reappraisal", N_("r re-appraisal") },
	};
	struct queue *s = st;
	struct queue_row *r = actionable(a, s, TA_SUSPEND);
	if (!r)
		return;
	int idx = catalog_item_index(&a->cat, r->item);
	const char *reasons[ARRAY_SIZE(all)];
	char keys[ARRAY_SIZE(all) + 1];
	struct sbuf qb = { 0 };
	int n = 0;
	sbuf_addf(&qb, "%s ", _("Suspend:"));
	for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
		struct yerr no;
		if (idx < 0 || task_may_suspend(&a->cat.items[idx], r->item, all[i].reason, &no) < 0)
			continue;
		sbuf_addf(&qb, "%s%s", n ? ", " : "", _(all[i].words));
		reasons[n] = all[i].reason;
		keys[n++] = all[i].key;
	}
	keys[n] = '\0';
	int k = ui_prompt_choice(a, qb.s, keys);
	sbuf_release(&qb);
	char *note = k < 0 ? NULL : ui_prompt_line(a, _("Note"), NULL);
	struct yerr e;
	yerr_clear(&e);
	char *q = note ? xasprintf(_("Suspend %s %s (%s)%s%s? The deadline stops."), r->case_no,
				   r->item, task_suspend_reason_label(reasons[k]), *note ? ": " : "",
				   note) : NULL;
	if (!note)
		ui_say(a, 0, "%s", _("cancelled: nothing changed"));
	else if (!ui_confirm(a, q))
		ui_say(a, 0, "%s", _("not recorded: nothing changed"));
	else
		task_papers(a, s, r, db_task_suspend(a->d, &a->actor, r->task_id, reasons[k], note,
						     r->version, &e), &e, _("suspended"), DK_SUSPENSION);
	free(q);
	free(note);
}

/* Actions that need one line of text. */
static void text_action(struct app *a, struct queue *s, const char *question, int which)
{
	static const enum task_action tas[] = { TA_RESUME, TA_EXTEND, TA_ASSIGN };
	struct queue_row *r = actionable(a, s, tas[which]); /* an item with no extension too */
	if (!r)
		return;
	char *t = ui_prompt_line(a, question, NULL);
	struct yerr e;
	yerr_clear(&e);
	int rc;
	if (!t) {
		ui_say(a, 0, "%s", _("cancelled: nothing changed"));
		return;
	}
	if (which == 2) {
		char *q = xasprintf(_("Assign %s %s to %s?"), r->case_no, r->item, t);
		int yes = ui_confirm(a, q);
		free(q);
		if (!yes) {
			ui_say(a, 0, "%s", _("not recorded: nothing changed"));
			free(t);
			return;
		}
	}
	if (which == 0)
		rc = db_task_resume(a->d, &a->actor, r->task_id, t, r->version, &e);
	else if (which == 1)
		rc = db_task_extend(a->d, &a->actor, r->task_id, t, r->version, &e);
	else
		rc = db_task_assign(a->d, &a->actor, r->task_id, t, r->version, &e);
	if (which == 0)
		task_papers(a, s, r, rc, &e, _("resumed"), DK_RESUMPTION);
	else
		done(a, s, r, rc, &e, which == 1 ? _("extended") : _("assigned"));
	free(t);
}

static void act_resume(struct app *a, void *st)
{
	text_action(a, st, _("Applicant's confirmation (how, when)"), 0);
}

static void act_extend(struct app *a, void *st)
{
	text_action(a, st, _("Reason for the extension"), 1);
}

static void act_assign(struct app *a, void *st)
{
	text_action(a, st, _("Assign to (login)"), 2);
}

static void act_deliver(struct app *a, void *st)
{
	struct queue *s = st;
	struct queue_row *r = actionable(a, s, TA_DELIVER);
	if (!r)
		return;
	int k = ui_prompt_choice(a, _("Delivery: w at the window, p by post"), "wp");
	char *who = k < 0 ? NULL : ui_prompt_line(a, _("Recipient (who signed)"), NULL);
	char *on = who ? ui_prompt_line(a, _("Date (YYYY-MM-DD, empty: today)"), NULL) : NULL;
	struct yerr e;
	yerr_clear(&e);
	if (!on) {
		ui_say(a, 0, "%s", _("cancelled: nothing changed"));
		free(who);
		return;
	}
	/* the delivery and its 送达回证 in one transaction: a result is never
	 * recorded as delivered without the paper the recipient signs */
	const char *method = k ? "post" : "window";
	char case_no[32];
	snprintf(case_no, sizeof case_no, "%s", r->case_no);
	int64_t task = r->task_id;
	struct document *docs = NULL;
	int n = 0, rc = db_begin(a->d, &e);
	if (rc == 0)
		rc = db_task_deliver(a->d, &a->actor, task, method, who, on, r->version, &e);
	if (rc == 0) {
		enum doc_kind dk = DK_SERVICE;
		struct doc_request rq = { .kind = DK_SERVICE, .recipient = who, .method = method,
					  .tasks = &task, .ntasks = 1 };
		rc = papers_issue(a->d, &a->cat, a->forms_dir, &a->actor, case_no, &dk, 1, &rq,
				  &docs, &n, &e);
	}
	if (rc == 0)
		rc = db_commit(a->d, &e);
	else
		db_rollback(a->d);
	done(a, s, r, rc, &e, _("delivered"));
	if (rc == 0) {
		char said[512], *path = NULL, warn[256];
		snprintf(said, sizeof said, "%s", a->msg);
		if (papers_output(a->d, NULL, case_no, "service", docs, n, -1, &path, NULL, warn,
				  sizeof warn, &e) < 0)
			ui_say(a, 1, _("%s; the document failed: %s"), said, e.msg);
		else
			ui_say(a, *warn != 0, "%s · %s%s%s", said, path, *warn ? " · " : "", warn);
		free(path);
	}
	documents_free(docs, n);
	free(who);
	free(on);
}

/* 受理审核: the office accepts, refuses or asks for a supplement of an item
 * in acceptance review (items.csv accepts=office). */
static void act_accept(struct app *a, void *st)
{
	struct queue *s = st;
	struct queue_row *r = actionable(a, s, TA_ACCEPT);
	if (!r)
		return;
	char *q = xasprintf(_("Accept %s %s (受理)? Its decision clock starts today."), r->case_no,
			    r->item);
	int yes = ui_confirm(a, q);
	free(q);
	if (!yes) {
		ui_say(a, 0, "%s", _("not recorded: nothing changed"));
		return;
	}
	struct yerr e;
	yerr_clear(&e);
	char case_no[32], item[8];
	snprintf(case_no, sizeof case_no, "%s", r->case_no);
	snprintf(item, sizeof item, "%s", r->item);
	int64_t task = r->task_id;
	int rc = db_task_accept(a->d, &a->actor, task, r->version, &e);
	done(a, s, r, rc, &e, _("accepted"));
	if (rc < 0)
		return;
	/* the office's acceptance notice of this item, as task accept gives it */
	enum doc_kind dk = DK_ACCEPTANCE;
	struct doc_request rq = { .kind = DK_ACCEPTANCE, .tasks = &task, .ntasks = 1 };
	struct document *docs = NULL;
	int n = 0;
	char said[512], *path = NULL, warn[256] = "", *name = xasprintf("accepted-%s", item);
	snprintf(said, sizeof said, "%s", a->msg);
	if (papers_issue(a->d, &a->cat, a->forms_dir, &a->actor, case_no, &dk, 1, &rq, &docs, &n,
			 &e) < 0 ||
	    papers_output(a->d, NULL, case_no, name, docs, n, -1, &path, NULL, warn, sizeof warn,
			  &e) < 0)
		ui_say(a, 1, _("%s; the document failed: %s"), said, e.msg);
	else
		ui_say(a, *warn != 0, "%s · %s%s%s", said, path, *warn ? " · " : "", warn);
	free(path);
	free(name);
	documents_free(docs, n);
}

static void act_reject(struct app *a, void *st)
{
	struct queue *s = st;
	struct queue_row *r = actionable(a, s, TA_REJECT);
	if (!r)
		return;
	char *t = ui_prompt_line(a, _("Ground of 不予受理 (the notice gives it with the remedy)"),
				 NULL);
	struct yerr e;
	yerr_clear(&e);
	/* a refusal, like a decision, shows what it records before it does */
	char *q = t ? xasprintf(_("Not accept %s %s (不予受理), on the ground: %s?"), r->case_no,
				r->item, t) : NULL;
	if (!t)
		ui_say(a, 0, "%s", _("cancelled: nothing changed"));
	else if (!ui_confirm(a, q))
		ui_say(a, 0, "%s", _("not recorded: nothing changed"));
	else
		done(a, s, r, db_task_reject(a->d, &a->actor, r->task_id, t, r->version, &e), &e,
		     _("refused acceptance"));
	free(q);
	free(t);
}

static void act_request(struct app *a, void *st)
{
	struct queue *s = st;
	struct queue_row *r = actionable(a, s, TA_REQUEST);
	if (!r)
		return;
	char *t = ui_prompt_line(a, _("Missing materials, every one (codes: M03 M05)"), NULL);
	if (!t) {
		ui_say(a, 0, "%s", _("cancelled: nothing changed"));
		return;
	}
	const char *codes[32];
	int n = 0;
	for (char *sv, *tok = strtok_r(t, " ,;、", &sv); tok && n < 32; tok = strtok_r(NULL, " ,;、", &sv))
		codes[n++] = tok;
	struct yerr e;
	yerr_clear(&e);
	done(a, s, r, db_task_request(a->d, &a->actor, r->task_id, codes, n, r->version, &e), &e,
	     _("asked for a supplement"));
	free(t);
}

static void act_quit(struct app *a, void *st)
{
	(void)st;
	a->quit = 1;
}

static const struct ui_action actions[] = {
	{ KEY_DOWN, "Down", N_("Next task"), act_down },
	{ KEY_UP, "Up", N_("Previous task"), act_up },
	{ KEY_NPAGE, "PgDn", N_("Next page"), act_pgdn },
	{ KEY_PPAGE, "PgUp", N_("Previous page"), act_pgup },
	{ KEY_HOME, "Home", N_("First tasks"), act_home },
	{ '\t', "Tab", N_("Next office (Right too)"), act_next_tab },
	{ KEY_RIGHT, "Right", N_("Next office"), act_next_tab },
	{ KEY_LEFT, "Left", N_("Previous office"), act_prev_tab },
	{ '\n', "Enter", N_("Open the task's case"), act_open },
	{ 's', "s", N_("Sort: deadline, accepted, case number"), act_sort },
	{ 'm', "m", N_("Only mine (again: all)"), act_mine },
	{ 'u', "u", N_("Only unassigned (again: all)"), act_unassigned },
	{ 'o', "o", N_("Only overdue (again: all)"), act_overdue },
	{ 'f', "f", N_("State filter: open, each state, ready, all"), act_state },
	{ 'c', "c", N_("Clear filters and search"), act_clear },
	{ '/', "/", N_("Search case number or name"), act_search },
	{ 'n', "n", N_("Next match"), act_next_match },
	{ 't', "t", N_("Take the task"), act_take },
	{ 'v', "v", N_("Start the review (RD: simple-case track)"), act_review },
	{ 'd', "d", N_("Decide"), act_decide },
	{ 'k', "k", N_("Countersign (复核) an approval, as a second officer"), act_countersign },
	{ 'p', "p", N_("Suspend (中止): the deadline stops"), act_suspend },
	{ 'r', "r", N_("Resume, with the applicant's confirmation"), act_resume },
	{ 'x', "x", N_("Extend (JD, FJ: once)"), act_extend },
	{ 'l', "l", N_("Deliver the decision (window or post)"), act_deliver },
	{ 'a', "a", N_("Assign or reassign (supervisor)"), act_assign },
	{ 'A', "A", N_("Accept (受理): the decision clock starts"), act_accept },
	{ 'N', "N", N_("Not accept (不予受理), with the ground"), act_reject },
	{ 'M', "M", N_("Ask for missing materials (补正): the review stops"), act_request },
	{ 'q', "q", N_("Quit"), act_quit },
};

/* ---- drawing ---- */

static void draw_tabs(struct app *a, struct queue *s, int y)
{
	int x = 0;
	for (int t = 0; t < s->ntabs; t++) {
		char label[128];
		if (t == TAB_SUPERVISOR)
			snprintf(label, sizeof label, " %s ", _("Supervisor"));
		else
			/* the office in the reader's words, not its code (admin) */
			snprintf(label, sizeof label, " %s (%ld) ", category_label((enum category)t),
				 s->counts[t].open);
		int w = text_width(label);
		if (x + w > COLS)
			break;
		attrset(t == s->tab ? A_REVERSE | A_BOLD : A_NORMAL);
		ui_put(y, x, label, w);
		attrset(A_NORMAL);
		x += w + 1;
	}
	ui_put(y, x, "", COLS - x > 0 ? COLS - x : 0);
	(void)a;
}

/* "label N" with N in colour when it is not 0. */
static int draw_count(int y, int x, const char *label, long n, int pair, const char *mark)
{
	char t[96];
	snprintf(t, sizeof t, "%s%s %ld  ", n && mark ? mark : "", label, n);
	int w = text_width(t);
	if (x + w > COLS)
		return x;
	int attr = n && pair ? (ui_color() ? COLOR_PAIR(pair) | A_BOLD : A_BOLD) : A_NORMAL;
	attron(attr);
	ui_put(y, x, t, w);
	attroff(attr);
	return x + w;
}

static void draw_counts(struct queue *s, int y)
{
	ui_put(y, 0, "", COLS);
	if (s->tab == TAB_SUPERVISOR) {
		/* what issue 5 gives the supervisor: poor evaluations to follow up,
		 * and false notice-commitments (cases flagged, payments held) */
		char t[384];
		/* the money to claim back first: it has a due day */
		int k = s->nrecover ? snprintf(t, sizeof t, _("! payments to recover: %ld (due %s) · "),
					       s->nrecover, s->recover_due)
				    : 0;
		k += snprintf(t + k, sizeof t - (size_t)k, "%s%s %ld",
			      k ? "" : s->nfalse || s->nfollow ? "! " : " ", _("false commitments:"),
			      s->nfalse);
		for (int i = 0; i < s->nfalse && i < 3 && k < (int)sizeof t; i++)
			k += snprintf(t + k, sizeof t - (size_t)k, "%s%s", i ? ", " : " ", s->false_nos[i]);
		if (s->nfalse > 3 && k < (int)sizeof t)
			k += snprintf(t + k, sizeof t - (size_t)k, " …");
		if (k < (int)sizeof t)
			k += snprintf(t + k, sizeof t - (size_t)k, " · %s %ld",
				      _("poor ratings to follow up:"), s->nfollow);
		if (s->nfollow && k < (int)sizeof t)
			k += snprintf(t + k, sizeof t - (size_t)k, _(" (due %s)"), s->follow_due);
		if (s->nlapsed && k < (int)sizeof t)
			snprintf(t + k, sizeof t - (size_t)k, _(" · lapsed supplements: %ld (%s)"),
				 s->nlapsed, s->lapsed_no);
		int attr = s->nfalse || s->nfollow || s->nlapsed || s->nrecover ? (ui_color() ? COLOR_PAIR(UI_PAIR_WARN) | A_BOLD : A_BOLD) : A_NORMAL;
		attron(attr);
		ui_put(y, 0, t, COLS);
		attroff(attr);
		return;
	}
	const struct queue_counts *k = &s->counts[s->tab];
	int x = 1;
	x = draw_count(y, x, _("open"), k->open, 0, NULL);
	x = draw_count(y, x, _("due soon"), k->soon, UI_PAIR_YELLOW, "*");
	x = draw_count(y, x, _("overdue"), k->overdue, UI_PAIR_WARN, "!");
	x = draw_count(y, x, _("suspended"), k->suspended, 0, NULL);
	x = draw_count(y, x, _("waiting"), k->waiting, 0, NULL);
	draw_count(y, x, _("ready for delivery"), k->ready, 0, NULL);
}

static void draw_filters(struct queue *s, int y)
{
	char t[512];
	if (s->tab == TAB_SUPERVISOR)
		snprintf(t, sizeof t, " %s", _("Per office and officer; below: every overdue task "
					      "(a: reassign)"));
	else
		snprintf(t, sizeof t, " %s: %s · %s: %s%s%s%s%s%s", _("Sort"), queue_sort_label(s->sort),
			 _("State"), _(filters[s->filter].label), s->mine ? _(" · mine") : "",
			 s->unassigned ? _(" · unassigned") : "", s->overdue ? _(" · overdue") : "",
			 s->search[0] || s->searching ? _(" · search: ") : "", s->search);
	attron(A_DIM);
	ui_put(y, 0, t, COLS);
	attroff(A_DIM);
}

/* The columns are queue_columns[] (cli_queue.c), as `yici queue` prints
 * them; the two screen columns before them are the mark (! overdue,
 * * due soon, ✓ just changed). */
static const char *urgency_mark(const void *row, const void *vctx)
{
	const struct queue_row *r = row;
	const struct queue *s = vctx;
	return r->task_id == s->changed ? "✓ " : r->urg == URG_RED ? "! "
						: r->urg == URG_YELLOW ? "* " : "  ";
}

static int urgency_attr(const void *row, const void *vctx, int selected)
{
	const struct queue_row *r = row;
	(void)vctx;
	int attr = selected ? (int)A_REVERSE : (int)A_NORMAL;
	if (ui_color() && r->urg == URG_RED)
		attr |= (int)COLOR_PAIR(UI_PAIR_WARN);
	else if (ui_color() && r->urg == URG_YELLOW)
		attr |= (int)COLOR_PAIR(UI_PAIR_YELLOW);
	return attr;
}

static void draw_stats(struct queue *s, int y)
{
	struct sbuf b = { 0 };
	const char *h[] = { _("Office"), _("Officer"), _("Open"), _("Overdue"), _("Due ≤3d"),
			    _("This week"), _("Median days") };
	static const int w[] = { 16, 12, 7, 9, 9, 11, 12 };
	sbuf_addstr(&b, " ");
	for (int i = 0; i < 7; i++)
		text_cell(&b, h[i], w[i]);
	attron(A_UNDERLINE);
	ui_put(y++, 0, b.s, COLS);
	attroff(A_UNDERLINE);
	sbuf_release(&b);
	for (int i = 0; i < s->nstats; i++) {
		const struct queue_stat *q = &s->stats[i];
		enum category c = CAT_ADMIN;
		category_parse(q->category, &c);
		char v[5][24];
		snprintf(v[0], sizeof v[0], "%ld", q->open);
		snprintf(v[1], sizeof v[1], "%ld", q->overdue);
		snprintf(v[2], sizeof v[2], "%ld", q->due3);
		snprintf(v[3], sizeof v[3], "%ld", q->done_week);
		snprintf(v[4], sizeof v[4], q->median_days < 0 ? "-" : "%.1f", q->median_days);
		const char *f[] = { q->officer[0] ? "" : category_label(c),
				    q->officer[0] ? q->officer : _("(all)"), v[0], v[1], v[2], v[3], v[4] };
		memset(&b, 0, sizeof b);
		sbuf_addstr(&b, " ");
		for (int k = 0; k < 7; k++)
			text_cell(&b, f[k], w[k]);
		int attr = q->officer[0] ? A_NORMAL : A_BOLD;
		attron(attr);
		ui_put(y++, 0, b.s, COLS);
		attroff(attr);
		sbuf_release(&b);
	}
	ui_put(y, 0, "", COLS);
}

static void queue_draw(struct app *a, void *st, int top, int height)
{
	struct queue *s = st;
	if (height != s->height) {
		s->height = height;
		load_counts(a, s); /* the supervisor's figures fit the height */
	}
	draw_tabs(a, s, top);
	draw_counts(s, top + 1);
	draw_filters(s, top + 2);
	int y = top + 3;
	if (s->tab == TAB_SUPERVISOR) {
		draw_stats(s, y);
		y += s->nstats + 2;
	}
	ui_list_draw(&s->list, y, top + height - y);
	if (!a->msg[0] && !s->list.pos.count)
		snprintf(a->msg, sizeof a->msg, "%s", _("no tasks here"));
}

static void *queue_open(struct app *a)
{
	struct queue *s = xcalloc(1, sizeof *s);
	s->ntabs = a->actor.role == ROLE_SUPERVISOR ? CAT_N + 1 : CAT_N;
	s->height = LINES - 3;
	s->a = a;
	s->list = (struct ui_list){ .cols = queue_columns, .ncols = queue_ncolumns, .ctx = &a->cat,
				    .vctx = s, .header = 1, .mark_w = 2, .mark = urgency_mark,
				    .attr = urgency_attr, .stride = sizeof s->rows[0],
				    .page = fetch_page, .src = s, .buf = s->rows, .cap = MAX_ROWS,
				    .pos.height = s->height - HEAD };
	/* an officer starts in their first office; a clerk at the delivery list */
	for (int c = 0; c < CAT_N; c++)
		if (a->actor.cats & (1u << c)) {
			s->tab = c;
			break;
		}
	if (a->actor.role == ROLE_CLERK)
		s->filter = FILTER_READY;
	reload(a, s);
	return s;
}

static void queue_close(void *st)
{
	struct queue *s = st;
	free(s->stats);
	ui_list_release(&s->list);
	free(s);
}

const struct ui_view ui_view_queue = {
	.name = N_("Queues"),
	.fkey = "F3",
	.fkeycode = KEY_F(3),
	.open = queue_open,
	.close = queue_close,
	.draw = queue_draw,
	.key = queue_key,
	.actions = actions,
	.nactions = (int)ARRAY_SIZE(actions),
};
