/* core_case.h — case numbers and the states of cases and tasks.
 * Layer: core. */
#ifndef YICI_CORE_CASE_H
#define YICI_CORE_CASE_H

#include "core_date.h"
#include "util.h"

/* GS + 6-digit region + '-' + YYYYMMDD + '-' + 4-digit daily sequence:
 * GS340102-20261128-0007.  out needs CASE_NO_LEN + 1 bytes. */
#define CASE_NO_LEN 22
void case_no_format(char out[CASE_NO_LEN + 1], const char *region, yday day, int seq);
/* Checks the shape and the date; fills the parts that are non-NULL.  The
 * one check of a case number's shape (casefile_case_no_check is it, for
 * numbers typed in any case). */
int case_no_parse(const char *s, char region[7], yday *day, int *seq, struct yerr *e);

enum case_state { CS_DRAFT, CS_INTAKE, CS_DEFICIENT, CS_ACCEPTED, CS_NOT_ACCEPTED,
		  CS_WITHDRAWN, CS_CLOSED, CS_N };
const char *case_state_code(enum case_state s);
const char *case_state_label(enum case_state s);
/* The state on a command's result line ("GS... accepted", "#12 draft"): the
 * code in English, what a script reads (yici(1)), its label in Chinese. */
const char *case_state_word(enum case_state s);
int case_state_parse(const char *s, enum case_state *out);

enum task_state { TS_WAITING, TS_ACCEPTED, TS_IN_REVIEW, TS_SUSPENDED, TS_DECIDED,
		  TS_DELIVERED, TS_CLOSED, TS_NOT_ACCEPTED, TS_REJECTED, TS_WITHDRAWN,
		  TS_REVIEWING /* 受理审核: the office reviews the acceptance */, TS_N };
const char *task_state_code(enum task_state s);
const char *task_state_label(enum task_state s);
int task_state_parse(const char *s, enum task_state *out);

/* Material statuses at the window. */
enum material_status { MS_RECEIVED, MS_MISSING, MS_SHARED, MS_COMMITTED, MS_PRODUCED, MS_N };
const char *material_status_code(enum material_status s);
const char *material_status_label(enum material_status s);
int material_status_parse(const char *s, enum material_status *out);

#endif
