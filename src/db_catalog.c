/* db_catalog.c — copying the catalog into the database and reading it
 * back.  Layer: db. */
#include "db_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "i18n.h"

static const char *kinds_code(int kinds)
{
	if (kinds == (KIND_INJURY | KIND_DEATH))
		return "injury;death";
	return kinds == KIND_DEATH ? "death" : "injury";
}

static int kinds_parse(const char *s)
{
	if (!strcmp(s, "injury;death"))
		return KIND_INJURY | KIND_DEATH;
	return !strcmp(s, "death") ? KIND_DEATH : KIND_INJURY;
}

static const char *unit_code(enum rule_unit u)
{
	return u == UNIT_YEAR ? "year" : u == UNIT_MONTH ? "month" : "day";
}

/* Refuses an upgrade that would drop or re-route items under cases. */
static int check_upgrade(struct db *d, const struct catalog *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT t.item, t.category, count(*) FROM task t "
				      "GROUP BY t.item, t.category");
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *code = db_col(st, 0);
		int i = catalog_item_index(c, code);
		if (i < 0)
			rc = yerr_set(e, YERR_STATE,
				      _("item '%s' is used by %d tasks and cannot be removed"), code,
				      sqlite3_column_int(st, 2));
		else if (strcmp(category_code(c->items[i].cat), db_col(st, 1)) != 0)
			rc = yerr_set(e, YERR_STATE,
				      _("item '%s' has %d tasks in category '%s'; its category cannot change"),
				      code, sqlite3_column_int(st, 2), db_col(st, 1));
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	st = db_prep(d, "SELECT DISTINCT material FROM case_material");
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
		if (catalog_material_index(c, db_col(st, 0)) < 0)
			rc = yerr_set(e, YERR_STATE,
				      _("material '%s' is used by cases and cannot be removed"),
				      db_col(st, 0));
	sqlite3_reset(st);
	return rc;
}

static int clear_tables(struct db *d, struct yerr *e)
{
	return db_exec(d, "DELETE FROM item_prereq; DELETE FROM item_outcome; "
			  "DELETE FROM item_material; DELETE FROM rule;"
			  "DELETE FROM holiday; DELETE FROM rate; DELETE FROM form_field;"
			  "DELETE FROM template; DELETE FROM item_track;", e);
}

static int store_item(struct db *d, sqlite3_stmt *st, const struct catalog *c, int i,
		      struct yerr *e)
{
	const struct item *it = &c->items[i];
	char *spec = catalog_format_prereqs(c, i);
	db_bind_text(st, db_p(st, ":code"), it->code);
	sqlite3_bind_int(st, db_p(st, ":seq"), it->seq);
	db_bind_text(st, db_p(st, ":name"), it->name);
	db_bind_text(st, db_p(st, ":category"), category_code(it->cat));
	db_bind_text(st, db_p(st, ":kinds"), kinds_code(it->kinds));
	db_bind_text(st, db_p(st, ":prereq_note"), it->prereq_note ? it->prereq_note : "");
	sqlite3_bind_int(st, db_p(st, ":limit_days"), it->limit_days);
	sqlite3_bind_int(st, db_p(st, ":promised_days"), it->promised_days);
	db_bind_text(st, db_p(st, ":day_kind"), day_kind_code(it->day_kind));
	db_bind_text(st, db_p(st, ":basis"), it->basis ? it->basis : "");
	db_bind_text(st, db_p(st, ":circumstances"), it->circumstances);
	db_bind_text(st, db_p(st, ":prereq_spec"), spec);
	db_bind_text(st, db_p(st, ":limit_rule"), it->limit_rule);
	sqlite3_bind_int(st, db_p(st, ":once"), it->once);
	db_bind_text(st, db_p(st, ":sms_accept"), it->sms_accept);
	db_bind_text(st, db_p(st, ":sms_start"), it->sms_start);
	db_bind_text(st, db_p(st, ":sms_decide"), it->sms_decide);
	db_bind_text(st, db_p(st, ":delivery"), it->delivery);
	db_bind_text(st, db_p(st, ":suspend"), it->suspend);
	db_bind_text(st, db_p(st, ":extend"), it->extend);
	db_bind_text(st, db_p(st, ":accepts"), it->office_accepts ? "office" : "window");
	db_bind_text(st, db_p(st, ":review_rule"), it->review_rule);
	int rc = db_exec_stmt(d, st, e);
	free(spec);
	return rc;
}

