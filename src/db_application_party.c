/* db_application_party.c — the persons and the employer of a combined
 * application: the worker's, the applicant's and the employer's rows
 * written from the form (looked up by citizen ID or credit code, updated
 * only when a value changes, never renamed by a draft), the names as
 * received kept on the case, the 'renamed' events and former names, and
 * the lookups of known ones.  Which form key is which column of person
 * or employer is db_case_fields.c's table.  Layer: db. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_validate.h"
#include "db_application.h"
#include "db_application_internal.h"
#include "db_case_fields.h"
#include "db_internal.h"
#include "i18n.h"

/* The form's value of home's column ("" when the form has no such field). */
static const char *get(const struct application *ap, enum cf_home home, const char *column)
{
	const char *k = case_field_key(home, column);
	return k ? application_get(ap, k) : "";
}

void dba_ids_release(struct dba_ids *ids)
{
	for (int i = 0; i < 3; i++) {
		free(ids->name[i]);
		free(ids->renamed_from[i]);
	}
}

/* A non-empty new value wins over the stored one. */
static const char *pick(const char *new_value, const char *old)
{
	return new_value && *new_value ? new_value : old;
}

/* Looks the row up by its unique code; an UPDATE only when a value
 * changes (the lookup triggers of 005 re-index a name on every update,
 * and misbehave under UPSERT, hence no ON CONFLICT here). */
static int64_t upsert_person(struct db *d, const struct application *ap, enum cf_home home,
			     int final, int *differs, char **got, char **from, const char *now,
			     struct yerr *e)
{
	char id[19], sex[2] = { 0 }, birth[11];
	snprintf(id, sizeof id, "%s", get(ap, home, "id_number"));
	const char *name = get(ap, home, "name"), *phone = get(ap, home, "phone");
	const char *addr = get(ap, home, "address");
	if (home == CF_WORKER && !strcasecmp(get(ap, CF_APPLICANT, "id_number"), id)) {
		/* the worker applies in person: one row for both */
		name = pick(name, get(ap, CF_APPLICANT, "name"));
		phone = pick(phone, get(ap, CF_APPLICANT, "phone"));
	}
	*got = xstrdup(name); /* no row: the name stays with the case */
	if (strlen(id) != 18 || validate_citizen_id(id, NULL) < 0)
		return 0;
	if (id[17] == 'x')
		id[17] = 'X';
	sqlite3_stmt *sel = db_prep(d, "SELECT id, name, phone, address FROM person WHERE id_number = ?");
	db_bind_static(sel, 1, id);
	int rc = sqlite3_step(sel);
	if (rc == SQLITE_ROW) {
		int64_t rowid = sqlite3_column_int64(sel, 0);
		char *on = db_col_dup(sel, 1), *op = db_col_dup(sel, 2), *oa = db_col_dup(sel, 3);
		sqlite3_reset(sel);
		int same = !strcmp(pick(name, on), on) && !strcmp(pick(phone, op), op) &&
			   !strcmp(pick(addr, oa), oa);
		/* a draft or an online application does not rename a known
		 * person: its values differ, so they stay with the case */
		*differs = !same && !final;
		if (!final)
			same = 1;
		free(*got);
		*got = xstrdup(pick(name, on));
		if (!same && strcmp(pick(name, on), on))
			*from = xstrdup(on);
		sqlite3_stmt *up = db_prep(d, "UPDATE person SET name = :name, phone = :phone, "
					      "address = :address, updated_at = :now WHERE id = :id");
		db_bind_text(up, sqlite3_bind_parameter_index(up, ":name"), pick(name, on));
		db_bind_text(up, sqlite3_bind_parameter_index(up, ":phone"), pick(phone, op));
		db_bind_text(up, sqlite3_bind_parameter_index(up, ":address"), pick(addr, oa));
		db_bind_text(up, sqlite3_bind_parameter_index(up, ":now"), now);
		sqlite3_bind_int64(up, sqlite3_bind_parameter_index(up, ":id"), rowid);
		int r = same ? 0 : db_exec_stmt(d, up, e);
		free(on);
		free(op);
		free(oa);
		return r < 0 ? -1 : rowid;
	}
	sqlite3_reset(sel);
	if (rc != SQLITE_DONE)
		return db_error(d, _("saving a person"), e);
	sex[0] = citizen_id_sex(id);
	date_format(citizen_id_birth(id), birth);
	sqlite3_stmt *st = db_prep(d, "INSERT INTO person (id_number, name, sex, birth_date, phone, "
				      "address, updated_at) VALUES (:id_number, :name, :sex, "
				      ":birth_date, :phone, :address, :now)");
	db_bind_static(st, sqlite3_bind_parameter_index(st, ":id_number"), id);
	db_bind_static(st, sqlite3_bind_parameter_index(st, ":name"), name);
	db_bind_static(st, sqlite3_bind_parameter_index(st, ":sex"), sex);
	db_bind_static(st, sqlite3_bind_parameter_index(st, ":birth_date"), birth);
	db_bind_static(st, sqlite3_bind_parameter_index(st, ":phone"), phone);
	db_bind_static(st, sqlite3_bind_parameter_index(st, ":address"), addr);
	db_bind_static(st, sqlite3_bind_parameter_index(st, ":now"), now);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	return sqlite3_last_insert_rowid(d->h);
}

