/* core_catalog.c — the catalog in memory: code and label tables, lookups,
 * cross-file checks, item sets, and the rules computed from the catalog
 * (allowed items, prerequisites, the merged material list, the application
 * window).  Layer: core (pure C: no curses, no sqlite, no printing).
 * Why one file of over 800 lines: every rule computed from the catalog is
 * here, so that the loader, the form, the CLI and the import apply the
 * same code; each section (marked ----) stands alone.
 */
#include "core_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---- codes and labels --------------------------------------------------- */

static const char *const cat_codes[CAT_N] = { "admin", "appraisal", "agency" };
static const char *const cat_labels[CAT_N] = {
	N_("Administrative"), N_("Appraisal"), N_("Agency"),
};

const char *category_code(enum category c)
{
	return (unsigned)c < CAT_N ? cat_codes[c] : "?";
}

const char *category_label(enum category c)
{
	return (unsigned)c < CAT_N ? _(cat_labels[c]) : "?";
}

const char *category_word(const char *code)
{
	enum category c;
	return category_parse(code, &c) == 0 ? category_label(c) : code;
}

int category_parse(const char *s, enum category *c)
{
	for (int i = 0; i < CAT_N; i++)
		if (s && strcmp(s, cat_codes[i]) == 0) {
			*c = (enum category)i;
			return 0;
		}
	return -1;
}

const char *kind_code(int kind)
{
	switch (kind) {
	case KIND_INJURY:
		return "injury";
	case KIND_DEATH:
		return "death";
	case KIND_INJURY | KIND_DEATH:
		return "injury;death";
	}
	return "?";
}

const char *kind_label(int kind)
{
	switch (kind) {
	case KIND_INJURY:
		return _("Injury");
	case KIND_DEATH:
		return _("Death");
	case KIND_INJURY | KIND_DEATH:
		return _("Injury or death");
	}
	return "?";
}

/* One kind only: a case is either an injury or a death case. */
int kind_parse(const char *s, int *kind)
{
	if (s && strcmp(s, "injury") == 0)
		*kind = KIND_INJURY;
	else if (s && strcmp(s, "death") == 0)
		*kind = KIND_DEATH;
	else
		return -1;
	return 0;
}

static const char *const appl_codes[APPL_N] = {
	"employer", "worker", "relative", "union", "agent",
};
static const char *const appl_labels[APPL_N] = {
	N_("Employer"), N_("Worker"), N_("Relative"), N_("Trade union"), N_("Agent"),
};

const char *applicant_type_label(enum applicant_type t)
{
	return (unsigned)t < APPL_N ? _(appl_labels[t]) : "?";
}

int applicant_type_parse(const char *s, enum applicant_type *t)
{
	for (int i = 0; i < APPL_N; i++)
		if (s && strcmp(s, appl_codes[i]) == 0) {
			*t = (enum applicant_type)i;
			return 0;
		}
	return -1;
}

/* ---- life cycle --------------------------------------------------------- */

void catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof *c);
	calendar_init(&c->cal);
}

static void release_items(struct catalog *c)
{
	for (int i = 0; i < c->nitems; i++) {
		free(c->items[i].name);
		free(c->items[i].prereq_note);
		free(c->items[i].basis);
	}
}

static void release_tables(struct catalog *c)
{
	for (int i = 0; i < c->nmaterials; i++) {
		free(c->materials[i].name);
		free(c->materials[i].note);
	}
	for (int i = 0; i < c->nrules; i++) {
		free(c->rules[i].key);
		free(c->rules[i].name);
		free(c->rules[i].basis);
	}
	for (int i = 0; i < c->nrates; i++) {
		free(c->rates[i].key);
		free(c->rates[i].unit);
		free(c->rates[i].note);
	}
	for (int i = 0; i < c->nfields; i++) {
		free(c->fields[i].section);
		free(c->fields[i].key);
		free(c->fields[i].label);
		free(c->fields[i].type);
	}
	for (int i = 0; i < c->ntemplates; i++) {
		free(c->templates[i].key);
		free(c->templates[i].text);
	}
}

