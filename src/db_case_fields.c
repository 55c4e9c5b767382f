/* db_case_fields.c — the one table of the case row's form fields (see
 * db_case_fields.h) and the SQL pieces the statements over it are
 * generated from.  Layer: db. */
#include "db_case_fields.h"

#include <string.h>

#include "core_application.h"
#include "core_date.h"
#include "db_internal.h"

#define T CF_TEXT
static const struct case_field fields[] = {
	/* key, home, column, kind, choices, flags, received, export, xpos */
	{ "applicant.type", CF_CASE, "applicant_type", CF_ENUM,
	  "choice:worker|employer|relative|union|agent", CF_UNSENT, NULL, "applicant_type", 12 },
	{ "applicant.name", CF_APPLICANT, "name", T, NULL, 0, "applicant_name",
	  "applicant_name", 13 },
	{ "applicant.id_number", CF_APPLICANT, "id_number", T, NULL, 0, NULL,
	  "applicant_id_number", 14 },
	{ "applicant.phone", CF_APPLICANT, "phone", T, NULL, 0, NULL, "applicant_phone", 15 },
	{ "applicant.relation", CF_CASE, "applicant_relation", T, NULL, 0, NULL,
	  "applicant_relation", 16 },
	{ "worker.name", CF_WORKER, "name", T, NULL, 0, "worker_name", "worker_name", 7 },
	{ "worker.id_number", CF_WORKER, "id_number", T, NULL, 0, NULL, "worker_id_number", 8 },
	{ "worker.phone", CF_WORKER, "phone", T, NULL, 0, NULL, "worker_phone", 11 },
	{ "worker.address", CF_WORKER, "address", T, NULL, 0, NULL, NULL, 0 },
	{ "worker.job", CF_CASE, "worker_job", T, NULL, 0, NULL, NULL, 0 },
	{ "worker.entry_date", CF_CASE, "worker_entry_date", CF_DATE, NULL, 0, NULL, NULL, 0 },
	{ "employer.name", CF_EMPLOYER, "name", T, NULL, 0, "employer_name", "employer_name", 17 },
	{ "employer.credit_code", CF_EMPLOYER, "credit_code", T, NULL, 0, NULL,
	  "employer_credit_code", 18 },
	{ "employer.address", CF_EMPLOYER, "address", T, NULL, 0, NULL, NULL, 0 },
	{ "employer.contact", CF_EMPLOYER, "contact", T, NULL, 0, NULL, NULL, 0 },
	{ "employer.insured", CF_EMPLOYER, "insured", CF_BOOL, NULL, 0, NULL, NULL, 0 },
	{ "employer.supp_insurer", CF_EMPLOYER, "supp_insurer", T, NULL, 0, NULL, NULL, 0 },
	{ "accident.kind", CF_CASE, "kind", CF_ENUM, "choice:injury|death", 0, NULL, "kind", 4 },
	{ "accident.date", CF_CASE, "accident_date", CF_DATE, NULL, 0, NULL, "accident_date", 19 },
	{ "accident.time", CF_CASE, "accident_time", CF_TIME, NULL, 0, NULL, "accident_time", 20 },
	{ "accident.place", CF_CASE, "accident_place", T, NULL, 0, NULL, "accident_place", 21 },
	{ "accident.type", CF_CASE, "accident_type", CF_ENUM, "choice:accident|disease", CF_UNSENT,
	  NULL, "accident_type", 22 },
	{ "accident.circumstance", CF_CASE, "circumstance", CF_ENUM,
	  "choice:work|prep|business_trip|veteran|commute|violence|missing|sudden_death|rescue|"
	  "disease|other", CF_UNSENT, NULL, "circumstance", 23 },
	{ "accident.description", CF_CASE, "description", T, NULL, 0, NULL, "description", 24 },
	{ "accident.body_part", CF_CASE, "body_part", T, NULL, 0, NULL, "body_part", 25 },
	{ "accident.hospital", CF_CASE, "hospital", T, NULL, 0, NULL, "hospital", 26 },
	{ "accident.diagnosis", CF_CASE, "diagnosis", T, NULL, 0, NULL, "diagnosis", 27 },
	{ "accident.death_date", CF_CASE, "death_date", CF_DATE, NULL, 0, NULL, "death_date", 28 },
	{ "delivery.consent_extended", CF_CASE, "consent_extended", CF_BOOL, NULL, 0, NULL,
	  "consent_extended", 29 },
	{ "delivery.method", CF_CASE, "delivery_method", CF_ENUM, "choice:window|post", CF_UNSENT,
	  NULL, "delivery_method", 30 },
	{ "delivery.address", CF_CASE, "delivery_address", T, NULL, 0, NULL, "delivery_address",
	  31 },
};
#undef T

static const struct cf_home_info homes[CF_NHOMES] = {
	[CF_CASE] = { "cases", "c", NULL },
	[CF_WORKER] = { "person", "w", "worker_id" },
	[CF_APPLICANT] = { "person", "a", "applicant_id" },
	[CF_EMPLOYER] = { "employer", "m", "employer_id" },
};

const struct case_field *case_fields(int *n)
{
	*n = (int)ARRAY_SIZE(fields);
	return fields;
}

const struct case_field *case_field_find(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		if (!strcmp(fields[i].key, key))
			return &fields[i];
	return NULL;
}

const char *case_field_key(enum cf_home home, const char *column)
{
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		if (fields[i].home == home && !strcmp(fields[i].column, column))
			return fields[i].key;
	return NULL;
}

const struct cf_home_info *case_field_home(enum cf_home home)
{
	return &homes[home];
}

void case_field_row_sql(struct sbuf *b, const struct case_field *f)
{
	sbuf_addf(b, "%s.%s", homes[f->home].alias, f->column);
}

void case_field_sql(struct sbuf *b, const struct case_field *f)
{
	if (f->received)
		sbuf_addf(b, "nullif(c.%s, '')", f->received);
	else if (f->flags & CF_UNSENT)
		sbuf_addf(b, DB_FIELD_OR("%s", "c.%s"), f->key, f->column);
	else
		case_field_row_sql(b, f);
}

int case_field_fits(const struct case_field *f, const char *v)
{
	switch (f->kind) {
	case CF_DATE: return !*v || date_parse(v, &(yday){ 0 }, NULL) == 0;
	case CF_TIME: return !*v || application_time_ok(v);
	case CF_ENUM: return *v && application_choice_has(f->choices, v);
	case CF_BOOL: return application_bool(v) >= 0;
	default: return 1;
	}
}
