/* db_case.h — reading cases for lists and screens.  Layer: db. */
#ifndef YICI_DB_CASE_H
#define YICI_DB_CASE_H

#include <stdint.h>
#include "db.h"

/* A name as a case row holds it: whole up to 100 characters (form.csv's
 * employer.name limit) of up to 4 bytes, a longer one cut with "…"
 * (text_copy). */
#define CASE_NAME_MAX (100 * 4 + 1)

struct case_row {
	int64_t id;
	char case_no[32];
	char worker_name[CASE_NAME_MAX];
	char worker_id_number[20];
	char employer_name[CASE_NAME_MAX];
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
