/* db_application.h — the combined application at the window: drafts,
 * online intake, acceptance (case number, one task per ticked item routed
 * to its category, deadlines, events, acceptance SMS), the one-time
 * deficiency notice, supplementing, and not-accepting.  Each call is one
 * BEGIN IMMEDIATE transaction.  The form editor, the CLI and the import of
 * online applications all call these.  Layer: db. */
#ifndef YICI_DB_APPLICATION_H
#define YICI_DB_APPLICATION_H

#include <stdint.h>
#include "core_case.h"
#include "core_catalog.h"
#include "core_perm.h"
#include "db.h"

/* One filled combined form.  Keys are those of forms/form.csv
 * ("worker.id_number", "accident.date" ...); values UTF-8 text. */
struct application {
	int nfields;
	char **key, **value;       /* owned: application_release frees them */
	itemset items;             /* ticked items */
	/* per material (catalog index): its status at the window */
	enum material_status mstatus[64];
	char *mdoc[64];            /* document number for shared materials, or NULL */
	const char *channel;       /* "window" or "online" */
	const char *ext_id;        /* online applications: the platform's id */
	const char *submitted_at;  /* online: when submitted on the platform */
};

void application_init(struct application *ap);
void application_release(struct application *ap);
/* Sets a field (copying both strings). */
void application_set(struct application *ap, const char *key, const char *value);
/* The value of a field, "" when unset. */
const char *application_get(const struct application *ap, const char *key);

/* Validates every field against forms/form.csv (required, max length,
 * type: ID numbers, credit codes, phones, dates not in the future) and the
 * rules (items allowed for the case kind, prerequisites ticked or decided
 * earlier, the application window).  Fills errs (caller frees each) with
 * one message per problem, "field: reason"; returns how many. */
int application_check(struct db *d, const struct catalog *c, const struct application *ap,
		      char ***errs);

/* Saves a draft (new when *case_id == 0) or an online application waiting
 * in the intake list (channel "online", state intake).  Idempotent for an
 * ext_id already present: returns 1 and sets *case_id without changes. */
int db_application_save(struct db *d, const struct catalog *c, const struct actor *a,
			struct application *ap, int64_t *case_id, struct yerr *e);

/* Submits: all required materials present → accepted (case number, tasks,
 * deadlines, events, SMS, 受理通知书 text in *notice); otherwise deficient
 * with the one-time notice of EVERY missing material in *notice.  Returns
 * 0 on success with *state set; *notice is malloc'd. */
int db_application_submit(struct db *d, const struct catalog *c, const struct actor *a,
			  struct application *ap, int64_t *case_id, enum case_state *state,
			  char **notice, struct yerr *e);

/* Not accepted (不予受理) with the reason and the remedy. */
int db_application_refuse(struct db *d, const struct actor *a, int64_t case_id,
			  const char *reason, char **notice, struct yerr *e);

/* Loads a saved case back into an application (for resume and re-check). */
int db_application_load(struct db *d, const struct catalog *c, int64_t case_id,
			struct application *ap, struct yerr *e);

#endif
