/* core_task.c — the task state machine, outcomes, linked activation,
 * deadlines with pauses and queue thresholds.  Layer: core (pure C). */
#include "core_task.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define BIT(s) (1u << (s))

#define WORKING (BIT(TS_ACCEPTED) | BIT(TS_IN_REVIEW))

/* The one table of task actions (see core_task.h for how to add one). */
static const struct task_action_def task_actions[TA_N] = {
	[TA_TAKE] = { "take", N_("taken"), ACT_TASK_WORK, WORKING | BIT(TS_SUSPENDED),
		      TAF_CASE_OPEN | TAF_FREE, TC_NONE, "" },
	[TA_ASSIGN] = { "assign", N_("assigned"), ACT_ASSIGN,
			BIT(TS_WAITING) | WORKING | BIT(TS_SUSPENDED), TAF_CASE_OPEN, TC_NONE,
			"LOGIN" },
	[TA_REVIEW] = { "review", N_("put in review"), ACT_TASK_WORK, WORKING, TAF_CASE_OPEN,
			TC_NONE, "[--simple]" },
	[TA_DECIDE] = { "decide", N_("decided"), ACT_TASK_WORK, WORKING, TAF_CASE_OPEN, TC_NONE,
			"--outcome O [...]" },
	[TA_SUSPEND] = { "suspend", N_("suspended"), ACT_TASK_WORK, WORKING, TAF_CASE_OPEN,
			 TC_SUSPEND, "--reason R [--note T]" },
	[TA_RESUME] = { "resume", N_("resumed"), ACT_TASK_WORK, BIT(TS_SUSPENDED), TAF_CASE_OPEN,
			TC_NONE, "--confirmation TEXT" },
	[TA_EXTEND] = { "extend", N_("extended"), ACT_TASK_WORK, WORKING | BIT(TS_SUSPENDED),
			TAF_CASE_OPEN, TC_EXTEND, "--reason TEXT" },
	[TA_DELIVER] = { "deliver", N_("delivered"), ACT_DELIVER, BIT(TS_DECIDED), TAF_SIGNED,
			 TC_NONE, "--method window|post --recipient NAME [--date D]" },
	[TA_REAPPRAISE] = { "reappraise", N_("sent to re-appraisal"), ACT_TASK_WORK,
			    BIT(TS_DECIDED) | BIT(TS_DELIVERED), 0, TC_REAPPRAISE, "[--date D]" },
	[TA_COUNTERSIGN] = { "countersign", N_("countersigned"), ACT_TASK_WORK, BIT(TS_DECIDED),
			     TAF_CASE_OPEN | TAF_SECOND, TC_NONE, "" },
	/* 受理审核: the office accepts, refuses or asks for a supplement of an
	 * item the window received for it (items.csv accepts=office) */
	[TA_ACCEPT] = { "accept", N_("accepted"), ACT_TASK_WORK, BIT(TS_REVIEWING), TAF_CASE_OPEN,
			TC_NONE, "" },
	[TA_REJECT] = { "reject", N_("refused acceptance"), ACT_TASK_WORK, BIT(TS_REVIEWING),
			TAF_CASE_OPEN, TC_NONE, "--reason TEXT" },
	[TA_REQUEST] = { "request", N_("asked for a supplement"), ACT_TASK_WORK, BIT(TS_REVIEWING),
			 TAF_CASE_OPEN, TC_NONE, "--material CODE..." },
	[TA_SHOW] = { "show", N_("shown"), ACT_READ, 0, TAF_READ, TC_NONE, "" },
	[TA_CALC] = { "calc", N_("calculated"), ACT_READ, 0, TAF_READ, TC_NONE,
		      "[--wage YUAN] [--grade G] ..." },
};

const struct task_action_def *task_action_def(enum task_action a) { return &task_actions[a]; }
const char *task_action_code(enum task_action a) { return task_actions[a].code; }
int task_action_parse(const char *s, enum task_action *a)
{
	for (int i = 0; i < TA_N; i++)
		if (!strcmp(s, task_actions[i].code)) {
			*a = (enum task_action)i;
			return 0;
		}
	return -1;
}

int task_action_allowed(enum task_action a, enum task_state s, struct yerr *e)
{
	unsigned from = task_actions[a].from;
	if (!from || (from & BIT(s)))
		return 0;
	char list[256] = "";
	int n = 0, total = __builtin_popcount(from);
	for (int i = 0; i < TS_N; i++) {
		if (!(from & BIT(i)))
			continue;
		size_t l = strlen(list);
		snprintf(list + l, sizeof list - l, "%s%s", n == 0 ? "" : n == total - 1 ? _(" or ") : ", ",
			 task_state_label((enum task_state)i));
		n++;
	}
	return yerr_set(e, YERR_STATE, _("the task is %s: only a task that is %s can be %s"),
			task_state_label(s), list, _(task_actions[a].label));
}

