/* core_application.h — the combined form in memory and its pure checks:
 * fields by key, choice labels, one field against forms/form.csv, the
 * cross-field and item rules, the application window, the merged material
 * list and what is missing.  No SQL: db_application.c stores and loads it,
 * the form editor, the CLI and the import fill it.  Layer: core. */
#ifndef YICI_CORE_APPLICATION_H
#define YICI_CORE_APPLICATION_H

#include <stddef.h>
#include <stdint.h>
#include "core_case.h"
#include "core_catalog.h"

#define APP_SLOTS 251          /* struct application's key table (a prime) */

/* One filled combined form.  Keys are those of forms/form.csv
 * ("worker.id_number", "accident.date" ...); values UTF-8 text. */
struct application {
	int nfields, cap;
	char **key, **value;       /* owned: application_release frees them */
	unsigned char slot[APP_SLOTS]; /* key -> index + 1 (internal) */
	itemset items;             /* ticked items */
	/* per material (catalog index): its status at the window */
	enum material_status mstatus[MAX_MATERIALS];
	char *mdoc[MAX_MATERIALS];            /* document number for shared materials, or NULL */
	const char *channel;       /* "window" or "online" */
	const char *ext_id;        /* online applications: the platform's id */
	const char *submitted_at;  /* online: when submitted on the platform */
	/* Set by db_application_load, _save and _submit (0 / CS_DRAFT / ""
	 * for a new application): */
	int64_t case_id;
	enum case_state state;
	char case_no[32];
	char supplement_due[11];   /* deficient: the date on the one-time notice */
	/* accepted by this submit: the query code issued (only its hash is
	 * stored), for the receipt and the SMS; "" otherwise */
	char query_code[8];
	/* the earlier case this one follows (apply --follows, the form's
	 * earlier-accident picker): its accident and decisions count here;
	 * "" = none, and a prerequisite counts only when ticked in this case */
	char follows[32];
	char *owned[2];            /* loaded ext_id and submitted_at (internal) */
};

void application_init(struct application *ap);
void application_release(struct application *ap);
/* Sets a field (copying both strings). */
void application_set(struct application *ap, const char *key, const char *value);
/* The value of a field, "" when unset. */
const char *application_get(const struct application *ap, const char *key);

/* application_check for a caller that has read the worker's earlier
 * decisions (db_application_decided) itself: the same checks, except that
 * the form fields i with skip[i] set (c->nfields flags; NULL: none) are not
 * checked, because the caller ignores what they would say (the import:
 * fields its file does not carry). */
int application_check_some(const struct catalog *c, const struct application *ap,
			   const struct prior *prior, const unsigned char *skip, char ***errs);

/* 1 for yes/1/y/true/是, 0 for no/0/n/false/否 and "", -1 otherwise. */
int application_bool(const char *v);

/* What a value of field f reads as on screen and paper: the translated
 * label of a choice (worker -> 工伤职工本人, window -> 窗口领取) or of a
 * bool (是/否); other values as they are. */
const char *application_value_label(const struct form_field *f, const char *v);
/* The same for a choice field named by its key (accident.type ...). */
const char *application_choice_label(const char *key, const char *v);

/* Validates one value against its form field (type, length in
 * characters, required); dates may not lie after today.  0, or -1 with a
 * translated reason in msg (without the field name). */
int application_check_field(const struct form_field *f, const char *value, char *msg, size_t n);

/* The application-window warning (条例 §17) for a form that ticks RD and
 * has an accident (or diagnosis) date: 1 with the message citing the rule,
 * else 0.  A warning only: the clerk decides to refuse. */
int application_window(const struct catalog *c, const struct application *ap, char *msg,
		       size_t n);

/* The facts of the application a material condition reads (case kind,
 * applicant type, circumstance); the strings point into ap. */
void application_facts(const struct application *ap, struct case_facts *f);
/* The merged material list of the ticked items (each material once, with
 * the items it serves; a conditional link only when its condition holds
 * for the application's facts), produced ones included; decided = items
 * decided in earlier cases of the worker.  out needs c->nmaterials rows. */
int application_materials(const struct catalog *c, const struct application *ap,
			  itemset decided, struct merged_material *out);

/* The status a material shows: produced ones are always MS_PRODUCED. */
enum material_status application_mstatus(const struct application *ap,
					 const struct merged_material *mm);
/* Required materials still missing (count). */
int application_missing(const struct catalog *c, const struct application *ap, itemset decided);

/* Shared with db_application.c: a choice of type "choice:a|b" holds v;
 * v is HH:MM; the case kind of the form (KIND_*); material mm is missing
 * from the form (not received, committed, shared or produced). */
int application_choice_has(const char *type, const char *v);
int application_time_ok(const char *v);
int application_kind(const struct application *ap);
int application_material_missing(const struct application *ap, const struct merged_material *mm);

/* applications.csv and the inbox: the form key a column of an online
 * application fills ("worker_id_number" -> "worker.id_number", "kind" ->
 * "accident.kind", "description" -> "accident.description"), or NULL. */
const char *application_column_key(const struct catalog *c, const char *column);
/* Fills ap from one online application's columns (names[i] = values[i],
 * n of them): the form fields, the applicant type when the file does not
 * say, the ticked items, the materials sent (received) and the case it
 * follows.  keys: application_column_key of each name, worked out once
 * by a caller with many rows, or NULL.  The one mapping of the import's
 * checks and of the window opening the row.  0, or -1 with *col the column and why the reason. */
int application_from_columns(const struct catalog *c, const char *const *names,
			     const char *const *keys, const char *const *values, int n,
			     struct application *ap, const char **col, char *why, size_t nwhy);
#endif
