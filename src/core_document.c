/* core_document.c — document kinds, issuers, placeholders and the checks
 * of forms/documents.csv; one filled document's lines, stored body and
 * text preview; the QR text.  Layer: core. */
#include "core_document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *const office_codes[OFF_COUNT] = { "center", "admin", "appraisal", "agency" };

int doc_office_parse(const char *code, enum doc_office *out)
{
	for (int i = 0; i < OFF_COUNT; i++)
		if (code && !strcmp(code, office_codes[i])) {
			*out = (enum doc_office)i;
			return 0;
		}
	return -1;
}

const char *doc_office_code(enum doc_office o)
{
	return o >= 0 && o < OFF_COUNT ? office_codes[o] : "?";
}

static const char *const kind_codes[DK_COUNT] = {
	"receipt", "deficiency", "acceptance", "refusal", "suspension",
	"resumption", "commitment", "service", "form", "decision",
};

int doc_kind_parse(const char *s, enum doc_kind *out)
{
	for (int i = 0; i < DK_COUNT; i++)
		if (s && !strcmp(s, kind_codes[i])) {
			*out = (enum doc_kind)i;
			return 0;
		}
	return -1;
}

const char *doc_kind_code(enum doc_kind k)
{
	return k >= 0 && k < DK_COUNT ? kind_codes[k] : "?";
}

const char *doc_kind_list(void)
{
	return "receipt, deficiency, acceptance, refusal, suspension, resumption, commitment, "
	       "service, form, decision";
}

void doc_forms_init(struct doc_forms *f)
{
	memset(f, 0, sizeof *f);
}

void doc_forms_release(struct doc_forms *f)
{
	for (int i = 0; i < OFF_COUNT; i++) {
		struct office *o = &f->offices[i];
		free(o->code);
		free(o->name);
		free(o->prefix);
		free(o->address);
		free(o->phone);
		free(o->hours);
		free(o->reconsideration);
		free(o->court);
	}
	for (int i = 0; i < f->nrows; i++) {
		free(f->rows[i].kind);
		free(f->rows[i].type);
		free(f->rows[i].key);
		free(f->rows[i].text);
	}
	free(f->rows);
	memset(f, 0, sizeof *f);
}

const struct doc_row *doc_forms_find(const struct doc_forms *f, const char *kind,
				     const char *type, const char *key)
{
	for (int i = 0; i < f->nrows; i++) {
		const struct doc_row *r = &f->rows[i];
		if (!strcmp(r->kind, kind) && !strcmp(r->type, type) && (!key || !strcmp(r->key, key)))
			return r;
	}
	return NULL;
}

/* Every placeholder a document may use; what each means is in README
 * ("Documents") and filled by db_document.c. */
static const char *const placeholders[] = {
	"case_no", "applicant", "worker", "employer", "accident_date", "submitted_on",
	"center", "center_address", "center_phone", "center_hours",
	"office", "office_address", "office_phone", "office_hours", "reconsideration", "court",
	"clerk", "window", "query_hint", "query_with",
	"received_list", "items_offices", "review_due",
	"missing_list", "supplement_due",
	"office_items", "office_item_names", "office_basis", "reason",
	"item_name", "suspend_reason", "suspend_basis", "suspended_on", "resumed_on", "legal_due",
	"committed_list", "recipient", "results_list", "delivery_method",
	"form_fields", "items_ticked", "materials_list",
	"decisions_list",
};

int doc_placeholder_known(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(placeholders); i++)
		if (!strcmp(placeholders[i], name))
			return 1;
	return 0;
}

static const char *const row_types[] = { "title", "code", "issuer", "seal", "head", "para",
					 "list", "kv", "sign" };

static int known_type(const char *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(row_types); i++)
		if (!strcmp(row_types[i], t))
			return 1;
	return 0;
}

