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

size_t text_fit(const char *s, int width)
{
	const char *p = s;
	int used = 0;
	while (*p) {
		int w;
		size_t n = next_char(p, &w);
		if (used + w > width)
			break;
		used += w;
		p += n;
	}
	return (size_t)(p - s);
}

/* Both pads print text from the database: made safe for the terminal
 * first (text_safe), so a stored ESC or bidi override never reaches it. */
void text_pad(struct sbuf *b, const char *s, int width)
{
	s = text_safe(s);
	size_t n = text_fit(s, width);
	char tmp[4096];
	size_t k = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
	memcpy(tmp, s, k);
	tmp[k] = '\0';
	sbuf_add(b, s, n);
	for (int w = text_width(tmp); w < width; w++)
		sbuf_add(b, " ", 1);
}

void text_cell(struct sbuf *b, const char *s, int width)
{
	text_pad(b, s, width - 1);
	sbuf_add(b, " ", 1);
}

void text_cell_cut(struct sbuf *b, const char *s, int width)
{
	if (width < 2 || text_width(s) <= width - 1) {
		text_cell(b, s, width);
		return;
	}
	size_t n = text_fit(s, width - 2);
	struct sbuf t = { 0 };
	sbuf_add(&t, s, n);
	sbuf_addstr(&t, "…");
	text_cell(b, t.s, width);
	sbuf_release(&t);
}

void text_rpad(struct sbuf *b, const char *s, int width)
{
	s = text_safe(s);
	size_t n = text_fit(s, width);
	char tmp[4096];
	size_t k = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
	memcpy(tmp, s, k);
	tmp[k] = '\0';
	for (int w = text_width(tmp); w < width; w++)
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
	n = size - sizeof "…"; /* room for the ellipsis and the NUL */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* s[n] starts the first character left out */
	memcpy(dst, s, n);
	memcpy(dst + n, "…", sizeof "…");
}
