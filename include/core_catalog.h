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
/* A stored category code ("admin") in the reader's words (行政); an unknown
 * code as it is. */
const char *category_word(const char *code);

/* Case kinds as a bit set. */
enum { KIND_INJURY = 1, KIND_DEATH = 2 };
const char *kind_code(int kind);              /* "injury" / "death"   */
const char *kind_label(int kind);             /* translated: 工伤 / 工亡 */
int kind_parse(const char *s, int *kind);

/* Who applies (条例 §17): employer 30 days; the others 1 year. */
enum applicant_type { APPL_EMPLOYER, APPL_WORKER, APPL_RELATIVE, APPL_UNION, APPL_AGENT, APPL_N };
const char *applicant_type_label(enum applicant_type t);
int applicant_type_parse(const char *s, enum applicant_type *t);

#define MAX_ITEMS 32 /* item sets are uint32_t bit masks over item indexes */
typedef uint32_t itemset;

/* One outcome a decision of an item may have (forms/outcomes.csv). */
#define MAX_OUTCOMES 8
struct item_outcome {
	char code[24];          /* recognised, graded, approved, ...: task.outcome */
	char label[96];         /* 认定工伤 */
	int positive;           /* lets the items that wait on it start */
	int needs_document;     /* the decision carries a document number */
	int needs_reason;       /* the decision carries a reason */
	int needs_grade;        /* the decision carries a disability grade 1..10 */
	int needs_amount;       /* the decision carries an amount and payment reference */
	char sms[32];           /* templates.csv key sent on this outcome; "" = the item's sms_decide */
	char push[64];          /* outcomes.csv "push": the other services a decision with
	                           this outcome goes to (160号: insurer, employment,
	                           unemployment), each with an optional grade range
	                           "employment:5-10", ";"-separated; "" = none */
};

/* What an item needs of one prerequisite (items.csv "prereqs":
 * "RD", "JD:grade=5-10", "RD:kind=death", "FJ:confirmed"). */
#define MAX_PREREQS 4
struct prereq_cond {
	int item;               /* index of the prerequisite item */
	unsigned outcomes;      /* bits over the prerequisite's outcome indexes that
	                           satisfy it; 0 = any positive outcome */
	int grade_lo, grade_hi; /* a grade in lo..hi (both 0: no grade condition) */
	int kind;               /* KIND_* the prerequisite's case must be; 0 = any */
};

/* Rule-key and template-key fields are short ASCII keys; "" = none. */
#define KEY_LEN 32

struct item {
	int seq;                /* 1..14, display order */
	char code[8];           /* stable: RD, JD, ... */
	char *name;             /* 工伤认定申请 */
	enum category cat;
	int kinds;              /* KIND_* bits: the case kinds that allow it */
	char circumstances[256]; /* accident.circumstance codes that allow it, ";"-separated;
	                           "" = any */
	itemset prereqs;        /* items whose decision this one waits for */
	struct prereq_cond conds[MAX_PREREQS]; /* one per prerequisite, in file order */
	int nconds;
	char *prereq_note;      /* e.g. "JD grade 5-10 and labour relation ended" */
	char limit_rule[KEY_LEN]; /* rules.csv key of the decision limit (rd_decide ...) */
	int limit_days;         /* statutory processing limit: amount of limit_rule */
	int promised_days;      /* promised limit (<= limit_days) */
	enum day_kind day_kind; /* day kind of limit_rule */
	char *basis;            /* legal basis, e.g. "条例 §20" */
	int once;               /* once per accident (SC, YB, GW, SZ) */
	char sms_accept[KEY_LEN]; /* templates.csv key sent when accepted ready to start */
	char sms_start[KEY_LEN];  /* ... when a waiting task starts */
	char sms_decide[KEY_LEN]; /* ... when decided (an outcome's own sms wins) */
	char delivery[KEY_LEN];   /* rules.csv key of the delivery limit */
	char suspend[128];        /* suspension reasons allowed, ";"-separated; "" = the
	                             task cannot be suspended (条例 §31) */
	char extend[KEY_LEN];     /* rules.csv key of its one extension; "" = none */
	char simple[KEY_LEN];     /* rules.csv key of its simple-case track (RD: rd_simple,
	                             条例 §20); "" = none */
	char reappraise[KEY_LEN]; /* rules.csv key of the window for requesting a
	                             re-appraisal after delivery (JD: jd_reappraisal_request,
	                             条例 §26); "" = its conclusion cannot be re-appraised */
	int office_accepts;       /* items.csv "accepts": 0 window (accepted at the window on
	                             the office's behalf), 1 office (受理审核 by the office) */
	char review_rule[KEY_LEN]; /* rules.csv key of the office's acceptance review limit
	                             (accept_review ...); "" for window items */
	int review_days;          /* amount of review_rule */
	char formula[KEY_LEN];    /* items.csv "formula": the benefit formula of task calc
	                             (disability_grant, ...; core_benefit.c); "" = paid as
	                             invoiced, no formula */
	enum day_kind review_day_kind;
	struct item_outcome outcomes[MAX_OUTCOMES];
	int noutcomes;
};