enum task_state task_action_next(enum task_action a, enum task_state s, int assigned)
{
	switch (a) {
	case TA_REVIEW: return TS_IN_REVIEW;
	case TA_DECIDE: return TS_DECIDED;
	case TA_SUSPEND: return TS_SUSPENDED;
	case TA_RESUME: return assigned ? TS_IN_REVIEW : TS_ACCEPTED;
	case TA_DELIVER: return TS_DELIVERED;
	case TA_REAPPRAISE: return TS_IN_REVIEW;
	default: return s;
	}
}

static int in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		size_t k = strcspn(p, ";");
		if (k == n && !strncmp(p, word, n))
			return 1;
		p += k + (p[k] == ';');
	}
	return 0;
}

/* "a, b or c" of a ";" list, each through label(). */
static void words_of(const char *list, const char *(*label)(const char *), char *out, size_t n)
{
	int total = 1, k = 0;
	for (const char *p = list; *p; p++)
		total += *p == ';';
	out[0] = '\0';
	for (const char *p = list; *p;) {
		size_t w = strcspn(p, ";");
		char word[64];
		snprintf(word, sizeof word, "%.*s", (int)(w < 63 ? w : 63), p);
		size_t l = strlen(out);
		snprintf(out + l, n - l, "%s%s", k == 0 ? "" : k == total - 1 ? _(" or ") : ", ",
			 label(word));
		k++;
		p += w + (p[w] == ';');
	}
}

int task_may_suspend(const struct item *it, const char *item_code, const char *reason,
		     struct yerr *e)
{
	if (!it || !*it->suspend)
		return yerr_set(e, YERR_INPUT,
				_("%s cannot be suspended: forms/items.csv allows it no suspension "
				  "(条例 §31: medical costs and benefits keep being paid during "
				  "reconsideration or litigation)"), item_code);
	if (!reason || !task_suspend_reason_ok(reason))
		return yerr_set(e, YERR_INPUT, _("a suspension reason is judicial, reconsideration, "
						 "litigation or reappraisal, not '%s'"),
				reason ? reason : "");
	if (in_list(it->suspend, reason))
		return 0;
	char list[256];
	words_of(it->suspend, task_suspend_reason_label, list, sizeof list);
	return yerr_set(e, YERR_INPUT,
			_("%s cannot be suspended for %s: forms/items.csv allows only %s "
			  "(条例 §31 keeps it paid during reconsideration or litigation)"),
			item_code, task_suspend_reason_label(reason), list);
}

int task_may(const struct actor *a, const struct task_view *t, enum task_action act,
	     struct yerr *e)
{
	const struct task_action_def *d = &task_actions[act];
	if (perm_check(a, d->perm, d->perm == ACT_TASK_WORK ? (int)t->cat : -1, e) < 0)
		return -1;
	if ((d->flags & TAF_CASE_OPEN) && t->case_state >= 0 && t->case_state != CS_ACCEPTED)
		return yerr_set(e, YERR_STATE, _("%s %s: the case is %s; only the tasks of an "
						 "accepted case can be %s"), t->case_no, t->item,
				case_state_label((enum case_state)t->case_state), _(d->label));
	if (task_action_allowed(act, t->state, e) < 0) {
		yerr_prefix(e, "%s %s", t->case_no, t->item);
		return -1;
	}
	if ((d->flags & TAF_FREE) && !strcmp(t->assignee, a->login))
		return yerr_set(e, YERR_STATE, _("%s %s is already yours"), t->case_no, t->item);
	if ((d->flags & TAF_FREE) && t->assignee[0])
		return yerr_set(e, YERR_STATE,
				_("%s %s is assigned to %s; a supervisor can reassign it"),
				t->case_no, t->item, t->assignee);
	if ((d->flags & TAF_SECOND) && !t->countersign_pending)
		return yerr_set(e, YERR_STATE, _("%s %s does not await a countersignature"),
				t->case_no, t->item);
	if ((d->flags & TAF_SECOND) && !strcmp(t->decided_by, a->login))
		return yerr_set(e, YERR_DENIED, _("%s %s was decided by %s: a second officer of the "
						  "office or a supervisor countersigns, not the same "
						  "one"), t->case_no, t->item, a->login);
	if ((d->flags & TAF_SIGNED) && t->countersign_pending)
		return yerr_set(e, YERR_STATE, _("%s %s awaits a countersignature (复核): it cannot "
						 "be delivered yet"), t->case_no, t->item);
	if (d->column == TC_SUSPEND && (!t->it || !*t->it->suspend)) {
		task_may_suspend(t->it, t->item, NULL, e);
		yerr_prefix(e, "%s", t->case_no);
		return -1;
	}
	if (d->column == TC_EXTEND && (!t->it || !*t->it->extend))
		return yerr_set(e, YERR_INPUT, _("%s: %s cannot be extended: forms/items.csv gives "
						 "it no extension"), t->case_no, t->item);
	if (d->column == TC_REAPPRAISE && (!t->it || !*t->it->reappraise))
		return yerr_set(e, YERR_INPUT, _("%s: %s cannot be re-appraised: forms/items.csv gives "
						 "it no re-appraisal rule"), t->case_no, t->item);
	return 0;
}

