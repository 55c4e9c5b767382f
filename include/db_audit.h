/* db_audit.h — who saw or tried what: refused actions, and revealing a
 * full citizen ID number to the people working a case.  Layer: db. */
#ifndef YICI_DB_AUDIT_H
#define YICI_DB_AUDIT_H

#include <stdint.h>
#include "core_perm.h"
#include "db.h"

/* Records a refused action (by role or by state) with who tried it: a row
 * of the append-only table `denied`, and for a case (case_id > 0) also a
 * 'denied' event in its history.  Call it after perm_check (or a state
 * check) failed, with a stable action name ("config set", "staff add",
 * "reveal", "task decide" ...) and the refusal message as reason.  It is
 * written in its own small transaction: an open transaction of d is rolled
 * back first (a refused action changes nothing), and a read-only d is
 * reopened read-write for the one row.  Returns 0, or -1 when it could not
 * be written (the refusal itself still stands). */
int db_denied_record(struct db *d, const char *login, const char *action, int64_t case_id,
		     const char *reason);

/* The same for a command that has closed its handle: opens path read-write
 * for the one row, waiting at most a moment for another writer. */
int db_denied_record_path(const char *path, const char *login, const char *action,
			  const char *reason);
/* How many refusals this process has recorded. */
int db_denied_count(void);

/* Whose ID number a reveal shows. */
enum reveal_whom { REVEAL_WORKER = 0, REVEAL_APPLICANT = 1 };

/* Copies the full citizen ID number of the worker or applicant of case
 * case_no into out, for the people working that case only: the clerk who
 * took it (cases.created_by or accepted_by), an officer assigned to one of
 * its tasks, or a supervisor.  Writes a 'revealed' event (never the number)
 * in one transaction.  A refusal returns -1 with YERR_DENIED and is
 * recorded with db_denied_record; an unknown case or a person without an
 * ID number returns -1 with YERR_NOTFOUND. */
int db_reveal_id(struct db *d, const struct actor *a, const char *case_no, enum reveal_whom whom,
		 char out[19], struct yerr *e);

#endif
