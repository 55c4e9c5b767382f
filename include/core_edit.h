/* core_edit.h — the model of a one-line text field on wide characters:
 * a wchar_t buffer, the cursor, a horizontal scroll offset and a limit
 * counted in characters.  Left/Right/Backspace/Delete move or remove one
 * whole character whatever its width (a CJK character takes two columns);
 * the visible slice never splits a double-width glyph at either edge.
 * The view (ui_form.c) only draws what edit_layout says, so everything
 * here is unit-tested without a terminal.  Widths come from wcwidth() and
 * need a UTF-8 LC_CTYPE (i18n_init sets one).  Layer: core. */
#ifndef YICI_CORE_EDIT_H
#define YICI_CORE_EDIT_H

#include <stddef.h>
#include <wchar.h>

struct edit {
	wchar_t *buf;   /* len characters and a terminating L'\0'; owned */
	int len, cap;
	int max;        /* most characters the field takes (0: no limit) */
	int cur;        /* cursor: index 0..len of the character it stands on */
	int scroll;     /* index of the first visible character */
	int changed;    /* set by every edit; the caller clears it */
};

/* An empty field of at most max_chars characters (0: unlimited). */
void edit_init(struct edit *ed, int max_chars);
void edit_release(struct edit *ed);

/* Replaces the text with UTF-8 s (invalid bytes become U+FFFD, control
 * characters are dropped), cursor at the end, scroll reset.  Text beyond
 * the limit is cut; returns the number of characters cut (0 normally).
 * Does not set `changed`. */
int edit_set(struct edit *ed, const char *s);
/* The text as a malloc'd UTF-8 string; the caller frees it. */
char *edit_get(const struct edit *ed);
void edit_clear(struct edit *ed);

/* Inserts one character at the cursor.  Returns 0, or -1 when the field
 * is full or ch is a control character (nothing changes). */
int edit_insert(struct edit *ed, wchar_t ch);
/* Each returns 1 when something changed or moved, 0 at the edge. */
int edit_backspace(struct edit *ed);   /* deletes the character left of the cursor */
int edit_delete(struct edit *ed);      /* deletes the character under the cursor */
int edit_left(struct edit *ed);
int edit_right(struct edit *ed);
int edit_home(struct edit *ed);
int edit_end(struct edit *ed);
/* Deletes from the cursor to the end (Ctrl-K); returns 1 when it did. */
int edit_kill_end(struct edit *ed);

/* Columns a character takes: 2 for CJK, 1 for most, 0 for combining
 * marks; unprintable characters count 1 (they are never stored). */
int edit_char_width(wchar_t ch);
/* Columns of characters [from, to) of the buffer. */
int edit_columns(const struct edit *ed, int from, int to);

/* Lays the field out in `width` columns: moves the scroll offset so that
 * the cursor and the whole glyph under it are visible, and pulls it back
 * when text to the left would fit again.  Fills *first and *count (the
 * characters to draw, never a split glyph) and *cursor_col (0..width-1,
 * the column of the cursor inside the field). */
void edit_layout(struct edit *ed, int width, int *first, int *count, int *cursor_col);

#endif
