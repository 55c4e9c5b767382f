/* fuzz_edit.c — libFuzzer target: the line editor of the form
 * (core_edit.c) fed random key sequences.  The first two bytes choose the
 * field's limit and width; then each byte is a key (character, Backspace,
 * Delete, Left, Right, Home, End, Ctrl-K, a replace, a clear), and after
 * every key the model's invariants and the layout's must hold: the cursor
 * inside the text, the limit kept, the visible slice inside the text and
 * the width, the cursor column inside the field, and the text surviving a
 * round trip through UTF-8.  Layer: test. */
#include <wchar.h>

#include "core_edit.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_env();
	return 0;
}

static void edit_invariants(struct edit *ed, int width)
{
	FUZZ_ASSERT(ed->len >= 0 && ed->len < ed->cap && ed->buf[ed->len] == L'\0');
	FUZZ_ASSERT((int)wcslen(ed->buf) == ed->len);
	FUZZ_ASSERT(ed->cur >= 0 && ed->cur <= ed->len);
	FUZZ_ASSERT(ed->max == 0 || ed->len <= ed->max);
	int first, count, col;
	edit_layout(ed, width, &first, &count, &col);
	FUZZ_ASSERT(first >= 0 && count >= 0 && first + count <= ed->len);
	FUZZ_ASSERT(ed->scroll >= 0 && ed->scroll <= ed->len);
	FUZZ_ASSERT(edit_columns(ed, first, first + count) <= width);
	FUZZ_ASSERT(col >= 0 && col < width);
	FUZZ_ASSERT(ed->cur >= first && ed->cur <= first + count);
}

/* The text goes out as UTF-8 and comes back the same. */
static void edit_roundtrip(const struct edit *ed)
{
	char *s = edit_get(ed);
	struct edit b;
	edit_init(&b, ed->max);
	FUZZ_ASSERT(edit_set(&b, s) == 0);
	FUZZ_ASSERT(b.len == ed->len && !wmemcmp(b.buf, ed->buf, (size_t)ed->len));
	edit_release(&b);
	free(s);
}

/* A character from three bytes: mostly ASCII and CJK, sometimes any
 * Unicode scalar value (a terminal never delivers a UTF-16 surrogate:
 * mbrtowc refuses them, so they become U+FFFD here). */
static wchar_t edit_char(const uint8_t *p)
{
	wchar_t c;
	switch (p[0] % 4) {
	case 0: return (wchar_t)(0x20 + p[1] % 0x5f);
	case 1: return (wchar_t)(0x4e00 + ((p[1] << 8) | p[2]) % 0x5200);
	case 2: c = (wchar_t)((p[1] << 8) | p[2]); break;
	default: c = (wchar_t)((((p[0] >> 2) << 16) | (p[1] << 8) | p[2]) % 0x110000); break;
	}
	return c >= 0xd800 && c <= 0xdfff ? (wchar_t)0xfffd : c;
}

/* Applies the key at p; returns the bytes it used. */
static size_t edit_key(struct edit *ed, const uint8_t *p, size_t left)
{
	size_t n;
	char *s;
	switch (p[0] % 11) {
	case 0:
		if (left < 4)
			return left;
		edit_insert(ed, edit_char(p + 1));
		return 4;
	case 1: edit_backspace(ed); return 1;
	case 2: edit_delete(ed); return 1;
	case 3: edit_left(ed); return 1;
	case 4: edit_right(ed); return 1;
	case 5: edit_home(ed); return 1;
	case 6: edit_end(ed); return 1;
	case 7: edit_kill_end(ed); return 1;
	default:
		n = left > 1 ? p[1] % 24 : 0;
		n = n > left - 2 ? (left > 2 ? left - 2 : 0) : n;
		s = xstrndup((const char *)p + 2 - (left < 2), n);
		if (p[0] % 11 == 8 || p[0] % 11 == 9)
			edit_set(ed, s);
		else
			edit_clear(ed);
		free(s);
		return n + (left < 2 ? 1 : 2);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	struct edit ed;
	int max = data[0] % 40;
	int width = 2 + data[1] % 40;
	edit_init(&ed, max);
	for (size_t i = 2; i < size;) {
		i += edit_key(&ed, data + i, size - i);
		edit_invariants(&ed, width);
	}
	edit_roundtrip(&ed);
	edit_release(&ed);
	return 0;
}