void catalog_release(struct catalog *c)
{
	release_items(c);
	release_tables(c);
	free(c->materials);
	free(c->links);
	free(c->rules);
	free(c->rates);
	free(c->fields);
	free(c->templates);
	calendar_release(&c->cal);
	catalog_init(c);
}

/* ---- lookups ------------------------------------------------------------ */

int catalog_item_index(const struct catalog *c, const char *code)
{
	for (int i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].code, code) == 0)
			return i;
	return -1;
}

int catalog_material_index(const struct catalog *c, const char *code)
{
	for (int i = 0; i < c->nmaterials; i++)
		if (strcmp(c->materials[i].code, code) == 0)
			return i;
	return -1;
}

const struct rule *catalog_rule(const struct catalog *c, const char *key)
{
	for (int i = 0; i < c->nrules; i++)
		if (strcmp(c->rules[i].key, key) == 0)
			return &c->rules[i];
	return NULL;
}

int catalog_rate(const struct catalog *c, const char *key, int grade, int64_t *v)
{
	for (int i = 0; i < c->nrates; i++)
		if (c->rates[i].grade == grade && strcmp(c->rates[i].key, key) == 0) {
			*v = c->rates[i].value;
			return 0;
		}
	return -1;
}

const char *catalog_template(const struct catalog *c, const char *key)
{
	for (int i = 0; i < c->ntemplates; i++)
		if (strcmp(c->templates[i].key, key) == 0)
			return c->templates[i].text;
	return NULL;
}

/* ---- cross-file checks -------------------------------------------------- */

static int check_refs(const struct catalog *c, struct yerr *e)
{
	itemset all = c->nitems >= MAX_ITEMS ? ~(itemset)0 : ((itemset)1 << c->nitems) - 1;
	for (int i = 0; i < c->nitems; i++)
		if (c->items[i].prereqs & ~all)
			return yerr_set(e, YERR_INPUT, _("item '%s' has an unknown prerequisite"),
					c->items[i].code);
	for (int i = 0; i < c->nlinks; i++) {
		const struct item_material *l = &c->links[i];
		if (l->item < 0 || l->item >= c->nitems || l->material < 0 ||
		    l->material >= c->nmaterials || l->produced_by < -1 ||
		    l->produced_by >= c->nitems)
			return yerr_set(e, YERR_INPUT,
					_("item-material link %d names an unknown item or material"),
					i + 1);
	}
	return 0;
}

static int check_categories(const struct catalog *c, struct yerr *e)
{
	int used[CAT_N] = { 0 };
	for (int i = 0; i < c->nitems; i++) {
		if ((unsigned)c->items[i].cat >= CAT_N)
			return yerr_set(e, YERR_INPUT, _("item '%s' has an unknown category"),
					c->items[i].code);
		used[c->items[i].cat] = 1;
	}
	for (int k = 0; k < CAT_N; k++)
		if (!used[k])
			return yerr_set(e, YERR_INPUT, _("no item in category '%s'"),
					cat_codes[k]);
	return 0;
}

struct dfs {
	const struct catalog *c;
	unsigned char color[MAX_ITEMS]; /* 0 new, 1 on the path, 2 done */
	int path[MAX_ITEMS + 1];
	int depth;
};

/* Returns the index in d->path where the cycle starts, or -1. */
static int dfs_visit(struct dfs *d, int i)
{
	d->color[i] = 1;
	d->path[d->depth++] = i;
	for (int p = 0; p < d->c->nitems; p++) {
		if (!(d->c->items[i].prereqs & ((itemset)1 << p)))
			continue;
		if (d->color[p] == 1) {
			d->path[d->depth++] = p;
			for (int k = 0; k < d->depth - 1; k++)
				if (d->path[k] == p)
					return k;
		}
		if (d->color[p] == 0) {
			int k = dfs_visit(d, p);
			if (k >= 0)
				return k;
		}
	}
	d->color[i] = 2;
	d->depth--;
	return -1;
}

