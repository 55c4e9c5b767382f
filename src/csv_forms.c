/* csv_forms.c — loads the catalog from the forms/ folder: one table-driven
 * reader per file, every field validated, the first error reported as
 * "forms/items.csv:7: unknown category 'amdin'", then the cross-file checks
 * of catalog_check and a SHA-256 version over the files.  Layer: csv.
 * Why one file of over 800 lines: one table-driven reader per forms/ file
 * (ten of them), each a short section (marked ----) over the shared row
 * machinery at the top.
 */
#include "csv_forms.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core_benefit.h"
#include "core_task.h"
#include "csv_read.h"
#include "i18n.h"

#define MAX_COLS 24

struct load;
typedef int (*row_fn)(struct load *L, long line, char **f);
typedef int (*finish_fn)(struct load *L);

struct file_def {
	const char *name;
	const char *const *cols;
	int ncols;
	row_fn row;
	finish_fn finish;       /* after the last row; may be NULL */
	int optional;           /* an absent file is fine */
	int unversioned;        /* not part of the catalog's version digest */
};

struct load {
	const struct file_def *def;
	const char *path;       /* dir/name, used in messages */
	struct catalog *c;
	struct yerr *e;
	int idx[MAX_COLS];      /* column of each def->cols[i] in the file */
	int nhdr;               /* fields in the header row, 0 before it */
	long nrows;
	struct pending *pend;   /* items.csv cells resolved once every file is read */
};

/* The cells of items.csv that name other files' rows. */
struct pending {
	char *prereq[MAX_ITEMS];
	long line[MAX_ITEMS];
	char *items_path;
};

/* ---- messages and field checks ------------------------------------------ */

