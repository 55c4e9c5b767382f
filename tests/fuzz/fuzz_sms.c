/* fuzz_sms.c — libFuzzer target: SMS and notice template rendering
 * (issue 17): sms_render and the documents' doc_fill.  The
 * input is a template and two values, split at the first two NUL bytes.
 * Whatever the template, the text never holds a value's valid citizen ID
 * number in full (the renderer masks it), and a template without a brace
 * comes back as it is.  Layer: test. */
#include <ctype.h>

#include "core_document.h"
#include "core_sms.h"
#include "core_validate.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

/* The first 18-character run of s that validates as a citizen ID and
 * stands alone (no digit or letter right before or after it: a run inside
 * a longer number is not an ID number), in id; 0 when none. */
static int find_id(const char *s, char id[19])
{
	size_t n = strlen(s);
	for (size_t i = 0; i + 18 <= n; i++) {
		if ((i > 0 && isalnum((unsigned char)s[i - 1])) ||
		    (i + 18 < n && isalnum((unsigned char)s[i + 18])))
			continue;
		memcpy(id, s + i, 18);
		id[18] = '\0';
		struct yerr e;
		yerr_clear(&e);
		if (validate_citizen_id(id, &e) == 0)
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 3);
	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = buf[size + 2] = '\0';
	const char *tmpl = buf, *v1 = tmpl + strlen(tmpl) + 1;
	if (v1 > buf + size)
		v1 = buf + size + 1;
	const char *v2 = v1 + strlen(v1) + 1;
	if (v2 > buf + size + 1)
		v2 = buf + size + 2;
	struct sms_var vars[] = { { "a", v1 }, { "case_no", v2 } };
	char *out = sms_render(tmpl, vars, 2);
	FUZZ_ASSERT(out != NULL);
	char id[19], tid[19];
	const char *vals[] = { v1, v2 };
	/* what the template alone gives (values empty): an ID it spells out
	 * itself is the template's, not a value's */
	struct sms_var none[] = { { "a", "" }, { "case_no", "" } };
	char *bare = sms_render(tmpl, none, 2);
	for (int i = 0; i < 2; i++)
		if (find_id(vals[i], id) && !strstr(tmpl, id) && !strstr(bare, id))
			FUZZ_ASSERT(strstr(out, id) == NULL);
	free(bare);
	if (!strchr(tmpl, '{') && !find_id(tmpl, tid))
		FUZZ_ASSERT(!strcmp(out, tmpl));
	free(out);
	/* the documents' wording: every {a} and {case_no} filled, an unknown
	 * name left as it is, a template without a brace unchanged */
	struct doc_var dv[] = { { "a", v1 }, { "case_no", v2 } };
	char *doc = doc_fill(tmpl, dv, 2);
	FUZZ_ASSERT(doc != NULL);
	if (!strchr(tmpl, '{'))
		FUZZ_ASSERT(!strcmp(doc, tmpl));
	/* when every brace of the template opens {a} or {case_no} and the
	 * values hold none, no placeholder is left */
	int braces = 0, known = 0;
	for (const char *q = tmpl; *q; q++)
		if (*q == '{') {
			braces++;
			known += !strncmp(q, "{a}", 3) || !strncmp(q, "{case_no}", 9);
		}
	if (braces == known && !strpbrk(v1, "{}") && !strpbrk(v2, "{}"))
		FUZZ_ASSERT(!strchr(doc, '{'));
	free(doc);
	free(buf);
	return 0;
}