static int check_cycles(const struct catalog *c, struct yerr *e)
{
	struct dfs d = { .c = c };
	for (int i = 0; i < c->nitems; i++) {
		if (d.color[i])
			continue;
		int k = dfs_visit(&d, i);
		if (k < 0)
			continue;
		struct sbuf b = { 0 };
		for (int j = k; j < d.depth; j++) {
			if (j > k)
				sbuf_addstr(&b, " -> ");
			sbuf_addstr(&b, c->items[d.path[j]].code);
		}
		yerr_set(e, YERR_INPUT, _("prerequisite cycle: %s"), b.s);
		sbuf_release(&b);
		return -1;
	}
	return 0;
}

int catalog_check(const struct catalog *c, struct yerr *e)
{
	if (c->nitems < 1 || c->nitems > MAX_ITEMS)
		return yerr_set(e, YERR_INPUT, _("the catalog needs 1 to %d items, not %d"),
				MAX_ITEMS, c->nitems);
	if (check_refs(c, e) < 0 || check_categories(c, e) < 0)
		return -1;
	return check_cycles(c, e);
}

/* ---- item sets ---------------------------------------------------------- */

struct items_arg {
	const struct catalog *c;
	itemset set;
	struct yerr *e;
};

static int add_item(const char *code, void *arg)
{
	struct items_arg *a = arg;
	int i = catalog_item_index(a->c, code);
	if (i < 0)
		return yerr_set(a->e, YERR_INPUT, _("unknown item '%s'"), code);
	a->set |= (itemset)1 << i;
	return 0;
}

int catalog_parse_items(const struct catalog *c, const char *list, itemset *out,
			struct yerr *e)
{
	struct items_arg a = { c, 0, e };
	if (list_each(list, ";", add_item, &a))
		return -1;
	*out = a.set;
	return 0;
}

char *catalog_format_items(const struct catalog *c, itemset s)
{
	struct sbuf b = { 0 };
	sbuf_add(&b, "", 0); /* allocates, so an empty set gives "" */
	for (int i = 0; i < c->nitems; i++)
		if (s & ((itemset)1 << i)) {
			if (b.len)
				sbuf_addstr(&b, ";");
			sbuf_addstr(&b, c->items[i].code);
		}
	return b.s;
}

/* ---- rules -------------------------------------------------------------- */

static itemset bit(int i)
{
	return (itemset)1 << i;
}

int rule_item_allowed(const struct catalog *c, int item, int kind, char *why, size_t whylen)
{
	if (why && whylen)
		why[0] = '\0';
	if (item < 0 || item >= c->nitems) {
		if (why && whylen)
			snprintf(why, whylen, "%s", _("unknown item"));
		return 0;
	}
	const struct item *it = &c->items[item];
	if (kind == 0 || (it->kinds & kind) == kind)
		return 1;
	if (why && whylen) {
		const char *only = it->kinds == KIND_DEATH ? _("death") : _("injury");
		snprintf(why, whylen, _("%s applies to %s cases only"), it->name, only);
	}
	return 0;
}

itemset rule_missing_prereqs(const struct catalog *c, itemset ticked, itemset decided)
{
	itemset have = ticked | decided, missing = 0, prev;
	do {
		prev = missing;
		itemset walk = (ticked & ~decided) | missing;
		for (int i = 0; i < c->nitems; i++)
			if (walk & bit(i))
				missing |= c->items[i].prereqs & ~have;
	} while (missing != prev);
	return missing;
}

itemset rule_waiting_items(const struct catalog *c, itemset ticked, itemset decided)
{
	itemset pending = ticked & ~decided, out = 0;
	for (int i = 0; i < c->nitems; i++)
		if ((ticked & bit(i)) && (c->items[i].prereqs & pending & ~bit(i)))
			out |= bit(i);
	return out;
}

/* Merges the links of material m over the ticked items into *mm; returns
 * 0 when no ticked item lists it. */
