/* ui_list.c — the one list widget (ui_list.h): drawing from a column
 * table, the moving keys over core_list, and the three row sources.
 * Layer: ui. */
#include "ui_list.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core_text.h"
#include "ui_view.h"

/* ---- rows ---- */

static int keyset(const struct ui_list *l)
{
	return l->page != NULL;
}

static const void *row_at(const struct ui_list *l, int i)
{
	if (i < 0 || i >= l->pos.count)
		return NULL;
	if (keyset(l))
		return (const char *)l->buf + (size_t)i * l->stride;
	if (i < l->first || i >= l->first + l->nloaded)
		return NULL;
	return (const char *)l->rows + (size_t)(i - l->first) * l->stride;
}

/* fetch source: the rows of the lines shown are loaded */
static void sync(struct ui_list *l)
{
	if (!l->fetch)
		return;
	int want = l->pos.count - l->pos.top < l->pos.height ? l->pos.count - l->pos.top
							      : l->pos.height;
	if (want < 0)
		want = 0;
	if (l->nloaded >= 0 && l->first == l->pos.top && l->nloaded >= want)
		return;
	int n = want ? l->fetch(l->src, l->pos.top, want) : 0;
	l->first = l->pos.top;
	l->nloaded = n < 0 ? 0 : n;
}

const void *ui_list_selected(const struct ui_list *l)
{
	return row_at(l, l->pos.sel);
}

int ui_list_lines(const struct ui_list *l)
{
	return l->pos.height > 0 ? l->pos.height : 1;
}

void ui_list_set(struct ui_list *l, const void *rows, int count)
{
	l->rows = rows;   /* fetch: the buffer the rows are loaded into */
	if (!l->fetch) {
		l->first = 0;
		l->nloaded = count;
	} else {
		l->nloaded = -1; /* reload */
	}
	l->pos.count = count;
	list_fit(&l->pos);
	sync(l);
}

/* ---- keyset pages ---- */

static void set_start(struct ui_list *l, const void *row)
{
	if (!row) {
		free(l->start);
		l->start = NULL;
		return;
	}
	if (!l->start)
		l->start = xmalloc(l->stride);
	memmove(l->start, row, l->stride);
}

static int page_lines(const struct ui_list *l)
{
	int h = ui_list_lines(l);
	return h > l->cap ? l->cap : h;
}

void ui_list_reload(struct ui_list *l)
{
	if (!keyset(l))
		return;
	int h = page_lines(l);
	int n = l->page(l->src, l->start, l->start ? 0 : 1, h, l->buf);
	l->pos.count = n < 0 ? 0 : n;
	l->pos.top = 0;
	l->at_end = l->pos.count < h;
	list_fit(&l->pos);
}

void ui_list_rewind(struct ui_list *l)
{
	set_start(l, NULL);
	l->pos.sel = 0;
}

void ui_list_start_at(struct ui_list *l, const void *row)
{
	set_start(l, row);
	l->pos.sel = 0;
	ui_list_reload(l);
}

/* The page that starts with the row after (dir 1) or n rows before
 * (dir -1) the row `at` of the page shown; 0 when there is none. */
static int turn(struct ui_list *l, int at, int dir, int n)
{
	char *from = xmalloc(l->stride), *out = xcalloc((size_t)n, l->stride);
	memcpy(from, row_at(l, at), l->stride);
	int k = l->page(l->src, from, dir, n, out);
	if (k > 0) {
		set_start(l, out);
		ui_list_reload(l);
	}
	free(from);
	free(out);
	return k > 0;
}

/* A pager's last page: the last rows, before nothing. */
static void keyset_last(struct ui_list *l)
{
	int h = page_lines(l);
	char *out = xcalloc((size_t)h, l->stride);
	int k = l->page(l->src, NULL, -1, h, out);
	set_start(l, k > 0 ? out : NULL);
	free(out);
	ui_list_reload(l);
	l->pos.sel = 0;
}

