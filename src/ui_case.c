/* ui_case.c — the case view (F4): the header, the flow of the ticked items
 * drawn as boxes with arrows (RD → JD → SC …) marked and coloured by state,
 * and below it one of four panes (Tab): the timeline — paged by keyset on
 * (time, id), so 10,000 events open as fast as 10, with deadline markers
 * and suspended intervals shaded — the tasks, the materials, and the
 * commitments, pushes and evaluation.  Layer: ui. */
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_doc.h"
#include "core_case.h"
#include "core_text.h"
#include "db_application.h"
#include "db_audit.h"
#include "db_casefile.h"
#include "core_validate.h"
#include "i18n.h"
#include "ui_list.h"

enum pane { PANE_TIMELINE, PANE_TASKS, PANE_MATERIALS, PANE_FOLLOWUPS, PANE_N };
#define MAX_LINES 200

struct caseview {
	int loaded;
	struct casefile cf;
	struct cf_marker *markers;
	int nmarkers;
	enum pane pane;
	/* the timeline: a pager over keyset pages of events and deadline
	 * markers (db_casefile_lines), opened at its last page */
	struct app *a;
	struct cf_line lines[MAX_LINES];
	struct ui_list tl;
	struct column tl_cols[6]; /* timeline_columns[], the office's width set */
	int tl_narrow;            /* under about 95 columns: no seconds, no office */
	int height;
	struct ui_list text;    /* the other panes: their lines, paged (rows valid
				 * only while drawing: built and freed there) */
	int64_t revealed;       /* the case whose worker ID was revealed here */
};

/* ---- loading ---- */

/* The timeline list's keyset source. */
static int fetch_lines(void *src, const void *from, int dir, int n, void *out)
{
	struct caseview *s = src;
	struct yerr e;
	yerr_clear(&e);
	int k = db_casefile_lines(s->a->d, &s->cf, s->markers, s->nmarkers, from, dir, n, out, &e);
	if (k < 0)
		ui_say(s->a, 1, "%s", e.msg);
	return k;
}

static int load_case(struct app *a, struct caseview *s)
{
	struct yerr e;
	yerr_clear(&e);
	if (s->loaded) {
		casefile_release(&s->cf);
		free(s->markers);
		s->loaded = 0;
	}
	if (!a->current_case) {
		ui_say(a, 0, "%s", _("no current case: find one with F5 and press Enter"));
		return -1;
	}
	if (db_casefile_load_id(a->d, &a->cat, &a->actor, a->current_case, &s->cf, &e) < 0) {
		ui_say(a, 1, "%s", e.msg);
		return -1;
	}
	s->nmarkers = casefile_markers(&s->cf, &s->markers);
	s->loaded = 1;
	ui_list_end(&s->tl);
	return 0;
}

/* ---- drawing helpers ---- */

static const char *tstate(const char *code)
{
	enum task_state ts;
	return task_state_parse(code, &ts) == 0 ? task_state_label(ts) : code;
}

/* Colour and attribute of a task box; text marks carry the state too, so
 * a monochrome terminal loses nothing. */
static int task_attr(const struct cf_task *t)
{
	int col = ui_color();
	if (t->hold[0] || (t->has_days_left && t->days_left < 0))
		return A_BOLD | A_REVERSE | (col ? COLOR_PAIR(UI_PAIR_WARN) : 0);
	if (!strcmp(t->state, "decided") || !strcmp(t->state, "delivered") ||
	    !strcmp(t->state, "closed"))
		return col ? COLOR_PAIR(UI_PAIR_OK) : A_NORMAL;
	if (!strcmp(t->state, "accepted") || !strcmp(t->state, "in_review") ||
	    !strcmp(t->state, "reviewing"))
		return A_BOLD | (col ? COLOR_PAIR(UI_PAIR_YELLOW) : 0);
	if (!strcmp(t->state, "suspended"))
		return A_UNDERLINE | (col ? COLOR_PAIR(UI_PAIR_WARN) : 0);
	return A_DIM | (col ? COLOR_PAIR(UI_PAIR_DIM) : 0);
}