static int merge_one(const struct catalog *c, int m, itemset ticked, itemset decided,
		     const struct case_facts *facts, struct merged_material *mm)
{
	int all_commit = 1, req_commit = 1;
	memset(mm, 0, sizeof *mm);
	mm->material = m;
	for (int k = 0; k < c->nlinks; k++) {
		const struct item_material *l = &c->links[k];
		if (l->material != m || !(ticked & bit(l->item)))
			continue;
		if (l->condition[0] && (!facts || !catalog_condition_holds(l->condition, facts)))
			continue;
		mm->items |= bit(l->item);
		if (l->required) {
			mm->required = 1;
			req_commit &= l->commitment_ok != 0;
		}
		all_commit &= l->commitment_ok != 0;
		if (l->produced_by >= 0 && ((ticked | decided) & bit(l->produced_by)))
			mm->produced = 1;
	}
	/* An item that lists the material as optional does not ask for it, so
	 * only the requiring items decide whether a commitment replaces it. */
	mm->commitment_ok = mm->required ? req_commit : all_commit;
	return mm->items != 0;
}

int rule_merge_materials(const struct catalog *c, itemset ticked, itemset decided,
			 const struct case_facts *facts, int include_produced,
			 struct merged_material *out)
{
	int n = 0;
	for (int m = 0; m < c->nmaterials; m++) {
		struct merged_material mm;
		if (!merge_one(c, m, ticked, decided, facts, &mm))
			continue;
		if (mm.produced && !include_produced)
			continue;
		out[n++] = mm;
	}
	return n;
}

/* The last day of the window: counting starts the day after the accident;
 * a last day that is not a working day moves to the next one (民法典 §203). */
static yday window_end(const struct catalog *c, const struct rule *r, yday accident)
{
	if (r->unit == UNIT_DAY)
		return deadline_add(&c->cal, accident, r->amount, r->day_kind, NULL, 0);
	int months = r->unit == UNIT_YEAR ? 12 * r->amount : r->amount;
	yday d = date_add_months(accident, months);
	while (!calendar_is_workday(&c->cal, d))
		d++;
	return d;
}

static void format_limit(const struct rule *r, char *buf, size_t n)
{
	unsigned long a = (unsigned long)r->amount;
	switch (r->unit) {
	case UNIT_YEAR:
		snprintf(buf, n, ngettext("%d year", "%d years", a), r->amount);
		break;
	case UNIT_MONTH:
		snprintf(buf, n, ngettext("%d month", "%d months", a), r->amount);
		break;
	default:
		if (r->day_kind == DAYS_WORKING)
			snprintf(buf, n, ngettext("%d working day", "%d working days", a),
				 r->amount);
		else
			snprintf(buf, n, ngettext("%d day", "%d days", a), r->amount);
		break;
	}
}

int rule_application_window(const struct catalog *c, enum applicant_type who,
			    yday accident, yday today, char *msg, size_t msglen)
{
	static const struct rule def_employer = { .amount = 30, .unit = UNIT_DAY,
						  .basis = "条例 §17" };
	static const struct rule def_worker = { .amount = 1, .unit = UNIT_YEAR,
						.basis = "条例 §17" };
	int employer = who == APPL_EMPLOYER;
	const struct rule *r = catalog_rule(c, employer ? "apply_employer" : "apply_worker");
	if (!r)
		r = employer ? &def_employer : &def_worker;
	if (msg && msglen)
		msg[0] = '\0';
	if (today <= window_end(c, r, accident))
		return 0;
	if (msg && msglen) {
		char ds[11], lim[64];
		date_format(accident, ds);
		format_limit(r, lim, sizeof lim);
		snprintf(msg, msglen,
			 employer ? _("accident on %s is %d days ago: an employer must apply "
				      "within %s (%s)")
				  : _("accident on %s is %d days ago: the worker, a relative or "
				      "the union must apply within %s (%s)"),
			 ds, (int)(today - accident), lim, r->basis ? r->basis : "");
	}
	return 1;
}

/* ---- the rules of each item (items.csv, outcomes.csv) -------------------- */

int catalog_outcome_index(const struct catalog *c, int item, const char *code)
{
	if (item < 0 || item >= c->nitems || !code)
		return -1;
	const struct item *it = &c->items[item];
	for (int i = 0; i < it->noutcomes; i++)
		if (!strcmp(it->outcomes[i].code, code))
			return i;
	return -1;
}

const struct item_outcome *catalog_outcome(const struct catalog *c, int item, const char *code)
{
	int k = catalog_outcome_index(c, item, code);
	return k < 0 ? NULL : &c->items[item].outcomes[k];
}

