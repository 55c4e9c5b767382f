/* i18n.c — language selection for gettext.  Layer: core. */
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static char term_codeset[40];
static int term_installed;

/* The codeset the environment's locale names ("zh_CN.GB18030" -> GB18030),
 * "" for none or UTF-8. */
static void wanted_codeset(const char *l)
{
	term_codeset[0] = '\0';
	term_installed = 0;
	if (l && strcmp(l, "C") && strcmp(l, "POSIX")) {
		const char *cs = nl_langinfo(CODESET);
		if (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "ANSI_X3.4-1968") != 0) {
			snprintf(term_codeset, sizeof term_codeset, "%s", cs);
			term_installed = 1;
		}
		return;
	}
	/* not installed: what the variables asked for */
	const char *v = NULL;
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars && !v; i++) {
		const char *s = getenv(vars[i]);
		if (s && *s)
			v = s;
	}
	const char *dot = v ? strchr(v, '.') : NULL;
	if (!dot || !dot[1])
		return;
	size_t n = strcspn(dot + 1, "@");
	char cs[40];
	snprintf(cs, sizeof cs, "%.*s", (int)(n < sizeof cs ? n : sizeof cs - 1), dot + 1);
	if (strcasecmp(cs, "UTF-8") && strcasecmp(cs, "utf8"))
		snprintf(term_codeset, sizeof term_codeset, "%s", cs);
}

const char *i18n_terminal_codeset(int *installed)
{
	if (installed)
		*installed = term_installed;
	return term_codeset[0] ? term_codeset : NULL;
}

void i18n_init(const char *lang, const char *localedir)
{
	const char *l = setlocale(LC_ALL, "");
	wanted_codeset(l);
	/* gettext ignores LANGUAGE under the plain C locale, and the terminal
	 * needs a UTF-8 codeset for Chinese: fall back to C.UTF-8, which
	 * glibc always has. */
	if (!l || !strcmp(l, "C") || !strcmp(l, "POSIX") ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	if (!lang)
		lang = getenv("YICI_LANG");
	if (lang && (!strcmp(lang, "en") || !strncmp(lang, "en_", 3)))
		setenv("LANGUAGE", "en", 1);
	else
		setenv("LANGUAGE", "zh_CN", 1);
	bindtextdomain("yici", localedir);
	bind_textdomain_codeset("yici", "UTF-8");
	textdomain("yici");
}
