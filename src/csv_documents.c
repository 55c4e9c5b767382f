/* csv_documents.c — forms/offices.csv and forms/documents.csv, through the
 * one CSV reader (csv_read).  Every office must be given once with its
 * name and 文号 prefix; every documents.csv row is checked by
 * doc_forms_check.  The `note` columns are read past: they are for
 * developers and never reach a document.  Layer: csv. */
#include "csv_documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_read.h"
#include "i18n.h"

struct ld {
	const char *path;
	struct doc_forms *f;
	struct yerr *e;
	int idx[9];
	int ncols;
	const char *const *cols;
	int offices;   /* loading offices.csv */
};

static const char *const office_cols[] = { "office", "name", "prefix", "address", "phone",
					   "hours", "reconsideration", "court" };
static const char *const doc_cols[] = { "kind", "type", "key", "text" };

static int row(const struct csv_record *r, void *arg)
{
	struct ld *L = arg;
	if (r->recno == 1) {
		for (int i = 0; i < L->ncols; i++)
			if ((L->idx[i] = csv_header_index(r, L->cols[i])) < 0)
				return yerr_set(L->e, YERR_INPUT, _("%s:%ld: no column '%s'"), L->path,
						r->line, L->cols[i]);
		return 0;
	}
	const char *v[9];
	for (int i = 0; i < L->ncols; i++)
		v[i] = L->idx[i] < r->n ? r->field[L->idx[i]] : "";
	if (L->offices) {
		enum doc_office o;
		if (doc_office_parse(v[0], &o) < 0)
			return yerr_set(L->e, YERR_INPUT, _("%s:%ld: office: unknown office '%s' (center, "
							    "admin, appraisal or agency)"),
					L->path, r->line, v[0]);
		struct office *of = &L->f->offices[o];
		if (of->code)
			return yerr_set(L->e, YERR_INPUT, _("%s:%ld: office: '%s' given twice"), L->path,
					r->line, v[0]);
		for (int i = 1; i <= 2; i++)
			if (!*v[i])
				return yerr_set(L->e, YERR_INPUT, _("%s:%ld: %s: empty"), L->path, r->line,
						office_cols[i]);
		char **dst[] = { &of->code, &of->name, &of->prefix, &of->address, &of->phone,
				 &of->hours, &of->reconsideration, &of->court };
		for (int i = 0; i < 8; i++)
			*dst[i] = xstrdup(v[i]);
		return 0;
	}
	struct doc_forms *f = L->f;
	f->rows = xrealloc(f->rows, (size_t)(f->nrows + 1) * sizeof *f->rows);
	struct doc_row *d = &f->rows[f->nrows++];
	d->kind = xstrdup(v[0]);
	d->type = xstrdup(v[1]);
	d->key = xstrdup(v[2]);
	d->text = xstrdup(v[3]);
	d->line = r->line;
	return 0;
}

static int load_one(const char *dir, const char *name, struct ld *L)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *shown = xasprintf("forms/%s", name);
	L->path = shown;
	int rc = csv_read_file(path, shown, NULL, row, L, L->e);
	free(path);
	if (rc != 0) {
		free(shown);
		return -1;
	}
	L->path = NULL;
	free(shown);
	return 0;
}

int doc_forms_load(const char *dir, struct doc_forms *f, struct yerr *e)
{
	doc_forms_init(f);
	struct ld L = { .f = f, .e = e, .cols = office_cols, .ncols = 8, .offices = 1 };
	if (load_one(dir, "offices.csv", &L) < 0)
		goto fail;
	for (int i = 0; i < OFF_COUNT; i++)
		if (!f->offices[i].code) {
			yerr_set(e, YERR_INPUT, _("forms/offices.csv: office '%s' is missing"),
				 doc_office_code((enum doc_office)i));
			goto fail;
		}
	struct ld D = { .f = f, .e = e, .cols = doc_cols, .ncols = 4 };
	if (load_one(dir, "documents.csv", &D) < 0 ||
	    doc_forms_check(f, "forms/documents.csv", e) < 0)
		goto fail;
	return 0;
fail:
	doc_forms_release(f);
	return -1;
}
