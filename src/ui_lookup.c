/* ui_lookup.c — the lookup (F5): one search box as clerks expect it —
 * Latin letters are pinyin initials, digits a case number, ID or phone,
 * Chinese a name or employer — and the list of matching cases, newest
 * first.  With the box empty the list shows the newest cases.  Enter
 * searches; Enter again on a row opens that case in the case view (F4).
 * Every search is an index lookup (db_lookup.c).  Layer: ui. */
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_edit.h"
#include "core_text.h"
#include "db_case.h"
#include "db_casefile.h"
#include "i18n.h"

#define NEWEST 200
#define MAX_ROWS 128

struct lookup {
	struct edit ed;
	char *searched;         /* the text of the shown result ("" = newest) */
	int64_t *ids;
	int nids, more;
	enum find_kind kind;
	int sel, top, height;
	struct cf_row rows[MAX_ROWS];
	int nrows, rows_top;    /* rows[] holds ids[rows_top ...] */
};

static int page_rows(const struct lookup *s)
{
	int h = s->height - 2;
	return h < 1 ? 1 : h > MAX_ROWS ? MAX_ROWS : h;
}

static void load_rows(struct app *a, struct lookup *s)
{
	struct yerr e;
	yerr_clear(&e);
	int n = s->nids - s->top < page_rows(s) ? s->nids - s->top : page_rows(s);
	s->nrows = n > 0 ? db_case_rows(a->d, &a->actor, s->ids + s->top, n, s->rows, &e) : 0;
	if (s->nrows < 0) {
		ui_say(a, 1, "%s", e.msg);
		s->nrows = 0;
	}
	s->rows_top = s->top;
}

static void set_ids(struct lookup *s, int64_t *ids, int n, int more)
{
	free(s->ids);
	s->ids = ids;
	s->nids = n;
	s->more = more;
	s->sel = s->top = 0;
}

static void show_newest(struct app *a, struct lookup *s)
{
	struct case_row *r = xcalloc(NEWEST, sizeof *r);
	struct yerr e;
	yerr_clear(&e);
	int n = db_case_page(a->d, 0, NEWEST, r, &e);
	int64_t *ids = xcalloc(NEWEST, sizeof *ids);
	for (int i = 0; i < n; i++)
		ids[i] = r[i].id;
	free(r);
	set_ids(s, ids, n < 0 ? 0 : n, 0);
	free(s->searched);
	s->searched = xstrdup("");
	load_rows(a, s);
	ui_say(a, 0, "%s", _("the newest cases; type a name, pinyin initials, ID, phone or case number"));
}

static void search(struct app *a, struct lookup *s)
{
	char *text = edit_get(&s->ed);
	struct find_result fr;
	struct yerr e;
	yerr_clear(&e);
	if (!*text) {
		free(text);
		show_newest(a, s);
		return;
	}
	if (db_case_find(a->d, text, &fr, &e) < 0) {
		ui_say(a, 1, "%s", e.msg);
		free(text);
		return;
	}
	set_ids(s, fr.ids, fr.nids, fr.more);
	s->kind = fr.kind;
	free(s->searched);
	s->searched = text;
	load_rows(a, s);
	if (!fr.nids)
		ui_say(a, 1, _("no case matches '%s' (searched as %s)"), text, find_kind_label(fr.kind));
	else if (fr.more)
		ui_say(a, 0, _("more than %d cases match '%s' (as %s): the first %d are listed; "
			       "refine the search"), fr.nids, text, find_kind_label(fr.kind), fr.nids);
	else
		ui_say(a, 0, _("%d cases match '%s' (as %s)"), fr.nids, text, find_kind_label(fr.kind));
}

/* ---- keys ---- */

static void scroll_to_sel(struct app *a, struct lookup *s)
{
	int h = page_rows(s);
	if (s->sel < s->top)
		s->top = s->sel;
	else if (s->sel >= s->top + h)
		s->top = s->sel - h + 1;
	if (s->top != s->rows_top)
		load_rows(a, s);
}

static void move_sel(struct app *a, struct lookup *s, int by)
{
	s->sel += by;
	if (s->sel >= s->nids)
		s->sel = s->nids - 1;
	if (s->sel < 0)
		s->sel = 0;
	scroll_to_sel(a, s);
}

static void act_down(struct app *a, void *st) { move_sel(a, st, 1); }
static void act_up(struct app *a, void *st) { move_sel(a, st, -1); }
/* A page key turns the page: the rows shown and the selection move together. */
static void page(struct app *a, struct lookup *s, int dir)
{
	int h = page_rows(s), last_top = s->nids > h ? s->nids - h : 0;
	s->top += dir * h;
	s->top = s->top < 0 ? 0 : s->top > last_top ? last_top : s->top;
	move_sel(a, s, dir * h);
	if (s->top != s->rows_top)
		load_rows(a, s);
}

static void act_pgdn(struct app *a, void *st) { page(a, st, 1); }
static void act_pgup(struct app *a, void *st) { page(a, st, -1); }

static void act_enter(struct app *a, void *st)
{
	struct lookup *s = st;
	char *text = edit_get(&s->ed);
	int same = s->searched && !strcmp(text, s->searched);
	free(text);
	if (!same) {
		search(a, s);
		return;
	}
	if (s->sel >= s->nids)
		return;
	a->current_case = s->ids[s->sel];
	a->switch_to = &ui_view_case;
}

static void act_clear(struct app *a, void *st)
{
	struct lookup *s = st;
	edit_clear(&s->ed);
	show_newest(a, s);
}

