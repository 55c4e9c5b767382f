/* fuzz_time.c — libFuzzer target: the date and time parsers (issue 17).
 * Any string may be refused, with a message; an accepted date formats
 * back to a string that parses to the same day, an accepted time formats
 * to "YYYY-MM-DD HH:MM:SS" that parses to the same second, and its day is
 * the date part's day.  Layer: test. */
#include "core_date.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	struct yerr e;
	yerr_clear(&e);
	yday day, again;
	if (date_parse(s, &day, &e) < 0) {
		FUZZ_ASSERT(e.msg[0]);
	} else {
		char out[11];
		date_format(day, out);
		yerr_clear(&e);
		FUZZ_ASSERT(date_parse(out, &again, &e) == 0 && again == day);
	}
	yerr_clear(&e);
	ytime t, t2;
	if (time_parse(s, &t, &e) < 0) {
		FUZZ_ASSERT(e.msg[0]);
	} else {
		char out[20];
		time_format(t, out);
		FUZZ_ASSERT(strlen(out) == 19 && out[10] == ' ');
		yerr_clear(&e);
		FUZZ_ASSERT(time_parse(out, &t2, &e) == 0 && t2 == t);
		char d10[11];
		memcpy(d10, out, 10);
		d10[10] = '\0';
		yerr_clear(&e);
		FUZZ_ASSERT(date_parse(d10, &again, &e) == 0 && again == time_day(t));
	}
	free(s);
	return 0;
}
