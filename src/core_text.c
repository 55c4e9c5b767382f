/* core_text.c — terminal column arithmetic for UTF-8.  Layer: core. */
#include "core_text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core_validate.h"

/* Decodes one character at s; returns its byte length (>= 1) and its width. */
static size_t next_char(const char *s, int *w)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*w = 1;
		return 1;
	}
	int cw = wcwidth(wc);
	*w = cw < 0 ? 0 : cw;
	return n;
}

int text_width(const char *s)
{
	int total = 0;
	while (*s) {
		int w;
		s += next_char(s, &w);
		total += w;
	}
	return total;
}

/* The longest prefix of s within width columns: its byte length, and in
 * *used the columns it takes. */
static size_t fit(const char *s, int width, int *used)
{
	const char *p = s;
	*used = 0;
	while (*p) {
		int w;
		size_t n = next_char(p, &w);
		if (*used + w > width)
			break;
		*used += w;
		p += n;
	}
	return (size_t)(p - s);
}

int text_widest(int w, const char *s)
{
	int t = text_width(s ? s : "");
	return t > w ? t : w;
}

size_t text_fit(const char *s, int width)
{
	int used;
	return fit(s, width, &used);
}

/* Both pads print text from the database: made safe for the terminal
 * first (text_safe), so a stored ESC or bidi override never reaches it. */
void text_pad(struct sbuf *b, const char *s, int width)
{
	s = text_safe(s);
	int used;
	sbuf_add(b, s, fit(s, width, &used));
	for (; used < width; used++)
		sbuf_add(b, " ", 1);
}

/* A cell: whole when it fits in width - 1 columns, else cut to width - 2
 * and ended in "…", then padded, one column always left blank. */
void text_cell(struct sbuf *b, const char *s, int width)
{
	s = text_safe(s);
	if (width >= 2 && text_width(s) > width - 1) {
		int used;
		size_t n = fit(s, width - 2, &used);
		sbuf_add(b, s, n);
		sbuf_addstr(b, "…");
		used++;
		for (; used < width; used++)
			sbuf_add(b, " ", 1);
		return;
	}
	text_pad(b, s, width - 1);
	sbuf_add(b, " ", 1);
}

void text_rpad(struct sbuf *b, const char *s, int width)
{
	s = text_safe(s);
	int used;
	size_t n = fit(s, width, &used);
	for (int w = used; w < width; w++)
		sbuf_add(b, " ", 1);
	sbuf_add(b, s, n);
}

void text_copy(char *dst, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (n < size) {
		memcpy(dst, s, n + 1);
		return;
	}
	if (size == 0)
		return;
	int mark = size >= sizeof "…" + 1; /* room for the ellipsis and one byte */
	n = mark ? size - sizeof "…" : size - 1;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* s[n] starts the first character left out */
	memcpy(dst, s, n);
	if (mark)
		memcpy(dst + n, "…", sizeof "…");
	else
		dst[n] = '\0';
}
