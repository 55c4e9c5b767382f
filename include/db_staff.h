/* db_staff.h — staff: who uses this database, in which role and offices.
 * Layer: db. */
#ifndef YICI_DB_STAFF_H
#define YICI_DB_STAFF_H

#include "db.h"

struct staff_input {
	const char *login;
	const char *name;
	const char *role;        /* clerk, officer, supervisor */
	const char *categories;  /* "admin;agency" (officers), or NULL */
	int window_no;           /* 0 = none */
};

/* Adds a staff member, or updates one that exists (re-enabling them).
 * Validates login, role, categories.  Caller holds the transaction. */
int db_staff_add(struct db *d, const struct staff_input *s, struct yerr *e);
/* Disables a login (kept for history).  Returns -1 if unknown. */
int db_staff_disable(struct db *d, const char *login, struct yerr *e);
/* Calls fn for each staff member, ordered by role then login. */
/* Enables a disabled login again (staff add refuses a disabled one). */
int db_staff_enable(struct db *d, const char *login, struct yerr *e);
int db_staff_each(struct db *d, void (*fn)(const struct staff *s, void *arg), void *arg,
		  struct yerr *e);

/* Validates a setting's value without storing it. */
int db_config_check(const char *key, const char *value, struct yerr *e);

#endif
