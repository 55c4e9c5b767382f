/* cli_columns.h — the columns of a list as data: one definition of a
 * column for the workstation's screen, the command's table and its CSV
 * (issue 18).  Adding a queue column is one row in queue_columns[]
 * (cli_queue.c): F3, `yici queue` and `yici queue --format csv` all show
 * it.  Layer: cli (the ui draws with it; no curses here). */
#ifndef YICI_CLI_COLUMNS_H
#define YICI_CLI_COLUMNS_H

#include <stddef.h>

#include "core_catalog.h"
#include "db_queue.h"
#include "util.h"

/* Where a cell goes: the screen (its marks are drawn apart), the table
 * (words, marks in the cell) or CSV (stable codes, no marks). */
enum col_out { COL_SCREEN, COL_TABLE, COL_CSV };

struct column {
	const char *title;   /* msgid of the heading; NULL: a CSV-only column */
	const char *csv;     /* the CSV header */
	int width;           /* columns on the screen and in the table; 0: the rest */
	/* The cell of row: a string that lives as long as row, or buf. */
	const char *(*get)(const void *row, const void *ctx, enum col_out out, char *buf, size_t n);
};

/* The queue's columns (ctx: the catalog, for the 调休 mark). */
extern const struct column queue_columns[];
extern const int queue_ncolumns;

/* The cases' columns (rows: struct cf_row of db_casefile.h; no ctx): `yici
 * case list`, `case find`, their CSV, and the F5 lookup's. */
extern const struct column case_columns[];
extern const int case_ncolumns;

/* The online applications waiting at the window (rows: struct intake_row
 * of db_application.h; no ctx): `yici intake`, its CSV and the form's F7
 * list. */
extern const struct column intake_columns[];
extern const int intake_ncolumns;

/* The SMS outbox (rows: struct outbox_row of db_followup.h; no ctx): `yici
 * outbox`, its CSV and the workstation's F8. */
extern const struct column outbox_columns[];
extern const int outbox_ncolumns;

/* The heading or one row as text: titled columns cut (with …) and padded
 * to their width, the last titled column taking what is left of `width`
 * (0: unbounded, as in a table printed to a pipe). */
void columns_header(struct sbuf *b, const struct column *c, int n, int width);
void columns_row(struct sbuf *b, const struct column *c, int n, const void *row, const void *ctx,
		 enum col_out out, int width);
/* The CSV header names and cells of one row (every column with a csv
 * name), as arrays for csv_write_row; bufs holds n cells of 256 bytes. */
int columns_csv_header(const struct column *c, int n, const char **out);
int columns_csv_row(const struct column *c, int n, const void *row, const void *ctx,
		    const char **out, char (*bufs)[256]);

#endif
