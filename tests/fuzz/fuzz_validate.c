/* fuzz_validate.c — libFuzzer target: the identifier validators.  Any
 * string may be refused, with a message; what is accepted must agree with
 * the check-character functions (GB 11643, GB 32100), a valid ID must
 * give a sex, a birth date and an 18-character mask, a valid mobile number
 * normalises to 11 digits, and a valid date formats back to a date that
 * validates to the same day.  Layer: test. */
#include <ctype.h>

#include "core_validate.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

static void check_id(const char *s)
{
	struct yerr e;
	yerr_clear(&e);
	if (validate_citizen_id(s, &e) < 0) {
		FUZZ_ASSERT(e.msg[0]);
		return;
	}
	FUZZ_ASSERT(strlen(s) == 18);
	FUZZ_ASSERT(citizen_id_check_char(s) == toupper((unsigned char)s[17]));
	char sex = citizen_id_sex(s);
	FUZZ_ASSERT(sex == 'M' || sex == 'F');
	char out[11];
	date_format(citizen_id_birth(s), out);
	FUZZ_ASSERT(!memcmp(out, s + 6, 4) && !memcmp(out + 5, s + 10, 2) && !memcmp(out + 8, s + 12, 2));
	char m[19];
	mask_citizen_id(s, m);
	FUZZ_ASSERT(strlen(m) == 18 && !memcmp(m, s, 6) && !strcmp(m + 14, s + 14));
}

static void check_credit(const char *s)
{
	struct yerr e;
	yerr_clear(&e);
	if (validate_credit_code(s, &e) < 0) {
		FUZZ_ASSERT(e.msg[0]);
		return;
	}
	FUZZ_ASSERT(strlen(s) == 18);
	char up[19];
	for (int i = 0; i < 18; i++)
		up[i] = (char)toupper((unsigned char)s[i]);
	up[18] = '\0';
	FUZZ_ASSERT(credit_code_check_char(up) == up[17]);
}

static void check_other(const char *s)
{
	struct yerr e;
	char norm[12];
	yerr_clear(&e);
	if (validate_mobile(s, norm, &e) == 0) {
		FUZZ_ASSERT(strlen(norm) == 11 && norm[0] == '1');
		for (int i = 0; i < 11; i++)
			FUZZ_ASSERT(isdigit((unsigned char)norm[i]));
	}
	yday d, d2;
	if (validate_date(s, -1, &d, &e) == 0) {
		char out[11];
		date_format(d, out);
		FUZZ_ASSERT(validate_date(out, -1, &d2, &e) == 0 && d2 == d);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64];
	size_t n = size < sizeof s - 1 ? size : sizeof s - 1;
	memcpy(s, data, n);
	s[n] = '\0';
	check_id(s);
	check_credit(s);
	check_other(s);
	return 0;
}
