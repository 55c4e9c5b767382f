/* core_validate.c — citizen IDs (GB 11643), credit codes (GB 32100 with
 * the GB 11714 inner check), mobile numbers and dates.  Layer: core. */
#include "core_validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---- shared helpers ----------------------------------------------------- */

static int is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static int to_upper(int ch)
{
	return ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch;
}

enum { FW_NONE, FW_DIGIT, FW_OTHER };

/* Looks for full-width forms (U+FF01..U+FF5E, EF BC 81 .. EF BD 9E) and the
 * ideographic space: FW_DIGIT when a full-width digit is among them. */
static int fullwidth_kind(const char *s)
{
	int r = FW_NONE;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
			return FW_DIGIT;
		if (p[0] == 0xEF && ((p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) ||
				     (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E)))
			r = FW_OTHER;
		if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
			r = FW_OTHER;
	}
	return r;
}

/* Length in characters: code points for valid UTF-8, else bytes. */
static size_t char_len(const char *s)
{
	size_t n = strlen(s);
	return utf8_valid(s, n) ? utf8_len(s) : n;
}

/* First non-ASCII byte's position (1-based), 0 when all ASCII. */
static int non_ascii_pos(const char *s)
{
	for (int i = 0; s[i]; i++)
		if ((unsigned char)s[i] >= 0x80)
			return i + 1;
	return 0;
}

/* ---- citizen IDs -------------------------------------------------------- */

static const int id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

char citizen_id_check_char(const char *first17)
{
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (!is_digit(first17[i]))
			return '?';
		sum += (first17[i] - '0') * id_weights[i];
	}
	return "10X98765432"[sum % 11];
}

int region_province_valid(int two_digits)
{
	/* GB/T 2260 provinces, plus 71 台湾 81 香港 82 澳门; 83 is the prefix
	 * of 台湾居民居住证 numbers, which share the GB 11643 format. */
	static const unsigned char codes[] = {
		11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
		43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
	};
	for (size_t i = 0; i < ARRAY_SIZE(codes); i++)
		if (codes[i] == two_digits)
			return 1;
	return 0;
}

/* Length, character set and position of letters. */
static int id_shape(const char *id, struct yerr *e)
{
	int fw = fullwidth_kind(id);
	if (fw == FW_DIGIT)
		return yerr_set(e, YERR_INPUT,
				_("citizen ID contains full-width digits; type ASCII digits"));
	if (fw == FW_OTHER)
		return yerr_set(e, YERR_INPUT,
				_("citizen ID contains full-width characters; type ASCII"));
	size_t n = char_len(id);
	if (n != 18)
		return yerr_set(e, YERR_INPUT, _("citizen ID must be 18 characters, got %zu"), n);
	int pos = non_ascii_pos(id);
	if (pos)
		return yerr_set(e, YERR_INPUT,
				_("citizen ID has a non-ASCII character at position %d"), pos);
	for (int i = 0; i < 17; i++) {
		if (is_digit(id[i]))
			continue;
		if (to_upper(id[i]) == 'X')
			return yerr_set(e, YERR_INPUT,
					_("citizen ID has X at position %d; only the last "
					  "character may be X"), i + 1);
		return yerr_set(e, YERR_INPUT,
				_("citizen ID has '%c' at position %d; the first 17 "
				  "characters must be digits"), id[i], i + 1);
	}
	if (!is_digit(id[17]) && to_upper(id[17]) != 'X')
		return yerr_set(e, YERR_INPUT,
				_("citizen ID must end in a digit or X, got '%c'"), id[17]);
	return 0;
}