/* ---- outcomes ---- */

static const char *const outcome_codes[OUT_N] = {
	"", "recognised", "deemed", "not_recognised", "graded", "no_grade", "confirmed", "refused",
	"approved",
};
static const char *const outcome_labels[OUT_N] = {
	N_("none"), N_("recognised as work injury"), N_("deemed work injury"),
	N_("not recognised"), N_("graded"), N_("below grade 10"), N_("confirmed"), N_("refused"),
	N_("approved"),
};

const char *outcome_code(enum outcome o) { return outcome_codes[o]; }
const char *outcome_label(enum outcome o) { return _(outcome_labels[o]); }

int outcome_parse(const char *s, enum outcome *o)
{
	for (int i = 1; i < OUT_N; i++)
		if (!strcmp(s, outcome_codes[i])) {
			*o = (enum outcome)i;
			return 0;
		}
	return -1;
}

unsigned task_outcomes(const struct item *it)
{
	unsigned set = 0;
	enum outcome o;
	for (int i = 0; it && i < it->noutcomes; i++)
		if (outcome_parse(it->outcomes[i].code, &o) == 0)
			set |= BIT(o);
	return set;
}

/* The catalog's row of outcome o of it, or NULL. */
static const struct item_outcome *outcome_of(const struct item *it, enum outcome o)
{
	for (int i = 0; it && o != OUT_NONE && i < it->noutcomes; i++)
		if (!strcmp(it->outcomes[i].code, outcome_codes[o]))
			return &it->outcomes[i];
	return NULL;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

static void outcome_list(const struct item *it, char *out, size_t n)
{
	out[0] = '\0';
	for (int i = 0; it && i < it->noutcomes; i++) {
		size_t l = strlen(out);
		snprintf(out + l, n - l, "%s%s", l ? ", " : "", it->outcomes[i].code);
	}
}

int task_decision_check(const struct item *it, const char *item,
			const struct task_decision_in *d, const char **field, struct yerr *e)
{
	const char *at_fault = NULL;
#define REFUSE(f, ...) (at_fault = (f), yerr_set(e, YERR_INPUT, __VA_ARGS__))
	char list[256];
	int rc = 0;
	const struct item_outcome *oc = outcome_of(it, d->outcome);
	if (!oc) {
		outcome_list(it, list, sizeof list);
		rc = REFUSE("outcome", _("a %s task is decided with one of: %s"), item, list);
	} else if (oc->needs_document && blank(d->document_no)) {
		rc = REFUSE("document_no", _("a %s decision needs its document number"), item);
	} else if (oc->needs_reason && blank(d->reason)) {
		rc = REFUSE("reason", _("a decision of '%s' needs a reason"), oc->code);
	} else if (oc->needs_grade && (d->grade < 1 || d->grade > 10)) {
		rc = REFUSE("grade", _("the disability grade is 1 to 10, not %d"), d->grade);
	} else if (!oc->needs_grade && d->grade) {
		rc = REFUSE("grade", _("only a 'graded' conclusion has a grade"));
	} else if (d->care_level < 0 || d->care_level > 3) {
		rc = REFUSE("care_level", _("the care level is 0 (none) to 3 (partly dependent), not %d"),
			    d->care_level);
	} else if (d->care_level && !oc->needs_grade) {
		rc = REFUSE("care_level", _("only a 'graded' conclusion has a care level"));
	} else if (oc->needs_amount && d->amount_fen < 0) {
		rc = REFUSE("amount_fen", _("an approval needs the amount paid"));
	} else if (d->amount_fen > TASK_AMOUNT_MAX_FEN) {
		char a[32], m[32];
		money_format(d->amount_fen, a, sizeof a);
		money_format(TASK_AMOUNT_MAX_FEN, m, sizeof m);
		rc = REFUSE("amount_fen",
			    _("an amount of %s yuan is more than one decision pays (at most %s yuan)"),
			    a, m);
	} else if (oc->needs_amount && blank(d->payment_ref)) {
		rc = REFUSE("payment_ref", _("an approval needs the payment reference"));
	} else if (!oc->needs_amount && d->amount_fen > 0) {
		rc = REFUSE("amount_fen", _("only an approval has an amount"));
	}
#undef REFUSE
	if (field)
		*field = at_fault;
	return rc;
}

/* ---- linked work ---- */

enum link_effect task_link_resolve(const struct catalog *c, int item, const struct link_prereq *p,
				   int np, int case_kind, char *why, size_t whylen)
{
	int pending = 0;
	const char *code = c->items[item].code;
	for (int i = 0; i < np; i++) {
		if (!p[i].decided) {
			pending = 1;
			continue;
		}
		const struct prereq_cond *cond = catalog_prereq_cond(c, item, p[i].index);
		/* (an item that is no prerequisite of it has nothing to say) */
		if (!cond || catalog_prereq_satisfied(c, cond, outcome_code(p[i].outcome), p[i].grade,
						      case_kind))
			continue;
		const char *pc = c->items[p[i].index].code;
		if (p[i].outcome == OUT_NONE)
			snprintf(why, whylen, _("%s was closed without a decision"), pc);
		else if (cond->grade_lo && p[i].grade)
			snprintf(why, whylen, _("%s concluded grade %d, outside what %s requires"), pc,
				 p[i].grade, code);
		else
			snprintf(why, whylen, _("%s decided: %s"), pc, outcome_label(p[i].outcome));
		return LINK_CLOSE;
	}
	return pending ? LINK_KEEP : LINK_ACTIVATE;
}

/* ---- deadlines ---- */

void task_deadlines(const struct calendar *cal, const struct task_clock *k, const struct pause *p,
		    int np, yday *due, yday *legal)
{
	*due = deadline_add(cal, k->started, k->promised_days + k->extended_days, k->kind, p, np);
	*legal = deadline_add(cal, k->started, k->limit_days + k->extended_days, k->kind, p, np);
}

void task_thresholds(const struct calendar *cal, yday today, int yellow_n,
		     enum day_kind yellow_kind, int red_days, struct thresholds *t)
{
	t->today = today;
	t->red_cut = today - 1 - (red_days > 0 ? red_days : 0);
	/* the last day with at most yellow_n days (of the kind) left */
	yday d = today;
	if (yellow_kind == DAYS_WORKING) {
		int counted = 0;
		for (;;) {
			if (calendar_is_workday(cal, d + 1) && ++counted > yellow_n)
				break;
			d++;
		}
	} else {
		d = today + (yellow_n > 0 ? yellow_n : 0);
	}
	t->yellow_cut = d;
}

enum urgency task_urgency(const struct thresholds *t, yday due)
{
	if (due == INT32_MAX || due == 0)
		return URG_NONE;
	if (due <= t->red_cut)
		return URG_RED;
	if (due <= t->yellow_cut)
		return URG_YELLOW;
	return URG_OK;
}

/* ---- suspension, delivery, extension ---- */

static const char *const suspend_codes[] = { "judicial", "reconsideration", "litigation",
					     "reappraisal" };
static const char *const suspend_labels[] = {
	N_("awaiting a judicial or administrative conclusion"), N_("administrative reconsideration"),
	N_("administrative litigation"), N_("re-appraisal"),
};

int task_suspend_reason_ok(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(suspend_codes); i++)
		if (!strcmp(s, suspend_codes[i]))
			return 1;
	return 0;
}