static int store_outcomes(struct db *d, const struct catalog *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"INSERT INTO item_outcome (item, seq, code, label, positive, needs_document, "
		"  needs_reason, needs_grade, needs_amount, sms, push) VALUES (:item, :seq, "
		":code, :label, :positive, :needs_document, :needs_reason, :needs_grade, "
		":needs_amount, :sms, :push)");
	for (int i = 0; i < c->nitems; i++)
		for (int k = 0; k < c->items[i].noutcomes; k++) {
			const struct item_outcome *o = &c->items[i].outcomes[k];
			db_bind_text(st, db_p(st, ":item"), c->items[i].code);
			sqlite3_bind_int(st, db_p(st, ":seq"), k + 1);
			db_bind_text(st, db_p(st, ":code"), o->code);
			db_bind_text(st, db_p(st, ":label"), o->label);
			sqlite3_bind_int(st, db_p(st, ":positive"), o->positive);
			sqlite3_bind_int(st, db_p(st, ":needs_document"), o->needs_document);
			sqlite3_bind_int(st, db_p(st, ":needs_reason"), o->needs_reason);
			sqlite3_bind_int(st, db_p(st, ":needs_grade"), o->needs_grade);
			sqlite3_bind_int(st, db_p(st, ":needs_amount"), o->needs_amount);
			db_bind_text(st, db_p(st, ":sms"), o->sms);
			db_bind_text(st, db_p(st, ":push"), o->push);
			if (db_exec_stmt(d, st, e) < 0)
				return -1;
		}
	return 0;
}

static int store_items(struct db *d, const struct catalog *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d,
		"INSERT INTO item (code, seq, name, category, kinds, prereq_note, limit_days, "
		"  promised_days, day_kind, basis, circumstances, prereq_spec, limit_rule, once, "
		"  sms_accept, sms_start, sms_decide, delivery, suspend, extend, accepts, "
		"  review_rule) "
		"VALUES (:code, :seq, :name, :category, :kinds, :prereq_note, :limit_days, "
		":promised_days, :day_kind, :basis, :circumstances, :prereq_spec, :limit_rule, "
		":once, :sms_accept, :sms_start, :sms_decide, :delivery, :suspend, :extend, "
		":accepts, :review_rule) "
		"ON CONFLICT (code) DO UPDATE SET seq = -excluded.seq, name = excluded.name, "
		"  category = excluded.category, kinds = excluded.kinds, "
		"  prereq_note = excluded.prereq_note, limit_days = excluded.limit_days, "
		"  promised_days = excluded.promised_days, day_kind = excluded.day_kind, "
		"  basis = excluded.basis, circumstances = excluded.circumstances, "
		"  prereq_spec = excluded.prereq_spec, limit_rule = excluded.limit_rule, "
		"  once = excluded.once, sms_accept = excluded.sms_accept, "
		"  sms_start = excluded.sms_start, sms_decide = excluded.sms_decide, "
		"  delivery = excluded.delivery, suspend = excluded.suspend, extend = excluded.extend, "
		"  accepts = excluded.accepts, review_rule = excluded.review_rule");
	/* seq is UNIQUE: park updated rows at -seq, then flip them back. */
	for (int i = 0; i < c->nitems; i++)
		if (store_item(d, st, c, i, e) < 0)
			return -1;
	if (db_exec(d, "UPDATE item SET seq = -seq WHERE seq < 0", e) < 0)
		return -1;
	/* Items no longer in the catalog and unused (check_upgrade ran). */
	sqlite3_stmt *del = db_prep(d, "DELETE FROM item WHERE code = ?");
	sqlite3_stmt *all = db_prep(d, "SELECT code FROM item");
	char gone[MAX_ITEMS * 2][8];
	int ngone = 0;
	while (sqlite3_step(all) == SQLITE_ROW && ngone < (int)ARRAY_SIZE(gone))
		if (catalog_item_index(c, db_col(all, 0)) < 0)
			snprintf(gone[ngone++], 8, "%s", db_col(all, 0));
	sqlite3_reset(all);
	for (int i = 0; i < ngone; i++) {
		db_bind_text(del, 1, gone[i]);
		if (db_exec_stmt(d, del, e) < 0)
			return -1;
	}
	sqlite3_stmt *pr = db_prep(d, "INSERT INTO item_prereq (item, prereq) VALUES (?, ?)");
	for (int i = 0; i < c->nitems; i++)
		for (int j = 0; j < c->nitems; j++) {
			if (!(c->items[i].prereqs & (1u << j)))
				continue;
			db_bind_text(pr, 1, c->items[i].code);
			db_bind_text(pr, 2, c->items[j].code);
			if (db_exec_stmt(d, pr, e) < 0)
				return -1;
		}
	sqlite3_stmt *tr = db_prep(d, "INSERT INTO item_track (item, simple, reappraise, formula) "
				      "VALUES (?, ?, ?, ?)");
	for (int i = 0; i < c->nitems; i++) {
		db_bind_text(tr, 1, c->items[i].code);
		db_bind_text(tr, 2, c->items[i].simple);
		db_bind_text(tr, 3, c->items[i].reappraise);
		db_bind_text(tr, 4, c->items[i].formula);
		if (db_exec_stmt(d, tr, e) < 0)
			return -1;
	}
	return store_outcomes(d, c, e);
}

