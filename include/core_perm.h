/* core_perm.h — who may do what, checked in one place for the TUI and the
 * CLI alike.  Layer: core. */
#ifndef YICI_CORE_PERM_H
#define YICI_CORE_PERM_H

#include "core_catalog.h"
#include "util.h"

/* ROLE_SERVICE: the login (usually 'yici') that systemd runs yici sync,
 * the inbox import and the backup as; it may run exports and imports
 * (ACT_EXCHANGE, which covers backups) and nothing else. */
/* ROLE_IMPORT is never stored: it is the service login while it records
 * the decisions of an imported results.csv (the provincial system's own),
 * written as the 'system' role. */
enum role { ROLE_NONE = 0, ROLE_CLERK, ROLE_OFFICER, ROLE_SUPERVISOR, ROLE_SERVICE,
	    ROLE_IMPORT };
const char *role_code(enum role r);
const char *role_label(enum role r);
int role_parse(const char *s, enum role *r);

enum action {
	ACT_READ,            /* see cases and queues */
	ACT_CASE_WRITE,      /* take and edit applications at the window */
	ACT_DELIVER,         /* hand out results at the window */
	ACT_TASK_WORK,       /* act on a task of the actor's categories */
	ACT_ASSIGN,          /* assign or reassign tasks */
	ACT_STAFF,           /* manage staff */
	ACT_CONFIG,          /* change settings */
	ACT_CATALOG,         /* upgrade the catalog */
	ACT_EXCHANGE,        /* run exports and imports */
	ACT_FOLLOWUP,        /* record the follow-up of a poor rating */
	ACT_N
};
const char *action_label(enum action a);

/* The person at the keyboard as the permission check sees them. */
struct actor {
	const char *login;
	enum role role;      /* ROLE_NONE: unknown or disabled login */
	unsigned cats;       /* bit (1 << category) for officers */
};

/* 0 when allowed; -1 with a translated reason ("user 'x' (clerk) may not
 * change settings") in e.  cat is the task's category for ACT_TASK_WORK,
 * or -1. */
int perm_check(const struct actor *a, enum action act, int cat, struct yerr *e);

#endif
