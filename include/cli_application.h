/* cli_application.h — the window's commands (apply, supplement, refuse,
 * notice, intake) and the notice output both faces share: the file in the
 * notices folder and the printer.  Layer: cli (prints only in the
 * commands; notice_output never prints, so the workstation can call it). */
#ifndef YICI_CLI_APPLICATION_H
#define YICI_CLI_APPLICATION_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* Writes text to the notices folder (config notices_dir, relative to the
 * database's folder; created 0750) as CASE-KIND.txt with mode 0640, and
 * prints it with `lp -d PRINTER` (posix_spawnp, never a shell) when config
 * printer is set.  *path gets the file (malloc'd).  A printer that fails
 * is not an error: warn says so.  Returns 0, or -1 with e. */
int notice_output(struct db *d, const char *case_ref, const char *kind, const char *text,
		  char **path, char *warn, size_t nwarn, struct yerr *e);

#endif
