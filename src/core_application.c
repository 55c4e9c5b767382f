/* core_application.c — the combined form in memory and its pure checks
 * (core_application.h).  Layer: core (no SQL, no curses). */
#include "core_application.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "core_date.h"
#include "core_text.h"
#include "core_validate.h"
#include "i18n.h"
#include "util.h"

/* ==== the form in memory ==== */

void application_init(struct application *ap)
{
	memset(ap, 0, sizeof *ap);
	for (int i = 0; i < MAX_MATERIALS; i++)
		ap->mstatus[i] = MS_MISSING;
	ap->channel = "window";
	ap->state = CS_DRAFT;
}

void application_release(struct application *ap)
{
	for (int i = 0; i < ap->nfields; i++) {
		free(ap->key[i]);
		free(ap->value[i]);
	}
	free(ap->key);
	free(ap->value);
	for (int i = 0; i < MAX_MATERIALS; i++)
		free(ap->mdoc[i]);
	free(ap->owned[0]);
	free(ap->owned[1]);
	application_init(ap);
}

/* The fields by key: a small open-addressing table of indexes (+1), so
 * that the checks, which read every field of the form, do not compare
 * every key with every other (a tenth of an import's time). */
static unsigned key_slot(const char *key)
{
	/* the length and the first and last eight bytes, mixed: keys are
	 * dotted names ("accident.date", "accident.type") that differ at an
	 * end; a byte-serial hash cost more than the lookups it served */
	size_t n = strlen(key);
	uint64_t a = 0, b = 0;
	memcpy(&a, key, n < 8 ? n : 8);
	if (n > 8)
		memcpy(&b, key + n - 8, 8);
	uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ n;
	h ^= h >> 29;
	return (unsigned)(h % APP_SLOTS);
}

static int key_index(const struct application *ap, const char *key)
{
	if (ap->nfields >= APP_SLOTS / 2) { /* more than the table serves: by scan */
		for (int i = 0; i < ap->nfields; i++)
			if (!strcmp(ap->key[i], key))
				return i;
		return -1;
	}
	for (unsigned h = key_slot(key);; h = (h + 1) % APP_SLOTS) {
		int i = ap->slot[h] - 1;
		if (i < 0)
			return -1;
		if (!strcmp(ap->key[i], key))
			return i;
	}
}

void application_set(struct application *ap, const char *key, const char *value)
{
	int i = key_index(ap, key);
	if (i >= 0) {
		free(ap->value[i]);
		ap->value[i] = xstrdup(value ? value : "");
		return;
	}
	if (ap->nfields == ap->cap) { /* grown by doubling: an import sets ~20 per row */
		ap->cap = ap->cap ? 2 * ap->cap : 32;
		ap->key = xrealloc(ap->key, (size_t)ap->cap * sizeof *ap->key);
		ap->value = xrealloc(ap->value, (size_t)ap->cap * sizeof *ap->value);
	}
	ap->key[ap->nfields] = xstrdup(key);
	ap->value[ap->nfields] = xstrdup(value ? value : "");
	ap->nfields++;
	if (ap->nfields < APP_SLOTS / 2) {
		unsigned h = key_slot(key);
		while (ap->slot[h])
			h = (h + 1) % APP_SLOTS;
		ap->slot[h] = (unsigned char)ap->nfields;
	}
}

const char *application_get(const struct application *ap, const char *key)
{
	int i = key_index(ap, key);
	return i >= 0 ? ap->value[i] : "";
}

int application_bool(const char *v)
{
	static const char *const yes[] = { "yes", "1", "y", "true", "是" };
	static const char *const no[] = { "no", "0", "n", "false", "否", "" };
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		if (!strcasecmp(v, yes[i]))
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(no); i++)
		if (!strcasecmp(v, no[i]))
			return 0;
	return -1;
}

