/* db_document.h — issuing the papers of a case: the wording of
 * forms/documents.csv filled from the case (db_casefile, db_application),
 * one document per issuer where the kind calls for it, each numbered by
 * its issuer per year (文号) in the same transaction as its row and its
 * 'notice_printed' event; a reprint of unchanged content is the same
 * document (same 文号, same date).  And the check behind `yici doc verify`.
 * Layer: db. */
#ifndef YICI_DB_DOCUMENT_H
#define YICI_DB_DOCUMENT_H
#include <stdint.h>
#include "core_catalog.h"
#include "core_document.h"
#include "core_perm.h"
#include "db.h"

struct doc_request {
	enum doc_kind kind;
	const char *recipient;      /* service: who signs (default: the applicant) */
	const char *method;         /* service: window | post (default window) */
	const int64_t *tasks;       /* service: the tasks delivered; NULL: those ready */
	int ntasks;
	/* receipt: the query code drawn in the caller's transaction, printed
	 * on the paper only: the stored body (and its digest) keeps ******,
	 * the database only the code's hash */
	const char *query_code;
	/* 补打: the documents of the kind issued before (the latest of each
	 * issuer), redrawn from their stored text with the same 文号 and date,
	 * marked 补打 and recorded by a 'notice_printed' event; YERR_NOTFOUND
	 * when the case has none */
	int reprint;
};

/* Fills and issues the documents of kind rq->kind for the case (by
 * number), inside one transaction (or the caller's).  *docs (caller frees
 * with documents_free) gets one or more documents.  A kind the case does
 * not call for (no suspension, nothing committed ...) fails with
 * YERR_STATE and a message saying why. */
int db_document_issue(struct db *d, const struct catalog *c, const struct doc_forms *f,
		      const struct actor *a, const char *case_no, const struct doc_request *rq,
		      struct document **docs, int *ndocs, struct yerr *e);
void documents_free(struct document *docs, int n);

/* The kinds of document the case has been issued (codes, in the order of
 * enum doc_kind) into kinds (DK_COUNT entries); the count or -1. */
int db_document_issued(struct db *d, const char *case_no, enum doc_kind *kinds,
		       struct yerr *e);

/* Checks the text of a document's QR code.  Returns 0 when the document
 * was issued by this database and its content is unchanged (line: what
 * it is), 1 when it is not (line: why), -1 on a database error. */
int db_document_verify(struct db *d, const char *qr, char *line, size_t n, struct yerr *e);

/* The ids of the case's tasks decided and not yet delivered (at most
 * max), in order; the count or -1. */
int db_document_ready(struct db *d, const char *case_no, int64_t *ids, int max, struct yerr *e);

/* The folder where documents are written (config notices_dir, beside the
 * database when relative) and the default file for one: malloc'd. */
char *db_document_path(struct db *d, const char *case_no, const char *kind);
#endif
