/* core_task.c — the task state machine, outcomes, linked activation,
 * deadlines with pauses and queue thresholds.  Layer: core (pure C). */
#include "core_task.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define BIT(s) (1u << (s))

static const char *const action_codes[TA_N] = {
	"take", "assign", "review", "decide", "suspend", "resume", "extend", "deliver", "reappraise",
	"countersign",
};
static const char *const action_labels[TA_N] = {
	N_("taken"), N_("assigned"), N_("put in review"), N_("decided"), N_("suspended"),
	N_("resumed"), N_("extended"), N_("delivered"), N_("sent to re-appraisal"),
	N_("countersigned"),
};

/* The states each action starts from. */
static const unsigned action_from[TA_N] = {
	[TA_TAKE] = BIT(TS_ACCEPTED) | BIT(TS_IN_REVIEW) | BIT(TS_SUSPENDED),
	[TA_ASSIGN] = BIT(TS_WAITING) | BIT(TS_ACCEPTED) | BIT(TS_IN_REVIEW) | BIT(TS_SUSPENDED),
	[TA_REVIEW] = BIT(TS_ACCEPTED) | BIT(TS_IN_REVIEW),
	[TA_DECIDE] = BIT(TS_ACCEPTED) | BIT(TS_IN_REVIEW),
	[TA_SUSPEND] = BIT(TS_ACCEPTED) | BIT(TS_IN_REVIEW),
	[TA_RESUME] = BIT(TS_SUSPENDED),
	[TA_EXTEND] = BIT(TS_ACCEPTED) | BIT(TS_IN_REVIEW) | BIT(TS_SUSPENDED),
	[TA_DELIVER] = BIT(TS_DECIDED),
	[TA_REAPPRAISE] = BIT(TS_DECIDED) | BIT(TS_DELIVERED),
	[TA_COUNTERSIGN] = BIT(TS_DECIDED),
};

const char *task_action_code(enum task_action a) { return action_codes[a]; }

int task_action_parse(const char *s, enum task_action *a)
{
	for (int i = 0; i < TA_N; i++)
		if (!strcmp(s, action_codes[i])) {
			*a = (enum task_action)i;
			return 0;
		}
	return -1;
}

