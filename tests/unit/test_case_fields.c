/* test_case_fields.c — the one table of the case row's fields
 * (db_case_fields.c) against what it describes: every column it names
 * exists in its table of a fresh database (PRAGMA table_info), cases.csv's
 * columns are yici-exchange(5)'s in its order, every export name is the
 * column at its place, every form key is a field of the shipped catalog
 * (forms/form.csv) of the same kind and choices; and the statements generated from it store and load every
 * field in its column (INSERT, UPDATE, loader, the case view's header).
 * Run from the repo root (reads forms/ and man/).  Layer: tests. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>

#define TESTDIR_NAME "case-fields"
#include "testdir.h"

#include "core_application.h"
#include "core_catalog.h"
#include "csv_forms.h"
#include "db.h"
#include "db_application.h"
#include "db_case_fields.h"
#include "db_casefile.h"
#include "db_catalog.h"
#include "db_exchange.h"

static const struct actor clerk = { .login = "tester", .role = ROLE_CLERK };

/* A fresh database with the catalog stored; its path in *path (owned). */
static struct db *fresh(struct catalog *cat, char **path)
{
	struct yerr e = { 0 };
	catalog_init(cat);
	assert_int_equal(forms_load(TOP_SRCDIR "/forms", cat, &e), 0);
	*path = new_path();
	struct db *d = db_open(*path, DB_OPEN_CREATE, &e);
	assert_non_null(d);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_catalog_store(d, cat, "tester", "forms", &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	return d;
}

static int has_column(sqlite3 *h, const char *table, const char *column)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM pragma_table_info(%Q) WHERE name = %Q",
				    table, column);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return n == 1;
}

static void t_columns_exist(void **state)
{
	(void)state;
	struct catalog cat;
	char *path;
	struct db *d = fresh(&cat, &path);
	sqlite3 *h;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	int n;
	const struct case_field *f = case_fields(&n);
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		const struct cf_home_info *home = case_field_home(f[i].home);
		if (!has_column(h, home->table, f[i].column))
			fail_msg("%s: no column %s.%s", f[i].key, home->table, f[i].column);
		if (f[i].received && !has_column(h, "cases", f[i].received))
			fail_msg("%s: no column cases.%s", f[i].key, f[i].received);
		if (f[i].received && f[i].home == CF_CASE)
			fail_msg("%s: a name as received is of a person or employer", f[i].key);
	}
	for (int k = CF_WORKER; k < CF_NHOMES; k++)
		assert_true(has_column(h, "cases", case_field_home(k)->id_column));
	sqlite3_close(h);
	db_close(d);
	catalog_release(&cat);
	free(path);
}

/* cases.csv's columns as yici-exchange(5) lists them (after ".Cm case_id :"
 * up to "query_code_hash."), remarks in parentheses and macro lines left
 * out; how many into names (owned). */
static int manual_columns(char *names[64])
{
	FILE *fp = fopen(TOP_SRCDIR "/man/yici-exchange.5", "r");
	assert_non_null(fp);
	char line[512];
	struct sbuf b = { 0 };
	int in = 0;
	while (fgets(line, sizeof line, fp)) {
		if (!in) {
			in = !strcmp(line, ".Cm case_id :\n");
			continue;
		}
		if (line[0] == '.')
			continue;
		line[strcspn(line, "\n")] = ' ';
		sbuf_addstr(&b, line);
		if (strstr(line, "query_code_hash."))
			break;
	}
	fclose(fp);
	assert_non_null(b.s);
	int n = 0, depth = 0;
	struct sbuf w = { 0 };
	for (const char *p = b.s;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (!depth && (*p == ',' || *p == '.' || !*p)) {
			if (w.len && n < 64)
				names[n++] = xstrdup(w.s);
			w.len = 0;
			if (w.s)
				w.s[0] = '\0';
			if (*p != ',')
				break;
		} else if (!depth && *p != ' ') {
			sbuf_add(&w, p, 1);
		}
	}
	sbuf_release(&w);
	sbuf_release(&b);
	return n;
}

static void t_export_places(void **state)
{
	(void)state;
	int ncols, n;
	const char *const *cols = xfile_columns(XF_CASES, &ncols);
	char *man[64];
	int nman = manual_columns(man);
	assert_int_equal(nman, 39);
	for (int c = 0; c < nman && c < ncols; c++)
		if (strcmp(cols[c], man[c]))
			fail_msg("cases.csv column %d is %s, yici-exchange(5) says %s", c + 1, cols[c],
				 man[c]);
	assert_int_equal(ncols, nman);
	for (int c = 0; c < nman; c++)
		free(man[c]);
	const struct case_field *f = case_fields(&n);
	for (int i = 0; i < n; i++) {
		if (!f[i].export) {
			assert_int_equal(f[i].xpos, 0);
			continue;
		}
		if (f[i].xpos < 1 || f[i].xpos > ncols || strcmp(cols[f[i].xpos - 1], f[i].export))
			fail_msg("%s: export %s at %d, not cases.csv's column there", f[i].key,
				 f[i].export, f[i].xpos);
	}
}

/* The choices of "choice:a|b|c" as a set: every one of x is in y. */
static int choices_within(const char *x, const char *y)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", x + 7);
	for (char *save, *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save))
		if (!application_choice_has(y, t))
			return 0;
	return 1;
}

