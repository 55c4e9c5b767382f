/* csv_write.c — CSV output through libcsv.  Layer: csv. */
#include "csv_write.h"

#include <stdio.h>
#include <csv.h>
#include <string.h>

int csv_write_row(FILE *f, const char *const *fields, int n)
{
	for (int i = 0; i < n; i++) {
		const char *s = fields[i] ? fields[i] : "";
		if (i > 0 && fputc(',', f) == EOF)
			return -1;
		if (csv_fwrite(f, s, strlen(s)) != 0)
			return -1;
	}
	return fputs("\r\n", f) == EOF ? -1 : 0;
}
