/* csv_read.c — the one CSV reader: libcsv in strict mode, fed a line at a
 * time so every record and error knows its physical line.  Layer: csv. */
#include "csv_read.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define DEFAULT_MAX_FIELD (1u << 20)

struct reader {
	const char *name;
	size_t max_field;
	long line;          /* line being fed (1-based) */
	long recno;
	long rec_line;      /* start line of the record being built, 0 = none yet */
	long end_line;      /* line on which the last record ended, 0 = none yet */
	struct sbuf arena;  /* field bytes, each NUL-terminated */
	size_t *off, *len;
	int n, cap;
	csv_record_fn fn;
	void *arg;
	int stop;           /* fn's non-zero value */
	int bad;            /* a field error was found; e is set */
	struct yerr *e;
};

/* libcsv's realloc hook has no user pointer: the cap lives here for the
 * duration of one read (yici reads one CSV at a time per thread). */
static _Thread_local size_t field_cap;
static _Thread_local int cap_hit;

static void *capped_realloc(void *p, size_t n)
{
	if (n > field_cap + 16) {
		cap_hit = 1;
		return NULL;
	}
	return realloc(p, n);
}

static void on_field(void *s, size_t n, void *data)
{
	struct reader *r = data;
	if (r->stop || r->bad)
		return;
	if (r->n == 0) {
		long nl = 0;
		for (size_t i = 0; i < n; i++)
			nl += ((const char *)s)[i] == '\n';
		r->rec_line = r->line - nl;
	}
	if (n > r->max_field) {
		r->bad = 1;
		yerr_set(r->e, YERR_INPUT, _("%s:%ld: field %d is longer than %zu bytes"),
			 r->name, r->line, r->n + 1, r->max_field);
		return;
	}
	if (n && !utf8_valid(s, n)) {
		r->bad = 1;
		int nul = memchr(s, '\0', n) != NULL;
		yerr_set(r->e, YERR_INPUT,
			 nul ? _("%s:%ld: field %d contains a NUL byte")
			     : _("%s:%ld: field %d is not valid UTF-8 (wrong --encoding?)"),
			 r->name, r->line, r->n + 1);
		return;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->off = xrealloc(r->off, (size_t)r->cap * sizeof *r->off);
		r->len = xrealloc(r->len, (size_t)r->cap * sizeof *r->len);
	}
	r->off[r->n] = r->arena.len;
	r->len[r->n] = n;
	sbuf_add(&r->arena, n ? s : "", n);
	sbuf_add(&r->arena, "", 1);
	r->n++;
}

static void on_record(int term, void *data)
{
	struct reader *r = data;
	(void)term;
	if (r->stop || r->bad) {
		r->n = 0;
		return;
	}
	char *ptrs_small[64];
	char **ptrs = r->n <= 64 ? ptrs_small : xmalloc((size_t)r->n * sizeof *ptrs);
	for (int i = 0; i < r->n; i++)
		ptrs[i] = r->arena.s + r->off[i];
	struct csv_record rec = {
		.field = ptrs, .len = r->len, .n = r->n,
		.line = r->rec_line ? r->rec_line : r->line, .recno = ++r->recno,
	};
	r->stop = r->fn(&rec, r->arg);
	if (ptrs != ptrs_small)
		free(ptrs);
	r->n = 0;
	r->rec_line = 0;
	r->end_line = r->line;
	r->arena.len = 0;
}

/* line: where the error is; at the end of the input, a quote left open
 * is reported at the line of the record it opened, not past the end. */
static int parse_error(struct reader *r, struct csv_parser *p, long line)
{
	if (r->bad)
		return -1;
	if (cap_hit)
		return yerr_set(r->e, YERR_INPUT, _("%s:%ld: field is longer than %zu bytes"),
				r->name, r->line, r->max_field);
	int err = csv_error(p);
	if (err == CSV_EPARSE)
		return yerr_set(r->e, YERR_INPUT,
				_("%s:%ld: malformed CSV: stray or unterminated quote"),
				r->name, line);
	return yerr_set(r->e, YERR_INPUT, _("%s:%ld: %s"), r->name, line, csv_strerror(err));
}

/* Feeds buf to the parser one line at a time so r->line is exact. */
static int feed(struct reader *r, struct csv_parser *p, const char *buf, size_t n)
{
	while (n && !r->stop && !r->bad) {
		const char *nl = memchr(buf, '\n', n);
		size_t k = nl ? (size_t)(nl - buf) + 1 : n;
		if (csv_parse(p, buf, k, on_field, on_record, r) != k)
			return parse_error(r, p, r->line);
		if (r->bad)
			return -1;
		if (nl)
			r->line++;
		buf += k;
		n -= k;
	}
	return r->bad ? -1 : 0;
}

struct source {
	FILE *f;
	const char *mem;
	size_t memlen, mempos;
	iconv_t cd;         /* (iconv_t)-1 for UTF-8 */
	char inbuf[65536];
	size_t inlen;
	int eof;
};

