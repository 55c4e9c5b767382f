/* cli_columns.c — a list's columns as text (screen and table) and CSV
 * (cli_columns.h): the one place a cell is cut, padded and given its "…".
 * Layer: cli (no curses: the workstation's list widget calls it). */
#include "cli_columns.h"

#include "core_text.h"
#include "core_validate.h"
#include "i18n.h"

static void put_cell(struct sbuf *b, const char *t, int w, int last, int width)
{
	t = text_safe(t); /* text from the database never reaches the terminal raw */
	if (!last) {
		text_cell(b, t, w);
		return;
	}
	int room = width > 0 ? width - text_width(b->s ? b->s : "") : 0;
	if (width > 0 && room > 0 && text_width(t) > room) {
		text_cell(b, t, room + 1); /* ends in … at the edge */
		while (b->len && b->s[b->len - 1] == ' ')
			b->s[--b->len] = '\0';
	} else if (width <= 0 || room > 0) {
		sbuf_addstr(b, t);
	}
}

static int last_titled(const struct column *c, int n)
{
	int k = -1;
	for (int i = 0; i < n; i++)
		if (c[i].title)
			k = i;
	return k;
}

void columns_header(struct sbuf *b, const struct column *c, int n, int width)
{
	int last = last_titled(c, n);
	sbuf_add(b, "", 0);
	for (int i = 0; i <= last; i++)
		if (c[i].title)
			put_cell(b, *c[i].title ? _(c[i].title) : "", c[i].width, i == last, width);
}

void columns_row(struct sbuf *b, const struct column *c, int n, const void *row, const void *ctx,
		 enum col_out out, int width)
{
	int last = last_titled(c, n);
	char buf[1024];         /* a timeline's detail, rendered */
	sbuf_add(b, "", 0);
	for (int i = 0; i <= last; i++)
		if (c[i].title)
			put_cell(b, c[i].get(row, ctx, out, buf, sizeof buf), c[i].width, i == last,
				 width);
}

int columns_csv_header(const struct column *c, int n, const char **out)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (c[i].csv)
			out[k++] = c[i].csv;
	return k;
}

int columns_csv_row(const struct column *c, int n, const void *row, const void *ctx,
		    const char **out, char (*bufs)[256])
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (c[i].csv) {
			out[k] = c[i].get(row, ctx, COL_CSV, bufs[k], 256);
			k++;
		}
	return k;
}