/* The employer's columns the form may change, besides its credit code and
 * insured (a yes/no, kept when the form leaves it empty). */
static const char *const employer_text[] = { "name", "address", "contact", "supp_insurer" };

static int64_t insert_employer(struct db *d, const struct application *ap, const char *code,
			       int insured, const char *now, struct yerr *e)
{
	sqlite3_stmt *st = db_prep(d, "INSERT INTO employer (credit_code, name, address, contact, "
				      "insured, supp_insurer, updated_at) VALUES (:credit_code, "
				      ":name, :address, :contact, :insured, :supp_insurer, :now)");
	db_bind_static(st, sqlite3_bind_parameter_index(st, ":credit_code"), code);
	char p[32];
	for (size_t i = 0; i < ARRAY_SIZE(employer_text); i++) {
		snprintf(p, sizeof p, ":%s", employer_text[i]);
		db_bind_static(st, sqlite3_bind_parameter_index(st, p),
			       get(ap, CF_EMPLOYER, employer_text[i]));
	}
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":insured"), insured < 0 ? 1 : insured);
	db_bind_static(st, sqlite3_bind_parameter_index(st, ":now"), now);
	if (db_exec_stmt(d, st, e) < 0)
		return -1;
	return sqlite3_last_insert_rowid(d->h);
}

static int64_t upsert_employer(struct db *d, const struct application *ap, int final,
			       int *differs, char **got, char **from, const char *now,
			       struct yerr *e)
{
	char code[19];
	*got = xstrdup(get(ap, CF_EMPLOYER, "name"));
	snprintf(code, sizeof code, "%s", get(ap, CF_EMPLOYER, "credit_code"));
	if (strlen(code) != 18 || validate_credit_code(code, NULL) < 0)
		return 0;
	for (char *p = code; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	const char *ins = get(ap, CF_EMPLOYER, "insured");
	int insured = *ins ? application_bool(ins) : -1;
	sqlite3_stmt *sel = db_prep(d, "SELECT id, insured, name, address, contact, supp_insurer "
				       "FROM employer WHERE credit_code = ?");
	db_bind_static(sel, 1, code);
	int rc = sqlite3_step(sel);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(sel);
		return rc == SQLITE_DONE ? insert_employer(d, ap, code, insured, now, e)
					 : db_error(d, _("saving the employer"), e);
	}
	int64_t rowid = sqlite3_column_int64(sel, 0);
	enum { NT = ARRAY_SIZE(employer_text) };
	char *old[NT];
	const char *v[NT];
	int same = insured < 0 || insured == sqlite3_column_int(sel, 1);
	for (int i = 0; i < NT; i++) {
		old[i] = db_col_dup(sel, 2 + i);
		v[i] = pick(get(ap, CF_EMPLOYER, employer_text[i]), old[i]);
		same &= !strcmp(v[i], old[i]);
	}
	sqlite3_reset(sel);
	sqlite3_stmt *up = db_prep(d, "UPDATE employer SET name = :name, address = :address, "
				      "contact = :contact, supp_insurer = :supp_insurer, "
				      "insured = coalesce(:insured, insured), updated_at = :now "
				      "WHERE id = :id");
	char p[32];
	for (int i = 0; i < NT; i++) {
		snprintf(p, sizeof p, ":%s", employer_text[i]);
		db_bind_text(up, sqlite3_bind_parameter_index(up, p), v[i]);
	}
	if (insured >= 0)
		sqlite3_bind_int(up, sqlite3_bind_parameter_index(up, ":insured"), insured);
	db_bind_text(up, sqlite3_bind_parameter_index(up, ":now"), now);
	sqlite3_bind_int64(up, sqlite3_bind_parameter_index(up, ":id"), rowid);
	*differs = !same && !final;
	const char *name = v[0];
	free(*got);
	*got = xstrdup(name);
	if (final && strcmp(name, old[0]))
		*from = xstrdup(old[0]);
	int r = same || !final ? 0 : db_exec_stmt(d, up, e);
	for (int i = 0; i < NT; i++)
		free(old[i]);
	return r < 0 ? -1 : rowid;
}