/* Fills out with up to cap bytes of UTF-8; returns bytes, 0 at EOF, -1 on error. */
static ssize_t source_read(struct source *s, char *out, size_t cap, struct reader *r)
{
	if (s->cd == (iconv_t)-1) {
		if (s->f) {
			size_t k = fread(out, 1, cap, s->f);
			if (k == 0 && ferror(s->f))
				return yerr_set(r->e, YERR_IO, _("%s: read error: %s"), r->name,
						strerror(errno));
			return (ssize_t)k;
		}
		size_t k = s->memlen - s->mempos < cap ? s->memlen - s->mempos : cap;
		memcpy(out, s->mem + s->mempos, k);
		s->mempos += k;
		return (ssize_t)k;
	}
	for (;;) {
		if (!s->eof && s->inlen < sizeof s->inbuf / 2) {
			size_t k;
			if (s->f) {
				k = fread(s->inbuf + s->inlen, 1, sizeof s->inbuf - s->inlen, s->f);
			} else {
				k = s->memlen - s->mempos;
				if (k > sizeof s->inbuf - s->inlen)
					k = sizeof s->inbuf - s->inlen;
				memcpy(s->inbuf + s->inlen, s->mem + s->mempos, k);
				s->mempos += k;
			}
			if (k == 0)
				s->eof = 1;
			s->inlen += k;
		}
		if (s->inlen == 0)
			return 0;
		char *in = s->inbuf, *o = out;
		size_t inleft = s->inlen, outleft = cap;
		size_t rc = iconv(s->cd, &in, &inleft, &o, &outleft);
		int saved = errno;
		memmove(s->inbuf, in, inleft);
		s->inlen = inleft;
		if (o > out)
			return o - out;
		if (rc == (size_t)-1 && (saved == EILSEQ || (saved == EINVAL && s->eof)))
			return yerr_set(r->e, YERR_INPUT,
					_("%s:%ld: bytes that are not valid in the file's encoding"),
					r->name, r->line);
		if (s->eof && s->inlen == 0)
			return 0;
	}
}

static int read_all(struct source *s, const char *name, const struct csv_read_opts *o,
		    csv_record_fn fn, void *arg, struct yerr *e)
{
	struct reader r = {
		.name = name, .max_field = o && o->max_field ? o->max_field : DEFAULT_MAX_FIELD,
		.line = 1, .fn = fn, .arg = arg, .e = e,
	};
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return yerr_set(e, YERR_IO, _("%s: cannot start the CSV parser"), name);
	field_cap = r.max_field;
	cap_hit = 0;
	csv_set_realloc_func(&p, capped_realloc);
	char *buf = xmalloc(65536);
	int rc = 0, first = 1;
	for (;;) {
		ssize_t k = source_read(s, buf, 65536, &r);
		if (k < 0) {
			rc = -1;
			break;
		}
		if (k == 0)
			break;
		char *b = buf;
		if (first && k >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
			b += 3, k -= 3;
		first = 0;
		if (feed(&r, &p, b, (size_t)k) < 0) {
			rc = -1;
			break;
		}
		if (r.stop)
			break;
	}
	if (rc == 0 && !r.stop) {
		if (csv_fini(&p, on_field, on_record, &r) != 0)
			rc = parse_error(&r, &p, r.end_line + 1);
		else if (r.bad)
			rc = -1;
	}
	csv_free(&p);
	free(buf);
	free(r.off);
	free(r.len);
	sbuf_release(&r.arena);
	return rc < 0 ? -1 : r.stop;
}

static int open_conv(struct source *s, const struct csv_read_opts *o, const char *name,
		     struct yerr *e)
{
	s->cd = (iconv_t)-1;
	const char *enc = o ? o->encoding : NULL;
	if (!enc || !strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8"))
		return 0;
	if (strcasecmp(enc, "gbk") && strcasecmp(enc, "gb18030"))
		return yerr_set(e, YERR_INPUT, _("unknown encoding '%s' (utf-8, gbk or gb18030)"),
				enc);
	s->cd = iconv_open("UTF-8", enc);
	if (s->cd == (iconv_t)-1)
		return yerr_set(e, YERR_IO, _("%s: cannot convert from %s"), name, enc);
	return 0;
}

int csv_read_file(const char *path, const char *display_name, const struct csv_read_opts *o,
		  csv_record_fn fn, void *arg, struct yerr *e)
{
	const char *name = display_name ? display_name : path;
	struct source *s = xcalloc(1, sizeof *s);
	if (open_conv(s, o, name, e) < 0) {
		free(s);
		return -1;
	}
	s->f = fopen(path, "rb");
	int rc;
	if (!s->f) {
		rc = yerr_set(e, YERR_IO, _("cannot open '%s': %s"), name, strerror(errno));
	} else {
		rc = read_all(s, name, o, fn, arg, e);
		fclose(s->f);
	}
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	free(s);
	return rc;
}

int csv_read_mem(const char *buf, size_t n, const char *display_name,
		 const struct csv_read_opts *o, csv_record_fn fn, void *arg, struct yerr *e)
{
	const char *name = display_name ? display_name : "(memory)";
	struct source *s = xcalloc(1, sizeof *s);
	if (open_conv(s, o, name, e) < 0) {
		free(s);
		return -1;
	}
	s->mem = buf;
	s->memlen = n;
	int rc = read_all(s, name, o, fn, arg, e);
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	free(s);
	return rc;
}

int csv_header_index(const struct csv_record *hdr, const char *name)
{
	for (int i = 0; i < hdr->n; i++)
		if (strcmp(hdr->field[i], name) == 0)
			return i;
	return -1;
}