static void put_attr(int y, int x, const char *s, int w, int attr)
{
	attron(attr);
	ui_put(y, x, s, w);
	attroff(attr);
}

/* The case's line, then the persons: one line when they fit the screen,
 * else the employer on a line of its own, so a long name is cut only
 * where no screen could hold it (with …).  Returns the lines drawn. */
static int draw_header(struct app *a, struct caseview *s, int y)
{
	const struct cf_header *h = &s->cf.h;
	char wid[20], line[768];
	enum case_state cs = CS_ACCEPTED;
	int kind = KIND_INJURY;
	case_state_parse(h->state, &cs);
	kind_parse(h->kind, &kind);
	casefile_show_id(s->revealed == h->id, h->worker_id, wid);
	snprintf(line, sizeof line, " %s  %s · %s · %s · %s %s%s", h->case_no, case_state_label(cs),
		 kind_label(kind), !strcmp(h->channel, "online") ? _("online") : _("window"),
		 _("accepted on"), h->accepted_at[0] ? h->accepted_at : "-",
		 h->flagged ? _("  !! FLAGGED: false commitment") : "");
	put_attr(y, 0, line, COLS, A_BOLD);
	/* owned strings: a name is never cut by a buffer, only at the edge */
	char *who = xasprintf(" %s %s %s · %s %s (%s)", _("Worker"), h->worker_name, wid,
			      _("Applicant"), h->applicant_name,
			      h->applicant_relation[0] ? h->applicant_relation
			      : application_choice_label("applicant.type", h->applicant_type));
	char *emp = xasprintf("%s %s", _("Employer"), h->employer_name);
	(void)a;
	int lines = 2;
	if (text_width(who) + 3 + text_width(emp) <= COLS) {
		char *one = xasprintf("%s · %s", who, emp);
		ui_put(y + 1, 0, one, COLS);
		free(one);
	} else {
		char *own = xasprintf(" %s", emp);
		ui_put(y + 1, 0, who, COLS);
		ui_put(y + 2, 0, own, COLS);
		free(own);
		lines = 3;
	}
	free(who);
	free(emp);
	return lines;
}

/* The flow: column c of boxes at x = 2 + c * colw, arrows between. */
static int draw_flow(struct caseview *s, int y, int maxh)
{
	const struct casefile *cf = &s->cf;
	int colw = cf->ncols ? (COLS - 2) / cf->ncols : COLS;
	int rows = 0;
	if (colw > 30)
		colw = 30;
	for (int i = 0; i < cf->ntasks; i++)
		if (cf->tasks[i].row + 1 > rows)
			rows = cf->tasks[i].row + 1;
	if (rows > maxh)
		rows = maxh;
	for (int i = 0; i < rows; i++)
		ui_put(y + i, 0, "", COLS);
	/* a follower on its own row hangs from the box above: │ down to it */
	for (int i = 0; i < cf->ntasks; i++) {
		const struct cf_task *t = &cf->tasks[i];
		if (t->parent < 0)
			continue;
		for (int r = cf->tasks[t->parent].row + 1; r < t->row && r < rows; r++)
			ui_put(y + r, 2 + t->col * colw - 4, "│", 1);
	}
	for (int i = 0; i < cf->ntasks; i++) {
		const struct cf_task *t = &cf->tasks[i];
		if (t->row >= rows)
			continue;
		char box[96];
		snprintf(box, sizeof box, "[%s %s%s]", t->item_code, tstate(t->state),
			 t->hold[0] ? " !" : t->has_days_left && t->days_left < 0 ? " !!" : "");
		int x = 2 + t->col * colw;
		if (t->parent >= 0) {
			int later = 0;
			for (int j = i + 1; j < cf->ntasks; j++)
				later |= cf->tasks[j].parent == t->parent;
			ui_put(y + t->row, x - 4, cf->tasks[t->parent].row == t->row ? "──▶"
				: later ? "├─▶" : "└─▶", 4);
		}
		put_attr(y + t->row, x, box, colw - 5, task_attr(t));
	}
	return rows;
}

/* ---- the timeline's columns ---- */

static const struct cf_event *ev_of(const void *r)
{
	return &((const struct cf_line *)r)->ev;
}

