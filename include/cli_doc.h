/* cli_doc.h — the papers of the window's flows, shared by the commands and
 * the workstation: the documents of a case issued through the document
 * engine (db_document: wording from forms/documents.csv, 文号, event),
 * written as one A4 PDF to the notices folder and printed through CUPS
 * when config printer is set; and the text notices (the deficiency notice,
 * the query-code slip) written and printed the same way.  Nothing here
 * writes to stdout or stderr (the screen may be curses).  Layer: cli. */
#ifndef YICI_CLI_DOC_H
#define YICI_CLI_DOC_H
#include <stddef.h>
#include "db_document.h"

/* Writes text to the notices folder (config notices_dir, relative to the
 * database's folder; created 0750) as CASE-KIND.txt with mode 0660, and,
 * when print is 1 and config printer is set, prints it with `lp -d PRINTER
 * -o media=A4` (posix_spawnp, never a shell).  *path gets the file (malloc'd).  A printer
 * that fails is not an error: warn says so.  Returns 0, or -1 with e. */
int notice_output(struct db *d, const char *case_ref, const char *kind, const char *text,
		  int print, char **path, char *warn, size_t nwarn, struct yerr *e);

/* Issues the documents of each of kinds[0..nkinds) for the case (rq gives
 * the rest; its kind is ignored), in one transaction, or inside the
 * caller's.  The wording is read from forms_dir.  *docs (documents_free)
 * holds them all, in order. */
int papers_issue(struct db *d, const struct catalog *c, const char *forms_dir,
		 const struct actor *a, const char *case_no, const enum doc_kind *kinds,
		 int nkinds, const struct doc_request *rq, struct document **docs, int *n,
		 struct yerr *e);

/* Writes docs as one PDF, file (or, when NULL, the notices folder's
 * CASE-name.pdf; 0660, replaced whole), and sends it to config printer
 * with lp -o media=A4 when print is 1, or when print is -1 and a printer is
 * configured.  *path is malloc'd.  A print that fails leaves the file and
 * says why in warn ("" when printed or not asked); printed is set to 1 when
 * lp took it.  -1 (e) when the file cannot be written. */
int papers_output(struct db *d, const char *file, const char *case_no, const char *name,
		  const struct document *docs, int n, int print, char **path, int *printed,
		  char *warn, size_t nwarn, struct yerr *e);

/* papers_issue then papers_output (print when configured) for the window:
 * *path and warn as papers_output; *what gets "TITLE 文号" of the first
 * document (malloc'd).  -1 with e when nothing was issued or written. */
int papers_window(struct db *d, const struct catalog *c, const char *forms_dir,
		  const struct actor *a, const char *case_no, const enum doc_kind *kinds,
		  int nkinds, const struct doc_request *rq, const char *name, char **path,
		  char **what, char *warn, size_t nwarn, struct yerr *e);
#endif
