/* core_validate.h — identifier and field validators.  Layer: core.
 * Each returns 0 when valid, or -1 and fills e with its own message
 * (through gettext), e.g. "check digit should be X". */
#ifndef YICI_CORE_VALIDATE_H
#define YICI_CORE_VALIDATE_H

#include "core_date.h"
#include "util.h"

/* 公民身份号码, GB 11643-1999: 18 characters, 17 ASCII digits and a check
 * character (digit or X, lower-case x accepted), a real birth date not in
 * the future (relative to clock_today()), a plausible region prefix (first
 * two digits a province code of GB/T 2260), and the ISO 7064 MOD 11-2 check.
 * Full-width digits are refused with a message saying so. */
int validate_citizen_id(const char *id, struct yerr *e);
/* From a valid ID: sex 'M' or 'F' (odd/even sequence) and birth date. */
char citizen_id_sex(const char *id);
yday citizen_id_birth(const char *id);
/* The check character for the first 17 digits. */
char citizen_id_check_char(const char *first17);

/* 统一社会信用代码, GB 32100-2015: 18 characters of the 31-character set
 * (no I O S V Z; lower case accepted), the check character, and the
 * GB 11714 organisation-code check of positions 9-17. */
int validate_credit_code(const char *code, struct yerr *e);
char credit_code_check_char(const char *first17);

/* Mainland mobile number: 11 digits starting 1[3-9]; an optional +86 / 86
 * prefix and spaces or dashes are tolerated. normalised (12 bytes) gets the
 * 11 digits when non-NULL. */
int validate_mobile(const char *phone, char normalised[12], struct yerr *e);

/* A date "YYYY-MM-DD" that exists; not_after >= 0 also refuses dates after
 * that day ("date 2027-01-01 is in the future"). */
int validate_date(const char *s, yday not_after, yday *out, struct yerr *e);

/* Masks a citizen ID for display: 340102********123X (first 6, last 4). */
void mask_citizen_id(const char *id, char out[19]);

/* Control characters (C0 but TAB and newline, DEL, C1) and the
 * bidirectional overrides and isolates (U+202A-202E, U+2066-2069, U+061C,
 * U+200E-200F) are refused in every text field: they would reach a
 * clerk's terminal (clearing it, changing its title) or reorder what a
 * reader sees.  validate_text names the field and the character's place. */
int text_unsafe_char(unsigned cp);
/* 1 when s holds such a character: its code point and 1-based place. */
int text_find_unsafe(const char *s, unsigned *cp, size_t *pos);
int validate_text(const char *field, const char *s, struct yerr *e);

/* Text from the database made safe for a terminal: every such character,
 * TAB and newline (which would break a table row) and every invalid byte
 * becomes '?'.  text_safe returns s itself when it
 * is already safe, else one of 8 rotating buffers (for printf arguments). */
void text_safe_add(struct sbuf *b, const char *s, size_t len);
const char *text_safe(const char *s);

/* Province codes (first two digits) of GB/T 2260. */
int region_province_valid(int two_digits);

#endif