static int bad(struct load *L, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sets "path:line: message" and returns -1. */
static int bad(struct load *L, long line, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return yerr_set(L->e, YERR_INPUT, "%s:%ld: %s", L->path, line, msg);
}

static int parse_i64(struct load *L, long line, const char *col, const char *s, int64_t lo,
		     int64_t hi, int64_t *out)
{
	char *end;
	if (!*s || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return bad(L, line, _("bad %s '%s' (expected a whole number)"), col, s);
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*end || errno == ERANGE)
		return bad(L, line, _("bad %s '%s' (expected a whole number)"), col, s);
	if (v < lo || v > hi)
		return bad(L, line, _("%s %lld is out of range (%lld..%lld)"), col, v,
			   (long long)lo, (long long)hi);
	*out = v;
	return 0;
}

static int parse_int(struct load *L, long line, const char *col, const char *s, int lo, int hi,
		     int *out)
{
	int64_t v;
	if (parse_i64(L, line, col, s, lo, hi, &v) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse_yesno(struct load *L, long line, const char *col, const char *s, int *out)
{
	if (strcmp(s, "yes") == 0)
		*out = 1;
	else if (strcmp(s, "no") == 0)
		*out = 0;
	else
		return bad(L, line, _("bad %s '%s' (yes or no)"), col, s);
	return 0;
}

static int need_text(struct load *L, long line, const char *col, const char *s)
{
	if (!*s)
		return bad(L, line, _("empty %s"), col);
	return 0;
}

/* Item and material codes: 1 to 7 ASCII letters or digits. */
static int check_code(struct load *L, long line, const char *col, const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
	if (n == 0 || n > 7 || s[n])
		return bad(L, line, _("bad %s '%s' (1 to 7 letters or digits)"), col, s);
	return 0;
}

/* Keys: lower-case ASCII, digits, '_' (and '.' when dots is set). */
static int check_key(struct load *L, long line, const char *s, int dots)
{
	const char *ok = dots ? "abcdefghijklmnopqrstuvwxyz0123456789_."
			      : "abcdefghijklmnopqrstuvwxyz0123456789_";
	size_t n = strspn(s, ok);
	if (n == 0 || s[n])
		return bad(L, line, _("bad key '%s'"), s);
	return 0;
}

/* ---- items.csv ---------------------------------------------------------- */

static const char *const item_cols[] = {
	"seq", "code", "name", "category", "kinds", "circumstances", "prereqs", "prereq_note",
	"limit_rule", "promised_days", "basis", "once", "sms_accept", "sms_start",
	"sms_decide", "delivery", "suspend", "extend", "simple", "reappraise", "accepts",
	"review_rule", "formula",
};
enum { IC_SEQ, IC_CODE, IC_NAME, IC_CAT, IC_KINDS, IC_CIRC, IC_PREREQS, IC_NOTE, IC_LIMIT,
       IC_PROMISED, IC_BASIS, IC_ONCE, IC_SMS_ACCEPT, IC_SMS_START, IC_SMS_DECIDE,
       IC_DELIVERY, IC_SUSPEND, IC_EXTEND, IC_SIMPLE, IC_REAPPRAISE, IC_ACCEPTS, IC_REVIEW,
       IC_FORMULA };

struct kinds_arg {
	struct load *L;
	long line;
	int kinds;
};

/* The message is made here: t lives only as long as this call. */
static int add_kind(const char *t, void *arg)
{
	struct kinds_arg *k = arg;
	int one;
	if (kind_parse(t, &one) < 0)
		return bad(k->L, k->line, _("unknown kind '%s'"), t);
	k->kinds |= one;
	return 0;
}

static int parse_kinds(struct load *L, long line, const char *s, int *out)
{
	struct kinds_arg k = { L, line, 0 };
	if (list_each(s, ";", add_kind, &k))
		return -1;
	int kinds = k.kinds;
	if (!kinds)
		return bad(L, line, _("empty %s"), "kinds");
	*out = kinds;
	return 0;
}

/* A key cell (rule or template key, or a ';' list of keys), "" allowed. */
static int key_cell(struct load *L, long line, const char *col, const char *s, char *out,
		    size_t n, int list)
{
	const char *ok = list ? "abcdefghijklmnopqrstuvwxyz0123456789_;"
			      : "abcdefghijklmnopqrstuvwxyz0123456789_";
	if (strspn(s, ok) != strlen(s) || strlen(s) >= n)
		return bad(L, line, _("bad %s '%s'"), col, s);
	snprintf(out, n, "%s", s);
	return 0;
}

static int item_keys(struct load *L, long line, char **f, struct item *it)
{
	if (key_cell(L, line, "circumstances", f[IC_CIRC], it->circumstances,
		     sizeof it->circumstances, 1) < 0 ||
	    key_cell(L, line, "limit_rule", f[IC_LIMIT], it->limit_rule, sizeof it->limit_rule,
		     0) < 0 ||
	    need_text(L, line, "limit_rule", f[IC_LIMIT]) < 0 ||
	    parse_int(L, line, "promised_days", f[IC_PROMISED], 1, 3650, &it->promised_days) < 0 ||
	    parse_yesno(L, line, "once", f[IC_ONCE], &it->once) < 0 ||
	    key_cell(L, line, "sms_accept", f[IC_SMS_ACCEPT], it->sms_accept,
		     sizeof it->sms_accept, 0) < 0 ||
	    key_cell(L, line, "sms_start", f[IC_SMS_START], it->sms_start, sizeof it->sms_start,
		     0) < 0 ||
	    key_cell(L, line, "sms_decide", f[IC_SMS_DECIDE], it->sms_decide,
		     sizeof it->sms_decide, 0) < 0 ||
	    key_cell(L, line, "delivery", f[IC_DELIVERY], it->delivery, sizeof it->delivery,
		     0) < 0 ||
	    key_cell(L, line, "suspend", f[IC_SUSPEND], it->suspend, sizeof it->suspend, 1) < 0 ||
	    key_cell(L, line, "extend", f[IC_EXTEND], it->extend, sizeof it->extend, 0) < 0 ||
	    key_cell(L, line, "simple", f[IC_SIMPLE], it->simple, sizeof it->simple, 0) < 0 ||
	    key_cell(L, line, "reappraise", f[IC_REAPPRAISE], it->reappraise,
		     sizeof it->reappraise, 0) < 0 ||
	    key_cell(L, line, "review_rule", f[IC_REVIEW], it->review_rule,
		     sizeof it->review_rule, 0) < 0 ||
	    key_cell(L, line, "formula", f[IC_FORMULA], it->formula, sizeof it->formula, 0) < 0)
		return -1;
	if (*it->formula && !benefit_formula_known(it->formula))
		return bad(L, line, _("formula '%s' is not one yici computes (%s)"), it->formula,
			   benefit_formula_names());
	/* who accepts (160号 四(二)): the window on the office's behalf, or the
	 * office itself within its review limit (工伤认定办法 §8) */
	if (!strcmp(f[IC_ACCEPTS], "office"))
		it->office_accepts = 1;
	else if (strcmp(f[IC_ACCEPTS], "window") != 0)
		return bad(L, line, _("accepts is 'window' or 'office', not '%s'"), f[IC_ACCEPTS]);
	if (it->office_accepts && !*it->review_rule)
		return bad(L, line, _("an item the office accepts needs its review_rule"));
	if (!it->office_accepts && *it->review_rule)
		return bad(L, line, _("review_rule '%s' is only for an item the office accepts"),
			   it->review_rule);
	return 0;
}

static int item_row(struct load *L, long line, char **f)
{
	struct catalog *c = L->c;
	struct item it = { 0 };
	if (c->nitems == MAX_ITEMS)
		return bad(L, line, _("more than %d items"), MAX_ITEMS);
	if (parse_int(L, line, "seq", f[IC_SEQ], 1, MAX_ITEMS, &it.seq) < 0)
		return -1;
	if (it.seq != c->nitems + 1)
		return bad(L, line, _("seq %d should be %d"), it.seq, c->nitems + 1);
	if (check_code(L, line, "code", f[IC_CODE]) < 0)
		return -1;
	if (catalog_item_index(c, f[IC_CODE]) >= 0)
		return bad(L, line, _("duplicate item code '%s'"), f[IC_CODE]);
	if (need_text(L, line, "name", f[IC_NAME]) < 0)
		return -1;
	if (category_parse(f[IC_CAT], &it.cat) < 0)
		return bad(L, line, _("unknown category '%s'"), f[IC_CAT]);
	if (parse_kinds(L, line, f[IC_KINDS], &it.kinds) < 0 || item_keys(L, line, f, &it) < 0)
		return -1;
	if (need_text(L, line, "basis", f[IC_BASIS]) < 0)
		return -1;
	snprintf(it.code, sizeof it.code, "%s", f[IC_CODE]);
	it.name = xstrdup(f[IC_NAME]);
	it.prereq_note = xstrdup(f[IC_NOTE]);
	it.basis = xstrdup(f[IC_BASIS]);
	L->pend->prereq[c->nitems] = xstrdup(f[IC_PREREQS]);
	L->pend->line[c->nitems] = line;
	c->items[c->nitems++] = it;
	return 0;
}

static int item_finish(struct load *L)
{
	if (L->c->nitems == 0) /* else item_materials.csv would be blamed */
		return yerr_set(L->e, YERR_INPUT, _("%s: no items"), L->path);
	L->pend->items_path = xstrdup(L->path);
	return 0;
}

/* ---- outcomes.csv ------------------------------------------------------- */

static const char *const outcome_cols[] = {
	"item", "outcome", "label", "positive", "needs_document", "needs_reason",
	"needs_grade", "needs_amount", "sms", "push",
};

static int outcome_row(struct load *L, long line, char **f)
{
	int i = catalog_item_index(L->c, f[0]);
	if (i < 0)
		return bad(L, line, _("unknown item '%s' in %s"), f[0], "item");
	struct item *it = &L->c->items[i];
	struct item_outcome o = { 0 };
	if (check_key(L, line, f[1], 0) < 0)
		return -1;
	if (strlen(f[1]) >= sizeof o.code)
		return bad(L, line, _("bad %s '%s'"), "outcome", f[1]);
	if (catalog_outcome_index(L->c, i, f[1]) >= 0)
		return bad(L, line, _("duplicate outcome %s,%s"), f[0], f[1]);
	if (it->noutcomes == MAX_OUTCOMES)
		return bad(L, line, _("more than %d outcomes for item '%s'"), MAX_OUTCOMES, f[0]);
	if (need_text(L, line, "label", f[2]) < 0)
		return -1;
	if (strlen(f[2]) >= sizeof o.label)
		return bad(L, line, _("%s is longer than %d bytes"), "label", (int)sizeof o.label - 1);
	if (parse_yesno(L, line, "positive", f[3], &o.positive) < 0 ||
	    parse_yesno(L, line, "needs_document", f[4], &o.needs_document) < 0 ||
	    parse_yesno(L, line, "needs_reason", f[5], &o.needs_reason) < 0 ||
	    parse_yesno(L, line, "needs_grade", f[6], &o.needs_grade) < 0 ||
	    parse_yesno(L, line, "needs_amount", f[7], &o.needs_amount) < 0 ||
	    key_cell(L, line, "sms", f[8], o.sms, sizeof o.sms, 0) < 0)
		return -1;
	char why[64];
	if (strlen(f[9]) >= sizeof o.push || catalog_push_targets(f[9], 0, why) < 0)
		return bad(L, line, _("push '%s': '%s' is not insurer, employment or unemployment "
				      "with an optional grade range like employment:5-10"),
			   f[9], strlen(f[9]) >= sizeof o.push ? f[9] : why);
	snprintf(o.push, sizeof o.push, "%s", f[9]);
	snprintf(o.code, sizeof o.code, "%s", f[1]);
	snprintf(o.label, sizeof o.label, "%s", f[2]);
	it->outcomes[it->noutcomes++] = o;
	return 0;
}

/* Every item has outcomes, one of them positive; then prerequisites,
 * which may name later rows and their outcomes, are resolved. */
static int outcome_finish(struct load *L)
{
	struct catalog *c = L->c;
	for (int i = 0; i < c->nitems; i++) {
		int pos = 0;
		for (int k = 0; k < c->items[i].noutcomes; k++)
			pos |= c->items[i].outcomes[k].positive;
		if (!pos)
			return yerr_set(L->e, YERR_INPUT,
					_("%s: item '%s' has no positive outcome"), L->path,
					c->items[i].code);
	}
	for (int i = 0; i < c->nitems; i++)
		if (catalog_parse_prereqs(c, i, L->pend->prereq[i], L->e) < 0) {
			yerr_prefix(L->e, "%s:%ld", L->pend->items_path, L->pend->line[i]);
			return -1;
		}
	return 0;
}

/* ---- materials.csv ------------------------------------------------------ */

static const char *const material_cols[] = { "code", "name", "note" };

static int material_row(struct load *L, long line, char **f)
{
	struct catalog *c = L->c;
	if (check_code(L, line, "code", f[0]) < 0)
		return -1;
	if (catalog_material_index(c, f[0]) >= 0)
		return bad(L, line, _("duplicate material code '%s'"), f[0]);
	if (c->nmaterials == MAX_MATERIALS)
		return bad(L, line, _("more than %d materials"), MAX_MATERIALS);
	if (need_text(L, line, "name", f[1]) < 0)
		return -1;
	c->materials = xrealloc(c->materials, (size_t)(c->nmaterials + 1) * sizeof *c->materials);
	struct material *m = &c->materials[c->nmaterials++];
	snprintf(m->code, sizeof m->code, "%s", f[0]);
	m->name = xstrdup(f[1]);
	m->note = xstrdup(f[2]);
	return 0;
}

/* ---- item_materials.csv ------------------------------------------------- */

static const char *const link_cols[] = {
	"item", "material", "required", "commitment_ok", "produced_by", "condition",
};

static int link_item(struct load *L, long line, const char *col, const char *s, int *out)
{
	*out = catalog_item_index(L->c, s);
	if (*out < 0)
		return bad(L, line, _("unknown item '%s' in %s"), s, col);
	return 0;
}

static int link_row(struct load *L, long line, char **f)
{
	struct catalog *c = L->c;
	struct item_material l = { .produced_by = -1 };
	if (link_item(L, line, "item", f[0], &l.item) < 0)
		return -1;
	l.material = catalog_material_index(c, f[1]);
	if (l.material < 0)
		return bad(L, line, _("unknown material '%s'"), f[1]);
	for (int i = 0; i < c->nlinks; i++)
		if (c->links[i].item == l.item && c->links[i].material == l.material)
			return bad(L, line, _("duplicate link %s,%s"), f[0], f[1]);
	if (parse_yesno(L, line, "required", f[2], &l.required) < 0 ||
	    parse_yesno(L, line, "commitment_ok", f[3], &l.commitment_ok) < 0)
		return -1;
	if (*f[4] && link_item(L, line, "produced_by", f[4], &l.produced_by) < 0)
		return -1;
	if (l.produced_by == l.item)
		return bad(L, line, _("item '%s' cannot produce its own material '%s'"), f[0],
			   f[1]);
	if (strlen(f[5]) >= sizeof l.condition)
		return bad(L, line, _("%s is longer than %d bytes"), "condition",
			   (int)sizeof l.condition - 1);
	if (catalog_condition_check(f[5], L->e) < 0) {
		yerr_prefix(L->e, "%s:%ld", L->path, line);
		return -1;
	}
	snprintf(l.condition, sizeof l.condition, "%s", f[5]);
	c->links = xrealloc(c->links, (size_t)(c->nlinks + 1) * sizeof *c->links);
	c->links[c->nlinks++] = l;
	return 0;
}

/* ---- rules.csv ---------------------------------------------------------- */

static const char *const rule_cols[] = { "key", "name", "amount", "unit", "day_kind", "basis" };

/* Rules the code looks up by key (each one is read where it applies:
 * grep the key in src/).  A forms folder without them is refused; a row
 * that neither these nor an item (limit_rule, delivery, extend, simple,
 * reappraise) names is
 * read by nothing and refused too: one source of truth per limit. */
static const char *const code_rules[] = {
	"supplement_deadline",    /* db_application.c: the 补正 deadline */
	"apply_employer",         /* core_catalog.c: 条例 §17 window */
	"apply_worker",           /* core_catalog.c: 条例 §17 window */
	"reconsideration",        /* db_application.c: 不予受理 remedies */
	"litigation",             /* db_application.c: 不予受理 remedies */
	"eval_followup",          /* db_evaluation.c: follow-up of a poor rating */
	"recovery",               /* db_commitment.c: the order to return a payment */
	"warn_yellow",            /* db_queue.c: the yellow threshold */
};
/* Read when present (the code has a default). */
static const char *const optional_rules[] = {
	"verify_commitment",      /* db_commitment.c: 告知承诺 verification */
};

static int parse_unit(const char *s, enum rule_unit *u)
{
	if (strcmp(s, "day") == 0)
		*u = UNIT_DAY;
	else if (strcmp(s, "month") == 0)
		*u = UNIT_MONTH;
	else if (strcmp(s, "year") == 0)
		*u = UNIT_YEAR;
	else
		return -1;
	return 0;
}

static int rule_row(struct load *L, long line, char **f)
{
	struct catalog *c = L->c;
	struct rule r = { 0 };
	if (check_key(L, line, f[0], 0) < 0)
		return -1;
	if (catalog_rule(c, f[0]))
		return bad(L, line, _("duplicate rule '%s'"), f[0]);
	if (need_text(L, line, "name", f[1]) < 0 ||
	    parse_int(L, line, "amount", f[2], 0, 100000, &r.amount) < 0)
		return -1;
	if (parse_unit(f[3], &r.unit) < 0)
		return bad(L, line, _("unknown unit '%s' (day, month or year)"), f[3]);
	if (day_kind_parse(f[4], &r.day_kind) < 0)
		return bad(L, line, _("unknown day kind '%s' (calendar or working)"), f[4]);
	r.key = xstrdup(f[0]);
	r.name = xstrdup(f[1]);
	r.basis = xstrdup(f[5]);
	c->rules = xrealloc(c->rules, (size_t)(c->nrules + 1) * sizeof *c->rules);
	c->rules[c->nrules++] = r;
	return 0;
}

static int named_by_code(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(code_rules); i++)
		if (!strcmp(key, code_rules[i]))
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(optional_rules); i++)
		if (!strcmp(key, optional_rules[i]))
			return 1;
	return 0;
}

static int named_by_item(const struct catalog *c, const char *key)
{
	for (int i = 0; i < c->nitems; i++)
		if (!strcmp(key, c->items[i].limit_rule) || !strcmp(key, c->items[i].delivery) ||
		    !strcmp(key, c->items[i].extend) || !strcmp(key, c->items[i].simple) ||
		    !strcmp(key, c->items[i].reappraise) || !strcmp(key, c->items[i].review_rule))
			return 1;
	return 0;
}

/* A rule an item names: it must exist and count days. */
static const struct rule *item_rule(struct load *L, int i, const char *col, const char *key)
{
	const struct rule *r = catalog_rule(L->c, key);
	if (!r)
		yerr_set(L->e, YERR_INPUT, _("%s:%ld: %s '%s' is not a rule of rules.csv"),
			 L->pend->items_path, L->pend->line[i], col, key);
	else if (r->unit != UNIT_DAY)
		yerr_set(L->e, YERR_INPUT, _("%s:%ld: %s '%s' must count days, not months or years"),
			 L->pend->items_path, L->pend->line[i], col, key);
	else
		return r;
	return NULL;
}

static int item_rules(struct load *L)
{
	struct catalog *c = L->c;
	for (int i = 0; i < c->nitems; i++) {
		struct item *it = &c->items[i];
		const struct rule *r = item_rule(L, i, "limit_rule", it->limit_rule);
		if (!r || (*it->delivery && !item_rule(L, i, "delivery", it->delivery)) ||
		    (*it->extend && !item_rule(L, i, "extend", it->extend)) ||
		    (*it->simple && !item_rule(L, i, "simple", it->simple)) ||
		    (*it->reappraise && !item_rule(L, i, "reappraise", it->reappraise)))
			return -1;
		if (*it->review_rule) {
			const struct rule *rv = item_rule(L, i, "review_rule", it->review_rule);
			if (!rv)
				return -1;
			if (rv->amount < 1)
				return yerr_set(L->e, YERR_INPUT, _("%s:%ld: review_rule '%s' is 0 days"),
						L->pend->items_path, L->pend->line[i], it->review_rule);
			it->review_days = rv->amount;
			it->review_day_kind = rv->day_kind;
		}
		it->limit_days = r->amount;
		it->day_kind = r->day_kind;
		if (it->limit_days < 1)
			return yerr_set(L->e, YERR_INPUT, _("%s:%ld: limit_rule '%s' is 0 days"),
					L->pend->items_path, L->pend->line[i], it->limit_rule);
		if (it->promised_days > it->limit_days)
			return yerr_set(L->e, YERR_INPUT,
					_("%s:%ld: promised_days %d exceeds limit_days %d (%s)"),
					L->pend->items_path, L->pend->line[i], it->promised_days,
					it->limit_days, it->limit_rule);
	}
	return 0;
}

static int rule_finish(struct load *L)
{
	for (size_t i = 0; i < ARRAY_SIZE(code_rules); i++)
		if (!catalog_rule(L->c, code_rules[i]))
			return yerr_set(L->e, YERR_INPUT, _("%s: missing rule '%s'"), L->path,
					code_rules[i]);
	if (item_rules(L) < 0)
		return -1;
	for (int i = 0; i < L->c->nrules; i++) {
		const char *key = L->c->rules[i].key;
		if (!named_by_code(key) && !named_by_item(L->c, key))
			return yerr_set(L->e, YERR_INPUT,
					_("%s: rule '%s' is read by nothing (no item names it and "
					  "the code does not look it up): remove the row or name it "
					  "in items.csv"),
					L->path, key);
	}
	return 0;
}

/* ---- holidays.csv ------------------------------------------------------- */

static const char *const holiday_cols[] = { "date", "type", "name" };

static int holiday_row(struct load *L, long line, char **f)
{
	yday d;
	enum holiday_type t;
	if (date_parse(f[0], &d, L->e) < 0) {
		yerr_prefix(L->e, "%s:%ld", L->path, line);
		return -1;
	}
	if (holiday_type_parse(f[1], &t) < 0)
		return bad(L, line, _("unknown holiday type '%s' (off, work or statutory)"), f[1]);
	if (need_text(L, line, "name", f[2]) < 0)
		return -1;
	if (calendar_add(&L->c->cal, d, t, f[2], L->e) < 0) {
		yerr_prefix(L->e, "%s:%ld", L->path, line);
		return -1;
	}
	return 0;
}

static int holiday_finish(struct load *L)
{
	calendar_finish(&L->c->cal);
	return 0;
}

/* ---- rates.csv ---------------------------------------------------------- */

static const char *const rate_cols[] = { "key", "n", "value", "unit", "note" };

/* Rates the benefit code needs: every n in lo..hi (lo < 0: any one row). */
static const struct {
	const char *key;
	int lo, hi;
} required_rates[] = {
	{ "disability_lump_months", 1, 10 }, { "disability_allowance_pct", 1, 6 },
	{ "care_pct", 1, 3 }, { "funeral_months", 0, 0 }, { "dependant_spouse_pct", 0, 0 },
	{ "dependant_other_pct", 0, 0 }, { "dependant_lonely_extra_pct", 0, 0 },
	{ "death_lump_multiplier", 0, 0 }, { "advance_pct", 0, 0 },
	{ "national_urban_income", -1, -1 }, { "wage_floor_pct", 0, 0 },
	{ "wage_cap_pct", 0, 0 }, { "regional_avg_wage_month", 0, 0 },
	{ "medical_lump_months", 5, 10 }, { "employment_lump_months", 5, 10 },
};

static int rate_row(struct load *L, long line, char **f)
{
	struct catalog *c = L->c;
	struct rate r = { 0 };
	int64_t dummy;
	if (check_key(L, line, f[0], 0) < 0 ||
	    parse_int(L, line, "n", f[1], 0, 9999, &r.grade) < 0)
		return -1;
	if (catalog_rate(c, f[0], r.grade, &dummy) == 0)
		return bad(L, line, _("duplicate rate '%s' n=%d"), f[0], r.grade);
	if (parse_i64(L, line, "value", f[2], 0, INT64_C(1000000000000), &r.value) < 0 ||
	    need_text(L, line, "unit", f[3]) < 0)
		return -1;
	r.key = xstrdup(f[0]);
	r.unit = xstrdup(f[3]);
	r.note = xstrdup(f[4]);
	c->rates = xrealloc(c->rates, (size_t)(c->nrates + 1) * sizeof *c->rates);
	c->rates[c->nrates++] = r;
	return 0;
}

static int rate_present(const struct catalog *c, const char *key)
{
	for (int i = 0; i < c->nrates; i++)
		if (strcmp(c->rates[i].key, key) == 0)
			return 1;
	return 0;
}

static int rate_finish(struct load *L)
{
	int64_t v;
	for (size_t i = 0; i < ARRAY_SIZE(required_rates); i++) {
		const char *key = required_rates[i].key;
		if (required_rates[i].lo < 0 && !rate_present(L->c, key))
			return yerr_set(L->e, YERR_INPUT, _("%s: missing rate '%s'"), L->path,
					key);
		for (int n = required_rates[i].lo; n >= 0 && n <= required_rates[i].hi; n++)
			if (catalog_rate(L->c, key, n, &v) < 0)
				return yerr_set(L->e, YERR_INPUT, _("%s: missing rate '%s' n=%d"),
						L->path, key, n);
	}
	return 0;
}

/* ---- form.csv ----------------------------------------------------------- */

static const char *const field_cols[] = {
	"seq", "section", "key", "label", "type", "required", "max_len",
};

static const char *const sections[] = {
	"applicant", "worker", "employer", "accident", "items", "delivery",
};

static const char *const plain_types[] = {
	"text", "id_number", "credit_code", "phone", "date", "time", "datetime",
	"bool", "longtext",
};

/* "choice:a|b|c": one or more non-empty lower-case options. */
static int choice_valid(const char *opts)
{
	const char *ok = "abcdefghijklmnopqrstuvwxyz0123456789_";
	for (;;) {
		size_t n = strspn(opts, ok);
		if (n == 0)
			return 0;
		opts += n;
		if (*opts == '\0')
			return 1;
		if (*opts++ != '|')
			return 0;
	}
}

static int type_valid(const char *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(plain_types); i++)
		if (strcmp(t, plain_types[i]) == 0)
			return 1;
	return strncmp(t, "choice:", 7) == 0 && choice_valid(t + 7);
}