static int store_materials(struct db *d, const struct catalog *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "INSERT INTO material (code, name, note) VALUES (?, ?, ?) "
				      "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
				      "note = excluded.note");
	for (int i = 0; i < c->nmaterials; i++) {
		db_bind_text(st, 1, c->materials[i].code);
		db_bind_text(st, 2, c->materials[i].name);
		db_bind_text(st, 3, c->materials[i].note ? c->materials[i].note : "");
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	st = db_prep(d, "INSERT INTO item_material (item, material, required, commitment_ok, "
			"produced_by, condition) VALUES (?, ?, ?, ?, ?, ?)");
	for (int i = 0; i < c->nlinks; i++) {
		const struct item_material *l = &c->links[i];
		db_bind_text(st, 1, c->items[l->item].code);
		db_bind_text(st, 2, c->materials[l->material].code);
		sqlite3_bind_int(st, 3, l->required);
		sqlite3_bind_int(st, 4, l->commitment_ok);
		db_bind_text(st, 5, l->produced_by >= 0 ? c->items[l->produced_by].code : NULL);
		db_bind_text(st, 6, l->condition);
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	return 0;
}

static int store_rules(struct db *d, const struct catalog *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "INSERT INTO rule (key, name, amount, unit, day_kind, basis) "
				      "VALUES (?, ?, ?, ?, ?, ?)");
	for (int i = 0; i < c->nrules; i++) {
		const struct rule *r = &c->rules[i];
		db_bind_text(st, 1, r->key);
		db_bind_text(st, 2, r->name);
		sqlite3_bind_int(st, 3, r->amount);
		db_bind_text(st, 4, unit_code(r->unit));
		db_bind_text(st, 5, day_kind_code(r->day_kind));
		db_bind_text(st, 6, r->basis ? r->basis : "");
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	st = db_prep(d, "INSERT INTO holiday (day, type, name) VALUES (?, ?, ?)");
	for (int i = 0; i < c->cal.n; i++) {
		char day[11];
		date_format(c->cal.days[i].day, day);
		db_bind_text(st, 1, day);
		db_bind_text(st, 2, holiday_type_code(c->cal.days[i].type));
		db_bind_text(st, 3, c->cal.days[i].name ? c->cal.days[i].name : "");
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	st = db_prep(d, "INSERT INTO rate (key, n, value, unit, note) VALUES (?, ?, ?, ?, ?)");
	for (int i = 0; i < c->nrates; i++) {
		const struct rate *r = &c->rates[i];
		db_bind_text(st, 1, r->key);
		sqlite3_bind_int(st, 2, r->grade);
		sqlite3_bind_int64(st, 3, r->value);
		db_bind_text(st, 4, r->unit ? r->unit : "");
		db_bind_text(st, 5, r->note ? r->note : "");
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	return 0;
}

static int store_form(struct db *d, const struct catalog *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "INSERT INTO form_field (seq, section, key, label, type, "
				      "required, max_len) VALUES (?, ?, ?, ?, ?, ?, ?)");
	for (int i = 0; i < c->nfields; i++) {
		const struct form_field *f = &c->fields[i];
		sqlite3_bind_int(st, 1, i + 1);
		db_bind_text(st, 2, f->section);
		db_bind_text(st, 3, f->key);
		db_bind_text(st, 4, f->label);
		db_bind_text(st, 5, f->type);
		sqlite3_bind_int(st, 6, f->required);
		sqlite3_bind_int(st, 7, f->max_len);
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	st = db_prep(d, "INSERT INTO template (key, text) VALUES (?, ?)");
	for (int i = 0; i < c->ntemplates; i++) {
		db_bind_text(st, 1, c->templates[i].key);
		db_bind_text(st, 2, c->templates[i].text);
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
	}
	return 0;
}

int db_catalog_store(struct db *d, const struct catalog *c, const char *who,
		     const char *source, struct yerr *e)
{
	if (check_upgrade(d, c, e) < 0 || clear_tables(d, e) < 0 || store_items(d, c, e) < 0 ||
	    store_materials(d, c, e) < 0 || store_rules(d, c, e) < 0 || store_form(d, c, e) < 0)
		return -1;
	/* Materials no longer listed and unused by cases. */
	if (db_exec(d, "DELETE FROM material WHERE code NOT IN (SELECT material FROM item_material) "
		       "AND code NOT IN (SELECT material FROM case_material)", e) < 0)
		return -1;
	char now[20];
	time_format(clock_now(), now);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO catalog_version (version, loaded_at, loaded_by, "
				      "source) VALUES (?, ?, ?, ?)");
	db_bind_text(st, 1, c->version);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, who);
	db_bind_text(st, 4, source);
	return db_exec_stmt(d, st, e);
}

int db_catalog_version(struct db *d, char version[65], char loaded_at[20])
{
	sqlite3_stmt *st = db_prep(d, "SELECT version, loaded_at FROM catalog_version "
				      "ORDER BY id DESC LIMIT 1");
	version[0] = loaded_at[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(version, 65, "%s", db_col(st, 0));
		snprintf(loaded_at, 20, "%s", db_col(st, 1));
	}
	sqlite3_reset(st);
	return version[0] ? 0 : -1;
}

/* ---- loading ---- */

static void copy_key(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	text_copy(dst, n, db_col(st, col));
}

static void load_outcomes(struct db *d, struct catalog *c)
{
	sqlite3_stmt *st = db_prep(d, "SELECT item, code, label, positive, needs_document, "
				      "needs_reason, needs_grade, needs_amount, sms, push FROM item_outcome "
				      "ORDER BY item, seq");
	while (sqlite3_step(st) == SQLITE_ROW) {
		int i = catalog_item_index(c, db_col(st, 0));
		if (i < 0 || c->items[i].noutcomes == MAX_OUTCOMES)
			continue;
		struct item_outcome *o = &c->items[i].outcomes[c->items[i].noutcomes++];
		copy_key(o->code, sizeof o->code, st, 1);
		copy_key(o->label, sizeof o->label, st, 2);
		o->positive = sqlite3_column_int(st, 3);
		o->needs_document = sqlite3_column_int(st, 4);
		o->needs_reason = sqlite3_column_int(st, 5);
		o->needs_grade = sqlite3_column_int(st, 6);
		o->needs_amount = sqlite3_column_int(st, 7);
		copy_key(o->sms, sizeof o->sms, st, 8);
		copy_key(o->push, sizeof o->push, st, 9);
	}
	sqlite3_reset(st);
}

static int load_items(struct db *d, struct catalog *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT code, seq, name, category, kinds, prereq_note, "
				      "limit_days, promised_days, day_kind, basis, circumstances, "
				      "prereq_spec, limit_rule, once, sms_accept, sms_start, "
				      "sms_decide, delivery, suspend, extend, coalesce(k.simple, ''), "
				      "coalesce(k.reappraise, ''), item.accepts, item.review_rule, "
				      "coalesce(k.formula, '') FROM item "
				      "LEFT JOIN item_track k ON k.item = item.code ORDER BY seq");
	char *spec[MAX_ITEMS] = { 0 };
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (c->nitems == MAX_ITEMS)
			break;
		spec[c->nitems] = db_col_dup(st, 11);
		struct item *it = &c->items[c->nitems++];
		memset(it, 0, sizeof *it);
		DB_CPY(it->code, st, 0);
		it->seq = sqlite3_column_int(st, 1);
		it->name = db_col_dup(st, 2);
		category_parse(db_col(st, 3), &it->cat);
		it->kinds = kinds_parse(db_col(st, 4));
		it->prereq_note = db_col_dup(st, 5);
		it->limit_days = sqlite3_column_int(st, 6);
		it->promised_days = sqlite3_column_int(st, 7);
		day_kind_parse(db_col(st, 8), &it->day_kind);
		it->basis = db_col_dup(st, 9);
		copy_key(it->circumstances, sizeof it->circumstances, st, 10);
		copy_key(it->limit_rule, sizeof it->limit_rule, st, 12);
		it->once = sqlite3_column_int(st, 13);
		copy_key(it->sms_accept, sizeof it->sms_accept, st, 14);
		copy_key(it->sms_start, sizeof it->sms_start, st, 15);
		copy_key(it->sms_decide, sizeof it->sms_decide, st, 16);
		copy_key(it->delivery, sizeof it->delivery, st, 17);
		copy_key(it->suspend, sizeof it->suspend, st, 18);
		copy_key(it->extend, sizeof it->extend, st, 19);
		copy_key(it->simple, sizeof it->simple, st, 20);
		copy_key(it->reappraise, sizeof it->reappraise, st, 21);
		it->office_accepts = !strcmp(db_col(st, 22), "office");
		copy_key(it->review_rule, sizeof it->review_rule, st, 23);
		copy_key(it->formula, sizeof it->formula, st, 24);
	}
	sqlite3_reset(st);
	load_outcomes(d, c);
	int rc = 0;
	/* the stored spec, written by catalog_format_prereqs, parses back */
	for (int i = 0; i < c->nitems; i++) {
		if (rc == 0 && catalog_parse_prereqs(c, i, spec[i], e) < 0) {
			yerr_prefix(e, _("item '%s' in the database"), c->items[i].code);
			rc = -1;
		}
		free(spec[i]);
	}
	if (rc < 0)
		return -1;
	if (c->nitems == 0)
		return yerr_set(e, YERR_VERSION, _("database '%s' has no catalog (run 'yici init')"),
				db_path(d));
	return 0;
}

