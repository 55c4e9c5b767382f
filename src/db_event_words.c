/* db_event_words.c — an event's detail in the reader's words (issue 18).
 * The writers store details as codes and values joined by fixed keywords
 * (db_task*.c, db_application*.c: "materials: M03=received", "3 days:
 * REASON", "login (was login)", "; awaiting countersignature"): the same
 * bytes in the chain whoever wrote them, in whatever language.  Here each
 * shape is read back and said with gettext; a detail of no known shape
 * (an old row, a free text) is shown as it is, never rewritten.  Layer: db
 * (with db_casefile.c's casefile_event_detail, which calls it). */
#include "db_casefile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_case.h"
#include "core_catalog.h"
#include "core_task.h"
#include "i18n.h"

/* "M03=received M04=missing" (after a keyword) as "M03 已收取，M04 缺件". */
static int material_changes(const char *p, char *buf, size_t n, size_t l)
{
	int k = 0;
	while (*p == ' ')
		p++;
	while (*p && l < n) {
		const char *eq = strchr(p, '='), *sp = strchr(p, ' ');
		if (!eq || (sp && sp < eq))
			return -1;
		const char *end = sp ? sp : p + strlen(p);
		char code[24], st[24];
		enum material_status ms;
		if (eq - p >= (long)sizeof code || end - eq - 1 >= (long)sizeof st)
			return -1;
		snprintf(code, sizeof code, "%.*s", (int)(eq - p), p);
		snprintf(st, sizeof st, "%.*s", (int)(end - eq - 1), eq + 1);
		if (material_status_parse(st, &ms) < 0)
			return -1;
		l += (size_t)snprintf(buf + l, n - l, "%s%s %s", k++ ? _(", ") : "", code,
				      material_status_label(ms));
		p = end;
		while (*p == ' ')
			p++;
	}
	return 0;
}

static const char *materials_words(const char *detail, char *buf, size_t n)
{
	static const struct {
		const char *key, *msgid;
	} heads[] = { { "materials:", N_("materials: ") }, { "form saved", N_("form saved: ") } };
	if (!strcmp(detail, "draft"))
		return _("draft");
	if (!strcmp(detail, "form saved"))
		return _("form saved");
	for (size_t i = 0; i < ARRAY_SIZE(heads); i++) {
		size_t k = strlen(heads[i].key);
		if (strncmp(detail, heads[i].key, k))
			continue;
		size_t l = (size_t)snprintf(buf, n, "%s", _(heads[i].msgid));
		if (l >= n || material_changes(detail + k, buf, n, l) < 0)
			return NULL;
		return buf;
	}
	/* a lapse's one change: "M03=missing" */
	if (strchr(detail, '=') && !strchr(detail, ' ') && material_changes(detail, buf, n, 0) == 0)
		return buf;
	return NULL;
}

/* The suffixes a decision's detail may end with (db_task_money.c):
 * "; override of calc CALC: REASON" and "; awaiting countersignature".
 * Cuts them off detail (a copy) and says them into tail. */
void event_decision_tail(char *detail, char *tail, size_t n)
{
	static const char cs[] = "; awaiting countersignature", ov[] = "; override of calc ";
	size_t l = strlen(detail), k = 0;
	int countersign = 0;
	tail[0] = '\0';
	if (l >= sizeof cs - 1 && !strcmp(detail + l - (sizeof cs - 1), cs)) {
		detail[l - (sizeof cs - 1)] = '\0';
		countersign = 1;
	}
	char *o = strstr(detail, ov);
	if (o) {
		char *calc = o + sizeof ov - 1, *colon = strstr(calc, ": ");
		if (colon) {
			*o = '\0';
			*colon = '\0';
			k += (size_t)snprintf(tail, n, _("; calculated %s yuan, overridden: %s"), calc,
					      colon + 2);
		}
	}
	if (countersign && k < n)
		snprintf(tail + k, n - k, "%s", _("; awaiting countersignature"));
}

const char *event_words(const char *kind, const char *detail, char *buf, size_t n)
{
	int days;
	char a[128], b[128];
	if (!strcmp(kind, "supplemented") || !strcmp(kind, "created") || !strcmp(kind, "material"))
		return materials_words(detail, buf, n);
	if (!strcmp(kind, "assigned") && sscanf(detail, "%127s (was %127[^)])", a, b) == 2) {
		snprintf(buf, n, _("%s (was %s)"), a, b);
		return buf;
	}
	if (!strcmp(kind, "in_review") && sscanf(detail, "simple track: %d days", &days) == 1) {
		snprintf(buf, n, _("simple track: %d days"), days);
		return buf;
	}
	if (!strcmp(kind, "extended") && sscanf(detail, "%d days: ", &days) == 1) {
		const char *r = strstr(detail, ": ");
		snprintf(buf, n, _("%d days longer: %s"), days, r ? r + 2 : "");
		return buf;
	}
	if (!strcmp(kind, "countersigned") &&
	    sscanf(detail, "%127s yuan (decided by %127[^)])", a, b) == 2) {
		snprintf(buf, n, _("%s yuan (decided by %s)"), a, b);
		return buf;
	}
	if (!strcmp(kind, "delivered")) {
		/* "METHOD RECIPIENT[; late, due YYYY-MM-DD]" */
		static const char late[] = "; late, due ";
		size_t k = strcspn(detail, " ");
		const char *how = !strncmp(detail, "window", k) && k == 6 ? _("at the window")
				  : !strncmp(detail, "post", k) && k == 4 ? _("by post") : NULL;
		if (!how || !detail[k])
			return NULL;
		const char *rest = detail + k + 1, *l = strstr(rest, late);
		if (l)
			snprintf(buf, n, _("%s, to %.*s; late, due %s"), how, (int)(l - rest), rest,
				 l + sizeof late - 1);
		else
			snprintf(buf, n, _("%s, to %s"), how, rest);
		return buf;
	}
	if (!strcmp(kind, "suspended")) {
		size_t k = strcspn(detail, ":");
		snprintf(a, sizeof a, "%.*s", (int)(k < sizeof a - 1 ? k : sizeof a - 1), detail);
		const char *label = task_suspend_reason_label(a);
		if (!label || !strcmp(label, a))
			return NULL;
		snprintf(buf, n, "%s%s", label, detail + k);
		return buf;
	}
	if (!strcmp(kind, "task_accepted")) {
		/* "ITEM NAME CATEGORY YYYY-MM-DD; by the office" */
		static const char by[] = "; by the office";
		size_t l = strlen(detail);
		int office = l >= sizeof by - 1 && !strcmp(detail + l - (sizeof by - 1), by);
		char head[400];
		snprintf(head, sizeof head, "%.*s", (int)(office ? l - (sizeof by - 1) : l), detail);
		char *day = strrchr(head, ' ');
		if (!day)
			return NULL;
		*day++ = '\0';
		char *cat = strrchr(head, ' ');
		enum category c;
		if (!cat || category_parse(cat + 1, &c) < 0)
			return NULL;
		*cat = '\0';
		snprintf(buf, n, _("%s %s, due %s%s"), head, category_label(c), day,
			 office ? _("; by the office") : "");
		return buf;
	}
	return NULL;
}