static const char *tl_at(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)o;
	if (!((const struct caseview *)c)->tl_narrow)
		return ev_of(r)->at;
	snprintf(b, n, "%.16s", ev_of(r)->at); /* YYYY-MM-DD HH:MM */
	return b;
}

static const char *tl_who(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	const struct cf_event *v = ev_of(r);
	enum role rl;
	(void)c, (void)o;
	snprintf(b, n, "%s (%s)", v->actor_name[0] ? v->actor_name : v->actor,
		 role_parse(v->actor_role, &rl) == 0 ? role_label(rl) : _("system"));
	return b;
}

static const char *tl_category(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	enum category cat;
	(void)c, (void)o, (void)b, (void)n;
	return category_parse(ev_of(r)->category, &cat) == 0 ? category_label(cat) : "-";
}

static const char *tl_item(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return ev_of(r)->item_code[0] ? ev_of(r)->item_code : "-";
}

static const char *tl_kind(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return casefile_event_label(ev_of(r)->kind);
}

static const char *tl_detail(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o;
	return casefile_event_detail(ev_of(r)->kind, ev_of(r)->detail, b, n);
}

static const struct column timeline_columns[] = {
	{ "", "at", 20, tl_at },         { "", "by", 18, tl_who },
	{ "", "category", 10, tl_category }, { "", "item", 4, tl_item },
	{ "", "event", 22, tl_kind },     { "", "detail", 0, tl_detail },
};

/* The office column as wide as its longest word in this language
 * (Administrative in English) while the detail keeps 20 columns; never
 * narrower than 10.  Where that leaves the detail under 20 columns (80),
 * the times lose their seconds and the office column goes (the item code
 * says it), so the detail, what the event says, keeps room. */
static void tl_widths(struct caseview *s)
{
	int longest = 0, others = 0;
	for (int c = 0; c < CAT_N; c++) {
		int w = text_width(category_label((enum category)c));
		longest = w > longest ? w : longest;
	}
	for (int i = 0; i < (int)ARRAY_SIZE(timeline_columns); i++)
		if (i != 2)
			others += timeline_columns[i].width;
	int room = COLS - 1 - others - 20, w = longest + 1 < room ? longest + 1 : room;
	s->tl_narrow = room < 10;
	s->tl_cols[0].width = s->tl_narrow ? 17 : timeline_columns[0].width;
	s->tl_cols[2].title = s->tl_narrow ? NULL : timeline_columns[2].title;
	s->tl_cols[2].width = w > 10 ? w : 10;
}

/* A deadline marker is one line across the columns. */
static const char *tl_line(const void *r, const void *c, char *b, size_t n)
{
	const struct cf_line *ln = r;
	const struct caseview *s = c;
	if (ln->marker < 0)
		return NULL;
	const struct cf_marker *m = &s->markers[ln->marker];
	snprintf(b, n, " ── %s  %s %s ──", m->day, s->cf.tasks[m->task].item_code,
		 m->legal ? _("legal time limit") : _("promised deadline"));
	return b;
}

/* ▒ before an event inside a suspension */
static const char *tl_mark(const void *r, const void *c)
{
	(void)c;
	return ev_of(r)->paused ? "▒" : " ";
}

static int tl_attr(const void *r, const void *c, int selected)
{
	(void)c, (void)selected;
	if (((const struct cf_line *)r)->marker >= 0)
		return A_BOLD | (ui_color() ? COLOR_PAIR(UI_PAIR_WARN) : 0);
	return ev_of(r)->paused ? A_DIM | (ui_color() ? COLOR_PAIR(UI_PAIR_DIM) : 0) : 0;
}

/* The text panes are built as lines, then drawn by the list widget as a
 * pager (one column: the line, cut with … at the screen's edge). */
static const char *pane_line(const void *r, const void *c, enum col_out o, char *b, size_t n)
{
	(void)c, (void)o, (void)b, (void)n;
	return *(char *const *)r;
}

static const struct column pane_columns[] = {
	{ "", "line", 0, pane_line },
};