static const char *const choice_labels[][2] = {
	{ "accident", N_("accident injury") }, { "disease", N_("occupational disease") },
	{ "work", N_("at work") }, { "prep", N_("before or after work") },
	{ "violence", N_("violence on duty") }, { "business_trip", N_("business trip") },
	{ "missing", N_("missing while away on duty") }, { "commute", N_("commuting accident") },
	{ "sudden_death", N_("sudden death at work") }, { "rescue", N_("rescue, disaster relief") },
	{ "veteran", N_("veteran, old injury") }, { "other", N_("other") },
	{ "window", N_("at the window") }, { "post", N_("by post") },
};

const char *application_value_label(const struct form_field *f, const char *v)
{
	if (!strcmp(f->type, "bool"))
		return application_bool(v) == 1 ? _("yes") : application_bool(v) == 0 ? _("no") : v;
	return strncmp(f->type, "choice:", 7) ? v : application_choice_label(f->key, v);
}

const char *application_choice_label(const char *key, const char *v)
{
	enum applicant_type t;
	int k;
	if (!*v)
		return v;
	if (!strcmp(key, "applicant.type") && applicant_type_parse(v, &t) == 0)
		return applicant_type_label(t);
	if (!strcmp(key, "accident.kind") && kind_parse(v, &k) == 0)
		return kind_label(k);
	for (size_t i = 0; i < ARRAY_SIZE(choice_labels); i++)
		if (!strcmp(choice_labels[i][0], v))
			return _(choice_labels[i][1]);
	return v;
}

/* ==== checks (pure: no SQL) ==== */

int application_choice_has(const char *type, const char *v)
{
	const char *p = type + strlen("choice:");
	size_t n = strlen(v);
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && !strncmp(p, v, n))
			return 1;
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

int application_time_ok(const char *v)
{
	return strlen(v) == 5 && v[0] >= '0' && v[0] <= '2' && v[1] >= '0' && v[1] <= '9' &&
	       v[2] == ':' && v[3] >= '0' && v[3] <= '5' && v[4] >= '0' && v[4] <= '9' &&
	       (v[0] - '0') * 10 + (v[1] - '0') < 24;
}

/* The type part of application_check_field, for a non-empty value. */
static int check_type(const struct form_field *f, const char *v, char *msg, size_t n)
{
	struct yerr e;
	yerr_clear(&e);
	int bad = 0;
	const char *t = f->type;
	/* by the type's first letter, then the whole name: every field of
	 * every imported row passes here */
	switch (t[0]) {
	case 'i':
		if (!strcmp(t, "id_number"))
			bad = validate_citizen_id(v, &e) < 0;
		break;
	case 'c':
		if (!strcmp(t, "credit_code"))
			bad = validate_credit_code(v, &e) < 0;
		else if (!strncmp(t, "choice:", 7) && !application_choice_has(t, v))
			bad = yerr_set(&e, YERR_INPUT, _("'%s' is not one of %s"), v, t + 7) < 0;
		break;
	case 'p':
		if (!strcmp(t, "phone"))
			bad = validate_mobile(v, NULL, &e) < 0;
		break;
	case 'd':
		if (!strcmp(t, "date"))
			bad = validate_date(v, clock_today(), NULL, &e) < 0;
		else if (!strcmp(t, "datetime"))
			bad = time_parse(v, &(ytime){ 0 }, &e) < 0;
		break;
	case 't':
		if (!strcmp(t, "time") && !application_time_ok(v))
			bad = yerr_set(&e, YERR_INPUT, _("'%s' is not a time (HH:MM)"), v) < 0;
		break;
	case 'b':
		if (!strcmp(t, "bool") && application_bool(v) < 0)
			bad = yerr_set(&e, YERR_INPUT, _("'%s' is not yes or no"), v) < 0;
		break;
	}
	if (bad)
		snprintf(msg, n, "%s", e.msg);
	return bad ? -1 : 0;
}

