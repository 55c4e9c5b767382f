/* util.h — allocation that never returns NULL, and the caller-owned error
 * record every expected failure fills in.  Layer: core (no curses, no sqlite). */
#ifndef YICI_UTIL_H
#define YICI_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Out of memory is not an expected failure: these abort instead of
 * returning NULL, so callers never check. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a malloc'd formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* An expected failure (bad input, constraint, busy database).  The message
 * is complete and user-facing: "forms/items.csv:7: unknown category 'amdin'".
 * code is one of the YERR_* values so callers can pick an exit status. */
enum { YERR_NONE = 0, YERR_INPUT, YERR_IO, YERR_DB, YERR_BUSY, YERR_DENIED,
       YERR_STATE, YERR_VERSION, YERR_NOTFOUND };

struct yerr {
	int code;
	char msg[1024];
};

void yerr_clear(struct yerr *e);
/* Sets code and formats msg; e may be NULL.  Always returns -1 so that a
 * failing function can `return yerr_set(e, ...)`. */
int yerr_set(struct yerr *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prepends "prefix: " to an already-set message. */
void yerr_prefix(struct yerr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Growable byte buffer. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_addstr(struct sbuf *b, const char *s);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_release(struct sbuf *b);

/* UTF-8 helpers (no locale needed). */
/* Returns 1 when s[0..n) is well-formed UTF-8 without NUL or overlongs. */
int utf8_valid(const char *s, size_t n);
/* The byte length of the longest prefix of s of at most max bytes that
 * ends on a character boundary: where a bounded copy may cut. */
size_t utf8_prefix(const char *s, size_t max);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s);

/* Calls fn for each element of a list like "RD;JD" or "admin, agency"
 * (separators: any of seps), trimmed of spaces and tabs; empty elements
 * are skipped.  Stops at and returns fn's first non-zero value, else 0.
 * The one splitter of code lists inside a field (CSV itself is libcsv's). */
int list_each(const char *list, const char *seps, int (*fn)(const char *item, void *arg),
	      void *arg);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
