/* csv_exchange.h — the CSV side of the exchange with the provincial
 * systems, documented in yici-exchange(5): the nightly export batch
 * (atomic, incremental, locked) and the import of applications.csv,
 * results.csv and shared_materials.csv (validated row by row, rejects
 * file, idempotent; one transaction, or for applications, which go into
 * the inbox, a commit every 200 ms).  Every CSV byte goes through libcsv.
 * Layer: csv. */
#ifndef YICI_CSV_EXCHANGE_H
#define YICI_CSV_EXCHANGE_H

#include <limits.h>
#include <stddef.h>

#include "core_catalog.h"
#include "core_perm.h"
#include "db.h"
#include "db_exchange.h"

/* ---- export ---- */

struct export_opts {
	const char *dir;          /* batches are written below it (created if missing) */
	enum since_mode mode;
	const char *since;        /* SINCE_TIME: "YYYY-MM-DD HH:MM:SS" */
	const char *encoding;     /* "utf-8" (default) or "gb18030" */
	int bom;                  /* a UTF-8 byte-order mark at the start of each file */
	int excel;                /* --for excel: neutralise formula cells, mask IDs, phones */
	int unmasked;             /* --for excel --unmasked (a supervisor, with a reason) */
	const char *region;       /* the center's region code, names the batch */
	const char *key_path;     /* the signing key (anchor.txt); NULL or missing: unsigned */
	int sync;                 /* yici sync: no batch when nothing is new, and the
				     batch named <region>-<YYYYMMDDHHMMSS>-<NNNNNN> */
};

struct export_result {
	char batch[PATH_MAX];     /* the complete batch folder */
	long rows[XF_N];
	long total;
	int empty;                /* sync: nothing new, nothing written (batch "") */
};

/* Writes one batch folder DIR/<region>-<YYYYMMDDHHMMSS>/ (a suffix -2,
 * -3 ... when that name is taken) atomically: the files are written and
 * fsynced in a hidden temporary folder that is renamed into place when
 * complete; then the batch is recorded and the high-water marks advance.
 * Returns 0, or -1 with e (YERR_BUSY: another export holds DIR's lock;
 * YERR_IO: the file system; YERR_DB ...), leaving no complete-looking
 * batch. */
int exchange_export(struct db *d, const struct export_opts *o, struct export_result *r,
		    struct yerr *e);

/* Writes v as one CSV cell into out (with its quotes), neutralising a
 * leading = + - @ TAB or CR with a single quote when excel is set.  For
 * tests and the fuzzer: parsing the cell gives v back (after the quote). */
void exchange_cell(struct sbuf *out, const char *v, int excel);

/* The value of column `column` of an export for people (--for excel):
 * a citizen ID masked as 340102********123X and a phone as 138****5678
 * (any column whose name ends in id_number or phone); any other column is
 * returned as is.  buf (n >= 20) holds a masked value.  The one masking
 * of every file for people, whatever its format (CSV, .xlsx). */
const char *exchange_mask(const char *column, const char *v, char *buf, size_t n);

/* ---- import ---- */

struct import_opts {
	const char *encoding;     /* "utf-8" (default), "gbk", "gb18030" */
	int strict;               /* any bad row rejects the whole file */
	int dry_run;              /* check and count, change nothing, write no rejects */
	size_t max_field;         /* bytes; 0 = the reader's default */
	/* called for each rejected row (file:line: field: reason) or NULL */
	void (*on_reject)(const char *msg, void *arg);
	void *arg;
};

struct import_result {
	long read, applied, skipped, rejected;
	int opened;               /* the file was opened for reading (a summary makes sense) */
	char rejects[PATH_MAX];   /* the rejects file written, or "" */
	char replies[PATH_MAX];   /* applications: the replies.csv written, or "" */
};

/* Imports one file; its base name says what it holds.  Returns 0 when
 * every row was applied (or skipped as already present), 1 when some rows
 * were rejected (the good ones applied), 2 when the whole file was
 * rejected (structure, --strict, unknown name) with e set, -1 on an I/O or
 * database failure with e set (nothing applied). */
int exchange_import_file(struct db *d, const struct catalog *c, const struct actor *a,
			 const char *path, const struct import_opts *o,
			 struct import_result *r, struct yerr *e);

#endif
