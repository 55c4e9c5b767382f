/* core_document.h — the papers the citizen takes home, as data: the
 * wording of each kind (forms/documents.csv), the issuers (forms/
 * offices.csv), and one filled document as the PDF layer draws it.
 * Layer: core (pure C; loaded by csv_documents, filled by db_document,
 * drawn by pdf_document). */
#ifndef YICI_CORE_DOCUMENT_H
#define YICI_CORE_DOCUMENT_H

#include <stddef.h>
#include "util.h"

/* ---- the issuers ---- */
enum doc_office { OFF_CENTER, OFF_ADMIN, OFF_APPRAISAL, OFF_AGENCY, OFF_COUNT };
struct office {
	char *code;             /* center | admin | appraisal | agency */
	char *name;             /* 合肥市瑶海区人力资源和社会保障局 */
	char *prefix;           /* 文号 机关代字: 瑶人社 */
	char *address, *phone, *hours;
	char *reconsideration;  /* 复议机关: 合肥市瑶海区人民政府 */
	char *court;            /* 合肥市瑶海区人民法院 */
};
/* The office code of a catalog category (admin -> admin ...); NULL if none. */
int doc_office_parse(const char *code, enum doc_office *out);
const char *doc_office_code(enum doc_office o);

/* ---- the wording ---- */
/* Kinds of document, in the order `yici doc` lists them. */
enum doc_kind { DK_RECEIPT, DK_DEFICIENCY, DK_ACCEPTANCE, DK_REFUSAL, DK_SUSPENSION,
		DK_RESUMPTION, DK_COMMITMENT, DK_SERVICE, DK_FORM, DK_DECISION, DK_COUNT };
int doc_kind_parse(const char *s, enum doc_kind *out);
const char *doc_kind_code(enum doc_kind k);
const char *doc_kind_list(void);   /* "receipt, deficiency, ..." */

/* One row of documents.csv.  type: title, code (the 代字 after the
 * office's prefix: 工受字), issuer (center | lead | office), seal (yes |
 * no), head (the addressee line), para, list (one line per entry of a
 * list placeholder), kv (LABEL|VALUE), sign (a signature line); rows of
 * the pseudo-kinds `basis` (key: item code), `suspend_basis` (key: item
 * code) and `reason` (key: suspension reason) give words the others
 * insert, `outcome` (key: decision outcome) and `status` (key: material
 * status) their words.  `note` is for developers and never printed. */
struct doc_row {
	char *kind, *type, *key, *text;
	long line;
};
struct doc_forms {
	struct office offices[OFF_COUNT];
	struct doc_row *rows;
	int nrows;
};
void doc_forms_init(struct doc_forms *f);
void doc_forms_release(struct doc_forms *f);
/* The first row of kind and type (and key, when not NULL); NULL if none. */
const struct doc_row *doc_forms_find(const struct doc_forms *f, const char *kind,
				     const char *type, const char *key);
/* Whether a placeholder name is one documents may use. */
int doc_placeholder_known(const char *name);
/* Checks the loaded rows: kinds, types, every placeholder, each kind's
 * title/code/issuer.  Fills e with "PATH:LINE: ..." (PATH as given). */
int doc_forms_check(const struct doc_forms *f, const char *path, struct yerr *e);

/* ---- one filled document ---- */
/* Line types of a body: 'H' addressee, 'P' paragraph, 'I' list entry,
 * 'K' label TAB value, 'S' signature line. */
struct doc_line {
	char type;
	char *text;
};
struct document {
	enum doc_kind kind;
	enum doc_office office;
	char title[160];
	char doc_no[128];        /* 瑶人社工受字〔2026〕17号 */
	char issuer[160];        /* the office's full name */
	char date[32];           /* 2026年11月28日 */
	char case_no[32];
	char qr[320];            /* the QR's text: yici doc verify takes it */
	int seal;                /* draw the seal area over issuer and date */
	int reprint;             /* 补打: drawn again from the stored text */
	char secret[8];          /* the query code on this paper only ("" none) */
	struct doc_line *lines;
	int nlines;
};
void document_init(struct document *d);
void document_release(struct document *d);
void document_add(struct document *d, char type, const char *text);
/* The body as stored (one "T text" line per line, in order). */
char *document_body(const struct document *d);
/* Rebuilds lines from a stored body. */
void document_set_body(struct document *d, const char *body);
/* The mark a reprint carries above its title and in its text. */
#define DOC_REPRINT_MARK "补打"
/* What the stored body of a receipt holds where the paper has the query
 * code (the database keeps only its hash). */
#define DOC_QCODE_MASK "******"
/* The document as plain text for the terminal (yici doc --text, yici
 * notice). */
char *document_text(const struct document *d);

/* The QR text "YICI-DOC|CASE_NO|DOC_NO|DIGEST" and its parts. */
void document_qr_text(const char *case_no, const char *doc_no, const char *digest, char *out,
		      size_t n);
int document_qr_parse(const char *text, char case_no[32], char doc_no[128], char digest[40]);

/* Fills {name} placeholders of tmpl from vars (name=value pairs, NULL
 * ended); an unknown name is left as is.  Returns malloc'd text. */
struct doc_var {
	const char *name;
	const char *value;
};
char *doc_fill(const char *tmpl, const struct doc_var *vars, int nvars);

#endif