int application_check_field(const struct form_field *f, const char *value, char *msg, size_t n)
{
	const char *v = value ? value : "";
	if (msg && n)
		msg[0] = '\0';
	if (!*v) {
		if (!f->required)
			return 0;
		snprintf(msg, n, "%s", _("required"));
		return -1;
	}
	if (!utf8_valid(v, strlen(v))) {
		snprintf(msg, n, "%s", _("not valid UTF-8 text"));
		return -1;
	}
	unsigned cp;
	size_t pos;
	if (text_find_unsafe(v, &cp, &pos)) {
		/* an ESC or a bidi override would reach every clerk's terminal */
		snprintf(msg, n, _("character %zu is a control character (U+%04X), which is not "
				   "accepted in text"), pos, cp);
		return -1;
	}
	/* no more bytes than the limit: no more characters either */
	size_t len = f->max_len > 0 && strlen(v) > (size_t)f->max_len ? utf8_len(v) : 0;
	/* a bool's or a choice's value is checked against its set instead */
	if (f->max_len > 0 && len > (size_t)f->max_len && strcmp(f->type, "bool") &&
	    strncmp(f->type, "choice:", 7)) {
		snprintf(msg, n, _("%zu characters, at most %d"), len, f->max_len);
		return -1;
	}
	return check_type(f, v, msg, n);
}

static void add_err(char ***errs, int *n, const char *key, const char *msg)
{
	*errs = xrealloc(*errs, (size_t)(*n + 1) * sizeof **errs);
	(*errs)[(*n)++] = xasprintf("%s: %s", key, msg);
}

int application_kind(const struct application *ap)
{
	int k = KIND_INJURY;
	if (kind_parse(application_get(ap, "accident.kind"), &k) < 0)
		k = KIND_INJURY;
	return k;
}

/* Rules between fields: who applies, a death, delivery by post. */
static void check_cross(const struct application *ap, char ***errs, int *n)
{
	const char *type = application_get(ap, "applicant.type");
	if (!strcmp(type, "relative") && !*application_get(ap, "applicant.relation"))
		add_err(errs, n, "applicant.relation", _("required when a relative applies"));
	if (!strcmp(type, "worker") && *application_get(ap, "applicant.id_number") &&
	    *application_get(ap, "worker.id_number") &&
	    strcasecmp(application_get(ap, "applicant.id_number"),
		       application_get(ap, "worker.id_number")))
		add_err(errs, n, "applicant.id_number",
			_("the worker applies in person, but this is not the worker's ID number"));
	yday acc, death;
	int have_acc = date_parse(application_get(ap, "accident.date"), &acc, NULL) == 0;
	const char *dd = application_get(ap, "accident.death_date");
	if (application_kind(ap) == KIND_DEATH && !*dd)
		add_err(errs, n, "accident.death_date", _("required for a death case"));
	if (have_acc && *dd && date_parse(dd, &death, NULL) == 0 && death < acc)
		add_err(errs, n, "accident.death_date", _("before the accident date"));
	if (!strcmp(application_get(ap, "delivery.method"), "post") &&
	    !*application_get(ap, "delivery.address"))
		add_err(errs, n, "delivery.address", _("required when results go by post"));
}

struct err_arg {
	char ***errs;
	int *n;
};

static void item_err(const char *why, void *arg)
{
	struct err_arg *a = arg;
	add_err(a->errs, a->n, "items", why);
}

static void check_items(const struct catalog *c, const struct application *ap,
			const struct prior *p, char ***errs, int *n)
{
	if (!ap->items) {
		add_err(errs, n, "items", _("tick at least one item"));
		return;
	}
	struct case_facts f;
	application_facts(ap, &f);
	struct err_arg a = { errs, n };
	rule_item_refusals(c, ap->items, &f, p, item_err, &a);
}

static void check_materials(const struct catalog *c, const struct application *ap,
			    itemset decided, char ***errs, int *n)
{
	int any = 0;   /* only these statuses can be wrong: merge only then */
	for (int m = 0; m < c->nmaterials && m < MAX_MATERIALS && !any; m++)
		any = ap->mstatus[m] == MS_COMMITTED || ap->mstatus[m] == MS_PRODUCED;
	if (!any)
		return;
	struct merged_material mm[MAX_MATERIALS];
	int k = application_materials(c, ap, decided, mm);
	char why[256];
	for (int i = 0; i < k; i++) {
		int m = mm[i].material;
		enum material_status s = ap->mstatus[m];
		if (s == MS_COMMITTED && !mm[i].commitment_ok) {
			snprintf(why, sizeof why, _("%s %s cannot be replaced by a notice-commitment"),
				 c->materials[m].code, c->materials[m].name);
			add_err(errs, n, "materials", why);
		}
		if (s == MS_PRODUCED && !mm[i].produced) {
			snprintf(why, sizeof why, _("%s %s is not produced inside this application"),
				 c->materials[m].code, c->materials[m].name);
			add_err(errs, n, "materials", why);
		}
	}
}

