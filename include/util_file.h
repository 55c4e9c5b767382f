/* util_file.h — files and folders that hold personal data, created with
 * owner and group permissions only whatever the user's umask: the group is
 * the service center's staff (see yici(1), SECURITY).  Exports, notices and
 * backups are created through these.  Layer: core (no sqlite, no curses). */
#ifndef YICI_UTIL_FILE_H
#define YICI_UTIL_FILE_H

#include <stdio.h>
#include <sys/types.h>

#include "util.h"

#define FILE_MODE_GROUP_READ 0640   /* export batches, notices, backups */
#define FILE_MODE_GROUP_WRITE 0660  /* files every clerk's process writes */
#define DIR_MODE_GROUP 0750         /* folders of batches and notices */

/* Creates path, which must not exist (O_CREAT|O_EXCL, never following a
 * symlink), with exactly `mode` (fchmod after open, so the umask does not
 * matter).  Returns a writable descriptor, or -1 with e set ("cannot create
 * 'x': File exists"). */
int file_create(const char *path, mode_t mode, struct yerr *e);

/* The same as a stdio stream opened "w"; the caller fcloses it. */
FILE *file_create_stream(const char *path, mode_t mode, struct yerr *e);

/* Creates a folder with exactly `mode`; an existing folder is accepted and
 * left as it is.  Returns 0, or -1 with e set. */
int dir_create(const char *path, mode_t mode, struct yerr *e);

/* Sets the mode of an existing file (e.g. one SQLite created). */
int file_set_mode(const char *path, mode_t mode, struct yerr *e);

#endif