static void add_line(char ***lines, int *n, char *s)
{
	*lines = xrealloc(*lines, (size_t)(*n + 1) * sizeof **lines);
	(*lines)[(*n)++] = s;
}

static void task_lines(const struct catalog *cat, const struct casefile *cf, char ***l, int *n)
{
	struct sbuf h = { 0 };
	static const char *const head[] = { N_("Item"), N_("Category"), N_("State"), N_("Assignee"),
					     N_("Deadline"), N_("Days left") };
	static const int headw[] = { 5, 15, 12, 10, 12, 10 };
	sbuf_addstr(&h, " ");
	for (size_t k = 0; k < ARRAY_SIZE(head); k++)
		text_cell(&h, _(head[k]), headw[k]);
	sbuf_addstr(&h, _("Result"));
	add_line(l, n, h.s);
	for (int i = 0; i < cf->ntasks; i++) {
		const struct cf_task *t = &cf->tasks[i];
		struct sbuf b = { 0 };
		char left[24] = "-", res[160] = "";
		enum category c;
		if (t->paused)
			snprintf(left, sizeof left, "%s", _("paused"));
		else if (t->has_days_left)
			snprintf(left, sizeof left, _("%d days"), t->days_left);
		if (t->outcome[0])
			snprintf(res, sizeof res, "%s%s%s%s%s", casefile_outcome_label(t->outcome),
				 t->hold[0] ? _(" [payments held]") : "",
				 !strcmp(t->countersign, "pending") ? _(" [awaiting countersignature]") : "",
				 t->basis_changed[0] ? _(" [basis changed: ") : "",
				 t->basis_changed[0] ? t->basis_changed : "");
		if (t->basis_changed[0] && strlen(res) + 2 < sizeof res)
			strcat(res, "]");
		sbuf_addstr(&b, " ");
		text_cell(&b, t->item_code, 5);
		text_cell(&b, category_parse(t->category, &c) == 0 ? category_label(c) : "", 15);
		text_cell(&b, tstate(t->state), 12);
		text_cell(&b, t->assignee_name[0] ? t->assignee_name : "-", 10);
		text_cell(&b, t->due_on[0] ? t->due_on : "-", 12);
		text_cell(&b, left, 10);
		sbuf_addstr(&b, res);
		add_line(l, n, b.s);
	}
	for (int i = 0; i < cf->ntasks; i++) {
		const struct cf_task *t = &cf->tasks[i];
		yday due;
		char w[200];
		if (t->due_on[0] && date_parse(t->due_on, &due, NULL) == 0 &&
		    calendar_unpublished_warning(&cat->cal, due, w, sizeof w))
			add_line(l, n, xasprintf(" ? %s %s: %s", t->item_code, t->due_on, w));
	}
}

static const char *material_word(const struct cf_material *m)
{
	enum material_status ms;
	return material_status_parse(m->status, &ms) == 0 ? material_status_label(ms) : m->status;
}

/* The status column as wide as the case's longest status word in this
 * language (English "produced in bundle" whole), the name column as wide
 * as its longest name where the screen's cols leave room (cut with … only
 * where they do not; 12 columns at least). */
static void material_lines(const struct casefile *cf, int cols, char ***l, int *n)
{
	int nw = 0, sw = 0, iw = 0;
	for (int i = 0; i < cf->nmaterials; i++) {
		const struct cf_material *m = &cf->materials[i];
		nw = text_widest(nw, m->name);
		sw = text_widest(sw, material_word(m));
		iw = text_widest(iw, m->items);
	}
	int room = cols - 1 - 5 - (sw + 1) - iw;
	nw = nw + 1 > room ? room : nw + 1;
	nw = nw < 12 ? 12 : nw;
	for (int i = 0; i < cf->nmaterials; i++) {
		const struct cf_material *m = &cf->materials[i];
		struct sbuf b = { 0 };
		sbuf_addstr(&b, " ");
		text_cell(&b, m->code, 5);
		text_cell(&b, m->name, nw);
		text_cell(&b, material_word(m), sw + 1);
		sbuf_addstr(&b, m->items);
		add_line(l, n, b.s);
	}
}