/* materials.csv rows: a case keeps one status per material (struct
 * application's mstatus), and the merged list of a case is at most this
 * long.  The forms loader refuses the row past it.  The national list has
 * 20; a province adds its own well inside 128. */
#define MAX_MATERIALS 128

struct material {
	char code[8];           /* M01..M20 */
	char *name;
	char *note;
};

/* When a link applies (item_materials.csv "condition"): every clause
 * holds.  A clause is field=v1|v2 or field!=v1|v2 over the case's kind
 * (injury, death), applicant (employer, worker, relative, union, agent)
 * or circumstance (work, commute, missing, ...). */
struct item_material {
	int item, material;     /* indexes */
	int required;           /* 1 required, 0 optional */
	int commitment_ok;      /* 告知承诺 may replace it */
	int produced_by;        /* item index that produces it inside the bundle, or -1 */
	char condition[128];    /* "" = always; "kind=death;circumstance!=missing" */
};

/* The facts of a case a link's condition reads; NULL/0 = unknown, and an
 * unknown fact makes a condition on it false. */
struct case_facts {
	int kind;               /* KIND_*, 0 unknown */
	const char *applicant;  /* applicant.type code */
	const char *circumstance; /* accident.circumstance code */
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

/* forms/demo.csv: the mix of items in the cases of `yici init --demo`, as
 * data so that the demo names no item code in C.  Rows of one case kind
 * are applied in file order: the item is ticked with probability percent
 * (100: always, drawing nothing), only when `with` (an item index, -1 =
 * none) was ticked already; a `follows` row is not ticked but taken as
 * decided in the earlier case this one follows (旧伤复发 follows its RD).
 * Not a legal fact: nothing a citizen sees reads it. */
enum demo_case { DEMO_INJURY, DEMO_DEATH, DEMO_REPEAT };
struct demo_pick {
	int dcase;              /* enum demo_case */
	int item, with;         /* item indexes; with -1 = none */
	int percent;            /* 1..100 */
	int follows;
};
#define MAX_DEMO_PICKS 64

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
	struct demo_pick demo[MAX_DEMO_PICKS]; /* read from forms/ only (init --demo) */
	int ndemo;
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

/* The outcome `code` of item (index into it->outcomes), or -1. */
int catalog_outcome_index(const struct catalog *c, int item, const char *code);
const struct item_outcome *catalog_outcome(const struct catalog *c, int item, const char *code);
/* 1 when the outcome code of item is positive (lets waiting items start). */
int catalog_outcome_positive(const struct catalog *c, int item, const char *code);
/* The templates.csv key sent when item is decided with outcome (the
 * outcome's own sms, else the item's sms_decide); "" = none. */
const char *catalog_decision_sms(const struct catalog *c, int item, const char *outcome);
/* 1 when item may be suspended for reason (its "suspend" list). */
int catalog_item_may_suspend(const struct catalog *c, int item, const char *reason);
/* 1 when the circumstance allows the item ("circumstances" empty: any). */
int catalog_item_circumstance_ok(const struct catalog *c, int item, const char *circumstance);
/* Parses the prereqs cell of item ("RD;JD:grade=5-10", "RD:kind=death",
 * "FJ:confirmed|x") into it->conds and it->prereqs; the outcomes named
 * must be outcomes of the prerequisite (so outcomes are loaded first).
 * -1 with a message. */
int catalog_parse_prereqs(struct catalog *c, int item, const char *spec, struct yerr *e);
/* Writes the prereqs cell back ("JD:grade=5-10"); malloc'd. */
char *catalog_format_prereqs(const struct catalog *c, int item);
/* Checks a link condition's syntax: -1 with a message. */
int catalog_condition_check(const char *cond, struct yerr *e);
/* 1 when the condition holds for the facts ("" always holds). */
int catalog_condition_holds(const char *cond, const struct case_facts *f);
/* 1 when a decision of the prerequisite of cond, with this outcome and
 * grade, made in a case of kind case_kind, satisfies cond. */
int catalog_prereq_satisfied(const struct catalog *c, const struct prereq_cond *cond,
			     const char *outcome, int grade, int case_kind);
/* The condition item has on prerequisite p, or NULL. */
const struct prereq_cond *catalog_prereq_cond(const struct catalog *c, int item, int p);

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

/* ---- earlier decisions (apply --follows) ---- */

/* A decision made in an earlier case, as the rules of a new case see it. */
struct prior_decision {
	int item;               /* catalog index */
	char outcome[24];
	int grade;              /* 0 when none */
	int kind;               /* KIND_* of the case it was made in */
	int followed;           /* 1: the followed case or one it follows; 0: another case
	                           of the same worker and accident date (read for once only) */
	char case_no[32];
	char on[11];            /* decided_on */
};
#define MAX_PRIOR 96
struct prior {
	char follows_no[32];    /* the followed case; "" when the application follows none */
	itemset decided;        /* items positively decided in the followed cases */
	int n;
	struct prior_decision d[MAX_PRIOR];
};
/* Fills p->decided from p->d. */
void prior_finish(const struct catalog *c, struct prior *p);

/* Every reason why the ticked items cannot be applied for together, given
 * the facts of the case and the earlier decisions it follows: an item the
 * case kind or circumstance does not allow; a prerequisite neither ticked
 * in this case nor decided, as the item needs it, in the followed case (a
 * prerequisite ticked here always waits for this case's own decision); a
 * once-per-accident benefit already approved.  fn gets each translated
 * reason; returns how many.  One function for apply, the form's F9 and
 * the online import. */
int rule_item_refusals(const struct catalog *c, itemset ticked, const struct case_facts *f,
		       const struct prior *p, void (*fn)(const char *why, void *arg), void *arg);

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
 * included with produced=1 only when include_produced is set.  A link
 * with a condition counts only when the condition holds for facts (NULL:
 * unknown, so conditional links are left out).  Returns the count. */
int rule_merge_materials(const struct catalog *c, itemset ticked, itemset decided,
			 const struct case_facts *facts, int include_produced,
			 struct merged_material *out);

/* The application-window check (条例 §17): 30 days for an employer, one
 * year for the worker, a relative or the union, counted from the accident
 * (or diagnosis) date.  Returns 0 when in time; 1 when late, with a
 * translated message citing the rule in msg. */
int rule_application_window(const struct catalog *c, enum applicant_type who,
			    yday accident, yday today, char *msg, size_t msglen);

/* The targets of an outcomes.csv push column for a decision of grade g
 * (0: none given): PUSH_* bits; -1 when the column is malformed (an
 * unknown target, or a grade range outside 1-10), with the bad part in
 * why. */
enum { PUSH_INSURER = 1, PUSH_EMPLOYMENT = 2, PUSH_UNEMPLOYMENT = 4 };
int catalog_push_targets(const char *spec, int grade, char why[64]);

#endif
