/* csv_documents.h — loads forms/offices.csv (the issuers) and
 * forms/documents.csv (the wording of every document) and checks them
 * whole: the first error as "forms/documents.csv:12: text: unknown
 * placeholder {foo}".  Layer: csv. */
#ifndef YICI_CSV_DOCUMENTS_H
#define YICI_CSV_DOCUMENTS_H
#include "core_document.h"

int doc_forms_load(const char *dir, struct doc_forms *f, struct yerr *e);

#endif