static int load_materials(struct db *d, struct catalog *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT code, name, note, "
				      "(SELECT count(*) FROM material) FROM material ORDER BY code");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 3) > MAX_MATERIALS) {
			int n = sqlite3_column_int(st, 3);
			sqlite3_reset(st);
			return yerr_set(e, YERR_VERSION,
					_("the database's catalog has %d materials, more than %d"), n,
					MAX_MATERIALS);
		}
		if (!c->materials)
			c->materials = xcalloc((size_t)sqlite3_column_int(st, 3) + 1,
					       sizeof *c->materials);
		struct material *m = &c->materials[c->nmaterials++];
		DB_CPY(m->code, st, 0);
		m->name = db_col_dup(st, 1);
		m->note = db_col_dup(st, 2);
	}
	sqlite3_reset(st);
	st = db_prep(d, "SELECT item, material, required, commitment_ok, produced_by, "
			"(SELECT count(*) FROM item_material), condition FROM item_material "
			"ORDER BY material, item");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!c->links)
			c->links = xcalloc((size_t)sqlite3_column_int(st, 5) + 1, sizeof *c->links);
		struct item_material *l = &c->links[c->nlinks];
		l->item = catalog_item_index(c, db_col(st, 0));
		l->material = catalog_material_index(c, db_col(st, 1));
		l->required = sqlite3_column_int(st, 2);
		l->commitment_ok = sqlite3_column_int(st, 3);
		l->produced_by = sqlite3_column_type(st, 4) == SQLITE_NULL
					 ? -1 : catalog_item_index(c, db_col(st, 4));
		copy_key(l->condition, sizeof l->condition, st, 6);
		if (l->item >= 0 && l->material >= 0)
			c->nlinks++;
	}
	sqlite3_reset(st);
	return 0;
}