static int field_section(struct load *L, long line, char **f)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(sections); i++)
		if (strcmp(f[1], sections[i]) == 0)
			break;
	if (i == ARRAY_SIZE(sections))
		return bad(L, line, _("unknown section '%s'"), f[1]);
	if (check_key(L, line, f[2], 1) < 0)
		return -1;
	size_t n = strlen(f[1]);
	if (strncmp(f[2], f[1], n) != 0 || f[2][n] != '.' || !f[2][n + 1])
		return bad(L, line, _("key '%s' is not in section '%s'"), f[2], f[1]);
	for (int k = 0; k < L->c->nfields; k++)
		if (strcmp(L->c->fields[k].key, f[2]) == 0)
			return bad(L, line, _("duplicate field '%s'"), f[2]);
	return 0;
}

static int field_row(struct load *L, long line, char **f)
{
	struct catalog *c = L->c;
	struct form_field ff = { 0 };
	int seq;
	if (parse_int(L, line, "seq", f[0], 1, 100000, &seq) < 0)
		return -1;
	if (seq != c->nfields + 1)
		return bad(L, line, _("seq %d should be %d"), seq, c->nfields + 1);
	if (field_section(L, line, f) < 0 || need_text(L, line, "label", f[3]) < 0)
		return -1;
	if (!type_valid(f[4]))
		return bad(L, line, _("unknown field type '%s'"), f[4]);
	if (parse_yesno(L, line, "required", f[5], &ff.required) < 0 ||
	    parse_int(L, line, "max_len", f[6], 1, 100000, &ff.max_len) < 0)
		return -1;
	ff.section = xstrdup(f[1]);
	ff.key = xstrdup(f[2]);
	ff.label = xstrdup(f[3]);
	ff.type = xstrdup(f[4]);
	c->fields = xrealloc(c->fields, (size_t)(c->nfields + 1) * sizeof *c->fields);
	c->fields[c->nfields++] = ff;
	return 0;
}

