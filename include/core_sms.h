/* core_sms.h — SMS texts from the templates of forms/templates.csv.
 * Placeholders are {name}; a full citizen ID number never reaches a
 * message (the renderer masks any 18-character ID-like value).  Layer: core. */
#ifndef YICI_CORE_SMS_H
#define YICI_CORE_SMS_H

struct sms_var {
	const char *name;   /* "case_no" */
	const char *value;
};

/* Returns a malloc'd text: tmpl with every {name} replaced by its value
 * ("" for an unknown name); values that look like a citizen ID are masked. */
char *sms_render(const char *tmpl, const struct sms_var *vars, int nvars);

#endif
