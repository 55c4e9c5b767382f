/* core_list.h — the arithmetic of a list on a screen (issue 18): which
 * row is selected and which is the first shown, for count rows in height
 * lines.  The one list widget (ui_list.c) draws with it; it is here, apart
 * from curses, so the unit tests check it.  Layer: core. */
#ifndef YICI_CORE_LIST_H
#define YICI_CORE_LIST_H

struct list_pos {
	int count;   /* rows in the list */
	int sel;     /* the selected row (0 when the list is empty) */
	int top;     /* the first row shown */
	int height;  /* lines for rows (at least 1) */
};

/* After count or height changed: sel in the list, top so that sel is
 * shown and no line is left empty while rows above could fill it. */
void list_fit(struct list_pos *l);
/* Up/Down (by -1/1, or any number): the selection moves, the list
 * scrolls the least that keeps it shown. */
void list_move(struct list_pos *l, int by);
/* PgDn/PgUp (dir 1/-1): the page turns, the rows shown and the selection
 * move together by a page; at either end the selection goes to the first
 * or the last row. */
void list_page(struct list_pos *l, int dir);
/* Home and End; list_select shows row (clamped) as Down would reach it. */
void list_home(struct list_pos *l);
void list_end(struct list_pos *l);
void list_select(struct list_pos *l, int row);
/* A pager (a text, no selection): the first line shown moves by `by`
 * lines, never past the last full page; the selection is that line. */
void list_scroll(struct list_pos *l, int by);
/* The first row from `from` on (wrapping at the end, once round) for
 * which match returns 1; -1 when none does. */
int list_find(int count, int from, int (*match)(int row, void *arg), void *arg);

#endif
