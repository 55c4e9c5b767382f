/* ui_cases.c — the case list: every case, newest first, read with keyset
 * paging so the first page is as quick on a million cases as on ten.
 * Enter makes the selected case the current one (F4).  Layer: ui. */
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_text.h"
#include "core_validate.h"
#include "db_case.h"
#include "i18n.h"

#define MAX_ROWS 256

struct cases {
	struct case_row rows[MAX_ROWS];
	int nrows, sel, height;
	int64_t top_before;     /* the page starts at the newest case with id < this (0: newest) */
	long ncases;
};

static int page_rows(const struct cases *s)
{
	int h = s->height - 1;
	return h < 1 ? 1 : h > MAX_ROWS ? MAX_ROWS : h;
}

static void load_page(struct app *a, struct cases *s)
{
	struct yerr e;
	yerr_clear(&e);
	int n = db_case_page(a->d, s->top_before, page_rows(s), s->rows, &e);
	if (n < 0) {
		ui_say(a, 1, "%s", e.msg);
		n = 0;
	}
	s->nrows = n;
	if (s->sel >= n)
		s->sel = n ? n - 1 : 0;
}

/* Moves the page start up by k cases (towards the newest). */
static void page_back(struct app *a, struct cases *s, int k)
{
	if (!s->nrows)
		return;
	struct case_row *up = xcalloc((size_t)k, sizeof *up);
	struct yerr e;
	int n = db_case_page_up(a->d, s->rows[0].id, k, up, &e);
	if (n > 0)
		s->top_before = up[n - 1].id + 1;
	else
		s->sel = 0;
	free(up);
	load_page(a, s);
}

static void act_down(struct app *a, void *st)
{
	struct cases *s = st;
	if (s->sel + 1 < s->nrows) {
		s->sel++;
	} else if (s->nrows == page_rows(s)) {
		s->top_before = s->rows[0].id;
		load_page(a, s);
		s->sel = s->nrows - 1;
	}
}

static void act_up(struct app *a, void *st)
{
	struct cases *s = st;
	if (s->sel > 0)
		s->sel--;
	else
		page_back(a, s, 1);
}

static void act_pgdn(struct app *a, void *st)
{
	struct cases *s = st;
	if (s->nrows == page_rows(s)) {
		s->top_before = s->rows[s->nrows - 1].id;
		load_page(a, s);
	} else {
		s->sel = s->nrows ? s->nrows - 1 : 0;
	}
}

static void act_pgup(struct app *a, void *st)
{
	struct cases *s = st;
	page_back(a, s, page_rows(s));
}

static void act_home(struct app *a, void *st)
{
	struct cases *s = st;
	s->top_before = 0;
	s->sel = 0;
	load_page(a, s);
}

static void act_select(struct app *a, void *st)
{
	struct cases *s = st;
	if (s->sel < s->nrows) {
		a->current_case = s->rows[s->sel].id;
		ui_say(a, 0, _("current case: %s"), s->rows[s->sel].case_no[0]
			     ? s->rows[s->sel].case_no : _("(no number yet)"));
	}
}

static void act_quit(struct app *a, void *st)
{
	(void)st;
	a->quit = 1;
}

static const struct ui_action actions[] = {
	{ KEY_DOWN, "Down", N_("Next case"), act_down },
	{ KEY_UP, "Up", N_("Previous case"), act_up },
	{ KEY_NPAGE, "PgDn", N_("Next page"), act_pgdn },
	{ KEY_PPAGE, "PgUp", N_("Previous page"), act_pgup },
	{ KEY_HOME, "Home", N_("Newest cases"), act_home },
	{ '\n', "Enter", N_("Make the selected case the current one"), act_select },
	{ 'q', "q", N_("Quit"), act_quit },
};

static void *cases_open(struct app *a)
{
	struct cases *s = xcalloc(1, sizeof *s);
	struct yerr e;
	yerr_clear(&e);
	db_case_count(a->d, &s->ncases, &e);
	s->height = LINES - 3;
	load_page(a, s);
	return s;
}

static void cases_close(void *st)
{
	free(st);
}

static void draw_row(const struct case_row *r, int y, int selected)
{
	char idm[20], tasks[16];
	mask_citizen_id(r->worker_id_number, idm);
	snprintf(tasks, sizeof tasks, "%d/%d", r->tasks_open, r->tasks_total);
	int kind = KIND_INJURY;
	kind_parse(r->kind, &kind);
	enum case_state cs = CS_ACCEPTED;
	case_state_parse(r->state, &cs);
	struct sbuf b = { 0 };
	sbuf_addstr(&b, " ");
	text_cell(&b, *r->case_no ? r->case_no : _("(no number yet)"), 25);
	text_cell(&b, r->worker_name, 10);
	text_cell(&b, idm, 20);
	text_cell(&b, kind_label(kind), 8);
	text_cell(&b, case_state_label(cs), 14);
	text_cell(&b, tasks, 7);
	sbuf_addstr(&b, r->employer_name);
	if (selected)
		attron(A_REVERSE);
	ui_put(y, 0, b.s, COLS);
	if (selected)
		attroff(A_REVERSE);
	sbuf_release(&b);
}

static void cases_draw(struct app *a, void *st, int top, int height)
{
	struct cases *s = st;
	if (height != s->height) {
		s->height = height;
		load_page(a, s);
	}
	struct sbuf b = { 0 };
	sbuf_addstr(&b, " ");
	text_cell(&b, _("Case number"), 25);
	text_cell(&b, _("Worker"), 10);
	text_cell(&b, _("ID number"), 20);
	text_cell(&b, _("Kind"), 8);
	text_cell(&b, _("State"), 14);
	text_cell(&b, _("Tasks"), 7);
	sbuf_addstr(&b, _("Employer"));
	attron(A_UNDERLINE);
	ui_put(top, 0, b.s, COLS);
	attroff(A_UNDERLINE);
	sbuf_release(&b);
	for (int i = 0; i < page_rows(s); i++) {
		if (i < s->nrows)
			draw_row(&s->rows[i], top + 1 + i, i == s->sel);
		else
			ui_put(top + 1 + i, 0, "", COLS);
	}
	if (!a->msg[0]) {
		char m[128];
		snprintf(m, sizeof m, _("%ld cases"), s->ncases);
		snprintf(a->msg, sizeof a->msg, "%s", m);
	}
}

const struct ui_view ui_view_cases = {
	.name = N_("Cases"),
	.fkey = "F5",
	.fkeycode = KEY_F(5),
	.open = cases_open,
	.close = cases_close,
	.draw = cases_draw,
	.actions = actions,
	.nactions = (int)ARRAY_SIZE(actions),
};