static void load_rules(struct db *d, struct catalog *c)
{
	sqlite3_stmt *st = db_prep(d, "SELECT key, name, amount, unit, day_kind, basis, "
				      "(SELECT count(*) FROM rule) FROM rule ORDER BY rowid");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!c->rules)
			c->rules = xcalloc((size_t)sqlite3_column_int(st, 6) + 1, sizeof *c->rules);
		struct rule *r = &c->rules[c->nrules++];
		r->key = db_col_dup(st, 0);
		r->name = db_col_dup(st, 1);
		r->amount = sqlite3_column_int(st, 2);
		const char *u = db_col(st, 3);
		r->unit = !strcmp(u, "year") ? UNIT_YEAR : !strcmp(u, "month") ? UNIT_MONTH : UNIT_DAY;
		day_kind_parse(db_col(st, 4), &r->day_kind);
		r->basis = db_col_dup(st, 5);
	}
	sqlite3_reset(st);
	st = db_prep(d, "SELECT key, n, value, unit, note, (SELECT count(*) FROM rate) "
			"FROM rate ORDER BY rowid");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!c->rates)
			c->rates = xcalloc((size_t)sqlite3_column_int(st, 5) + 1, sizeof *c->rates);
		struct rate *r = &c->rates[c->nrates++];
		r->key = db_col_dup(st, 0);
		r->grade = sqlite3_column_int(st, 1);
		r->value = sqlite3_column_int64(st, 2);
		r->unit = db_col_dup(st, 3);
		r->note = db_col_dup(st, 4);
	}
	sqlite3_reset(st);
}