/* Birth date YYYYMMDD at positions 7-14: real and not in the future. */
static int id_birth(const char *id, struct yerr *e)
{
	int y = 0, m = 0, d = 0;
	for (int i = 6; i < 10; i++)
		y = y * 10 + (id[i] - '0');
	m = (id[10] - '0') * 10 + (id[11] - '0');
	d = (id[12] - '0') * 10 + (id[13] - '0');
	if (!date_ymd_valid(y, m, d)) /* the words of date_parse, for one message per failure */
		return yerr_set(e, YERR_INPUT,
				_("no such date %04d-%02d-%02d (birth date in the citizen ID)"), y,
				m, d);
	if (date_from_ymd(y, m, d) > clock_today())
		return yerr_set(e, YERR_INPUT,
				_("birth date %04d-%02d-%02d in citizen ID is in the future"),
				y, m, d);
	return 0;
}

int validate_citizen_id(const char *id, struct yerr *e)
{
	if (!id || !*id)
		return yerr_set(e, YERR_INPUT, _("citizen ID is empty"));
	if (id_shape(id, e) < 0)
		return -1;
	int prov = (id[0] - '0') * 10 + (id[1] - '0');
	if (!region_province_valid(prov))
		return yerr_set(e, YERR_INPUT,
				_("citizen ID starts with %02d, which is not a province code"),
				prov);
	if (id_birth(id, e) < 0)
		return -1;
	char want = citizen_id_check_char(id);
	if (to_upper(id[17]) != want)
		return yerr_set(e, YERR_INPUT, _("check digit should be %c, not %c"), want,
				to_upper(id[17]));
	return 0;
}

char citizen_id_sex(const char *id)
{
	if (!id || strlen(id) < 17 || !is_digit(id[16]))
		return '?';
	return (id[16] - '0') % 2 ? 'M' : 'F';
}

/* INT32_MIN when id has no readable birth date. */
yday citizen_id_birth(const char *id)
{
	int y = 0, m = 0, d = 0;
	if (!id || strlen(id) < 14)
		return INT32_MIN;
	for (int i = 6; i < 14; i++)
		if (!is_digit(id[i]))
			return INT32_MIN;
	for (int i = 6; i < 10; i++)
		y = y * 10 + (id[i] - '0');
	m = (id[10] - '0') * 10 + (id[11] - '0');
	d = (id[12] - '0') * 10 + (id[13] - '0');
	if (!date_ymd_valid(y, m, d))
		return INT32_MIN;
	return date_from_ymd(y, m, d);
}

void mask_citizen_id(const char *id, char out[19])
{
	size_t n = id ? strlen(id) : 0;
	if (n > 18)
		n = 18;
	memset(out, '*', n);
	out[n] = '\0';
	if (n < 10)
		return;
	memcpy(out, id, 6);
	memcpy(out + n - 4, id + strlen(id) - 4, 4);
}

/* ---- unified social credit codes ---------------------------------------- */

static const char cc_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int cc_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24,
				    10, 30, 28 };

/* Value of ch in the 31-character set, -1 when not in it. */
static int cc_value(int ch)
{
	ch = to_upper(ch);
	const char *p = ch ? strchr(cc_set, ch) : NULL;
	return p ? (int)(p - cc_set) : -1;
}

char credit_code_check_char(const char *first17)
{
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		int v = cc_value(first17[i]);
		if (v < 0)
			return '?';
		sum += v * cc_weights[i];
	}
	return cc_set[(31 - sum % 31) % 31];
}

/* GB 11714 check of an organisation code body (8 chars, upper case). */
static char org_check_char(const char *body)
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		int ch = body[i];
		int v = is_digit(ch) ? ch - '0' : ch - 'A' + 10;
		sum += v * w[i];
	}
	int c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

static int cc_chars(const char *code, struct yerr *e)
{
	int pos = non_ascii_pos(code);
	if (pos)
		return yerr_set(e, YERR_INPUT,
				_("credit code has a non-ASCII character at position %d"), pos);
	for (int i = 0; i < 18; i++) {
		int ch = to_upper(code[i]);
		if (cc_value(ch) >= 0)
			continue;
		if (strchr("IOSVZ", ch))
			return yerr_set(e, YERR_INPUT,
					_("credit code has '%c' at position %d; the letters "
					  "I, O, S, V and Z are never used"), code[i], i + 1);
		return yerr_set(e, YERR_INPUT,
				_("credit code has '%c' at position %d; only digits and "
				  "capital letters are used"), code[i], i + 1);
	}
	return 0;
}

