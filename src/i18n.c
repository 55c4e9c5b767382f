/* i18n.c — language selection for gettext.  Layer: core. */
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

void i18n_init(const char *lang, const char *localedir)
{
	const char *l = setlocale(LC_ALL, "");
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
