/* core_text.h — display width of UTF-8 text on a terminal (CJK characters
 * take two columns) and padding/cutting by columns without splitting a
 * glyph.  Used by the CLI tables and the TUI alike.  Needs a UTF-8
 * LC_CTYPE (i18n_init sets one).  Layer: core. */
#ifndef YICI_CORE_TEXT_H
#define YICI_CORE_TEXT_H

#include "util.h"

/* Columns the text takes; control characters count 0, invalid bytes 1. */
int text_width(const char *s);
/* Appends s to b cut to at most `width` columns (never half a wide glyph)
 * and padded with spaces to exactly `width` columns. */
void text_pad(struct sbuf *b, const char *s, int width);
/* A table cell of width columns, the last always blank so neighbouring
 * cells never run together: the text whole when it fits in width - 1,
 * else cut and ended in "…" (one column), so a reader sees it was cut
 * (the full text belongs in a detail line).  Never half a wide glyph. */
void text_cell(struct sbuf *b, const char *s, int width);
/* The larger of w and the columns s takes: a column as wide as its
 * longest cell is text_widest over the cells. */
int text_widest(int w, const char *s);
/* Like text_pad but right-aligned. */
void text_rpad(struct sbuf *b, const char *s, int width);
/* Byte length of the longest prefix of s that fits in width columns. */
size_t text_fit(const char *s, int width);
/* Copies s into dst (size bytes): whole when it fits, else the longest
 * prefix that ends on a character boundary followed by "…" (without it
 * when size is under 5), so a fixed field never cuts silently or inside a
 * UTF-8 sequence. */
void text_copy(char *dst, size_t size, const char *s);

#endif
