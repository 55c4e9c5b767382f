/* xlsx_write.h — a spreadsheet for people (yici export --for excel):
 * one .xlsx workbook per export file, written with libxlsxwriter in
 * constant memory.  ID numbers, credit codes, phones, case numbers and
 * every other code are text cells (no 3.40111199507181E+017, no lost
 * leading zero); dates and times are date cells; counts and amounts are
 * numbers; the header row is bold and frozen; each column is as wide as
 * its widest text (a Chinese character counts two).  A text is a string
 * cell, never a formula, so '=...' stays inert without a quote.  Past
 * Excel's 1,048,576 rows a file continues on a second sheet.  Layer: xlsx
 * (the only files that include xlsxwriter.h). */
#ifndef YICI_XLSX_WRITE_H
#define YICI_XLSX_WRITE_H

#include "util.h"

struct xlsx_file;

/* Creates the workbook path with one sheet named sheet, its header row the
 * column names cols[0..n-1] (which also choose each column's cell type).
 * Returns NULL with e set. */
struct xlsx_file *xlsx_open(const char *path, const char *sheet, const char *const *cols, int n,
			    struct yerr *e);
/* One row of n texts (NULL: an empty cell).  Returns 0, or -1 once the
 * workbook failed (xlsx_close then says why). */
int xlsx_row(struct xlsx_file *x, const char *const *v, int n);
/* Writes the file and frees x.  Returns 0, or -1 with e set. */
int xlsx_close(struct xlsx_file *x, struct yerr *e);

/* The cell type column name gets: 's' text, 'd' date, 't' date and time,
 * 'h' time of day, 'n' number.  For tests. */
int xlsx_column_kind(const char *name);

#endif