static void followup_lines(const struct casefile *cf, char ***l, int *n)
{
	for (int i = 0; i < cf->nverifs; i++) {
		const struct cf_verification *v = &cf->verifs[i];
		add_line(l, n, xasprintf(" %s %s: %s %s, %s %s — %s", _("Commitment"), v->material,
					 _("verification"), casefile_verification_label(v->method), _("due"),
					 v->due_on, casefile_verification_label(v->outcome)));
	}
	for (int i = 0; i < cf->npushes; i++)
		add_line(l, n, xasprintf(" %s %s %s", _("Push"), cf->pushes[i].created_at,
					 casefile_target_label(cf->pushes[i].target)));
	if (cf->has_eval)
		add_line(l, n, xasprintf(" %s %d (%s) %s%s%s", _("Evaluation"), cf->eval.rating,
					 casefile_rating_label(cf->eval.rating), cf->eval.comment,
					 cf->eval.followup_due[0] ? _(" — follow-up due ") : "",
					 cf->eval.followup_due));
	if (!*n)
		add_line(l, n, xstrdup(_(" no commitments, pushes or evaluation yet")));
}

static void draw_lines(const struct catalog *cat, struct caseview *s, int y, int h)
{
	char **l = NULL;
	int n = 0;
	if (s->pane == PANE_TASKS)
		task_lines(cat, &s->cf, &l, &n);
	else if (s->pane == PANE_MATERIALS)
		material_lines(&s->cf, COLS, &l, &n);
	else
		followup_lines(&s->cf, &l, &n);
	ui_list_set(&s->text, l, n);
	ui_list_draw(&s->text, y, h);
	s->text.rows = NULL;
	for (int i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

static void draw_tabs(struct caseview *s, int y)
{
	static const char *const names[PANE_N] = { N_("Timeline"), N_("Tasks"), N_("Materials"),
						    N_("Commitments, pushes, evaluation") };
	int x = 1;
	for (int i = 0; i < PANE_N; i++) {
		char t[128];
		if (i == PANE_TIMELINE)
			snprintf(t, sizeof t, " %s (%ld) ", _(names[i]), s->cf.nevents);
		else
			snprintf(t, sizeof t, " %s ", _(names[i]));
		int w = text_width(t);
		put_attr(y, x, t, w, i == (int)s->pane ? A_REVERSE | A_BOLD : A_UNDERLINE);
		x += w + 1;
		if (x >= COLS)
			break;
	}
}

static void case_draw(struct app *a, void *st, int top, int height)
{
	struct caseview *s = st;
	if (!s->loaded) {
		for (int i = 0; i < height; i++)
			ui_put(top + i, 0, "", COLS);
		ui_put(top + 1, 2, _("No case is open.  Find one with F5 and press Enter."), COLS - 2);
		return;
	}
	int hd = draw_header(a, s, top);
	int fl = draw_flow(s, top + hd, height / 3 > 2 ? height / 3 : 2);
	draw_tabs(s, top + hd + fl);
	int y = top + hd + 1 + fl, h = height - hd - 1 - fl;
	if (s->pane == PANE_TIMELINE) {
		if (h != s->height) {      /* opened or resized: the latest events */
			s->height = s->tl.pos.height = h > 0 ? h : 1;
			ui_list_end(&s->tl);
		}
		tl_widths(s);
		ui_list_draw(&s->tl, y, h);
	} else {
		draw_lines(&a->cat, s, y, h);
	}
}

/* ---- keys ---- */

static void act_tab(struct app *a, void *st)
{
	struct caseview *s = st;
	(void)a;
	s->pane = (enum pane)((s->pane + 1) % PANE_N);
	s->text.pos.sel = s->text.pos.top = 0;
}

/* The list the moving keys work on: the timeline or the pane's text. */
static struct ui_list *pane_list(struct caseview *s)
{
	return s->pane == PANE_TIMELINE ? &s->tl : &s->text;
}

static void act_down(struct app *a, void *st)
{
	struct caseview *s = st;
	(void)a;
	if (s->loaded)
		ui_list_down(pane_list(s));
}

static void act_up(struct app *a, void *st)
{
	struct caseview *s = st;
	(void)a;
	if (s->loaded)
		ui_list_up(pane_list(s));
}

static void act_pgdn(struct app *a, void *st)
{
	struct caseview *s = st;
	(void)a;
	if (s->loaded)
		ui_list_pgdn(pane_list(s));
}

static void act_pgup(struct app *a, void *st)
{
	struct caseview *s = st;
	(void)a;
	if (s->loaded)
		ui_list_pgup(pane_list(s));
}

static void act_home(struct app *a, void *st)
{
	struct caseview *s = st;
	(void)a;
	if (s->loaded)
		ui_list_home(pane_list(s));
}

static void act_end(struct app *a, void *st)
{
	struct caseview *s = st;
	(void)a;
	if (s->loaded)
		ui_list_end(pane_list(s));
}

static void act_reload(struct app *a, void *st)
{
	struct caseview *s = st;
	if (load_case(a, s) == 0)
		ui_say(a, 0, "%s", _("reloaded"));
}

/* The worker's full ID number, for those who work on the case; the
 * reveal (or the refusal) is recorded, and the timeline shows it. */
static void act_reveal(struct app *a, void *st)
{
	struct caseview *s = st;
	if (!s->loaded)
		return;
	if (s->revealed == s->cf.h.id) {
		ui_say(a, 0, "%s", _("the ID number is already shown"));
		return;
	}
	struct yerr e;
	yerr_clear(&e);
	char id[19];
	int64_t case_id = s->cf.h.id;
	if (!s->cf.h.case_no[0]) {
		ui_say(a, 1, "%s", _("this application has no case number yet: its form (F2) shows "
				     "what the applicant gave"));
		return;
	}
	if (db_reveal_id(a->d, &a->actor, s->cf.h.case_no, REVEAL_WORKER, id, &e) < 0) {
		ui_say(a, 1, "%s", e.msg);
		return;
	}
	if (load_case(a, s) == 0) {
		s->revealed = case_id;
		ui_say(a, 0, "%s", _("ID number shown in full; the reveal is recorded in the timeline"));
	}
}

/* The kinds the print key offers, with their keys and names. */
static const struct {
	enum doc_kind kind;
	char key;
	const char *name;
} print_kinds[] = {
	{ DK_RECEIPT, 'r', N_("receipt") },        { DK_DEFICIENCY, 'd', N_("one-time notice") },
	{ DK_ACCEPTANCE, 'a', N_("acceptance notice") },  { DK_REFUSAL, 'n', N_("refusal decision") },
	{ DK_SUSPENSION, 's', N_("suspension notice") },  { DK_RESUMPTION, 'u', N_("resumption notice") },
	{ DK_COMMITMENT, 'c', N_("commitment letter") },  { DK_SERVICE, 'v', N_("service receipt") },
	{ DK_DECISION, 'j', N_("decision summary") }, { DK_FORM, 'f', N_("application form") },
};

/* F9: a paper of the case again.  One issued before is reprinted as it
 * was (same 文号 and date, marked 补打, an event); the decision summary and
 * the form, or a kind not issued yet, are issued now. */
static void act_print(struct app *a, void *st)
{
	struct caseview *s = st;
	if (!s->loaded)
		return;
	if (!s->cf.h.case_no[0]) {
		ui_say(a, 1, "%s", _("this application has no case number yet: its form (F2) "
				     "prints it for signature"));
		return;
	}
	struct yerr e;
	yerr_clear(&e);
	enum doc_kind issued[DK_COUNT];
	int ni = db_document_issued(a->d, s->cf.h.case_no, issued, &e);
	if (ni < 0) {
		ui_say(a, 1, "%s", e.msg);
		return;
	}
	struct sbuf q = { 0 };
	char keys[16];
	int nk = 0, which[16];
	sbuf_addstr(&q, _("Print:"));
	for (size_t i = 0; i < ARRAY_SIZE(print_kinds); i++) {
		int was = 0;
		for (int j = 0; j < ni; j++)
			was |= issued[j] == print_kinds[i].kind;
		if (!was && print_kinds[i].kind != DK_DECISION && print_kinds[i].kind != DK_FORM)
			continue;
		sbuf_addf(&q, " %c %s%s", print_kinds[i].key, _(print_kinds[i].name),
			  was && print_kinds[i].kind != DK_FORM ? _(" (again)") : "");
		keys[nk] = print_kinds[i].key;
		which[nk++] = (int)i;
	}
	keys[nk] = '\0';
	int k = ui_prompt_choice(a, q.s, keys);
	sbuf_release(&q);
	if (k < 0) {
		ui_say(a, 0, "%s", _("cancelled: nothing printed"));
		return;
	}
	enum doc_kind kind = print_kinds[which[k]].kind;
	int again = 0;
	for (int j = 0; j < ni; j++)
		again |= issued[j] == kind;
	struct doc_request rq = { .kind = kind, .reprint = again && kind != DK_FORM };
	int dk = (int)kind;
	char what[160];
	snprintf(what, sizeof what, rq.reprint ? _("%s: %s reprinted (补打)") : _("%s: %s issued"),
		 s->cf.h.case_no, _(print_kinds[which[k]].name));
	char case_no[32];
	snprintf(case_no, sizeof case_no, "%s", s->cf.h.case_no);
	ui_papers(a, case_no, &dk, 1, &rq, doc_kind_code(kind), what);
	char said[512];
	snprintf(said, sizeof said, "%s", a->msg);
	int err = a->msg_error;
	load_case(a, s);            /* the timeline shows the event */
	ui_say(a, err, "%s", said);
}

static void act_quit(struct app *a, void *st)
{
	(void)st;
	a->quit = 1;
}

static const struct ui_action actions[] = {
	{ '\t', "Tab", N_("Next pane: timeline, tasks, materials, commitments"), act_tab },
	{ KEY_DOWN, "Down", N_("Scroll down one line"), act_down },
	{ KEY_UP, "Up", N_("Scroll up one line"), act_up },
	{ KEY_NPAGE, "PgDn", N_("Next page"), act_pgdn },
	{ KEY_PPAGE, "PgUp", N_("Previous page"), act_pgup },
	{ KEY_HOME, "Home", N_("First events"), act_home },
	{ KEY_END, "End", N_("Latest events"), act_end },
	{ 'r', "r", N_("Reload the case"), act_reload },
	{ 'i', "i", N_("Reveal the worker's full ID number (recorded)"), act_reveal },
	{ KEY_F(9), "F9", N_("Print a paper of the case: again (补打, same 文号) or the decision summary"),
	  act_print },
	{ 'q', "q", N_("Quit"), act_quit },
};

static void *case_open(struct app *a)
{
	struct caseview *s = xcalloc(1, sizeof *s);
	s->a = a;
	_Static_assert(sizeof timeline_columns == sizeof s->tl_cols, "tl_cols holds timeline_columns");
	memcpy(s->tl_cols, timeline_columns, sizeof timeline_columns);
	s->tl = (struct ui_list){ .cols = s->tl_cols, .ncols = (int)ARRAY_SIZE(timeline_columns),
				  .ctx = s, .pager = 1, .mark_w = 1, .mark = tl_mark,
				  .attr = tl_attr, .line = tl_line, .stride = sizeof(struct cf_line),
				  .page = fetch_lines, .src = s, .buf = s->lines, .cap = MAX_LINES };
	s->tl.pos.height = LINES - 12 > 0 ? LINES - 12 : 1;
	s->text = (struct ui_list){ .cols = pane_columns, .ncols = 1, .pager = 1,
				    .stride = sizeof(char *) };
	load_case(a, s);
	return s;
}

static void case_close(void *st)
{
	struct caseview *s = st;
	if (s->loaded) {
		casefile_release(&s->cf);
		free(s->markers);
	}
	ui_list_release(&s->tl);
	free(s);
}

const struct ui_view ui_view_case = {
	.name = N_("Case"),
	.fkey = "F4",
	.fkeycode = KEY_F(4),
	.open = case_open,
	.close = case_close,
	.draw = case_draw,
	.actions = actions,
	.nactions = (int)ARRAY_SIZE(actions),
};
