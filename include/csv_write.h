/* csv_write.h — the one CSV writer: RFC 4180 through libcsv's csv_fwrite
 * (every field quoted, quotes doubled), CRLF line ends.  Layer: csv. */
#ifndef YICI_CSV_WRITE_H
#define YICI_CSV_WRITE_H

#include <stdio.h>

/* Writes one record; NULL fields are written as empty.  Returns 0, or -1
 * with errno set on a write error. */
int csv_write_row(FILE *f, const char *const *fields, int n);

#endif