int catalog_outcome_positive(const struct catalog *c, int item, const char *code)
{
	const struct item_outcome *o = catalog_outcome(c, item, code);
	return o && o->positive;
}

const char *catalog_decision_sms(const struct catalog *c, int item, const char *outcome)
{
	if (item < 0 || item >= c->nitems)
		return "";
	const struct item_outcome *o = catalog_outcome(c, item, outcome);
	return o && o->sms[0] ? o->sms : c->items[item].sms_decide;
}

struct in_list {
	const char *want;
	int found;
};

static int match_one(const char *t, void *arg)
{
	struct in_list *a = arg;
	if (!strcmp(t, a->want))
		a->found = 1;
	return 0;
}

static int in_list(const char *list, const char *seps, const char *want)
{
	struct in_list a = { want ? want : "", 0 };
	list_each(list, seps, match_one, &a);
	return a.found;
}

int catalog_item_may_suspend(const struct catalog *c, int item, const char *reason)
{
	return item >= 0 && item < c->nitems && reason && *reason &&
	       in_list(c->items[item].suspend, ";", reason);
}

int catalog_item_circumstance_ok(const struct catalog *c, int item, const char *circumstance)
{
	if (item < 0 || item >= c->nitems)
		return 0;
	const char *list = c->items[item].circumstances;
	return !*list || (circumstance && in_list(list, ";", circumstance));
}

/* ---- prerequisite conditions ---- */

struct prereq_arg {
	struct catalog *c;
	int item;
	struct yerr *e;
};

static int parse_grade_range(const char *s, int *lo, int *hi)
{
	char *end;
	long a = strtol(s, &end, 10);
	if (end == s || *end != '-')
		return -1;
	const char *t = end + 1;
	long b = strtol(t, &end, 10);
	if (end == t || *end || a < 1 || b > 10 || a > b)
		return -1;
	*lo = (int)a;
	*hi = (int)b;
	return 0;
}

static int add_prereq(const char *spec, void *arg)
{
	struct prereq_arg *a = arg;
	struct item *it = &a->c->items[a->item];
	char buf[160];
	snprintf(buf, sizeof buf, "%s", spec);
	char *save = NULL, *code = strtok_r(buf, ":", &save);
	int p = code ? catalog_item_index(a->c, code) : -1;
	if (p < 0)
		return yerr_set(a->e, YERR_INPUT, _("unknown item '%s'"), code ? code : spec);
	if (p == a->item)
		return yerr_set(a->e, YERR_INPUT, _("item '%s' cannot wait for itself"), code);
	if (it->prereqs & bit(p))
		return yerr_set(a->e, YERR_INPUT, _("prerequisite '%s' named twice"), code);
	if (it->nconds == MAX_PREREQS)
		return yerr_set(a->e, YERR_INPUT, _("more than %d prerequisites"), MAX_PREREQS);
	struct prereq_cond pc = { .item = p };
	for (char *q = strtok_r(NULL, ":", &save); q; q = strtok_r(NULL, ":", &save)) {
		if (!strncmp(q, "grade=", 6)) {
			if (parse_grade_range(q + 6, &pc.grade_lo, &pc.grade_hi) < 0)
				return yerr_set(a->e, YERR_INPUT,
						_("bad grade range '%s' (like grade=5-10, within 1-10)"),
						q);
		} else if (!strncmp(q, "kind=", 5)) {
			if (kind_parse(q + 5, &pc.kind) < 0)
				return yerr_set(a->e, YERR_INPUT, _("unknown kind '%s'"), q + 5);
		} else if (!strcmp(q, "positive")) {
			pc.outcomes = 0;
		} else {
			/* outcome1|outcome2 of the prerequisite */
			char ob[128];
			snprintf(ob, sizeof ob, "%s", q);
			char *s2 = NULL;
			for (char *o = strtok_r(ob, "|", &s2); o; o = strtok_r(NULL, "|", &s2)) {
				int k = catalog_outcome_index(a->c, p, o);
				if (k < 0)
					return yerr_set(a->e, YERR_INPUT,
							_("'%s' is not an outcome of %s"), o,
							a->c->items[p].code);
				pc.outcomes |= 1u << k;
			}
		}
	}
	it->conds[it->nconds++] = pc;
	it->prereqs |= bit(p);
	return 0;
}