static int check_text(const struct doc_row *r, const char *path, struct yerr *e)
{
	for (const char *p = r->text; (p = strchr(p, '{')) != NULL;) {
		const char *q = strchr(p, '}');
		if (!q)
			return yerr_set(e, YERR_INPUT, _("%s:%ld: text: '{' without '}'"), path, r->line);
		char name[64];
		size_t n = (size_t)(q - p - 1);
		snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), p + 1);
		if (!doc_placeholder_known(name))
			return yerr_set(e, YERR_INPUT, _("%s:%ld: text: unknown placeholder {%s}"), path,
					r->line, name);
		p = q + 1;
	}
	return 0;
}

int doc_forms_check(const struct doc_forms *f, const char *path, struct yerr *e)
{
	for (int i = 0; i < f->nrows; i++) {
		const struct doc_row *r = &f->rows[i];
		enum doc_kind k;
		int pseudo = !strcmp(r->kind, "basis") || !strcmp(r->kind, "suspend_basis") ||
			     !strcmp(r->kind, "reason") || !strcmp(r->kind, "outcome") ||
			     !strcmp(r->kind, "status");
		if (!pseudo && doc_kind_parse(r->kind, &k) < 0)
			return yerr_set(e, YERR_INPUT, _("%s:%ld: kind: unknown kind '%s' (one of %s, "
							 "basis, suspend_basis, reason, outcome, status)"),
					path, r->line, r->kind, doc_kind_list());
		if (pseudo ? strcmp(r->type, "text") != 0 : !known_type(r->type))
			return yerr_set(e, YERR_INPUT, _("%s:%ld: type: unknown type '%s' for kind '%s'"),
					path, r->line, r->type, r->kind);
		if (pseudo && !*r->key)
			return yerr_set(e, YERR_INPUT, _("%s:%ld: key: kind '%s' needs a key"), path,
					r->line, r->kind);
		if (!*r->text && strcmp(r->type, "sign"))
			return yerr_set(e, YERR_INPUT, _("%s:%ld: text: empty"), path, r->line);
		if (!strcmp(r->type, "issuer") && strcmp(r->text, "center") &&
		    strcmp(r->text, "lead") && strcmp(r->text, "office"))
			return yerr_set(e, YERR_INPUT, _("%s:%ld: text: issuer is center, lead or office, "
							 "not '%s'"), path, r->line, r->text);
		if (!strcmp(r->type, "seal") && strcmp(r->text, "yes") && strcmp(r->text, "no"))
			return yerr_set(e, YERR_INPUT, _("%s:%ld: text: seal is yes or no, not '%s'"),
					path, r->line, r->text);
		if (!strcmp(r->type, "kv") && !strchr(r->text, '|'))
			return yerr_set(e, YERR_INPUT, _("%s:%ld: text: kv needs LABEL|VALUE"), path,
					r->line);
		if (check_text(r, path, e) < 0)
			return -1;
	}
	static const char *const need[] = { "title", "code", "issuer" };
	for (int k = 0; k < DK_COUNT; k++)
		for (size_t j = 0; j < ARRAY_SIZE(need); j++)
			if (!doc_forms_find(f, kind_codes[k], need[j], NULL))
				return yerr_set(e, YERR_INPUT, _("%s: kind '%s' has no '%s' row"), path,
						kind_codes[k], need[j]);
	return 0;
}

/* ---- one document ---- */

void document_init(struct document *d)
{
	memset(d, 0, sizeof *d);
	d->seal = 1;
}

void document_release(struct document *d)
{
	for (int i = 0; i < d->nlines; i++)
		free(d->lines[i].text);
	free(d->lines);
	d->lines = NULL;
	d->nlines = 0;
}

void document_add(struct document *d, char type, const char *text)
{
	/* a line never holds a newline: each is its own line of the same type */
	const char *nl = strchr(text, '\n');
	if (nl) {
		char *first = xasprintf("%.*s", (int)(nl - text), text);
		document_add(d, type, first);
		free(first);
		document_add(d, type, nl + 1);
		return;
	}
	d->lines = xrealloc(d->lines, (size_t)(d->nlines + 1) * sizeof *d->lines);
	d->lines[d->nlines].type = type;
	d->lines[d->nlines].text = xstrdup(text);
	d->nlines++;
}

