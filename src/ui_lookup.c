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
#include "db_inbox.h"
#include "i18n.h"
#include "ui_list.h"

#define NEWEST 200
#define MAX_ROWS 128

struct lookup {
	struct app *a;
	struct edit ed;
	char *searched;         /* the text of the shown result ("" = newest) */
	int64_t *ids;
	int nids, more;
	enum find_kind kind;
	struct cf_row rows[MAX_ROWS]; /* the cases of the ids shown */
	struct column cols[8];
	struct ui_list list;
};

/* ---- the columns: case_columns[] (cli_case.c), the ones room is for ---- */

/* The headings of the case columns F5 shows, in their order (Channel and
 * Accepted stay in `yici case list`: the employer needs the room). */
static const char *const shown[] = { N_("Case number"), N_("Worker"), N_("ID number"),
				     N_("Kind"), N_("State"), N_("Employer") };

static int pick_columns(struct column *out)
{
	int n = 0;
	for (int i = 0; i < case_ncolumns; i++)
		for (size_t k = 0; k < ARRAY_SIZE(shown); k++)
			if (case_columns[i].title && !strcmp(case_columns[i].title, shown[k]))
				out[n++] = case_columns[i];
	return n;
}

/* ! before a flagged case (a false commitment) */
static const char *flag_mark(const void *r, const void *c)
{
	(void)c;
	return ((const struct cf_row *)r)->flagged ? "!" : " ";
}

/* The list's fetch: the cases of ids[first ...] for the lines shown. */
static int fetch_rows(void *src, int first, int n)
{
	struct lookup *s = src;
	struct yerr e;
	yerr_clear(&e);
	if (n > MAX_ROWS)
		n = MAX_ROWS;
	int k = n > 0 ? db_case_rows(s->a->d, &s->a->actor, s->ids + first, n, s->rows, &e) : 0;
	if (k < 0)
		ui_say(s->a, 1, "%s", e.msg);
	return k;
}

static void set_ids(struct lookup *s, int64_t *ids, int n, int more)
{
	free(s->ids);
	s->ids = ids;
	s->nids = n;
	s->more = more;
	s->list.pos.sel = s->list.pos.top = 0;
	ui_list_set(&s->list, s->rows, n);
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
	struct inbox_row ib;
	if (!fr.nids && db_inbox_find(a->d, text, &ib, &e) == 0 && !ib.case_id)
		ui_say(a, 1, _("%s is an online application waiting at the window, not yet a "
			       "case: F7 in the form (F2) opens it"), text);
	else if (!fr.nids)
		ui_say(a, 1, _("no case matches '%s' (searched as %s)"), text, find_kind_label(fr.kind));
	else if (fr.more)
		ui_say(a, 0, _("more than %d cases match '%s' (as %s): the first %d are listed; "
			       "refine the search"), fr.nids, text, find_kind_label(fr.kind), fr.nids);
	else
		ui_say(a, 0, _("%d cases match '%s' (as %s)"), fr.nids, text, find_kind_label(fr.kind));
}

/* ---- keys ---- */

static struct ui_list *list_of(void *st)
{
	return &((struct lookup *)st)->list;
}

static void act_down(struct app *a, void *st) { (void)a; ui_list_down(list_of(st)); }
static void act_up(struct app *a, void *st) { (void)a; ui_list_up(list_of(st)); }
static void act_pgdn(struct app *a, void *st) { (void)a; ui_list_pgdn(list_of(st)); }
static void act_pgup(struct app *a, void *st) { (void)a; ui_list_pgup(list_of(st)); }

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
	if (s->list.pos.sel >= s->nids)
		return;
	a->current_case = s->ids[s->list.pos.sel];
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
	if (is_key && ((int)ch == KEY_HOME || (int)ch == KEY_END) && s->ed.len == 0) {
		(int)ch == KEY_HOME ? ui_list_home(&s->list) : ui_list_end(&s->list);
		return 1;  /* the box is empty: the first or the last case */
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

static void lookup_draw(struct app *a, void *st, int top, int height)
{
	struct lookup *s = st;
	draw_box(s, top);
	ui_list_draw(&s->list, top + 1, height - 1);
	(void)a;
}

static void *lookup_open(struct app *a)
{
	struct lookup *s = xcalloc(1, sizeof *s);
	edit_init(&s->ed, 64);
	s->a = a;
	s->list = (struct ui_list){ .cols = s->cols, .ncols = pick_columns(s->cols), .ctx = s,
				    .header = 1, .mark_w = 1, .mark = flag_mark,
				    .stride = sizeof s->rows[0], .fetch = fetch_rows, .src = s,
				    .pos.height = LINES - 5 };
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
	ui_list_release(&s->list);
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