int dba_store_ids(struct db *d, const struct application *ap, int final, const char *now,
		  struct dba_ids *ids, struct yerr *e)
{
	enum { W = CF_WORKER - 1, A = CF_APPLICANT - 1, M = CF_EMPLOYER - 1 };
	if ((ids->id[W] = upsert_person(d, ap, CF_WORKER, final, &ids->differs[W], &ids->name[W],
					&ids->renamed_from[W], now, e)) < 0)
		return -1;
	if (ids->id[W] && !strcasecmp(get(ap, CF_APPLICANT, "id_number"),
				      get(ap, CF_WORKER, "id_number"))) {
		ids->id[A] = ids->id[W];
		ids->name[A] = xstrdup(ids->name[W]);
	} else if ((ids->id[A] = upsert_person(d, ap, CF_APPLICANT, final, &ids->differs[A],
					       &ids->name[A], &ids->renamed_from[A], now,
					       e)) < 0) {
		return -1;
	}
	if ((ids->id[M] = upsert_employer(d, ap, final, &ids->differs[M], &ids->name[M],
					  &ids->renamed_from[M], now, e)) < 0)
		return -1;
	return 0;
}

/* A name for the detail of an event: a tab (the separator) or a line
 * break in it becomes a space. */
static void detail_name(struct sbuf *b, const char *name)
{
	for (const char *p = name; *p; p++)
		sbuf_add(b, *p == '\t' || *p == '\n' || *p == '\r' ? " " : p, 1);
}

int dba_rename_events(struct db *d, const struct actor *a, int64_t case_id,
		      const struct dba_ids *ids, const char *now, struct yerr *e)
{
	static const char *const who[] = { "worker", "applicant", "employer" };
	for (int i = 0; i < 3; i++) {
		if (!ids->renamed_from[i])
			continue;
		/* the lookup's index of former names (db/132) */
		sqlite3_stmt *st = db_prep(d, "INSERT INTO former_name (kind, ref, name, until) "
					      "VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
					      "until = excluded.until");
		db_bind_static(st, 1, i < 2 ? "person" : "employer");
		sqlite3_bind_int64(st, 2, ids->id[i]);
		db_bind_static(st, 3, ids->renamed_from[i]);
		db_bind_static(st, 4, now);
		if (db_exec_stmt(d, st, e) < 0)
			return -1;
		struct sbuf b = { 0 };
		sbuf_addf(&b, "%s\t", who[i]);
		detail_name(&b, ids->renamed_from[i]);
		sbuf_addstr(&b, "\t");
		detail_name(&b, ids->name[i]);
		int rc = dba_event(d, a, case_id, 0, "renamed", b.s, e);
		sbuf_release(&b);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* ==== known persons and employers (the form's look-ups) ==== */

int db_application_person(struct db *d, const char *id_number, struct known_person *p,
			  struct yerr *e)
{
	memset(p, 0, sizeof *p);
	sqlite3_stmt *st = db_prep(d, "SELECT name, phone, address FROM person WHERE id_number = ?");
	db_bind_text(st, 1, id_number);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		DB_CPY(p->name, st, 0);
		DB_CPY(p->phone, st, 1);
		DB_CPY(p->address, st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("person lookup"), e);
	return rc == SQLITE_ROW;
}

int db_application_employer(struct db *d, const char *credit_code, struct known_employer *em,
			    struct yerr *e)
{
	memset(em, 0, sizeof *em);
	sqlite3_stmt *st = db_prep(d, "SELECT name, address, contact, phone, insured, supp_insurer "
				      "FROM employer WHERE credit_code = ?");
	db_bind_text(st, 1, credit_code);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		DB_CPY(em->name, st, 0);
		DB_CPY(em->address, st, 1);
		DB_CPY(em->contact, st, 2);
		DB_CPY(em->phone, st, 3);
		em->insured = sqlite3_column_int(st, 4);
		DB_CPY(em->supp_insurer, st, 5);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(d, _("employer lookup"), e);
	return rc == SQLITE_ROW;
}
