/* csv_read.h — the one CSV reader of yici, on libcsv with CSV_STRICT and
 * CSV_STRICT_FINI: streams records from a file with their physical line
 * numbers, strips a UTF-8 BOM, caps field size, checks UTF-8 and NUL
 * bytes, and can transcode GBK/GB18030 to UTF-8 with iconv first.
 * Layer: csv (the only code that includes <csv.h>). */
#ifndef YICI_CSV_READ_H
#define YICI_CSV_READ_H

#include <stddef.h>
#include "util.h"

struct csv_record {
	char **field;           /* NUL-terminated UTF-8; NULL never (empty is "") */
	size_t *len;
	int n;
	long line;              /* physical line where the record starts (1-based) */
	long recno;             /* record number (1 = header) */
};

/* Called once per record; return 0 to go on, non-zero to stop (the value
 * is returned by csv_read_file). */
typedef int (*csv_record_fn)(const struct csv_record *r, void *arg);

struct csv_read_opts {
	const char *encoding;   /* NULL or "utf-8", "gbk", "gb18030" */
	size_t max_field;       /* bytes; 0 means 1 MiB */
};

/* Reads path, calling fn for every record including the header.  A
 * structural error (unterminated quote, stray quote, field too long,
 * invalid UTF-8, NUL byte, undecodable bytes) fails the whole file with
 * "path:line: reason" in e and returns -1.  Returns 0 at EOF, or fn's
 * non-zero value. display_name replaces path in messages when non-NULL. */
int csv_read_file(const char *path, const char *display_name, const struct csv_read_opts *o,
		  csv_record_fn fn, void *arg, struct yerr *e);

/* Same, from memory (for tests and fuzzing). */
int csv_read_mem(const char *buf, size_t n, const char *display_name,
		 const struct csv_read_opts *o, csv_record_fn fn, void *arg, struct yerr *e);

/* Finds a header column by name; -1 when absent. */
int csv_header_index(const struct csv_record *hdr, const char *name);

#endif
