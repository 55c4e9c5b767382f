/* ui_list.h — the one list widget of the workstation (issue 18): a
 * heading and rows drawn from a column table (cli_columns.h: heading
 * msgid, CSV name, width or 0 for the rest, getter), each cell cut by
 * display columns with "…"; a mark before the first column and the
 * attributes of a row from the view; the selection, scrolling and paging
 * of core_list.h, kept right across a resize.  The rows come from one of
 * three sources:
 *   - an array: rows, stride and pos.count;
 *   - a window fetched by index (fetch: count known, rows loaded for the
 *     lines shown, as the lookup loads the cases of its ids);
 *   - keyset pages (page: count unknown, rows after or before a row, as
 *     the queue reads its tasks).
 * With pager set the rows are lines of a text: nothing is selected and
 * the keys scroll it (the form's notice, the case view's panes; keyset
 * pages too: the case view's timeline, End showing the last page).
 * A view keeps a struct ui_list in its state, fills it once, calls
 * ui_list_draw from its draw() and the moving functions from its action
 * table (so F1 lists the keys).  Layer: ui. */
#ifndef YICI_UI_LIST_H
#define YICI_UI_LIST_H

#include <stddef.h>
#include <wchar.h>

#include "cli_columns.h"
#include "core_list.h"

struct ui_list {
	struct list_pos pos;      /* pos.count: rows (array and fetch sources) */
	const struct column *cols;
	int ncols;
	const void *ctx;          /* the getters' (and mark's, attr's) context */
	const void *vctx;         /* mark's and attr's, when not ctx */
	int header;               /* 1: an underlined heading line above the rows */
	int show_pos;             /* 1: " 1-19/21 " on the last line when not all fit */
	int pager;                /* 1: a text, no selection: the keys scroll it */
	int mark_w;               /* columns before the first column */
	const char *(*mark)(const void *row, const void *ctx); /* NULL: spaces */
	/* curses attributes of a row; NULL: A_REVERSE when selected */
	int (*attr)(const void *row, const void *ctx, int selected);
	/* a row drawn as one text across the columns (a marker between the
	 * rows, as the timeline's deadlines): its text, NULL for a row drawn
	 * by the columns; NULL: every row by the columns */
	const char *(*line)(const void *row, const void *ctx, char *buf, size_t n);

	/* the rows: row i is rows + (i - first) * stride */
	const void *rows;
	size_t stride;
	int first, nloaded;       /* fetch: the rows loaded; array: 0, count */
	/* fetch source: load rows first .. first + n - 1 into rows (how many) */
	int (*fetch)(void *src, int first, int n);
	void *src;

	/* keyset source (page set): buf holds cap rows of stride bytes, the
	 * rows shown; pos.count is how many of them, pos.top is 0.  page
	 * fills out with up to n rows: after `from` (dir 1, from NULL: from
	 * the first), before it (dir -1, in list order), or from it on
	 * (dir 0); it returns how many (-1 an error the view has said).  A
	 * pager's End asks for the last rows: before NULL (dir -1). */
	int (*page)(void *src, const void *from, int dir, int n, void *out);
	void *buf;
	int cap;
	void *start;              /* a copy of the first row shown (NULL: the first) */
	int at_end;               /* the last page did not fill the lines */
};

/* Draws the heading (when header) at y and the rows below, in height
 * lines; remembers the lines so the keys page by what is shown. */
void ui_list_draw(struct ui_list *l, int y, int height);
/* The rows shown: pos.height after a draw (at least 1). */
int ui_list_lines(const struct ui_list *l);
/* The selected row, NULL when the list is empty (or, fetching, not
 * loaded). */
const void *ui_list_selected(const struct ui_list *l);
/* After the rows changed: count rows at rows (fetch: the buffer they are
 * loaded into), the selection and the first row shown kept where they
 * can be; fetch sources reload. */
void ui_list_set(struct ui_list *l, const void *rows, int count);
/* The moving keys, for the views' action tables. */
void ui_list_down(struct ui_list *l);
void ui_list_up(struct ui_list *l);
void ui_list_pgdn(struct ui_list *l);
void ui_list_pgup(struct ui_list *l);
void ui_list_home(struct ui_list *l);
void ui_list_end(struct ui_list *l);
void ui_list_select(struct ui_list *l, int row);
/* Keys Up, Down, PgUp, PgDn, Home and End: 1 when is_key/ch was one. */
int ui_list_key(struct ui_list *l, int is_key, wint_t ch);
/* Array and fetch sources: selects the next row, from the selected one
 * (next = 0) or the one after it (next = 1), any of whose screen cells
 * contains text (ASCII letters in either case); 0 when none does. */
int ui_list_search(struct ui_list *l, const char *text, int next);
/* A key typed into a view's search text (size bytes, UTF-8) while
 * *searching: Esc ends it and clears the text, Enter ends it, Backspace
 * takes the last character off, a printable character is added.  0 when
 * not searching or not such a key, 1 when handled, 2 when a character was
 * added (the view searches again). */
int ui_search_key(char *text, size_t size, int *searching, int is_key, wint_t ch);

/* Keyset sources: reads the page from l->start again (after a change, a
 * filter: ui_list_rewind first to start at the first row). */
void ui_list_reload(struct ui_list *l);
void ui_list_rewind(struct ui_list *l);
/* Starts the page at row (copied), selected. */
void ui_list_start_at(struct ui_list *l, const void *row);
void ui_list_release(struct ui_list *l);

#endif