char *document_body(const struct document *d)
{
	struct sbuf b = { 0 };
	for (int i = 0; i < d->nlines; i++)
		sbuf_addf(&b, "%c %s\n", d->lines[i].type, d->lines[i].text);
	return b.s ? b.s : xstrdup("");
}

void document_set_body(struct document *d, const char *body)
{
	document_release(d);
	for (const char *p = body; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= 2) {
			char *t = xasprintf("%.*s", (int)(len - 2), p + 2);
			document_add(d, p[0], t);
			free(t);
		}
		p += len + (nl ? 1 : 0);
	}
}

char *document_text(const struct document *d)
{
	struct sbuf b = { 0 };
	if (d->reprint)
		sbuf_addf(&b, "（%s）\n", DOC_REPRINT_MARK);
	sbuf_addf(&b, "%s\n%s\n\n", d->title, d->doc_no);
	for (int i = 0; i < d->nlines; i++) {
		const struct doc_line *l = &d->lines[i];
		const char *tab = strchr(l->text, '\t');
		switch (l->type) {
		case 'P': sbuf_addf(&b, "　　%s\n", l->text); break;
		case 'I': sbuf_addf(&b, "　　%s\n", l->text); break;
		case 'K':
			if (tab)
				sbuf_addf(&b, "%.*s：%s\n", (int)(tab - l->text), l->text, tab + 1);
			else
				sbuf_addf(&b, "%s\n", l->text);
			break;
		case 'S': sbuf_addf(&b, "\n%s\n", l->text); break;
		default: sbuf_addf(&b, "%s\n", l->text); break;
		}
	}
	if (*d->issuer)
		sbuf_addf(&b, "\n%s\n", d->issuer);
	sbuf_addf(&b, "%s\n", d->date);
	return b.s;
}

#define QR_MAGIC "YICI-DOC"

void document_qr_text(const char *case_no, const char *doc_no, const char *digest, char *out,
		      size_t n)
{
	snprintf(out, n, "%s|%s|%s|%s", QR_MAGIC, case_no, doc_no, digest);
}

int document_qr_parse(const char *text, char case_no[32], char doc_no[128], char digest[40])
{
	size_t m = strlen(QR_MAGIC);
	if (strncmp(text, QR_MAGIC "|", m + 1))
		return -1;
	const char *a = text + m + 1, *b = strchr(a, '|'), *c = b ? strchr(b + 1, '|') : NULL;
	if (!b || !c || strchr(c + 1, '|'))
		return -1;
	size_t la = (size_t)(b - a), lb = (size_t)(c - b - 1), lc = strlen(c + 1);
	if (la == 0 || la >= 32 || lb == 0 || lb >= 128 || lc == 0 || lc >= 40)
		return -1;
	memcpy(case_no, a, la);
	case_no[la] = '\0';
	memcpy(doc_no, b + 1, lb);
	doc_no[lb] = '\0';
	memcpy(digest, c + 1, lc + 1);
	return 0;
}

char *doc_fill(const char *tmpl, const struct doc_var *vars, int nvars)
{
	struct sbuf b = { 0 };
	const char *p = tmpl;
	while (*p) {
		const char *o = strchr(p, '{'), *q = o ? strchr(o, '}') : NULL;
		if (!o || !q) {
			sbuf_addstr(&b, p);
			break;
		}
		sbuf_add(&b, p, (size_t)(o - p));
		size_t n = (size_t)(q - o - 1);
		int done = 0;
		for (int i = 0; i < nvars && !done; i++)
			if (strlen(vars[i].name) == n && !strncmp(vars[i].name, o + 1, n)) {
				sbuf_addstr(&b, vars[i].value ? vars[i].value : "");
				done = 1;
			}
		if (!done)
			sbuf_add(&b, o, (size_t)(q - o + 1));
		p = q + 1;
	}
	return b.s ? b.s : xstrdup("");
}
