/* db_case.h — reading cases for lists and screens.  Layer: db. */
#ifndef YICI_DB_CASE_H
#define YICI_DB_CASE_H

#include <stdint.h>
#include "db.h"

struct case_row {
	int64_t id;
	char case_no[32];
	char worker_name[64];
	char worker_id_number[20];
	char employer_name[160];
	char kind[8];
	char channel[8];
	char state[16];
	char accepted_at[20];
	int tasks_open, tasks_total;
};

/* Up to `limit` cases, newest first, with id < before_id (0: from the
 * newest): keyset paging on the primary key, never a scan of the table. */
int db_case_page(struct db *d, int64_t before_id, int limit, struct case_row *out,
		 struct yerr *e);

#endif
