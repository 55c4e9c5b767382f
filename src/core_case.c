/* core_case.c — case numbers and state names.  Layer: core. */
#include "core_case.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

void case_no_format(char out[CASE_NO_LEN + 1], const char *region, yday day, int seq)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* each field in range, so the number always fills CASE_NO_LEN exactly */
	snprintf(out, CASE_NO_LEN + 1, "GS%.6s-%04u%02u%02u-%04u", region, (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u, (unsigned)seq % 10000u);
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int case_no_parse(const char *s, char region[7], yday *day, int *seq, struct yerr *e)
{
	if (strlen(s) != CASE_NO_LEN || strncmp(s, "GS", 2) != 0 || s[8] != '-' || s[17] != '-' ||
	    !all_digits(s + 2, 6) || !all_digits(s + 9, 8) || !all_digits(s + 18, 4))
		return yerr_set(e, YERR_INPUT,
				_("'%s' is not a case number (like GS340102-20261128-0007)"), s);
	int y = (s[9] - '0') * 1000 + (s[10] - '0') * 100 + (s[11] - '0') * 10 + (s[12] - '0');
	int m = (s[13] - '0') * 10 + (s[14] - '0'), d = (s[15] - '0') * 10 + (s[16] - '0');
	if (!date_ymd_valid(y, m, d))
		return yerr_set(e, YERR_INPUT, _("case number '%s' has no real date"), s);
	if (region) {
		memcpy(region, s + 2, 6);
		region[6] = '\0';
	}
	if (day)
		*day = date_from_ymd(y, m, d);
	if (seq)
		*seq = (s[18] - '0') * 1000 + (s[19] - '0') * 100 + (s[20] - '0') * 10 + (s[21] - '0');
	return 0;
}

static const char *const case_codes[CS_N] = {
	"draft", "intake", "deficient", "accepted", "not_accepted", "withdrawn", "closed",
};
static const char *const case_labels[CS_N] = {
	N_("draft"), N_("online intake"), N_("deficient"), N_("accepted"), N_("not accepted"),
	N_("withdrawn"), N_("closed"),
};
/* the codes themselves as msgids: English prints the code, Chinese a word */
static const char *const case_words[CS_N] = {
	N_("draft"), N_("intake"), N_("deficient"), N_("accepted"), N_("not_accepted"),
	N_("withdrawn"), N_("closed"),
};
static const char *const task_codes[TS_N] = {
	"waiting", "accepted", "in_review", "suspended", "decided", "delivered", "closed",
	"not_accepted", "rejected", "withdrawn", "reviewing",
};
static const char *const task_labels[TS_N] = {
	N_("waiting"), N_("accepted"), N_("in review"), N_("suspended"), N_("decided"),
	N_("delivered"), N_("closed"), N_("not accepted"), N_("rejected"), N_("withdrawn"),
	N_("acceptance review"),
};
static const char *const ms_codes[MS_N] = {
	"received", "missing", "shared", "committed", "produced",
};
static const char *const ms_labels[MS_N] = {
	N_("received"), N_("missing"), N_("data sharing"), N_("commitment"), N_("produced in bundle"),
};

static int parse(const char *const *codes, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(codes[i], s))
			return i;
	return -1;
}

const char *case_state_code(enum case_state s) { return case_codes[s]; }
const char *case_state_label(enum case_state s) { return _(case_labels[s]); }
const char *case_state_word(enum case_state s) { return _(case_words[s]); }
int case_state_parse(const char *s, enum case_state *out)
{
	int i = parse(case_codes, CS_N, s);
	if (i >= 0)
		*out = (enum case_state)i;
	return i < 0 ? -1 : 0;
}

const char *task_state_code(enum task_state s) { return task_codes[s]; }
const char *task_state_label(enum task_state s) { return _(task_labels[s]); }
int task_state_parse(const char *s, enum task_state *out)
{
	int i = parse(task_codes, TS_N, s);
	if (i >= 0)
		*out = (enum task_state)i;
	return i < 0 ? -1 : 0;
}

const char *material_status_code(enum material_status s) { return ms_codes[s]; }
const char *material_status_label(enum material_status s) { return _(ms_labels[s]); }
int material_status_parse(const char *s, enum material_status *out)
{
	int i = parse(ms_codes, MS_N, s);
	if (i >= 0)
		*out = (enum material_status)i;
	return i < 0 ? -1 : 0;
}