static const struct ui_action actions[] = {
	{ '\n', "Enter", N_("Search; on the same text, open the selected case (F4)"), act_enter },
	{ KEY_DOWN, "Down", N_("Next case"), act_down },
	{ KEY_UP, "Up", N_("Previous case"), act_up },
	{ KEY_NPAGE, "PgDn", N_("Next page"), act_pgdn },
	{ KEY_PPAGE, "PgUp", N_("Previous page"), act_pgup },
	{ 27, "Esc", N_("Clear the search box"), act_clear },
};

/* Text keys go to the search box. */
static int lookup_key(struct app *a, void *st, int is_key, wint_t ch)
{
	struct lookup *s = st;
	if (!is_key && ch >= 32 && ch != 127)
		return edit_insert(&s->ed, (wchar_t)ch), 1;
	if ((is_key && (int)ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8)))
		return edit_backspace(&s->ed), 1;
	if (is_key && (int)ch == KEY_DC)
		return edit_delete(&s->ed), 1;
	if (is_key && (int)ch == KEY_LEFT)
		return edit_left(&s->ed), 1;
	if (is_key && (int)ch == KEY_RIGHT)
		return edit_right(&s->ed), 1;
	if (is_key && (int)ch == KEY_HOME && s->ed.len == 0) {
		s->sel = 0;
		scroll_to_sel(a, s);
		return 1;
	}
	if (is_key && (int)ch == KEY_HOME)
		return edit_home(&s->ed), 1;
	if (is_key && (int)ch == KEY_END)
		return edit_end(&s->ed), 1;
	if (!is_key && ch == 21) /* Ctrl-U */
		return edit_clear(&s->ed), 1;
	return 0;
}

/* ---- drawing ---- */

static void draw_box(struct lookup *s, int y)
{
	const char *label = _("Search:");
	int lw = text_width(label) + 2, w = COLS - lw - 2, first, count, cur;
	ui_put(y, 0, "", COLS);
	attron(A_BOLD);
	ui_put(y, 1, label, lw - 1);
	attroff(A_BOLD);
	if (w < 4)
		return;
	edit_layout(&s->ed, w, &first, &count, &cur);
	attron(A_UNDERLINE);
	mvaddnwstr(y, lw, s->ed.buf + first, count);
	for (int x = edit_columns(&s->ed, first, first + count); x < w; x++)
		mvaddch(y, lw + x, ' ');
	attroff(A_UNDERLINE);
	wchar_t under = s->ed.cur < s->ed.len ? s->ed.buf[s->ed.cur] : L' ';
	attron(A_REVERSE);
	mvaddnwstr(y, lw + cur, &under, 1);
	attroff(A_REVERSE);
}

static void draw_row(const struct cf_row *row, int y, int selected)
{
	const struct case_row *r = &row->r;
	char id[20];
	enum case_state cs = CS_ACCEPTED;
	int kind = KIND_INJURY;
	case_state_parse(r->state, &cs);
	kind_parse(r->kind, &kind);
	casefile_show_id(0, r->worker_id_number, id);
	struct sbuf b = { 0 };
	sbuf_addstr(&b, row->flagged ? "!" : " ");
	text_cell(&b, *r->case_no ? r->case_no : _("(no number yet)"), 24);
	text_cell(&b, r->worker_name, 10);
	text_cell(&b, id, 19);
	text_cell(&b, kind_label(kind), 8);
	text_cell(&b, case_state_label(cs), 12);
	sbuf_addstr(&b, r->employer_name);
	if (selected)
		attron(A_REVERSE);
	ui_put(y, 0, b.s, COLS);
	if (selected)
		attroff(A_REVERSE);
	sbuf_release(&b);
}

static void lookup_draw(struct app *a, void *st, int top, int height)
{
	struct lookup *s = st;
	if (height != s->height) {
		s->height = height;
		scroll_to_sel(a, s);
		load_rows(a, s);
	}
	draw_box(s, top);
	struct sbuf b = { 0 };
	sbuf_addstr(&b, " ");
	text_cell(&b, _("Case number"), 24);
	text_cell(&b, _("Worker"), 10);
	text_cell(&b, _("ID number"), 19);
	text_cell(&b, _("Kind"), 8);
	text_cell(&b, _("State"), 12);
	sbuf_addstr(&b, _("Employer"));
	attron(A_UNDERLINE);
	ui_put(top + 1, 0, b.s, COLS);
	attroff(A_UNDERLINE);
	sbuf_release(&b);
	for (int i = 0; i < page_rows(s); i++) {
		if (i < s->nrows)
			draw_row(&s->rows[i], top + 2 + i, s->rows_top + i == s->sel);
		else
			ui_put(top + 2 + i, 0, "", COLS);
	}
}

static void *lookup_open(struct app *a)
{
	struct lookup *s = xcalloc(1, sizeof *s);
	edit_init(&s->ed, 64);
	s->height = LINES - 3;
	if (a->lookup_text[0]) { /* F6 found several: choose here */
		edit_set(&s->ed, a->lookup_text);
		a->lookup_text[0] = '\0';
		search(a, s);
	} else {
		show_newest(a, s);
	}
	return s;
}

static void lookup_close(void *st)
{
	struct lookup *s = st;
	edit_release(&s->ed);
	free(s->searched);
	free(s->ids);
	free(s);
}

const struct ui_view ui_view_lookup = {
	.name = N_("Lookup"),
	.fkey = "F5",
	.fkeycode = KEY_F(5),
	.open = lookup_open,
	.close = lookup_close,
	.draw = lookup_draw,
	.key = lookup_key,
	.actions = actions,
	.nactions = (int)ARRAY_SIZE(actions),
};
