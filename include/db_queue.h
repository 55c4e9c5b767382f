/* db_queue.h — the back-office queues: task rows of one or more
 * categories with case number, worker, item, state, accepted, deadline,
 * days left (in the rule's day kind) and assignee, read with keyset paging
 * on indexed columns so that the first page and the counts come as fast on
 * a million cases as on ten; the counts per category; the supervisor's
 * figures per category and officer; the report for a period.  Read-only.
 * Layer: db. */
#ifndef YICI_DB_QUEUE_H
#define YICI_DB_QUEUE_H

#include <stdint.h>
#include "core_catalog.h"
#include "core_task.h"
#include "db.h"

enum queue_sort { QSORT_DEADLINE, QSORT_ACCEPTED, QSORT_CASE, QSORT_N };
const char *queue_sort_label(enum queue_sort s);  /* translated */
int queue_sort_parse(const char *s, enum queue_sort *out);

/* The states a queue shows when none are asked for: the office's open
 * work (accepted, in review, suspended). */
#define QUEUE_OPEN_STATES                                                                  \
	((1u << TS_ACCEPTED) | (1u << TS_IN_REVIEW) | (1u << TS_SUSPENDED) | (1u << TS_REVIEWING))

struct queue_query {
	unsigned cats;           /* bit (1 << category); 0 = all three */
	unsigned states;         /* bit (1 << task_state); 0 = QUEUE_OPEN_STATES */
	const char *assignee;    /* only this login's tasks ("mine"), or NULL */
	int unassigned;          /* only tasks nobody has taken */
	int overdue;             /* only red (overdue) tasks */
	enum queue_sort sort;
	const char *search;      /* case number or worker name contains this; NULL = all */
	struct thresholds th;    /* from queue_thresholds */
};

/* Where a page starts: the sort key and id of a row.  section 1 holds the
 * rows without a key (no deadline while suspended or waiting), after the
 * others. */
struct queue_pos {
	int section;
	char key[24];
	int64_t id;
};

struct queue_row {
	int64_t task_id, case_id;
	int version;
	char case_no[32], worker[64], item[8], category[12], state[16];
	char accepted[11];       /* the day the task's clock started */
	char due[11];            /* promised deadline; for decided tasks the delivery deadline */
	char assignee[64];
	int countersign_pending; /* an approval awaiting its countersignature (复核) */
	char basis_changed[160]; /* "" or why a recalculation is due (re-appraisal) */
	enum day_kind kind;
	int days_left;           /* valid when due[0] */
	enum urgency urg;
	struct queue_pos pos;
};

/* Red and yellow for today: settings red_days and yellow_days, else
 * forms/rules.csv warn_yellow. */
int queue_thresholds(struct db *d, const struct catalog *c, struct thresholds *t,
		     struct yerr *e);

/* Up to limit rows after `from` (NULL: from the first) when dir > 0, or
 * the limit rows just before `from` when dir < 0; either way in queue
 * order.  Returns the number of rows or -1. */
int db_queue_page(struct db *d, const struct catalog *c, const struct queue_query *q,
		  const struct queue_pos *from, int dir, int limit, struct queue_row *out,
		  struct yerr *e);

/* The counts of one category's tab. */
struct queue_counts {
	long open;               /* accepted + in review + suspended */
	long soon;               /* yellow */
	long overdue;            /* red */
	long suspended, waiting;
	long ready;              /* decided, waiting for delivery at the window */
};
int db_queue_counts(struct db *d, enum category cat, const struct thresholds *t,
		    struct queue_counts *out, struct yerr *e);

/* The supervisor's figures: one row per category (officer "") followed
 * by its officers (officer "-" for tasks nobody has taken). */
struct queue_stat {
	char category[12], officer[64];
	long open, overdue, due3, done_week;
	double median_days;      /* days from start to decision, last 30 days; -1 none */
};
/* Fills *out (malloc'd, caller frees) and *n. */
int db_queue_stats(struct db *d, const struct thresholds *t, struct queue_stat **out, int *n,
		   struct yerr *e);

/* The report of a period [from, to]: one row per item, then per office
 * (item "*"), then the total (office "all"). */
struct report_row {
	char office[12], item[8];
	long received, accepted, decided, delivered, overdue;
	double median_days;      /* -1 none */
};
int db_report(struct db *d, const struct catalog *c, yday from, yday to,
	      struct report_row **out, int *n, struct yerr *e);

#endif
