/* db_application_prior.c — what came before an application: its checks
 * that read the database, the worker's earlier decisions (along the chain
 * of followed cases, and the same accident filed again without one),
 * following a case (the fields it passes on), and the earlier cases the
 * form lists.  Layer: db. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_application.h"
#include "db_application_internal.h"
#include "db_internal.h"
#include "i18n.h"

/* ==== checks that read the database ==== */

int application_check(struct db *d, const struct catalog *c, const struct application *ap,
		      char ***errs)
{
	struct prior *p = xcalloc(1, sizeof *p);
	struct yerr e;
	yerr_clear(&e);
	int bad = d && db_application_prior(d, c, ap, p, &e) < 0;
	int n = application_check_some(c, ap, p, NULL, errs);
	if (bad) {
		*errs = xrealloc(*errs, (size_t)(n + 1) * sizeof **errs);
		(*errs)[n++] = xasprintf("%s: %s", "follows", e.msg);
	}
	free(p);
	return n;
}

/* ==== lookups ==== */

static const char prior_sql[] =
	"SELECT t.item, coalesce(t.outcome, ''), coalesce(t.grade, 0), c.kind, "
	"  coalesce(c.case_no, ''), coalesce(t.decided_on, '') "
	"FROM task t JOIN cases c ON c.id = t.case_id WHERE t.case_id = ? AND t.outcome IS NOT NULL";

static int add_prior(struct db *d, const struct catalog *c, struct prior *p, int64_t case_id,
		     int followed, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, prior_sql);
	sqlite3_bind_int64(st, 1, case_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && p->n < MAX_PRIOR) {
		struct prior_decision *x = &p->d[p->n];
		memset(x, 0, sizeof *x);
		x->item = catalog_item_index(c, db_col(st, 0));
		if (x->item < 0)
			continue;
		DB_CPY(x->outcome, st, 1);
		x->grade = sqlite3_column_int(st, 2);
		kind_parse(db_col(st, 3), &x->kind);
		x->followed = followed;
		DB_CPY(x->case_no, st, 4);
		DB_CPY(x->on, st, 5);
		p->n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_error(d, _("earlier decisions"), e);
}

