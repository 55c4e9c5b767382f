/* core_perm.c — the one permission table.  Layer: core. */
#include "core_perm.h"

#include <string.h>

#include "i18n.h"

static const char *const role_codes[] = { "none", "clerk", "officer", "supervisor",
					  "service", "system" };
static const char *const role_labels[] = { N_("unregistered"), N_("clerk"), N_("officer"),
					   N_("supervisor"), N_("service"), N_("system") };

const char *role_code(enum role r) { return role_codes[r]; }
const char *role_label(enum role r) { return _(role_labels[r]); }

int role_parse(const char *s, enum role *r)
{
	for (int i = ROLE_CLERK; i <= ROLE_SERVICE; i++)
		if (!strcmp(s, role_codes[i])) {
			*r = (enum role)i;
			return 0;
		}
	return -1;
}

static const char *const action_labels[ACT_N] = {
	N_("read cases"), N_("take applications"), N_("deliver results"), N_("work on tasks"),
	N_("assign tasks"), N_("manage staff"), N_("change settings"), N_("upgrade the catalog"),
	N_("run exports and imports"), N_("follow up poor ratings"),
};

const char *action_label(enum action a) { return _(action_labels[a]); }

/* Bit per role: who may take each action at all. */
#define C (1u << ROLE_CLERK)
#define O (1u << ROLE_OFFICER)
#define S (1u << ROLE_SUPERVISOR)
#define V (1u << ROLE_SERVICE) /* the login systemd runs the exchange as: that alone */
#define I (1u << ROLE_IMPORT)  /* ... recording the decisions results.csv carries */
static const unsigned allowed[ACT_N] = {
	[ACT_READ] = C | O | S,
	[ACT_CASE_WRITE] = C | S,
	[ACT_DELIVER] = C | S,
	[ACT_TASK_WORK] = O | S | I,
	[ACT_ASSIGN] = S,
	[ACT_STAFF] = S,
	[ACT_CONFIG] = S,
	[ACT_CATALOG] = S,
	[ACT_EXCHANGE] = S | V,
	[ACT_FOLLOWUP] = S,
};
#undef C
#undef O
#undef S
#undef V
#undef I

int perm_check(const struct actor *a, enum action act, int cat, struct yerr *e)
{
	if (a->role == ROLE_NONE)
		return yerr_set(e, YERR_DENIED,
				_("user '%s' is not registered as active staff of this database "
				  "(a supervisor adds them with 'yici staff add')"), a->login);
	if (!(allowed[act] & (1u << a->role)))
		return yerr_set(e, YERR_DENIED, _("user '%s' (%s) may not %s"), a->login,
				role_label(a->role), action_label(act));
	if (act == ACT_TASK_WORK && a->role == ROLE_OFFICER && cat >= 0 &&
	    !(a->cats & (1u << cat)))
		return yerr_set(e, YERR_DENIED, _("user '%s' works in other offices, not %s"),
				a->login, category_label((enum category)cat));
	return 0;
}
