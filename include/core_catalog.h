/* core_catalog.h — what the province decides: the 14 bundled items, the
 * material catalogue, time-limit rules, holidays, benefit rates and the
 * combined form's fields; plus the rules computed from them (which items a
 * case kind allows, prerequisites, the merged material list, the
 * application window).  Layer: core (pure C; csv_forms.c fills it from
 * forms/, db_catalog.c from the database). */
#ifndef YICI_CORE_CATALOG_H
#define YICI_CORE_CATALOG_H

#include <stdint.h>
#include "core_date.h"
#include "util.h"

enum category { CAT_ADMIN = 0, CAT_APPRAISAL = 1, CAT_AGENCY = 2, CAT_N = 3 };
const char *category_code(enum category c);   /* "admin" ...          */
const char *category_label(enum category c);  /* translated: 行政 ... */
int category_parse(const char *s, enum category *c);

/* Case kinds as a bit set. */
enum { KIND_INJURY = 1, KIND_DEATH = 2 };
const char *kind_code(int kind);              /* "injury" / "death"   */
const char *kind_label(int kind);             /* translated: 工伤 / 工亡 */
int kind_parse(const char *s, int *kind);

/* Who applies (条例 §17): employer 30 days; the others 1 year. */
enum applicant_type { APPL_EMPLOYER, APPL_WORKER, APPL_RELATIVE, APPL_UNION, APPL_AGENT, APPL_N };
const char *applicant_type_code(enum applicant_type t);
const char *applicant_type_label(enum applicant_type t);
int applicant_type_parse(const char *s, enum applicant_type *t);

#define MAX_ITEMS 32 /* item sets are uint32_t bit masks over item indexes */
typedef uint32_t itemset;

struct item {
	int seq;                /* 1..14, display order */
	char code[8];           /* stable: RD, JD, ... */
	char *name;             /* 工伤认定申请 */
	enum category cat;
	int kinds;              /* KIND_* bits */
	itemset prereqs;        /* items whose decision this one waits for */
	char *prereq_note;      /* e.g. "JD grade 5-10 and labour relation ended" */
	int limit_days;         /* statutory processing limit */
	int promised_days;      /* promised limit (<= limit_days) */
	enum day_kind day_kind;
	char *basis;            /* legal basis, e.g. "条例 §20" */
};

struct material {
	char code[8];           /* M01..M20 */
	char *name;
	char *note;
};

struct item_material {
	int item, material;     /* indexes */
	int required;           /* 1 required, 0 optional */
	int commitment_ok;      /* 告知承诺 may replace it */
	int produced_by;        /* item index that produces it inside the bundle, or -1 */
};

enum rule_unit { UNIT_DAY, UNIT_MONTH, UNIT_YEAR };
struct rule {
	char *key;              /* accept_review, rd_decide, rd_simple, ... */
	char *name;
	int amount;
	enum rule_unit unit;
	enum day_kind day_kind;
	char *basis;
};

struct rate {
	char *key;              /* disability_lump_months, allowance_pct, ... */
	int grade;              /* 0 when not per grade */
	int64_t value;          /* integer: months, percent, times, yuan */
	char *unit;             /* "months", "pct", "times", "yuan" */
	char *note;
};

struct form_field {
	char *section;          /* applicant, worker, employer, accident, items, delivery */
	char *key;              /* worker.id_number */
	char *label;            /* msgid-like English label shown through gettext */
	char *type;             /* text, id_number, credit_code, phone, date, datetime,
	                           choice:a|b|c, bool, longtext */
	int required;
	int max_len;            /* in characters */
};

struct template {
	char *key;              /* sms_accepted, ... */
	char *text;             /* with {case_no} style placeholders */
};

struct catalog {
	struct item items[MAX_ITEMS];
	int nitems;
	struct material *materials;
	int nmaterials;
	struct item_material *links;
	int nlinks;
	struct rule *rules;
	int nrules;
	struct rate *rates;
	int nrates;
	struct form_field *fields;
	int nfields;
	struct template *templates;
	int ntemplates;
	struct calendar cal;
	char version[65];       /* hex SHA-256 of the forms files, concatenated in load order */
};

void catalog_init(struct catalog *c);
void catalog_release(struct catalog *c);

int catalog_item_index(const struct catalog *c, const char *code);   /* -1 if none */
int catalog_material_index(const struct catalog *c, const char *code);
const struct rule *catalog_rule(const struct catalog *c, const char *key);
/* Rate lookup; returns 0 and sets *v, or -1 when missing. */
int catalog_rate(const struct catalog *c, const char *key, int grade, int64_t *v);
const char *catalog_template(const struct catalog *c, const char *key);

/* Cross-file checks after loading (every prerequisite and link names a
 * known item/material, no prerequisite cycles, exactly the categories
 * admin/appraisal/agency). */
int catalog_check(const struct catalog *c, struct yerr *e);

/* Parses "RD;JD" into a set; unknown code -> -1 with message. */
int catalog_parse_items(const struct catalog *c, const char *list, itemset *out, struct yerr *e);
/* Writes "RD;JD;..." in seq order into a malloc'd string. */
char *catalog_format_items(const struct catalog *c, itemset s);

/* ---- rules ---- */

/* 1 when the case kind allows the item; else 0 and a translated reason. */
int rule_item_allowed(const struct catalog *c, int item, int kind, char *why, size_t whylen);

/* The prerequisites of the ticked items that are neither ticked nor
 * already decided (decided = items decided in an earlier case of the same
 * worker).  Transitive. */
itemset rule_missing_prereqs(const struct catalog *c, itemset ticked, itemset decided);

/* Ticked items that must wait for another ticked item's decision. */
itemset rule_waiting_items(const struct catalog *c, itemset ticked, itemset decided);

/* One row of the merged material list. */
struct merged_material {
	int material;           /* index */
	itemset items;          /* ticked items it serves */
	int required;           /* required by at least one of them */
	int commitment_ok;      /* every requiring item allows 告知承诺 */
	int produced;           /* produced inside the bundle (or by an earlier decision):
	                           never asked of the applicant */
};
/* Fills out (caller-provided, capacity nmaterials) with each material
 * once, in catalogue order; materials that the bundle produces itself are
 * included with produced=1 only when include_produced is set.  Returns the
 * count. */
int rule_merge_materials(const struct catalog *c, itemset ticked, itemset decided,
			 int include_produced, struct merged_material *out);

/* The application-window check (条例 §17): 30 days for an employer, one
 * year for the worker, a relative or the union, counted from the accident
 * (or diagnosis) date.  Returns 0 when in time; 1 when late, with a
 * translated message citing the rule in msg. */
int rule_application_window(const struct catalog *c, enum applicant_type who,
			    yday accident, yday today, char *msg, size_t msglen);

#endif
