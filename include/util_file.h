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
#define DIR_MODE_SHARED 02770       /* a folder every colleague writes in */
#define FILE_MODE_KEY 0600          /* the center's signing key */

/* Creates path, which must not exist (O_CREAT|O_EXCL, never following a
 * symlink), with exactly `mode` (fchmod after open, so the umask does not
 * matter).  Returns a writable descriptor, or -1 with e set ("cannot create
 * 'x': File exists"). */
int file_create(const char *path, mode_t mode, struct yerr *e);

/* The same as a stdio stream opened "w"; the caller fcloses it. */
FILE *file_create_stream(const char *path, mode_t mode, struct yerr *e);

/* Creates path and every missing folder above it, the way a service
 * center shares its folders (yici(1), EXAMPLES): each new folder gets the
 * group of the folder it is made in, that folder's setgid bit, and mode
 * 0770 whatever the umask (2770 below a setgid folder), so that what a
 * colleague creates in it later belongs to the staff group and can be
 * replaced by the others.  Existing folders are left as they are.
 * Returns 0, or -1 with e set. */
int dir_create_shared(const char *path, struct yerr *e);

/* Writes text to path, replacing any file there (even one a colleague
 * made) by a new file with mode `mode`: a temporary file in the same
 * folder, renamed over path.  The folders above are made with
 * dir_create_shared.  Returns 0, or -1 with e set (path unchanged). */
int file_replace(const char *path, const char *text, mode_t mode, struct yerr *e);

/* Sets the mode of an existing file (e.g. one SQLite created). */
int file_set_mode(const char *path, mode_t mode, struct yerr *e);

/* Every file that holds personal data (rejects, replies, notices,
 * documents, export files, backups, keys) is written through this: created
 * as PATH.tmp with O_CREAT|O_EXCL|O_NOFOLLOW and exactly `mode` (0640, 0600
 * for keys), then fsynced and renamed onto PATH.  A file or a symlink at
 * PATH.tmp (a killed run's leftover, or planted) is unlinked first, never
 * followed; one planted again in the instant after makes the open fail
 * ("File exists").  A reader never sees half a file. */
struct private_file {
	char *path, *tmp;
	int fd;
	FILE *f;
};
int file_private_open(struct private_file *pf, const char *path, mode_t mode, struct yerr *e);
/* The stream over the descriptor (made once); NULL with e set. */
FILE *file_private_stream(struct private_file *pf, struct yerr *e);
int file_private_write(struct private_file *pf, const char *p, size_t n, struct yerr *e);
/* Flushes, fsyncs, closes and renames into place; on failure removes the
 * temporary file.  Either way pf is released. */
int file_private_commit(struct private_file *pf, struct yerr *e);
/* Closes and removes the temporary file. */
void file_private_abort(struct private_file *pf);

#endif
