/* core_words.h — how official papers write dates and sums: 2026年11月28日,
 * 12,345.67元 and 壹万贰仟叁佰肆拾伍元陆角柒分.  Layer: core (pure C). */
#ifndef YICI_CORE_WORDS_H
#define YICI_CORE_WORDS_H

#include <stddef.h>
#include <stdint.h>
#include "core_date.h"

/* "2026年11月28日" (GB/T 9704-2012: Arabic figures, no leading zeros). */
void words_date(yday day, char *out, size_t n);
/* The same from "YYYY-MM-DD" (a time after it is ignored); "" stays "",
 * anything else is copied unchanged. */
void words_date_str(const char *iso, char *out, size_t n);
/* "12,345.67" from fen (>= 0). */
void words_amount(int64_t fen, char *out, size_t n);
/* The amount in capital figures (大写) as cheques and notices write it:
 * 壹万贰仟叁佰肆拾伍元陆角柒分, 壹拾万零壹佰元整, 伍角陆分, 零元整.
 * fen from 0 to 999,999,999,999,99 (under a trillion yuan); -1 for a
 * negative or larger amount (out is then ""). */
int words_amount_upper(int64_t fen, char *out, size_t n);

#endif
