/* core_edit.c — the wide-character line editor model: insertion, deletion
 * and cursor motion by whole characters, limits in characters, and the
 * horizontal scroll that never splits a double-width glyph.  Layer: core
 * (pure C, no curses: tests/unit/test_edit.c drives it). */
#include "core_edit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void edit_init(struct edit *ed, int max_chars)
{
	memset(ed, 0, sizeof *ed);
	ed->max = max_chars > 0 ? max_chars : 0;
	ed->cap = 16;
	ed->buf = xcalloc((size_t)ed->cap, sizeof *ed->buf);
}

void edit_release(struct edit *ed)
{
	free(ed->buf);
	memset(ed, 0, sizeof *ed);
}

static void reserve(struct edit *ed, int n)
{
	if (n + 1 <= ed->cap)
		return;
	while (ed->cap < n + 1)
		ed->cap *= 2;
	ed->buf = xrealloc(ed->buf, (size_t)ed->cap * sizeof *ed->buf);
}

static int is_control(wchar_t ch)
{
	return ch < 0x20 || (ch >= 0x7f && ch < 0xa0) || ch == 0x2028 || ch == 0x2029;
}

int edit_char_width(wchar_t ch)
{
	int w = wcwidth(ch);
	if (w >= 0)
		return w;
	/* no UTF-8 locale or an unassigned code point: CJK blocks still
	 * take two columns on every terminal we support */
	if ((ch >= 0x1100 && ch <= 0x115f) || (ch >= 0x2e80 && ch <= 0xa4cf) ||
	    (ch >= 0xac00 && ch <= 0xd7a3) || (ch >= 0xf900 && ch <= 0xfaff) ||
	    (ch >= 0xfe30 && ch <= 0xfe4f) || (ch >= 0xff00 && ch <= 0xff60) ||
	    (ch >= 0xffe0 && ch <= 0xffe6) || (ch >= 0x20000 && ch <= 0x3fffd))
		return 2;
	return 1;
}

int edit_columns(const struct edit *ed, int from, int to)
{
	int w = 0;
	for (int i = from; i < to && i < ed->len; i++)
		w += edit_char_width(ed->buf[i]);
	return w;
}

/* Decodes one UTF-8 sequence at s; returns its length (>= 1) and stores
 * the code point, U+FFFD for malformed input. */
static size_t utf8_decode(const unsigned char *s, wchar_t *out)
{
	uint32_t c = s[0];
	size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3
		 : (c & 0xf8) == 0xf0 ? 4 : 0;
	if (n == 0) {
		*out = 0xfffd;
		return 1;
	}
	uint32_t v = n == 1 ? c : c & (0x7fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*out = 0xfffd;
			return i;
		}
		v = (v << 6) | (s[i] & 0x3f);
	}
	static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (v < min[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		v = 0xfffd;
	*out = (wchar_t)v;
	return n;
}

static void utf8_encode(struct sbuf *b, wchar_t ch)
{
	uint32_t c = (uint32_t)ch;
	char o[4];
	size_t n;
	if (c < 0x80) {
		o[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		o[0] = (char)(0xf0 | (c >> 18));
		o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	sbuf_add(b, o, n);
}

char *edit_get(const struct edit *ed)
{
	struct sbuf b = { 0 };
	sbuf_add(&b, "", 0);
	for (int i = 0; i < ed->len; i++)
		utf8_encode(&b, ed->buf[i]);
	return b.s;
}

void edit_clear(struct edit *ed)
{
	ed->len = ed->cur = ed->scroll = 0;
	ed->buf[0] = L'\0';
}

/* Inserts without touching `changed`; refuses control characters. */
static int put(struct edit *ed, wchar_t ch)
{
	if (is_control(ch) || (ed->max && ed->len >= ed->max))
		return -1;
	reserve(ed, ed->len + 1);
	memmove(ed->buf + ed->cur + 1, ed->buf + ed->cur,
		(size_t)(ed->len - ed->cur + 1) * sizeof *ed->buf);
	ed->buf[ed->cur++] = ch;
	ed->len++;
	return 0;
}

int edit_set(struct edit *ed, const char *s)
{
	edit_clear(ed);
	int cut = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		wchar_t ch;
		p += utf8_decode(p, &ch);
		if (is_control(ch))
			continue;
		if (put(ed, ch) < 0)
			cut++;
	}
	ed->scroll = 0;
	return cut;
}

int edit_insert(struct edit *ed, wchar_t ch)
{
	if (put(ed, ch) < 0)
		return -1;
	ed->changed = 1;
	return 0;
}

static void remove_at(struct edit *ed, int i)
{
	memmove(ed->buf + i, ed->buf + i + 1, (size_t)(ed->len - i) * sizeof *ed->buf);
	ed->len--;
	ed->changed = 1;
}

int edit_backspace(struct edit *ed)
{
	if (ed->cur == 0)
		return 0;
	remove_at(ed, --ed->cur);
	return 1;
}

int edit_delete(struct edit *ed)
{
	if (ed->cur >= ed->len)
		return 0;
	remove_at(ed, ed->cur);
	return 1;
}

int edit_kill_end(struct edit *ed)
{
	if (ed->cur >= ed->len)
		return 0;
	ed->len = ed->cur;
	ed->buf[ed->len] = L'\0';
	ed->changed = 1;
	return 1;
}

int edit_left(struct edit *ed)
{
	if (ed->cur == 0)
		return 0;
	ed->cur--;
	return 1;
}

int edit_right(struct edit *ed)
{
	if (ed->cur >= ed->len)
		return 0;
	ed->cur++;
	return 1;
}

int edit_home(struct edit *ed)
{
	int moved = ed->cur != 0;
	ed->cur = 0;
	return moved;
}

int edit_end(struct edit *ed)
{
	int moved = ed->cur != ed->len;
	ed->cur = ed->len;
	return moved;
}

/* Columns the cursor cell needs: the glyph under it, or one blank cell at
 * the end of the text. */
static int cursor_cells(const struct edit *ed)
{
	if (ed->cur >= ed->len)
		return 1;
	int w = edit_char_width(ed->buf[ed->cur]);
	return w < 1 ? 1 : w;
}

void edit_layout(struct edit *ed, int width, int *first, int *count, int *cursor_col)
{
	if (width < 2)
		width = 2;
	if (ed->cur > ed->len)
		ed->cur = ed->len;
	if (ed->scroll > ed->cur)
		ed->scroll = ed->cur;
	/* scroll right until the cursor glyph fits */
	while (ed->scroll < ed->cur &&
	       edit_columns(ed, ed->scroll, ed->cur) + cursor_cells(ed) > width)
		ed->scroll++;
	/* pull back while the text from one character earlier still fits */
	while (ed->scroll > 0) {
		int need = edit_columns(ed, ed->scroll - 1, ed->len) + (ed->cur >= ed->len);
		/* nor may the cursor's own cell leave the field (a zero-width
		 * mark after a glyph that fills it: found by fuzzing) */
		if (need > width ||
		    edit_columns(ed, ed->scroll - 1, ed->cur) + cursor_cells(ed) > width)
			break;
		ed->scroll--;
	}
	int used = 0, n = 0;
	for (int i = ed->scroll; i < ed->len; i++) {
		int w = edit_char_width(ed->buf[i]);
		if (used + w > width)
			break;
		used += w;
		n++;
	}
	*first = ed->scroll;
	*count = n;
	*cursor_col = edit_columns(ed, ed->scroll, ed->cur);
}
