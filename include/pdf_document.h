/* pdf_document.h — draws filled documents as an A4 PDF after
 * 《党政机关公文格式》GB/T 9704-2012: Cairo and Pango (which shape and
 * wrap CJK and embed a subset of the font), the QR code by libqrencode.
 * The only layer that includes cairo, pango or qrencode.  Layer: pdf. */
#ifndef YICI_PDF_DOCUMENT_H
#define YICI_PDF_DOCUMENT_H
#include "core_document.h"

/* Writes docs[0..n) to path, each document from a new page.  Returns 0,
 * or -1 with e set. */
int pdf_write(const char *path, const struct document *docs, int n, struct yerr *e);

#endif