int task_action_allowed(enum task_action a, enum task_state s, struct yerr *e)
{
	if (action_from[a] & BIT(s))
		return 0;
	char list[256] = "";
	int n = 0, total = __builtin_popcount(action_from[a]);
	for (int i = 0; i < TS_N; i++) {
		if (!(action_from[a] & BIT(i)))
			continue;
		size_t l = strlen(list);
		snprintf(list + l, sizeof list - l, "%s%s", n == 0 ? "" : n == total - 1 ? _(" or ") : ", ",
			 task_state_label((enum task_state)i));
		n++;
	}
	return yerr_set(e, YERR_STATE, _("the task is %s: only a task that is %s can be %s"),
			task_state_label(s), list, _(action_labels[a]));
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

unsigned task_outcomes(const char *item, enum category cat)
{
	if (!strcmp(item, "RD"))
		return BIT(OUT_RECOGNISED) | BIT(OUT_DEEMED) | BIT(OUT_NOT_RECOGNISED);
	if (!strcmp(item, "JD"))
		return BIT(OUT_GRADED) | BIT(OUT_NO_GRADE);
	if (!strcmp(item, "FJ"))
		return BIT(OUT_CONFIRMED) | BIT(OUT_REFUSED);
	(void)cat;
	return BIT(OUT_APPROVED) | BIT(OUT_REFUSED);
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

static int outcome_list(const char *item, enum category cat, char *out, size_t n)
{
	unsigned set = task_outcomes(item, cat);
	out[0] = '\0';
	for (int i = 1; i < OUT_N; i++)
		if (set & BIT(i)) {
			size_t l = strlen(out);
			snprintf(out + l, n - l, "%s%s", l ? ", " : "", outcome_codes[i]);
		}
	return 0;
}

int task_decision_check(const char *item, enum category cat, const struct task_decision_in *d,
			const char **field, struct yerr *e)
{
	const char *at_fault = NULL;
#define REFUSE(f, ...) (at_fault = (f), yerr_set(e, YERR_INPUT, __VA_ARGS__))
	char list[128];
	int rc = 0;
	int docs = !strcmp(item, "RD") || !strcmp(item, "JD") || !strcmp(item, "FJ");
	if (d->outcome == OUT_NONE || !(task_outcomes(item, cat) & BIT(d->outcome))) {
		outcome_list(item, cat, list, sizeof list);
		rc = REFUSE("outcome", _("a %s task is decided with one of: %s"), item, list);
	} else if (docs && blank(d->document_no)) {
		rc = REFUSE("document_no", _("a %s decision needs its document number"), item);
	} else if ((d->outcome == OUT_NOT_RECOGNISED || d->outcome == OUT_REFUSED) && blank(d->reason)) {
		rc = REFUSE("reason", _("a decision of '%s' needs a reason"), outcome_codes[d->outcome]);
	} else if (d->outcome == OUT_GRADED && (d->grade < 1 || d->grade > 10)) {
		rc = REFUSE("grade", _("the disability grade is 1 to 10, not %d"), d->grade);
	} else if (d->outcome != OUT_GRADED && d->grade) {
		rc = REFUSE("grade", _("only a 'graded' conclusion has a grade"));
	} else if (d->care_level < 0 || d->care_level > 3) {
		rc = REFUSE("care_level", _("the care level is 0 (none) to 3 (partly dependent), not %d"),
			    d->care_level);
	} else if (d->care_level && d->outcome != OUT_GRADED) {
		rc = REFUSE("care_level", _("only a 'graded' conclusion has a care level"));
	} else if (d->outcome == OUT_APPROVED && d->amount_fen < 0) {
		rc = REFUSE("amount_fen", _("an approval needs the amount paid"));
	} else if (d->amount_fen > TASK_AMOUNT_MAX_FEN) {
		char a[32], m[32];
		money_format(d->amount_fen, a, sizeof a);
		money_format(TASK_AMOUNT_MAX_FEN, m, sizeof m);
		rc = REFUSE("amount_fen",
			    _("an amount of %s yuan is more than one decision pays (at most %s yuan)"),
			    a, m);
	} else if (d->outcome == OUT_APPROVED && blank(d->payment_ref)) {
		rc = REFUSE("payment_ref", _("an approval needs the payment reference"));
	} else if (d->outcome != OUT_APPROVED && d->amount_fen > 0) {
		rc = REFUSE("amount_fen", _("only an approval has an amount"));
	}
#undef REFUSE
	if (field)
		*field = at_fault;
	return rc;
}

/* ---- linked work ---- */

int task_link_ok(const char *item, const char *prereq, enum outcome o, int grade)
{
	switch (o) {
	case OUT_RECOGNISED:
	case OUT_DEEMED:
	case OUT_CONFIRMED:
	case OUT_APPROVED:
		return 1;
	case OUT_GRADED:
		/* 条例 §36-37: the medical lump sum needs grade 5-10 */
		if (!strcmp(item, "YB") && !strcmp(prereq, "JD"))
			return grade >= 5 && grade <= 10;
		return grade >= 1 && grade <= 10;
	default:
		return 0;
	}
}

enum link_effect task_link_resolve(const char *item, const struct link_prereq *p, int np,
				   char *why, size_t whylen)
{
	int pending = 0;
	for (int i = 0; i < np; i++) {
		if (!p[i].decided) {
			pending = 1;
			continue;
		}
		if (task_link_ok(item, p[i].item, p[i].outcome, p[i].grade))
			continue;
		if (p[i].outcome == OUT_NONE)
			snprintf(why, whylen, _("%s was closed without a decision"), p[i].item);
		else if (p[i].outcome == OUT_GRADED)
			snprintf(why, whylen, _("%s concluded grade %d, outside what %s requires"),
				 p[i].item, p[i].grade, item);
		else
			snprintf(why, whylen, _("%s decided: %s"), p[i].item, outcome_label(p[i].outcome));
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

const char *task_delivery_rule(const char *item)
{
	return !strcmp(item, "JD") ? "jd_delivery" : "rd_delivery";
}

const char *task_extend_rule(const char *item)
{
	if (!strcmp(item, "JD"))
		return "jd_extend";
	if (!strcmp(item, "FJ"))
		return "fj_extend";
	return NULL;
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