/* Every check of application_check, with the earlier decisions given;
 * fields with skip[i] set are not checked (NULL: all are). */
static int check_all(const struct catalog *c, const struct application *ap,
		     const struct prior *p, const unsigned char *skip, char ***errs)
{
	int n = 0;
	char msg[512];
	*errs = NULL;
	for (int i = 0; i < c->nfields; i++) {
		const struct form_field *f = &c->fields[i];
		if (skip && skip[i])
			continue;
		if (application_check_field(f, application_get(ap, f->key), msg, sizeof msg) < 0)
			add_err(errs, &n, f->key, msg);
	}
	check_cross(ap, errs, &n);
	check_items(c, ap, p, errs, &n);
	check_materials(c, ap, p ? p->decided : 0, errs, &n);
	return n;
}


int application_check_some(const struct catalog *c, const struct application *ap,
			   const struct prior *p, const unsigned char *skip, char ***errs)
{
	return check_all(c, ap, p, skip, errs);
}

int application_window(const struct catalog *c, const struct application *ap, char *msg,
		       size_t n)
{
	/* 条例 §17: the window of the administrative item (工伤认定) */
	int admin = 0;
	for (int i = 0; i < c->nitems; i++)
		admin |= (ap->items & (1u << i)) && c->items[i].cat == CAT_ADMIN;
	if (msg && n)
		msg[0] = '\0';
	if (!admin)
		return 0;
	yday acc;
	const char *from = application_get(ap, "accident.date");
	if (!strcmp(application_get(ap, "accident.type"), "disease") &&
	    *application_get(ap, "accident.diagnosis_date"))
		from = application_get(ap, "accident.diagnosis_date");
	if (date_parse(from, &acc, NULL) < 0)
		return 0;
	enum applicant_type who = APPL_WORKER;
	applicant_type_parse(application_get(ap, "applicant.type"), &who);
	return rule_application_window(c, who, acc, clock_today(), msg, n);
}

void application_facts(const struct application *ap, struct case_facts *f)
{
	f->kind = application_kind(ap);
	f->applicant = application_get(ap, "applicant.type");
	f->circumstance = application_get(ap, "accident.circumstance");
}

int application_materials(const struct catalog *c, const struct application *ap,
			  itemset decided, struct merged_material *out)
{
	struct case_facts f;
	application_facts(ap, &f);
	return rule_merge_materials(c, ap->items, decided, &f, 1, out);
}

enum material_status application_mstatus(const struct application *ap,
					 const struct merged_material *mm)
{
	if (mm->produced)
		return MS_PRODUCED;
	enum material_status s = ap->mstatus[mm->material];
	return s == MS_PRODUCED ? MS_MISSING : s;
}

int application_material_missing(const struct application *ap, const struct merged_material *mm)
{
	return mm->required && application_mstatus(ap, mm) == MS_MISSING;
}

int application_missing(const struct catalog *c, const struct application *ap, itemset decided)
{
	struct merged_material mm[MAX_MATERIALS];
	int k = application_materials(c, ap, decided, mm), n = 0;
	for (int i = 0; i < k; i++)
		n += application_material_missing(ap, &mm[i]);
	return n;
}

/* ---- an online application's columns (applications.csv, the inbox) ---- */