static int load_calendar(struct db *d, struct catalog *c, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "SELECT day, type, name FROM holiday ORDER BY day");
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		yday day;
		if (date_parse(db_col(st, 0), &day, e) < 0)
			rc = -1;
		else {
			enum holiday_type t = HOLIDAY_OFF;
			holiday_type_parse(db_col(st, 1), &t);
			rc = calendar_add(&c->cal, day, t, db_col(st, 2), e);
		}
	}
	sqlite3_reset(st);
	calendar_finish(&c->cal);
	return rc;
}

static void load_form(struct db *d, struct catalog *c)
{
	sqlite3_stmt *st = db_prep(d, "SELECT section, key, label, type, required, max_len, "
				      "(SELECT count(*) FROM form_field) FROM form_field ORDER BY seq");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!c->fields)
			c->fields = xcalloc((size_t)sqlite3_column_int(st, 6) + 1, sizeof *c->fields);
		struct form_field *f = &c->fields[c->nfields++];
		f->section = db_col_dup(st, 0);
		f->key = db_col_dup(st, 1);
		f->label = db_col_dup(st, 2);
		f->type = db_col_dup(st, 3);
		f->required = sqlite3_column_int(st, 4);
		f->max_len = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	st = db_prep(d, "SELECT key, text, (SELECT count(*) FROM template) FROM template "
			"ORDER BY key");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!c->templates)
			c->templates = xcalloc((size_t)sqlite3_column_int(st, 2) + 1,
					       sizeof *c->templates);
		c->templates[c->ntemplates].key = db_col_dup(st, 0);
		c->templates[c->ntemplates].text = db_col_dup(st, 1);
		c->ntemplates++;
	}
	sqlite3_reset(st);
}

int db_catalog_load(struct db *d, struct catalog *c, struct yerr *e)
{
	if (load_items(d, c, e) < 0)
		return -1;
	if (load_materials(d, c, e) < 0)
		return -1;
	load_rules(d, c);
	/* the office's review limit, from the rule the item names (a rule
	 * missing from an old database: the item is accepted at the window) */
	for (int i = 0; i < c->nitems; i++) {
		struct item *it = &c->items[i];
		const struct rule *r = *it->review_rule ? catalog_rule(c, it->review_rule) : NULL;
		if (!r || r->amount < 1) {
			it->office_accepts = 0;
			continue;
		}
		it->review_days = r->amount;
		it->review_day_kind = r->day_kind;
	}
	load_form(d, c);
	if (load_calendar(d, c, e) < 0)
		return -1;
	char at[20];
	db_catalog_version(d, c->version, at);
	return 0;
}
