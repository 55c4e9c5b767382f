/* db_case_fields.h — the case row described once: every field of the
 * form (forms/form.csv) that has a column, in `cases` or in the worker's,
 * the applicant's or the employer's row, with its kind, its choices and
 * its column in cases.csv.  The case's INSERT and UPDATE, its loader
 * (db_application.c), the case view's header (db_casefile.c) and the
 * export's cases.csv (db_exchange.c) are generated from it, once per
 * connection (db_gen).  A new case field is one row of the table (with
 * the migration adding its column and its row of forms/form.csv);
 * tests/unit/test_case_fields.c checks the table against the schema, the
 * export and the catalog.  Layer: db. */
#ifndef YICI_DB_CASE_FIELDS_H
#define YICI_DB_CASE_FIELDS_H

#include "util.h"

/* Where a field is kept: a column of cases, or of the row the case points
 * to (person for the worker and the applicant, employer). */
enum cf_home { CF_CASE, CF_WORKER, CF_APPLICANT, CF_EMPLOYER, CF_NHOMES };

enum cf_kind { CF_TEXT, CF_DATE, CF_TIME, CF_ENUM, CF_BOOL };

/* An online applicant may leave this choice unsent: the empty value is
 * kept in case_field over the column's default, and the case view and
 * the export read it through DB_FIELD_OR (db_internal.h). */
#define CF_UNSENT 1u

struct case_field {
	const char *key;       /* the form key, forms/form.csv */
	enum cf_home home;
	const char *column;    /* its column in home's table */
	enum cf_kind kind;
	const char *choices;   /* CF_ENUM: "choice:DEFAULT|..." (the default first) */
	unsigned flags;        /* CF_UNSENT */
	const char *received;  /* a name: the column of cases that keeps it as the
				* application received it (db/130), else NULL */
	const char *export;    /* its column in cases.csv, NULL when not exported */
	int xpos;              /* its place in cases.csv (1 = first), 0 when not */
};

/* The table, in the form's order. */
const struct case_field *case_fields(int *n);
/* The field of a form key, or NULL. */
const struct case_field *case_field_find(const char *key);
/* The form key kept in column of home's row, or NULL (no such field). */
const char *case_field_key(enum cf_home home, const char *column);

/* Where each home is: its table, the alias the generated statements give
 * it, and the column of cases pointing to its row (NULL for cases). */
struct cf_home_info {
	const char *table, *alias, *id_column;
};
const struct cf_home_info *case_field_home(enum cf_home home);
/* The joins from cases c to the rows of CF_WORKER, CF_APPLICANT and
 * CF_EMPLOYER under their aliases. */
#define CF_JOINS                                                                             \
	"LEFT JOIN person w ON w.id = c.worker_id LEFT JOIN person a ON a.id = c.applicant_id " \
	"LEFT JOIN employer m ON m.id = c.employer_id "

/* Appends to b the SQL reading the field as the case holds it, over
 * cases c and the joins of CF_JOINS: a name as received (NULL when
 * empty), a choice through case_field when CF_UNSENT, else the column. */
void case_field_sql(struct sbuf *b, const struct case_field *f);
/* The same for the value of the shared row now (a name after a rename). */
void case_field_row_sql(struct sbuf *b, const struct case_field *f);

/* 1 when the form's value v fits the field's column (a date, a time, one
 * of the choices, a yes/no; any text), 0 when it is kept in case_field. */
int case_field_fits(const struct case_field *f, const char *v);

#endif