/* The case numbered case_no and its worker's citizen ID; 0 when none. */
static int64_t case_by_no(struct db *d, const char *case_no, char worker[19], int64_t *follows)
{
	sqlite3_stmt *st = db_prep(d, "SELECT c.id, coalesce(p.id_number, ''), "
				      "coalesce(c.follows_id, 0) FROM cases c "
				      "LEFT JOIN person p ON p.id = c.worker_id WHERE c.case_no = ?");
	db_bind_text(st, 1, case_no);
	int64_t id = 0;
	worker[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		snprintf(worker, 19, "%s", db_col(st, 1));
		if (follows)
			*follows = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return id;
}

static int in_chain(const int64_t *chain, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (chain[i] == id)
			return 1;
	return 0;
}

int db_application_prior(struct db *d, const struct catalog *c, const struct application *ap,
			 struct prior *p, struct yerr *e)
{
	memset(p, 0, sizeof *p);
	int64_t chain[16];
	int nchain = 0;
	const char *wid = application_get(ap, "worker.id_number");
	if (ap->follows[0]) {
		char worker[19];
		int64_t next = 0, id = case_by_no(d, ap->follows, worker, &next);
		snprintf(p->follows_no, sizeof p->follows_no, "%s", ap->follows);
		if (!id)
			return yerr_set(e, YERR_INPUT, _("no case %s to follow"), ap->follows);
		if (id == ap->case_id)
			return yerr_set(e, YERR_INPUT, _("a case cannot follow itself"));
		if (*wid && strcmp(worker, wid))
			return yerr_set(e, YERR_INPUT,
					_("case %s is another worker's: a case follows only an "
					  "earlier case of the same worker"),
					ap->follows);
		while (id && nchain < (int)ARRAY_SIZE(chain) && !in_chain(chain, nchain, id)) {
			chain[nchain++] = id;
			if (add_prior(d, c, p, id, 1, e) < 0)
				return -1;
			sqlite3_stmt *st = db_prep(d, "SELECT coalesce(follows_id, 0) FROM cases "
						      "WHERE id = ?");
			sqlite3_bind_int64(st, 1, id);
			id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
			sqlite3_reset(st);
		}
	}
	/* the same accident filed again without --follows: a once-per-accident
	 * benefit approved there still counts */
	const char *acc = application_get(ap, "accident.date");
	if (strlen(wid) == 18 && *acc) {
		sqlite3_stmt *st = db_prep(d, "SELECT c.id FROM person p JOIN cases c ON "
					      "c.worker_id = p.id WHERE p.id_number = ? AND "
					      "c.accident_date = ? AND c.id <> ?");
		db_bind_text(st, 1, wid);
		db_bind_text(st, 2, acc);
		sqlite3_bind_int64(st, 3, ap->case_id);
		int64_t ids[32];
		int nid = 0;
		while (sqlite3_step(st) == SQLITE_ROW && nid < (int)ARRAY_SIZE(ids))
			ids[nid++] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		for (int i = 0; i < nid; i++)
			if (!in_chain(chain, nchain, ids[i]) && add_prior(d, c, p, ids[i], 0, e) < 0)
				return -1;
	}
	prior_finish(c, p);
	return 0;
}

int db_application_decided(struct db *d, const struct catalog *c, const struct application *ap,
			   itemset *out, struct yerr *e)
{
	struct prior *p = xcalloc(1, sizeof *p);
	int rc = db_application_prior(d, c, ap, p, e);
	*out = rc == 0 ? p->decided : 0;
	free(p);
	return rc;
}

static const char *const inherit_prefix[] = { "worker.", "employer.", "accident." };

int db_application_follow(struct db *d, const struct catalog *c, struct application *ap,
			  const char *case_no, struct yerr *e)
{
	char worker[19];
	int64_t id = case_by_no(d, case_no, worker, NULL);
	if (!id)
		return yerr_set(e, YERR_INPUT, _("no case %s to follow"), case_no);
	const char *wid = application_get(ap, "worker.id_number");
	if (*wid && strcmp(worker, wid))
		return yerr_set(e, YERR_INPUT,
				_("case %s is another worker's: a case follows only an earlier case "
				  "of the same worker"),
				case_no);
	struct application old;
	application_init(&old);
	if (db_application_load(d, c, id, &old, e) < 0) {
		application_release(&old);
		return -1;
	}
	for (int i = 0; i < old.nfields; i++) {
		const char *k = old.key[i];
		int take = 0;
		for (size_t j = 0; j < ARRAY_SIZE(inherit_prefix); j++)
			take |= !strncmp(k, inherit_prefix[j], strlen(inherit_prefix[j]));
		if (!take || !strcmp(k, "accident.death_date") ||
		    !*old.value[i] || *application_get(ap, k))
			continue;
		application_set(ap, k, old.value[i]);
	}
	application_release(&old);
	snprintf(ap->follows, sizeof ap->follows, "%s", case_no);
	return 0;
}

int db_application_earlier(struct db *d, const struct catalog *c, const char *worker_id_number,
			   int64_t except_case, struct earlier_case *out, int max, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT c.id, c.case_no, coalesce(c.accident_date, ''), "
				      "c.kind FROM person p JOIN cases c ON c.worker_id = p.id "
				      "WHERE p.id_number = ? AND c.id <> ? AND c.case_no IS NOT NULL "
				      "ORDER BY c.id DESC");
	db_bind_text(st, 1, worker_id_number);
	sqlite3_bind_int64(st, 2, except_case);
	int n = 0, rc;
	int64_t ids[64];
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max && n < (int)ARRAY_SIZE(ids)) {
		memset(&out[n], 0, sizeof out[n]);
		ids[n] = sqlite3_column_int64(st, 0);
		DB_CPY(out[n].case_no, st, 1);
		DB_CPY(out[n].accident_date, st, 2);
		DB_CPY(out[n].kind, st, 3);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(d, _("earlier cases"), e);
	st = db_prep(d, "SELECT item, outcome, coalesce(grade, 0) FROM task WHERE case_id = ? "
			"AND outcome IS NOT NULL ORDER BY id");
	for (int i = 0; i < n; i++) {
		struct sbuf b = { 0 };
		sqlite3_bind_int64(st, 1, ids[i]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int it = catalog_item_index(c, db_col(st, 0));
			const struct item_outcome *o = catalog_outcome(c, it, db_col(st, 1));
			sbuf_addf(&b, "%s%s %s", b.len ? ", " : "", db_col(st, 0),
				  o ? o->label : db_col(st, 1));
			if (sqlite3_column_int(st, 2))
				sbuf_addf(&b, " %d", sqlite3_column_int(st, 2));
		}
		sqlite3_reset(st);
		snprintf(out[i].decisions, sizeof out[i].decisions, "%s",
			 b.s ? b.s : _("no decision yet"));
		sbuf_release(&b);
	}
	return n;
}