int catalog_parse_prereqs(struct catalog *c, int item, const char *spec, struct yerr *e)
{
	struct item *it = &c->items[item];
	it->prereqs = 0;
	it->nconds = 0;
	struct prereq_arg a = { c, item, e };
	return list_each(spec, ";", add_prereq, &a) ? -1 : 0;
}

char *catalog_format_prereqs(const struct catalog *c, int item)
{
	struct sbuf b = { 0 };
	sbuf_add(&b, "", 0);
	const struct item *it = &c->items[item];
	for (int i = 0; i < it->nconds; i++) {
		const struct prereq_cond *pc = &it->conds[i];
		const struct item *p = &c->items[pc->item];
		if (i)
			sbuf_addstr(&b, ";");
		sbuf_addstr(&b, p->code);
		if (pc->outcomes) {
			sbuf_addstr(&b, ":");
			int first = 1;
			for (int k = 0; k < p->noutcomes; k++)
				if (pc->outcomes & (1u << k)) {
					if (!first)
						sbuf_addstr(&b, "|");
					sbuf_addstr(&b, p->outcomes[k].code);
					first = 0;
				}
		}
		if (pc->grade_lo) {
			char g[32];
			snprintf(g, sizeof g, ":grade=%d-%d", pc->grade_lo, pc->grade_hi);
			sbuf_addstr(&b, g);
		}
		if (pc->kind) {
			sbuf_addstr(&b, ":kind=");
			sbuf_addstr(&b, kind_code(pc->kind));
		}
	}
	return b.s;
}

const struct prereq_cond *catalog_prereq_cond(const struct catalog *c, int item, int p)
{
	if (item < 0 || item >= c->nitems)
		return NULL;
	const struct item *it = &c->items[item];
	for (int i = 0; i < it->nconds; i++)
		if (it->conds[i].item == p)
			return &it->conds[i];
	return NULL;
}

int catalog_prereq_satisfied(const struct catalog *c, const struct prereq_cond *cond,
			     const char *outcome, int grade, int case_kind)
{
	int k = catalog_outcome_index(c, cond->item, outcome);
	if (k < 0)
		return 0;
	if (cond->outcomes ? !(cond->outcomes & (1u << k))
			   : !c->items[cond->item].outcomes[k].positive)
		return 0;
	if (cond->grade_lo && (grade < cond->grade_lo || grade > cond->grade_hi))
		return 0;
	if (cond->kind && case_kind != cond->kind)
		return 0;
	return 1;
}

/* ---- material conditions ---- */

static const char *const fact_names[] = { "kind", "applicant", "circumstance" };

struct cond_arg {
	const struct case_facts *f; /* NULL: syntax check only */
	struct yerr *e;
	int holds;
};

static const char *fact_value(const struct case_facts *f, int which)
{
	switch (which) {
	case 0:
		return f->kind ? kind_code(f->kind) : NULL;
	case 1:
		return f->applicant && *f->applicant ? f->applicant : NULL;
	default:
		return f->circumstance && *f->circumstance ? f->circumstance : NULL;
	}
}

struct values_arg {
	const char *clause, *field;
	int which;
	struct yerr *e;
};

static int check_value(const char *v, void *arg)
{
	struct values_arg *a = arg;
	int k;
	enum applicant_type t;
	if (a->which == 0 && kind_parse(v, &k) < 0)
		goto bad;
	if (a->which == 1 && applicant_type_parse(v, &t) < 0)
		goto bad;
	return 0;
bad:
	if (a->e)
		yerr_set(a->e, YERR_INPUT, _("unknown %s '%s' in condition '%s'"), a->field, v,
			 a->clause);
	return -1;
}

/* kind and applicant values are known here; circumstances are form.csv's
 * choices, checked by the loader. */
static int check_values(const char *clause, int which, const char *vals, struct yerr *e)
{
	struct values_arg a = { clause, fact_names[which], which, e };
	return list_each(vals, "|", check_value, &a);
}