static void keyset_move(struct ui_list *l, int by)
{
	struct list_pos *p = &l->pos;
	int h = page_lines(l);
	if (l->pager)
		p->sel = by > 0 ? p->count - 1 : 0; /* no selection: the page moves */
	if (by > 0 && p->sel + 1 < p->count) {
		p->sel++;
	} else if (by > 0 && p->count == h) {
		/* one row on, when there is one after the last */
		char *next = xmalloc(l->stride), *from = xmalloc(l->stride);
		memcpy(from, row_at(l, p->count - 1), l->stride);
		if (l->page(l->src, from, 1, 1, next) == 1) {
			set_start(l, h > 1 ? row_at(l, 1) : next);
			ui_list_reload(l);
			p->sel = p->count ? p->count - 1 : 0;
		}
		free(next);
		free(from);
	} else if (by < 0 && p->sel > 0) {
		p->sel--;
	} else if (by < 0 && p->count && l->start) {
		turn(l, 0, -1, 1);
	}
	if (l->pager)
		p->sel = 0;
}

static void keyset_page(struct ui_list *l, int dir)
{
	struct list_pos *p = &l->pos;
	int h = page_lines(l);
	if (dir > 0 && p->count == h && turn(l, p->count - 1, 1, h)) {
		if (l->pager && p->count < h)
			keyset_last(l); /* a text ends with a full page */
		return;
	}
	if (dir < 0 && p->count && l->start && turn(l, 0, -1, h)) {
		if (l->pager && p->count < h) { /* fewer than a page before it */
			ui_list_rewind(l);
			ui_list_reload(l);
		}
		return;
	}
	p->sel = dir > 0 && p->count && !l->pager ? p->count - 1 : 0;
}

/* ---- moving ---- */

void ui_list_down(struct ui_list *l)
{
	if (keyset(l))
		keyset_move(l, 1);
	else if (l->pager)
		list_scroll(&l->pos, 1);
	else
		list_move(&l->pos, 1);
	sync(l);
}

void ui_list_up(struct ui_list *l)
{
	if (keyset(l))
		keyset_move(l, -1);
	else if (l->pager)
		list_scroll(&l->pos, -1);
	else
		list_move(&l->pos, -1);
	sync(l);
}

void ui_list_pgdn(struct ui_list *l)
{
	if (keyset(l))
		keyset_page(l, 1);
	else if (l->pager)
		list_scroll(&l->pos, ui_list_lines(l));
	else
		list_page(&l->pos, 1);
	sync(l);
}

void ui_list_pgup(struct ui_list *l)
{
	if (keyset(l))
		keyset_page(l, -1);
	else if (l->pager)
		list_scroll(&l->pos, -ui_list_lines(l));
	else
		list_page(&l->pos, -1);
	sync(l);
}

void ui_list_home(struct ui_list *l)
{
	if (keyset(l)) {
		ui_list_rewind(l);
		ui_list_reload(l);
		return;
	}
	list_home(&l->pos);
	sync(l);
}

void ui_list_end(struct ui_list *l)
{
	if (keyset(l) && l->pager)
		keyset_last(l);
	else if (l->pager)
		list_scroll(&l->pos, l->pos.count);
	else
		list_end(&l->pos); /* keyset: the last row of the page */
	sync(l);
}

void ui_list_select(struct ui_list *l, int row)
{
	list_select(&l->pos, row);
	sync(l);
}

int ui_list_key(struct ui_list *l, int is_key, wint_t ch)
{
	if (!is_key)
		return 0;
	switch ((int)ch) {
	case KEY_DOWN: ui_list_down(l); return 1;
	case KEY_UP: ui_list_up(l); return 1;
	case KEY_NPAGE: ui_list_pgdn(l); return 1;
	case KEY_PPAGE: ui_list_pgup(l); return 1;
	case KEY_HOME: ui_list_home(l); return 1;
	case KEY_END: ui_list_end(l); return 1;
	default: return 0;
	}
}

/* ---- search ---- */

static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return n == 0;
}

struct search {
	struct ui_list *l;
	const char *text;
};

static int row_matches(int i, void *arg)
{
	struct search *s = arg;
	struct ui_list *l = s->l;
	if (l->fetch) {           /* a row far off is loaded to be read */
		if (!row_at(l, i)) {
			int n = l->fetch(l->src, i, 1);
			l->first = i;
			l->nloaded = n < 0 ? 0 : n;
		}
	}
	const void *row = row_at(l, i);
	char buf[256];
	const char *line = row && l->line ? l->line(row, l->ctx, buf, sizeof buf) : NULL;
	if (line)
		return contains(line, s->text);
	for (int k = 0; row && k < l->ncols; k++)
		if (l->cols[k].title &&
		    contains(l->cols[k].get(row, l->ctx, COL_SCREEN, buf, sizeof buf), s->text))
			return 1;
	return 0;
}