/* ---- templates.csv ------------------------------------------------------ */

static const char *const template_cols[] = { "key", "text" };

/* Placeholders are {name} with name in [a-z0-9_]; an SMS never carries a
 * full ID number. */
static int check_placeholders(struct load *L, long line, const char *key, const char *s)
{
	const char *ok = "abcdefghijklmnopqrstuvwxyz0123456789_";
	for (const char *p = strchr(s, '{'); p; p = strchr(p, '{')) {
		size_t n = strspn(p + 1, ok);
		if (n == 0 || p[1 + n] != '}')
			return bad(L, line, _("bad placeholder in template '%s'"), key);
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)n, p + 1);
		if (strstr(name, "id_number") || strstr(name, "id_no") ||
		    strstr(name, "citizen_id"))
			return bad(L, line, _("template '%s' must not show a full ID number: {%s}"),
				   key, name);
		p += n + 2;
	}
	return 0;
}

static int template_row(struct load *L, long line, char **f)
{
	struct catalog *c = L->c;
	if (check_key(L, line, f[0], 0) < 0)
		return -1;
	if (catalog_template(c, f[0]))
		return bad(L, line, _("duplicate template '%s'"), f[0]);
	if (need_text(L, line, "text", f[1]) < 0 || check_placeholders(L, line, f[0], f[1]) < 0)
		return -1;
	c->templates = xrealloc(c->templates, (size_t)(c->ntemplates + 1) * sizeof *c->templates);
	c->templates[c->ntemplates].key = xstrdup(f[0]);
	c->templates[c->ntemplates].text = xstrdup(f[1]);
	c->ntemplates++;
	return 0;
}

