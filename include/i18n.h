/* i18n.h — UI text goes through gettext.  English msgids, zh_CN catalog.
 * Layer: core. */
#ifndef YICI_I18N_H
#define YICI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Chooses the language: lang is "zh", "en" or NULL (Chinese by default).
 * localedir is where yici.mo catalogs live (LOCALEDIR/zh_CN/LC_MESSAGES).
 * Works under C.UTF-8, the only locale a fresh Debian has. */
void i18n_init(const char *lang, const char *localedir);

/* The terminal's codeset when the environment's locale is not UTF-8
 * (zh_CN.GB18030, GBK ...): its name, with *installed 1 when glibc has the
 * locale; NULL for a UTF-8 (or C) locale.  yici works in UTF-8 inside;
 * main converts what the commands print (i18n_init leaves C.UTF-8 set). */
const char *i18n_terminal_codeset(int *installed);

#endif