static int one_clause(const char *cl, void *arg)
{
	struct cond_arg *a = arg;
	const char *op = strchr(cl, '=');
	int neg = op && op > cl && op[-1] == '!';
	size_t n = op ? (size_t)(op - cl) - (neg ? 1 : 0) : 0;
	int which = -1;
	for (size_t i = 0; op && i < ARRAY_SIZE(fact_names); i++)
		if (strlen(fact_names[i]) == n && !strncmp(cl, fact_names[i], n))
			which = (int)i;
	if (which < 0 || !op[1]) {
		if (a->e)
			yerr_set(a->e, YERR_INPUT,
				 _("bad condition '%s' (kind, applicant or circumstance, = or !=, "
				   "values separated by |)"),
				 cl);
		return -1;
	}
	if (!a->f)
		return check_values(cl, which, op + 1, a->e);
	const char *v = fact_value(a->f, which);
	int in = v && in_list(op + 1, "|", v);
	if (!v || (neg ? in : !in))
		a->holds = 0;
	return 0;
}

int catalog_condition_check(const char *cond, struct yerr *e)
{
	struct cond_arg a = { NULL, e, 1 };
	return list_each(cond, ";", one_clause, &a) ? -1 : 0;
}

int catalog_condition_holds(const char *cond, const struct case_facts *f)
{
	struct cond_arg a = { f, NULL, 1 };
	if (list_each(cond, ";", one_clause, &a))
		return 0;
	return a.holds;
}

/* ---- earlier decisions ---- */

void prior_finish(const struct catalog *c, struct prior *p)
{
	p->decided = 0;
	for (int i = 0; i < p->n; i++)
		if (p->d[i].followed && p->d[i].item >= 0 && p->d[i].item < c->nitems &&
		    catalog_outcome_positive(c, p->d[i].item, p->d[i].outcome))
			p->decided |= bit(p->d[i].item);
}

static const char *kind_word(int k)
{
	return k == KIND_DEATH ? _("death") : _("injury");
}

/* "RD 认定工伤/视同工伤, in a death case" — what cond asks for. */
static void describe_cond(const struct catalog *c, const struct prereq_cond *pc, char *out,
			  size_t n)
{
	const struct item *p = &c->items[pc->item];
	size_t l = (size_t)snprintf(out, n, "%s", p->code);
	for (int k = 0, first = 1; k < p->noutcomes && l < n; k++)
		if (pc->outcomes ? (pc->outcomes & (1u << k)) != 0 : p->outcomes[k].positive) {
			l += (size_t)snprintf(out + l, n - l, "%s%s", first ? " " : "/",
					      p->outcomes[k].label);
			first = 0;
		}
	if (pc->grade_lo && l < n)
		l += (size_t)snprintf(out + l, n - l, _(", grade %d-%d"), pc->grade_lo,
				      pc->grade_hi);
	if (pc->kind && l < n)
		snprintf(out + l, n - l, _(", in a %s case"), kind_word(pc->kind));
}

/* The latest decision of item in the followed cases, or NULL. */
static const struct prior_decision *latest(const struct prior *p, int item)
{
	const struct prior_decision *best = NULL;
	for (int i = 0; p && i < p->n; i++)
		if (p->d[i].followed && p->d[i].item == item &&
		    (!best || strcmp(p->d[i].on, best->on) >= 0))
			best = &p->d[i];
	return best;
}