const char *task_suspend_reason_label(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(suspend_codes); i++)
		if (!strcmp(s, suspend_codes[i]))
			return _(suspend_labels[i]);
	return s;
}

int task_delivery_method_ok(const char *s)
{
	return !strcmp(s, "window") || !strcmp(s, "post");
}

const char *task_delivery_rule(const struct catalog *c, const char *item)
{
	int i = catalog_item_index(c, item);
	return i >= 0 ? c->items[i].delivery : "";
}

/* ---- money ---- */

int money_parse_yuan(const char *s, int64_t *fen, struct yerr *e)
{
	const char *p = s;
	int64_t v = 0;
	int digits = 0;
	for (; isdigit((unsigned char)*p); p++, digits++) {
		if (v > (INT64_MAX - 9) / 1000)
			return yerr_set(e, YERR_INPUT, _("amount '%s' is too large"), s);
		v = v * 10 + (*p - '0');
	}
	int cents = 0, nc = 0;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p) && nc < 3; p++, nc++)
			cents = cents * 10 + (*p - '0');
	if (!digits || *p || nc > 2 || (nc == 0 && p[-1] == '.'))
		return yerr_set(e, YERR_INPUT,
				_("'%s' is not an amount in yuan (like 1234 or 1234.56)"), s);
	if (nc == 1)
		cents *= 10;
	*fen = v * 100 + cents;
	return 0;
}

void money_format(int64_t fen, char *out, size_t n)
{
	const char *sign = fen < 0 ? "-" : "";
	int64_t a = fen < 0 ? -fen : fen;
	snprintf(out, n, "%s%lld.%02lld", sign, (long long)(a / 100), (long long)(a % 100));
}
