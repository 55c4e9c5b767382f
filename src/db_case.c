/* db_case.c — case lists for the screens.  Layer: db. */
#include "db_case.h"

#include <stdio.h>
#include <string.h>

#include "core_text.h"
#include "db_internal.h"
#include "i18n.h"

#define CASE_ROW_SELECT DB_CASE_ROW_COLS DB_CASE_ROW_FROM

static void fill(sqlite3_stmt *st, struct case_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	DB_CPY(r->case_no, st, 1);
	text_copy(r->worker_name, sizeof r->worker_name, db_col(st, 2));
	DB_CPY(r->worker_id_number, st, 3);
	text_copy(r->employer_name, sizeof r->employer_name, db_col(st, 4));
	DB_CPY(r->kind, st, 5);
	DB_CPY(r->channel, st, 6);
	DB_CPY(r->state, st, 7);
	DB_CPY(r->accepted_at, st, 8);
	r->tasks_open = sqlite3_column_int(st, 9);
	r->tasks_total = sqlite3_column_int(st, 10);
}

static int run_page(struct db *d, sqlite3_stmt *st, int limit, struct case_row *out,
		    struct yerr *e)
{
	int n = 0, rc;
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		fill(st, &out[n++]);
	if (n < limit && rc != SQLITE_DONE) {
		db_error(d, _("case list"), e);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return n;
}

int db_case_page(struct db *d, int64_t before_id, int limit, struct case_row *out,
		 struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, CASE_ROW_SELECT "WHERE c.id < ? ORDER BY c.id DESC LIMIT ?");
	sqlite3_bind_int64(st, 1, before_id > 0 ? before_id : INT64_MAX);
	sqlite3_bind_int(st, 2, limit);
	return run_page(d, st, limit, out, e);
}