/* ---- demo.csv ------------------------------------------------------------ */

static const char *const demo_cols[] = { "case", "item", "percent", "with", "follows" };

static int demo_item(struct load *L, long line, const char *col, const char *code, int *out)
{
	if ((*out = catalog_item_index(L->c, code)) < 0)
		return bad(L, line, _("%s: unknown item '%s'"), col, code);
	return 0;
}

static int demo_row(struct load *L, long line, char **f)
{
	struct catalog *c = L->c;
	static const char *const cases[] = { "injury", "death", "repeat" };
	struct demo_pick p = { .with = -1 };
	size_t k;
	for (k = 0; k < ARRAY_SIZE(cases); k++)
		if (!strcmp(f[0], cases[k]))
			break;
	if (k == ARRAY_SIZE(cases))
		return bad(L, line, _("case: '%s' is not injury, death or repeat"), f[0]);
	p.dcase = (int)k;
	if (c->ndemo == MAX_DEMO_PICKS)
		return bad(L, line, _("more than %d rows"), MAX_DEMO_PICKS);
	if (demo_item(L, line, "item", f[1], &p.item) < 0 ||
	    parse_int(L, line, "percent", f[2], 1, 100, &p.percent) < 0 ||
	    (*f[3] && demo_item(L, line, "with", f[3], &p.with) < 0) ||
	    parse_yesno(L, line, "follows", f[4], &p.follows) < 0)
		return -1;
	for (int i = 0; i < c->ndemo; i++)
		if (c->demo[i].dcase == p.dcase && c->demo[i].item == p.item)
			return bad(L, line, _("item '%s' twice for %s cases"), f[1], f[0]);
	if (p.with >= 0) {
		int seen = 0;
		for (int i = 0; i < c->ndemo; i++)
			seen |= c->demo[i].dcase == p.dcase && c->demo[i].item == p.with &&
				!c->demo[i].follows;
		if (!seen)
			return bad(L, line, _("with: '%s' is not an earlier row of %s cases"), f[3],
				   f[0]);
	}
	c->demo[c->ndemo++] = p;
	return 0;
}

