/* db_application_internal.h — what the db_application*.c files share:
 * their transaction (own, or a savepoint in the caller's), the event, the
 * stored form and its persons and employer, the notice layout and the
 * SMS.  Only for src/db_application*.c.  Layer: db. */
#ifndef YICI_DB_APPLICATION_INTERNAL_H
#define YICI_DB_APPLICATION_INTERNAL_H

#include <stdint.h>
#include "core_application.h"
#include "core_catalog.h"
#include "core_perm.h"
#include "db.h"
#include "util.h"

int dba_txn_begin(struct db *d, int *joined, struct yerr *e);
int dba_txn_commit(struct db *d, int joined, struct yerr *e);
void dba_txn_rollback(struct db *d, int joined);
int dba_event(struct db *d, const struct actor *a, int64_t case_id, int64_t task_id,
	      const char *kind, const char *detail, struct yerr *e);
/* What one save writes besides the case's columns: the rows of the
 * worker, the applicant and the employer (db_application_party.c), in that
 * order (a cf_home less CF_WORKER). */
struct dba_ids {
	int64_t id[3];     /* the row, 0 when none (no valid code given) */
	int differs[3];    /* the known row differs from the form (kept in case_field) */
	/* the names as received, kept on the case (owned); and the name a
	 * final application replaced in a known row (owned, NULL if none) */
	char *name[3], *renamed_from[3];
};
int dba_store_ids(struct db *d, const struct application *ap, int final, const char *now,
		  struct dba_ids *ids, struct yerr *e);
void dba_ids_release(struct dba_ids *ids);
/* One 'renamed' event on the case for each known row whose name this
 * final application changed: "who<TAB>old<TAB>new" (db/131), and the
 * former name for the lookup (db/132). */
int dba_rename_events(struct db *d, const struct actor *a, int64_t case_id,
		      const struct dba_ids *ids, const char *now, struct yerr *e);
int dba_editable_state(struct db *d, int64_t case_id, enum case_state *s, struct yerr *e);
int dba_store(struct db *d, const struct catalog *c, const struct actor *a,
	      struct application *ap, itemset decided, int final, struct yerr *e);
char *dba_n_wrap(char *text);
void dba_n_kv(struct sbuf *b, const char *label, const char *value);
void dba_n_title(struct db *d, struct sbuf *b, const char *title, const char *case_no);
void dba_n_parties(const struct catalog *c, struct sbuf *b, const struct application *ap);
void dba_n_items(struct db *d, const struct catalog *c, struct sbuf *b,
		 const struct application *ap, int with_tasks);
void dba_n_footer(struct db *d, struct sbuf *b, const struct actor *a);
char *dba_notice_acceptance(struct db *d, const struct catalog *c, const struct actor *a,
			    const struct application *ap, itemset decided, int with_code);
char *dba_notice_deficiency(struct db *d, const struct catalog *c, const struct actor *a,
			    const struct application *ap, itemset decided);
char *dba_notice_refusal(struct db *d, const struct catalog *c, const struct actor *a,
			 const struct application *ap, const char *reason);
int dba_add_letter(struct db *d, const struct actor *a, const struct application *ap,
		   const char *kind, const char *body, struct yerr *e);
int dba_sms(struct db *d, const struct catalog *c, const struct actor *a,
	    const struct application *ap, const char *key, const char *due, const char *extra,
	    struct yerr *e);
char *dba_missing_list(const struct catalog *c, const struct application *ap, itemset decided,
		       int codes);

#endif
