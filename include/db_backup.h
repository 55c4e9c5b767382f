/* db_backup.h — a consistent copy of the live database while clerks keep
 * working.  Layer: db. */
#ifndef YICI_DB_BACKUP_H
#define YICI_DB_BACKUP_H

#include "db.h"

/* Copies d to path, which must not exist, with SQLite's online backup API
 * in small steps over one read snapshot (writers go on meanwhile; the copy
 * is the database as of the moment the backup started).  The copy is
 * created 0640 whatever the umask and left as a single file (journal mode
 * DELETE); `yici verify -d path` passes on it.  On failure the partial copy
 * is removed.  Returns the number of pages copied, or -1 with e set. */
long db_backup(struct db *d, const char *path, struct yerr *e);

#endif
