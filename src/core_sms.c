/* core_sms.c — rendering SMS templates.  Layer: core. */
#include "core_sms.h"

#include <ctype.h>
#include <string.h>

#include "core_validate.h"
#include "util.h"

/* 17 digits and a digit or X: treat as a citizen ID whatever the field. */
static int looks_like_id(const char *s, size_t n)
{
	if (n != 18)
		return 0;
	for (size_t i = 0; i < 17; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return isdigit((unsigned char)s[17]) || s[17] == 'X' || s[17] == 'x';
}

static void add_value(struct sbuf *b, const char *v)
{
	/* mask every run of 18 ID-like characters inside the value */
	size_t n = strlen(v), i = 0;
	while (i < n) {
		if (i + 18 <= n && looks_like_id(v + i, 18) &&
		    (i == 0 || !isdigit((unsigned char)v[i - 1]))) {
			char id[19], m[19];
			memcpy(id, v + i, 18);
			id[18] = '\0';
			mask_citizen_id(id, m);
			sbuf_addstr(b, m);
			i += 18;
		} else {
			sbuf_add(b, v + i, 1);
			i++;
		}
	}
}

char *sms_render(const char *tmpl, const struct sms_var *vars, int nvars)
{
	struct sbuf b = { 0 };
	sbuf_add(&b, "", 0);
	for (const char *p = tmpl; *p;) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if (!close) {
			sbuf_add(&b, p, 1);
			p++;
			continue;
		}
		size_t n = (size_t)(close - p - 1);
		for (int i = 0; i < nvars; i++)
			if (strlen(vars[i].name) == n && !strncmp(vars[i].name, p + 1, n)) {
				add_value(&b, vars[i].value ? vars[i].value : "");
				break;
			}
		p = close + 1;
	}
	return b.s;
}
