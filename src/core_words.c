/* core_words.c — Chinese dates and amounts in figures and in 大写.
 * Layer: core. */
#include "core_words.h"

#include <stdio.h>
#include <string.h>

void words_date(yday day, char *out, size_t n)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, n, "%d年%d月%d日", y, m, d);
}

void words_date_str(const char *iso, char *out, size_t n)
{
	int y, m, d;
	char tail;
	if (iso && strlen(iso) >= 10 && sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) >= 3 &&
	    date_ymd_valid(y, m, d))
		snprintf(out, n, "%d年%d月%d日", y, m, d);
	else
		snprintf(out, n, "%s", iso ? iso : "");
}

void words_amount(int64_t fen, char *out, size_t n)
{
	if (fen < 0)
		fen = 0;
	char digits[32], grouped[48];
	snprintf(digits, sizeof digits, "%lld", (long long)(fen / 100));
	size_t len = strlen(digits), k = 0;
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	snprintf(out, n, "%s.%02d", grouped, (int)(fen % 100));
}

static const char *const digit_cn[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };
static const char *const unit_cn[] = { "", "拾", "佰", "仟" };
static const char *const group_cn[] = { "", "万", "亿", "万" };

static void add(char *out, size_t n, const char *s)
{
	size_t l = strlen(out);
	snprintf(out + l, n > l ? n - l : 0, "%s", s);
}

int words_amount_upper(int64_t fen, char *out, size_t n)
{
	if (n)
		out[0] = '\0';
	if (fen < 0 || fen > 99999999999999LL)
		return -1;
	int64_t yuan = fen / 100;
	int jiao = (int)(fen / 10 % 10), f = (int)(fen % 10);
	if (yuan > 0) {
		int groups[4], ng = 0;
		for (int64_t y = yuan; y > 0; y /= 10000)
			groups[ng++] = (int)(y % 10000);
		static const int pw[] = { 1, 10, 100, 1000 };
		int zero = 0; /* a 零 is owed before the next figure */
		for (int g = ng - 1; g >= 0; g--) {
			int v = groups[g], seen = 0;
			if (v == 0) {
				zero = 1;
				continue;
			}
			if (g < ng - 1 && v < 1000)
				zero = 1;
			for (int p = 3; p >= 0; p--) {
				int dgt = v / pw[p] % 10;
				if (dgt == 0) {
					zero |= seen;
					continue;
				}
				if (zero)
					add(out, n, digit_cn[0]);
				zero = 0;
				seen = 1;
				add(out, n, digit_cn[dgt]);
				add(out, n, unit_cn[p]);
			}
			add(out, n, group_cn[g]);
			zero = 0;
		}
		add(out, n, "元");
	}
	if (jiao == 0 && f == 0) {
		add(out, n, yuan > 0 ? "整" : "零元整");
		return 0;
	}
	if (jiao > 0) {
		add(out, n, digit_cn[jiao]);
		add(out, n, "角");
	} else if (yuan > 0) {
		add(out, n, digit_cn[0]);
	}
	if (f > 0) {
		add(out, n, digit_cn[f]);
		add(out, n, "分");
	}
	return 0;
}