/* ---- the files ---------------------------------------------------------- */

#define COLS(a) a, (int)ARRAY_SIZE(a)

/* Load order matters (links need items and materials) and is also the
 * order of the version digest. */
static const struct file_def files[] = {
	{ "items.csv", COLS(item_cols), item_row, item_finish, 0, 0 },
	{ "outcomes.csv", COLS(outcome_cols), outcome_row, outcome_finish, 0, 0 },
	{ "materials.csv", COLS(material_cols), material_row, NULL, 0, 0 },
	{ "item_materials.csv", COLS(link_cols), link_row, NULL, 0, 0 },
	{ "rules.csv", COLS(rule_cols), rule_row, rule_finish, 0, 0 },
	{ "holidays.csv", COLS(holiday_cols), holiday_row, holiday_finish, 0, 0 },
	{ "rates.csv", COLS(rate_cols), rate_row, rate_finish, 0, 0 },
	{ "form.csv", COLS(field_cols), field_row, NULL, 0, 0 },
	{ "templates.csv", COLS(template_cols), template_row, NULL, 1, 0 },
	{ "demo.csv", COLS(demo_cols), demo_row, NULL, 1, 1 },
};

static int header(struct load *L, const struct csv_record *r)
{
	for (int i = 0; i < L->def->ncols; i++) {
		L->idx[i] = csv_header_index(r, L->def->cols[i]);
		if (L->idx[i] < 0)
			return bad(L, r->line, _("missing column '%s'"), L->def->cols[i]);
	}
	L->nhdr = r->n;
	return 0;
}

