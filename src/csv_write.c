/* csv_write.c — CSV output through libcsv.  Layer: csv. */
#include "csv_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <csv.h>
#include <string.h>

/* A row is put together in memory (libcsv's csv_write quotes each
 * field) and written with one fwrite: an export or a replies file of a
 * million rows no longer goes through the stream a byte at a time. */
int csv_write_row(FILE *f, const char *const *fields, int n)
{
	char small[1024];
	char *buf = small;
	size_t cap = sizeof small, len = 0;
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *s = fields[i] ? fields[i] : "";
		size_t sl = strlen(s);
		/* at most every byte doubled, two quotes, a comma; the CRLF */
		size_t need = len + 2 * sl + 3 + 2;
		if (need > cap) {
			while (cap < need)
				cap *= 2;
			char *nb = malloc(cap);
			if (!nb) {
				rc = -1;
				break;
			}
			memcpy(nb, buf, len);
			if (buf != small)
				free(buf);
			buf = nb;
		}
		if (i > 0)
			buf[len++] = ',';
		len += csv_write(buf + len, cap - len, s, sl);
	}
	if (rc == 0) {
		memcpy(buf + len, "\r\n", 2);
		len += 2;
		rc = fwrite(buf, 1, len, f) == len ? 0 : -1;
	}
	if (buf != small)
		free(buf);
	return rc;
}