int validate_credit_code(const char *code, struct yerr *e)
{
	if (!code || !*code)
		return yerr_set(e, YERR_INPUT, _("credit code is empty"));
	if (fullwidth_kind(code) != FW_NONE)
		return yerr_set(e, YERR_INPUT,
				_("credit code contains full-width characters; type ASCII"));
	size_t n = char_len(code);
	if (n != 18)
		return yerr_set(e, YERR_INPUT, _("credit code must be 18 characters, got %zu"),
				n);
	if (cc_chars(code, e) < 0)
		return -1;
	char up[19];
	for (int i = 0; i < 18; i++)
		up[i] = (char)to_upper(code[i]);
	up[18] = '\0';
	char want = credit_code_check_char(up);
	if (up[17] != want)
		return yerr_set(e, YERR_INPUT, _("credit code check character should be %c, not %c"),
				want, up[17]);
	char org = org_check_char(up + 8);
	if (up[16] != org)
		return yerr_set(e, YERR_INPUT,
				_("organisation code %.9s inside the credit code fails its own "
				  "check: character 17 should be %c, not %c"), up + 8, org, up[16]);
	return 0;
}

/* ---- mobile numbers ----------------------------------------------------- */

/* Collects the digits of phone into d (at most 15), tolerating spaces,
 * dashes and one leading '+'. */
static int mobile_digits(const char *phone, char d[16], int *plus, struct yerr *e)
{
	int n = 0;
	*plus = 0;
	for (int i = 0; phone[i]; i++) {
		int ch = (unsigned char)phone[i];
		if (ch == ' ' || ch == '-')
			continue;
		if (ch == '+' && n == 0 && !*plus) {
			*plus = 1;
			continue;
		}
		if (!is_digit(ch)) {
			if (ch >= 0x80)
				return yerr_set(e, YERR_INPUT,
						_("mobile number has a non-ASCII character at "
						  "position %d"), i + 1);
			return yerr_set(e, YERR_INPUT,
					_("mobile number contains '%c'; only digits, spaces, "
					  "dashes and a +86 prefix are allowed"), ch);
		}
		if (n < 15)
			d[n] = (char)ch;
		n++;
	}
	d[n < 15 ? n : 15] = '\0';
	return n;
}

int validate_mobile(const char *phone, char normalised[12], struct yerr *e)
{
	char d[16];
	int plus;
	if (normalised)
		normalised[0] = '\0';
	if (!phone || !*phone)
		return yerr_set(e, YERR_INPUT, _("mobile number is empty"));
	if (fullwidth_kind(phone) == FW_DIGIT)
		return yerr_set(e, YERR_INPUT,
				_("mobile number contains full-width digits; type ASCII digits"));
	int n = mobile_digits(phone, d, &plus, e);
	if (n < 0)
		return -1;
	const char *p = d;
	if (plus && strncmp(d, "86", 2) != 0)
		return yerr_set(e, YERR_INPUT,
				_("mobile number: only the +86 country code is accepted"));
	if ((plus || n == 13) && strncmp(d, "86", 2) == 0) {
		p += 2;
		n -= 2;
	}
	if (n != 11)
		return yerr_set(e, YERR_INPUT, _("mobile number must be 11 digits, got %d"), n);
	if (p[0] != '1' || p[1] < '3')
		return yerr_set(e, YERR_INPUT,
				_("mobile number must start with 13 to 19, not %.2s"), p);
	if (normalised)
		memcpy(normalised, p, 12);
	return 0;
}

/* ---- dates -------------------------------------------------------------- */

int validate_date(const char *s, yday not_after, yday *out, struct yerr *e)
{
	yday day;
	if (date_parse(s, &day, e) < 0)
		return -1;
	if (not_after >= 0 && day > not_after)
		return yerr_set(e, YERR_INPUT, _("date %s is in the future"), s);
	if (out)
		*out = day;
	return 0;
}