int ui_list_search(struct ui_list *l, const char *text, int next)
{
	struct search s = { l, text };
	int from = l->pos.sel + (next ? 1 : 0);
	int hit = list_find(keyset(l) ? 0 : l->pos.count, from, row_matches, &s);
	if (l->fetch)
		l->nloaded = -1;
	if (hit >= 0)
		list_select(&l->pos, hit);
	sync(l);
	return hit >= 0;
}

/* ---- drawing ---- */

static void draw_header(const struct ui_list *l, int y)
{
	struct sbuf b = { 0 };
	for (int i = 0; i < l->mark_w; i++)
		sbuf_addstr(&b, " ");
	columns_header(&b, l->cols, l->ncols, COLS);
	attron(A_UNDERLINE);
	ui_put(y, 0, b.s, COLS);
	attroff(A_UNDERLINE);
	sbuf_release(&b);
}

static void draw_row(const struct ui_list *l, const void *row, int y, int selected)
{
	struct sbuf b = { 0 };
	char buf[512];
	const char *line = l->line ? l->line(row, l->ctx, buf, sizeof buf) : NULL;
	if (line)
		sbuf_addstr(&b, line);
	else if (l->mark_w)
		text_pad(&b, l->mark ? l->mark(row, l->vctx ? l->vctx : l->ctx) : "", l->mark_w);
	if (!line)
		columns_row(&b, l->cols, l->ncols, row, l->ctx, COL_SCREEN, COLS);
	const void *v = l->vctx ? l->vctx : l->ctx;
	int attr = l->attr ? l->attr(row, v, selected) : selected ? (int)A_REVERSE : (int)A_NORMAL;
	attron(attr);
	ui_put(y, 0, b.s ? b.s : "", COLS);
	attroff(attr);
	sbuf_release(&b);
}

static void draw_pos(const struct ui_list *l, int y)
{
	const struct list_pos *p = &l->pos;
	if (keyset(l) || (p->top == 0 && p->count <= p->height))
		return;
	char more[64];
	int last = p->top + p->height < p->count ? p->top + p->height : p->count;
	snprintf(more, sizeof more, " %d-%d/%d ", p->top + 1, last, p->count);
	int w = text_width(more);
	ui_put(y, COLS - w, more, w);
}

void ui_list_draw(struct ui_list *l, int y, int height)
{
	if (l->header) {
		draw_header(l, y++);
		height--;
	}
	int h = height > 0 ? height : 1;
	if (h != l->pos.height) {
		l->pos.height = h;
		if (keyset(l))
			ui_list_reload(l);
		else
			list_fit(&l->pos);
	}
	sync(l);
	for (int i = 0; i < height; i++) {
		int k = l->pos.top + i;
		const void *row = row_at(l, k);
		if (row)
			draw_row(l, row, y + i, k == l->pos.sel && !l->pager);
		else
			ui_put(y + i, 0, "", COLS);
	}
	if (l->show_pos)
		draw_pos(l, y + height - 1);
}

void ui_list_release(struct ui_list *l)
{
	free(l->start);
	l->start = NULL;
}

int ui_search_key(char *text, size_t size, int *searching, int is_key, wint_t ch)
{
	if (!*searching)
		return 0;
	size_t n = strlen(text);
	if (!is_key && (ch == 27 || ch == '\r' || ch == '\n')) {
		*searching = 0;
		if (ch == 27)
			text[0] = '\0';
		return 1;
	}
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		while (n > 0 && ((unsigned char)text[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			text[n - 1] = '\0';
		return 1;
	}
	if (is_key || ch < 32)
		return 0;
	char mb[8];
	int k = wctomb(mb, (wchar_t)ch);
	if (k <= 0 || n + (size_t)k >= size)
		return 1;
	memcpy(text + n, mb, (size_t)k);
	text[n + (size_t)k] = '\0';
	return 2;
}