static int on_record(const struct csv_record *r, void *arg)
{
	struct load *L = arg;
	char *f[MAX_COLS];
	if (r->recno == 1)
		return header(L, r);
	if (r->n != L->nhdr)
		return bad(L, r->line, _("expected %d columns but found %d"), L->nhdr, r->n);
	for (int i = 0; i < L->def->ncols; i++)
		f[i] = r->field[L->idx[i]];
	L->nrows++;
	return L->def->row(L, r->line, f);
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	return xasprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

static int load_file(const struct file_def *d, const char *dir, struct catalog *c,
		     struct pending *pend, struct yerr *e)
{
	struct load L = { .def = d, .c = c, .e = e, .pend = pend };
	char *path = join(dir, d->name);
	L.path = path;
	int rc = 0;
	if (d->optional && access(path, F_OK) < 0 && errno == ENOENT)
		goto out;
	rc = csv_read_file(path, NULL, NULL, on_record, &L, e) != 0 ? -1 : 0;
	if (rc == 0 && L.nhdr == 0)
		rc = yerr_set(e, YERR_INPUT, _("%s: empty file (no header row)"), path);
	if (rc == 0 && d->finish)
		rc = d->finish(&L);
out:
	free(path);
	return rc;
}

/* ---- version ------------------------------------------------------------ */

static int hash_file(EVP_MD_CTX *ctx, const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return errno == ENOENT ? 0 : -1;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		EVP_DigestUpdate(ctx, buf, n);
	int rc = ferror(fp) ? -1 : 0;
	fclose(fp);
	return rc;
}

/* SHA-256 over the bytes of the files, concatenated in load order (an
 * absent templates.csv adds nothing). */
static int compute_version(const char *dir, struct catalog *c, struct yerr *e)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		return yerr_set(e, YERR_IO, _("cannot compute SHA-256"));
	}
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		if (files[i].unversioned)
			continue;
		char *path = join(dir, files[i].name);
		int rc = hash_file(ctx, path);
		if (rc < 0)
			yerr_set(e, YERR_IO, _("cannot read '%s': %s"), path, strerror(errno));
		free(path);
		if (rc < 0) {
			EVP_MD_CTX_free(ctx);
			return -1;
		}
	}
	int ok = EVP_DigestFinal_ex(ctx, md, &mdlen) == 1 && mdlen * 2 < sizeof c->version;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return yerr_set(e, YERR_IO, _("cannot compute SHA-256"));
	for (unsigned int i = 0; i < mdlen; i++)
		snprintf(c->version + 2 * i, 3, "%02x", md[i]);
	return 0;
}