/* ---- control characters and bidi overrides ---- */

/* The code point at s (valid UTF-8 assumed for lead bytes >= 0xC2); *len
 * gets its byte length.  An invalid byte is returned as itself, length 1. */
static unsigned next_code(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80 || s[0] < 0xC2 || s[0] > 0xF4) {
		*len = 1;
		return s[0];
	}
	size_t n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	unsigned cp = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*len = 1;
			return s[0];
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*len = n;
	return cp;
}

int text_unsafe_char(unsigned cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x061C || cp == 0x200E || cp == 0x200F;
}

/* The character-by-character search, with the position counted. */
static int find_unsafe_slow(const char *s, unsigned *cp_out, size_t *pos_out)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t chars = 0;
	while (*p) {
		size_t n;
		unsigned cp = next_code(p, &n);
		chars++;
		if (text_unsafe_char(cp)) {
			if (cp_out)
				*cp_out = cp;
			if (pos_out)
				*pos_out = chars;
			return 1;
		}
		p += n;
	}
	return 0;
}

/* Every field of every imported row passes here, so the text that cannot
 * hold an unsafe character is skipped a byte class at a time: printable
 * ASCII, and well-formed two- and three-byte sequences whose lead byte
 * (C3..DF but D8; E3..EF) puts them outside every range text_unsafe_char
 * refuses (C1 controls are C2 xx, U+061C is D8 9C, the bidi marks are
 * E2 80/81 xx).  Anything else is searched again from the start, the slow
 * way, which also counts the position. */
int text_find_unsafe(const char *s, unsigned *cp_out, size_t *pos_out)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	for (;;) {
		unsigned c = *p;
		if (c >= 0x20 && c < 0x7F) {
			p++;
		} else if (c >= 0xE3 && c <= 0xEF && (p[1] & 0xC0) == 0x80 &&
			   (p[2] & 0xC0) == 0x80) {
			p += 3;
		} else if (c >= 0xC3 && c <= 0xDF && c != 0xD8 && (p[1] & 0xC0) == 0x80) {
			p += 2;
		} else if (c == 0) {
			return 0;
		} else {
			return find_unsafe_slow(s, cp_out, pos_out);
		}
	}
}

int validate_text(const char *field, const char *s, struct yerr *e)
{
	unsigned cp;
	size_t pos;
	if (!text_find_unsafe(s, &cp, &pos))
		return 0;
	if (cp >= 0x202A)
		return yerr_set(e, YERR_INPUT, _("%s: character %zu is a bidirectional control "
						 "(U+%04X), which is not accepted in text"),
				field, pos, cp);
	return yerr_set(e, YERR_INPUT, _("%s: character %zu is a control character (U+%04X), "
					 "which is not accepted in text"), field, pos, cp);
}

/* On a terminal a TAB or a newline is unsafe too: it breaks a table row. */
static int shown_unsafe(unsigned cp)
{
	return cp < 0x20 || text_unsafe_char(cp);
}

void text_safe_add(struct sbuf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end && *p) {
		size_t n;
		unsigned cp = next_code(p, &n);
		if (p + n > end)
			n = (size_t)(end - p);
		if (shown_unsafe(cp) || (n == 1 && *p >= 0x80))
			sbuf_add(b, "?", 1);
		else
			sbuf_add(b, (const char *)p, n);
		p += n;
	}
}

const char *text_safe(const char *s)
{
	static char *ring[8];
	static unsigned next;
	if (!s)
		return "";
	int plain = utf8_valid(s, strlen(s));
	for (const unsigned char *p = (const unsigned char *)s; plain && *p; p++)
		plain = *p >= 0x20 && *p != 0x7F && *p != 0xC2 && *p != 0xD8 && *p != 0xE2;
	if (plain)
		return s;
	struct sbuf b = { 0 };
	text_safe_add(&b, s, strlen(s));
	unsigned k = next++ % 8;
	free(ring[k]);
	ring[k] = b.s ? b.s : xstrdup("");
	return ring[k];
}