static int prereq_refusal(const struct catalog *c, int i, itemset ticked, const struct prior *p,
			  const struct prereq_cond *pc, char *why, size_t n)
{
	const struct item *it = &c->items[i], *q = &c->items[pc->item];
	if (ticked & bit(pc->item))
		return 0; /* decided in this case: the task waits for it */
	const struct prior_decision *d = latest(p, pc->item);
	char need[256];
	describe_cond(c, pc, need, sizeof need);
	if (!d) {
		if (p && p->follows_no[0])
			snprintf(why, n, _("%s needs %s: case %s has no decision of %s; tick %s %s "
					   "too"),
				 it->code, need, p->follows_no, q->code, q->code, q->name);
		else
			snprintf(why, n, _("%s %s must be ticked too (%s needs %s; to rely on an "
					   "earlier decision, name its case with --follows)"),
				 q->code, q->name, it->code, need);
		return 1;
	}
	if (catalog_prereq_satisfied(c, pc, d->outcome, d->grade, d->kind))
		return 0;
	const struct item_outcome *o = catalog_outcome(c, pc->item, d->outcome);
	char got[160];
	if (d->grade)
		snprintf(got, sizeof got, _("%s (grade %d) in a %s case"), o ? o->label : d->outcome,
			 d->grade, kind_word(d->kind));
	else
		snprintf(got, sizeof got, _("%s in a %s case"), o ? o->label : d->outcome,
			 kind_word(d->kind));
	snprintf(why, n, _("%s needs %s: case %s decided %s on %s"), it->code, need, d->case_no,
		 got, d->on);
	return 1;
}

static int once_refusal(const struct catalog *c, int i, const struct prior *p, char *why,
			size_t n)
{
	if (!c->items[i].once || !p)
		return 0;
	for (int k = 0; k < p->n; k++) {
		const struct prior_decision *d = &p->d[k];
		if (d->item != i || !catalog_outcome_positive(c, i, d->outcome))
			continue;
		snprintf(why, n, _("%s %s is paid once per accident: it was already approved in "
				   "case %s on %s"),
			 c->items[i].code, c->items[i].name, d->case_no, d->on);
		return 1;
	}
	return 0;
}

int rule_item_refusals(const struct catalog *c, itemset ticked, const struct case_facts *f,
		       const struct prior *p, void (*fn)(const char *why, void *arg), void *arg)
{
	char why[512];
	int n = 0, kind = f ? f->kind : 0;
	for (int i = 0; i < c->nitems; i++) {
		if (!(ticked & bit(i)))
			continue;
		const struct item *it = &c->items[i];
		if (!rule_item_allowed(c, i, kind, why, sizeof why)) {
			fn(why, arg), n++;
			continue;
		}
		if (f && f->circumstance && *f->circumstance &&
		    !catalog_item_circumstance_ok(c, i, f->circumstance)) {
			snprintf(why, sizeof why, _("%s %s is not for the circumstance '%s' (only %s)"),
				 it->code, it->name, f->circumstance, it->circumstances);
			fn(why, arg), n++;
			continue;
		}
		for (int k = 0; k < it->nconds; k++)
			if (prereq_refusal(c, i, ticked, p, &it->conds[k], why, sizeof why))
				fn(why, arg), n++;
		if (once_refusal(c, i, p, why, sizeof why))
			fn(why, arg), n++;
	}
	return n;
}

/* ---- pushes to other services (outcomes.csv push) ---- */

int catalog_push_targets(const char *spec, int grade, char why[64])
{
	static const struct { const char *name; int bit; } names[] = {
		{ "insurer", PUSH_INSURER }, { "employment", PUSH_EMPLOYMENT },
		{ "unemployment", PUSH_UNEMPLOYMENT },
	};
	int t = 0;
	const char *p = spec ? spec : "";
	while (*p) {
		size_t n = strcspn(p, ";");
		char one[64];
		snprintf(one, sizeof one, "%.*s", (int)(n < sizeof one ? n : sizeof one - 1), p);
		p += n + (p[n] == ';');
		char *colon = strchr(one, ':');
		int lo = 0, hi = 0, bit = 0;
		if (colon) {
			*colon = '\0';
			char tail;
			if (sscanf(colon + 1, "%d-%d%c", &lo, &hi, &tail) != 2 || lo < 1 || hi > 10 ||
			    lo > hi) {
				*colon = ':';
				snprintf(why, 64, "%s", one);
				return -1;
			}
		}
		for (size_t i = 0; i < ARRAY_SIZE(names); i++)
			if (!strcmp(one, names[i].name))
				bit = names[i].bit;
		if (!bit) {
			snprintf(why, 64, "%s", one);
			return -1;
		}
		if (!colon || (grade >= lo && grade <= hi))
			t |= bit;
	}
	return t;
}