/* ---- cross-file checks of items.csv ------------------------------------- */

static int item_template(const struct catalog *c, const struct pending *p, int i,
			 const char *col, const char *key, struct yerr *e)
{
	if (!*key || !c->ntemplates || catalog_template(c, key))
		return 0;
	return yerr_set(e, YERR_INPUT, _("%s:%ld: %s '%s' is not a template of templates.csv"),
			p->items_path, p->line[i], col, key);
}

struct circ_arg {
	const char *choices;    /* "a|b|c" of accident.circumstance, or NULL */
	const char *what;
	struct yerr *e;
};

static int check_circ(const char *t, void *arg)
{
	struct circ_arg *a = arg;
	if (!a->choices)
		return 0;
	size_t n = strlen(t);
	for (const char *p = a->choices; *p;) {
		size_t m = strcspn(p, "|");
		if (m == n && !strncmp(p, t, n))
			return 0;
		p += m;
		if (*p)
			p++;
	}
	return yerr_set(a->e, YERR_INPUT, _("unknown %s '%s'"), a->what, t);
}

static int check_reason(const char *t, void *arg)
{
	struct circ_arg *a = arg;
	if (task_suspend_reason_ok(t))
		return 0;
	return yerr_set(a->e, YERR_INPUT, _("unknown %s '%s'"), a->what, t);
}

static int items_cross(const struct catalog *c, const struct pending *p, struct yerr *e)
{
	const char *choices = NULL;
	for (int k = 0; k < c->nfields; k++)
		if (!strcmp(c->fields[k].key, "accident.circumstance") &&
		    !strncmp(c->fields[k].type, "choice:", 7))
			choices = c->fields[k].type + 7;
	for (int i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		struct circ_arg ca = { choices, "circumstance", e };
		struct circ_arg ra = { NULL, "suspension reason", e };
		if (list_each(it->circumstances, ";", check_circ, &ca) ||
		    list_each(it->suspend, ";", check_reason, &ra)) {
			yerr_prefix(e, "%s:%ld", p->items_path, p->line[i]);
			return -1;
		}
		if (item_template(c, p, i, "sms_accept", it->sms_accept, e) < 0 ||
		    item_template(c, p, i, "sms_start", it->sms_start, e) < 0 ||
		    item_template(c, p, i, "sms_decide", it->sms_decide, e) < 0)
			return -1;
		for (int k = 0; k < it->noutcomes; k++)
			if (item_template(c, p, i, "sms", it->outcomes[k].sms, e) < 0)
				return -1;
	}
	return 0;
}

static int load_all(const char *dir, struct catalog *c, struct pending *p, struct yerr *e)
{
	for (size_t i = 0; i < ARRAY_SIZE(files); i++)
		if (load_file(&files[i], dir, c, p, e) < 0)
			return -1;
	return items_cross(c, p, e);
}

int forms_load(const char *dir, struct catalog *c, struct yerr *e)
{
	struct pending p = { 0 };
	int rc = load_all(dir, c, &p, e);
	for (int i = 0; i < MAX_ITEMS; i++)
		free(p.prereq[i]);
	free(p.items_path);
	if (rc < 0)
		return -1;
	if (catalog_check(c, e) < 0) {
		char *path = join(dir, files[0].name);
		yerr_prefix(e, "%s", path);
		free(path);
		return -1;
	}
	return compute_version(dir, c, e);
}