const char *application_column_key(const struct catalog *c, const char *column)
{
	char key[64];
	if (!strcmp(column, "kind"))
		column = "accident_kind";
	else if (!strcmp(column, "description"))
		column = "accident_description";
	snprintf(key, sizeof key, "%s", column);
	char *us = strchr(key, '_');
	if (!us)
		return NULL;
	*us = '.';
	for (int f = 0; f < c->nfields; f++)
		if (!strcmp(c->fields[f].key, key))
			return c->fields[f].key;
	return NULL;
}

/* Who applies, when the file does not say: the worker when the IDs agree. */
static const char *applicant_type_of(const char *rel, const char *appl_id, const char *worker_id)
{
	static const struct { const char *rel, *type; } rels[] = {
		{ "用人单位", "employer" }, { "单位", "employer" }, { "employer", "employer" },
		{ "工会", "union" }, { "工会组织", "union" }, { "union", "union" },
		{ "委托代理人", "agent" }, { "代理人", "agent" }, { "agent", "agent" },
	};
	if (!strcasecmp(appl_id, worker_id))
		return "worker";
	for (size_t i = 0; i < ARRAY_SIZE(rels); i++)
		if (!strcmp(rel, rels[i].rel))
			return rels[i].type;
	return "relative";
}

struct material_arg {
	const struct catalog *c;
	struct application *ap;
	char *why;
	size_t nwhy;
};

static int received_material(const char *code, void *arg)
{
	struct material_arg *m = arg;
	int i = catalog_material_index(m->c, code);
	if (i < 0 || i >= MAX_MATERIALS) {
		snprintf(m->why, m->nwhy, _("unknown material code '%s' (M01-M20)"), code);
		return -1;
	}
	m->ap->mstatus[i] = MS_RECEIVED;
	return 0;
}

/* The columns application_from_columns reads by name, found in one pass
 * (every imported row passes here; a search per name was most of its
 * time). */
enum { CV_RELATION, CV_APPL_ID, CV_WORKER_ID, CV_ITEMS, CV_MATERIALS, CV_FOLLOWS, CV_N };

static void column_values(const char *const *names, const char *const *values, int n,
			  const char *out[CV_N])
{
	static const char *const want[CV_N] = { "applicant_relation", "applicant_id_number",
						"worker_id_number", "items", "materials",
						"follows" };
	for (int k = 0; k < CV_N; k++)
		out[k] = NULL;
	for (int i = 0; i < n; i++)
		for (int k = 0; k < CV_N; k++)
			if (!out[k] && names[i][0] == want[k][0] && !strcmp(names[i], want[k])) {
				out[k] = values[i]; /* the first column of the name */
				break;
			}
	for (int k = 0; k < CV_N; k++)
		if (!out[k])
			out[k] = "";
}

int application_from_columns(const struct catalog *c, const char *const *names,
			     const char *const *keys, const char *const *values, int n,
			     struct application *ap, const char **col, char *why, size_t nwhy)
{
	struct yerr e;
	const char *cv[CV_N];
	column_values(names, values, n, cv);
	for (int i = 0; i < n; i++) {
		const char *k = keys ? keys[i] : application_column_key(c, names[i]);
		if (k)
			application_set(ap, k, values[i]);
	}
	if (!*application_get(ap, "applicant.type"))
		application_set(ap, "applicant.type",
				applicant_type_of(cv[CV_RELATION], cv[CV_APPL_ID], cv[CV_WORKER_ID]));
	if (catalog_parse_items(c, cv[CV_ITEMS], &ap->items, &e) < 0) {
		*col = "items";
		snprintf(why, nwhy, "%s", e.msg);
		return -1;
	}
	/* "M01;M04": the materials sent with the application, received online */
	struct material_arg ma = { c, ap, why, nwhy };
	if (list_each(cv[CV_MATERIALS], ";", received_material, &ma)) {
		*col = "materials";
		return -1;
	}
	const char *fol = cv[CV_FOLLOWS];
	yerr_clear(&e);
	if (*fol && case_no_parse(fol, NULL, NULL, NULL, &e) < 0) {
		*col = "follows";
		snprintf(why, nwhy, "%s", e.msg);
		return -1;
	}
	snprintf(ap->follows, sizeof ap->follows, "%s", fol);
	return 0;
}
