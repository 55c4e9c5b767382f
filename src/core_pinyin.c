/* core_pinyin.c — pinyin initials of names and matching of initials
 * queries, over the generated table of src/pinyin_table.c.  Layer: core. */
#include "core_pinyin.h"

#include <string.h>

uint32_t pinyin_cp_bits(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp >= 'a' && cp <= 'z')
		return 1u << (cp - 'a');
	if (cp >= PINYIN_FIRST && cp <= PINYIN_LAST)
		return pinyin_bits[cp - PINYIN_FIRST];
	if (cp == 0x3007) /* 〇 líng */
		return 1u << ('l' - 'a');
	return 0;
}

/* Decodes one UTF-8 character; returns its length (>= 1; invalid bytes
 * count as one character with code point 0). */
static size_t next_cp(const unsigned char *s, uint32_t *cp)
{
	int n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
	      : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (n == 0) {
		*cp = 0;
		return 1;
	}
	uint32_t v = n == 1 ? s[0] : s[0] & (0x7Fu >> n);
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0;
			return (size_t)i;
		}
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	*cp = v;
	return (size_t)n;
}

/* The initial sets of the name's characters that have any, at most
 * PINYIN_KEY_MAX; returns the count. */
static int name_sets(const char *name, uint32_t sets[PINYIN_KEY_MAX])
{
	int n = 0;
	const unsigned char *p = (const unsigned char *)name;
	while (*p && n < PINYIN_KEY_MAX) {
		uint32_t cp, b;
		p += next_cp(p, &cp);
		if ((b = pinyin_cp_bits(cp)) != 0)
			sets[n++] = b;
	}
	return n;
}

/* Depth-first over the letters of each position, in alphabetical order. */
static void expand(const uint32_t *sets, int n, int pos, char *cur,
		   char keys[][PINYIN_KEY_MAX + 1], int max, int *count)
{
	if (pos == n) {
		if (*count < max) {
			memcpy(keys[*count], cur, (size_t)n);
			keys[*count][n] = '\0';
			(*count)++;
		}
		return;
	}
	for (int l = 0; l < 26 && *count < max; l++)
		if (sets[pos] & (1u << l)) {
			cur[pos] = (char)('a' + l);
			expand(sets, n, pos + 1, cur, keys, max, count);
		}
}

int pinyin_name_keys(const char *name, char keys[][PINYIN_KEY_MAX + 1], int max)
{
	uint32_t sets[PINYIN_KEY_MAX];
	int n = name_sets(name, sets), count = 0;
	char cur[PINYIN_KEY_MAX + 1];
	if (n == 0 || max <= 0)
		return 0;
	expand(sets, n, 0, cur, keys, max, &count);
	return count;
}

int pinyin_is_query(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > PINYIN_KEY_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return 1;
}

