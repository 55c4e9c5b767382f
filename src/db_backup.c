/* db_backup.c — the online backup: sqlite3_backup_step in small steps
 * while the source connection holds one read snapshot, so other clerks'
 * commits neither block the copy nor restart it.  Layer: db. */
#include "db_backup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_internal.h"
#include "i18n.h"
#include "util_file.h"

#define STEP_PAGES 256

static long copy_pages(struct db *d, sqlite3 *dst, struct yerr *e)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", d->h, "main");
	if (!b)
		return yerr_set(e, YERR_DB, _("backup: %s"), sqlite3_errmsg(dst));
	int rc;
	while ((rc = sqlite3_backup_step(b, STEP_PAGES)) == SQLITE_OK || rc == SQLITE_BUSY ||
	       rc == SQLITE_LOCKED)
		if (rc != SQLITE_OK)
			sqlite3_sleep(20);
	long pages = sqlite3_backup_pagecount(b);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return yerr_set(e, rc == SQLITE_NOMEM ? YERR_DB : YERR_IO, _("backup: %s"),
				sqlite3_errstr(rc));
	return pages;
}

/* The copy becomes one self-contained file. */
static int finish_copy(sqlite3 *dst, const char *path, struct yerr *e)
{
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		return yerr_set(e, YERR_IO, _("backup '%s': %s"), path, sqlite3_errmsg(dst));
	return file_set_mode(path, FILE_MODE_GROUP_READ, e);
}

long db_backup(struct db *d, const char *path, struct yerr *e)
{
	int fd = file_create(path, FILE_MODE_GROUP_READ, e);
	if (fd < 0)
		return -1;
	close(fd);
	sqlite3 *dst = NULL;
	long pages = -1;
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		yerr_set(e, YERR_IO, _("cannot open '%s': %s"), path,
			 dst ? sqlite3_errmsg(dst) : "out of memory");
	} else if (db_exec(d, "BEGIN; SELECT count(*) FROM sqlite_schema", e) == 0) {
		/* the read transaction pins one snapshot for every step */
		pages = copy_pages(d, dst, e);
		sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL);
		if (pages >= 0 && finish_copy(dst, path, e) < 0)
			pages = -1;
	}
	sqlite3_close(dst);
	if (pages < 0) {
		static const char *const suffix[] = { "", "-journal", "-wal", "-shm" };
		for (size_t i = 0; i < ARRAY_SIZE(suffix); i++) {
			char *p = xasprintf("%s%s", path, suffix[i]);
			unlink(p);
			free(p);
		}
	}
	return pages;
}
