/* core_list.c — selection, scrolling and paging of a list (core_list.h).
 * Layer: core. */
#include "core_list.h"

static int last_top(const struct list_pos *l)
{
	return l->count > l->height ? l->count - l->height : 0;
}

void list_fit(struct list_pos *l)
{
	if (l->height < 1)
		l->height = 1;
	if (l->count < 0)
		l->count = 0;
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > last_top(l))
		l->top = last_top(l);
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + l->height)
		l->top = l->sel - l->height + 1;
	if (l->top < 0)
		l->top = 0;
}

void list_move(struct list_pos *l, int by)
{
	l->sel += by;
	list_fit(l);
}

void list_page(struct list_pos *l, int dir)
{
	list_fit(l);
	int h = l->height;
	l->top += dir * h;
	l->top = l->top < 0 ? 0 : l->top > last_top(l) ? last_top(l) : l->top;
	l->sel += dir * h;
	list_fit(l);
}

void list_home(struct list_pos *l)
{
	l->sel = l->top = 0;
	list_fit(l);
}

void list_end(struct list_pos *l)
{
	l->sel = l->count - 1;
	list_fit(l);
}

void list_select(struct list_pos *l, int row)
{
	l->sel = row;
	list_fit(l);
}

void list_scroll(struct list_pos *l, int by)
{
	list_fit(l);
	l->top += by;
	l->top = l->top < 0 ? 0 : l->top > last_top(l) ? last_top(l) : l->top;
	l->sel = l->top;
}

int list_find(int count, int from, int (*match)(int row, void *arg), void *arg)
{
	if (count <= 0)
		return -1;
	from = from < 0 ? 0 : from % count;
	for (int i = 0; i < count; i++) {
		int r = (from + i) % count;
		if (match(r, arg))
			return r;
	}
	return -1;
}