static void t_form_keys(void **state)
{
	(void)state;
	struct catalog cat;
	struct yerr e = { 0 };
	catalog_init(&cat);
	assert_int_equal(forms_load(TOP_SRCDIR "/forms", &cat, &e), 0);
	int n;
	const struct case_field *f = case_fields(&n);
	for (int i = 0; i < n; i++) {
		const struct form_field *ff = NULL;
		for (int j = 0; j < cat.nfields; j++)
			if (!strcmp(cat.fields[j].key, f[i].key))
				ff = &cat.fields[j];
		if (!ff)
			fail_msg("%s: not a field of forms/form.csv", f[i].key);
		assert_ptr_equal(case_field_find(f[i].key), &f[i]);
		enum cf_kind want = !strncmp(ff->type, "choice:", 7) ? CF_ENUM
				  : !strcmp(ff->type, "date") ? CF_DATE
				  : !strcmp(ff->type, "time") ? CF_TIME
				  : !strcmp(ff->type, "bool") ? CF_BOOL : CF_TEXT;
		if (f[i].kind != want)
			fail_msg("%s: kind %d, forms/form.csv has %s", f[i].key, f[i].kind, ff->type);
		if (want == CF_ENUM && (!f[i].choices || !choices_within(f[i].choices, ff->type) ||
					!choices_within(ff->type, f[i].choices)))
			fail_msg("%s: choices %s, forms/form.csv has %s", f[i].key,
				 f[i].choices ? f[i].choices : "none", ff->type);
		for (int j = 0; j < i; j++)
			if (f[j].home == f[i].home && !strcmp(f[j].column, f[i].column))
				fail_msg("%s and %s share a column", f[j].key, f[i].key);
		assert_string_equal(case_field_key(f[i].home, f[i].column), f[i].key);
	}
	catalog_release(&cat);
}

/* A value for every field, different from its column's default: the
 * last choice, yes, a date, a time, a text naming the column; valid
 * codes for the rows' keys (so the rows are made). */
static const char *value_of(const struct case_field *f, int round, char *buf, size_t n)
{
	if (!strcmp(f->key, "worker.id_number"))
		return "11010519491231002X";
	if (!strcmp(f->key, "applicant.id_number"))
		return "340102199001011236";
	if (!strcmp(f->key, "employer.credit_code"))
		return "9144030071526726XG";
	switch (f->kind) {
	case CF_ENUM: {
		const char *p = round ? f->choices + 7 : strrchr(f->choices, '|') + 1;
		snprintf(buf, n, "%.*s", (int)strcspn(p, "|"), p);
		return buf;
	}
	case CF_BOOL: return round ? "0" : "1";
	case CF_DATE: return round ? "2026-10-02" : "2026-11-01";
	case CF_TIME: return round ? "17:05" : "08:30";
	default: snprintf(buf, n, "%s-%s-%d", case_field_home(f->home)->alias, f->column, round);
		 return buf;
	}
}

static int field_rows(sqlite3 *h, int64_t case_id, const char *key)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM case_field WHERE case_id = ? "
					       "AND key = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int c = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return c;
}

static void t_store_and_load(void **state)
{
	(void)state;
	struct catalog cat;
	char *path;
	struct db *d = fresh(&cat, &path);
	sqlite3 *h;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	struct yerr e = { 0 };
	int n;
	const struct case_field *f = case_fields(&n);
	int64_t id = 0;
	char buf[64];
	for (int round = 0; round < 2; round++) { /* the INSERT, then the UPDATE */
		struct application ap;
		application_init(&ap);
		for (int i = 0; i < n; i++)
			application_set(&ap, f[i].key, value_of(&f[i], round, buf, sizeof buf));
		if (db_application_save(d, &cat, &clerk, &ap, &id, &e) != 0)
			fail_msg("save: %s", e.msg);
		application_release(&ap);
		application_init(&ap);
		assert_int_equal(db_application_load(d, &cat, id, &ap, &e), 0);
		for (int i = 0; i < n; i++) {
			const char *want = value_of(&f[i], round, buf, sizeof buf);
			/* a person's and the employer's columns are written
			 * once (a draft never changes a known row) */
			if (round && f[i].home != CF_CASE)
				continue;
			if (strcmp(application_get(&ap, f[i].key), want))
				fail_msg("round %d: %s loads '%s', saved '%s'", round, f[i].key,
					 application_get(&ap, f[i].key), want);
			if (field_rows(h, id, f[i].key))
				fail_msg("round %d: %s kept in case_field, not in its column",
					 round, f[i].key);
		}
		application_release(&ap);
	}
	/* the case view's header reads the same columns */
	struct casefile cf;
	memset(&cf, 0, sizeof cf);
	assert_int_equal(db_casefile_load_id(d, &cat, &clerk, id, &cf, &e), 0);
	assert_string_equal(cf.h.kind, "injury");
	assert_string_equal(cf.h.applicant_type, "worker");
	assert_string_equal(cf.h.applicant_relation, "c-applicant_relation-1");
	assert_string_equal(cf.h.accident_date, "2026-10-02");
	assert_string_equal(cf.h.worker_id, "11010519491231002X");
	assert_string_equal(cf.h.employer_credit, "9144030071526726XG");
	assert_string_equal(cf.h.employer_insurer, "m-supp_insurer-0");
	/* the draft's names as typed, the known rows' as they were */
	assert_string_equal(cf.h.worker_received, "w-name-1");
	assert_string_equal(cf.h.worker_name, "w-name-1 (now known as w-name-0)");
	assert_string_equal(cf.h.employer_received, "m-name-1");
	assert_string_equal(cf.h.employer_name, "m-name-1 (now known as m-name-0)");
	assert_int_equal(cf.h.employer_insured, 1);
	assert_int_equal(cf.h.consent_extended, 0);
	casefile_release(&cf);
	sqlite3_close(h);
	db_close(d);
	catalog_release(&cat);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_columns_exist),
		cmocka_unit_test(t_export_places),
		cmocka_unit_test(t_form_keys),
		cmocka_unit_test(t_store_and_load),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
