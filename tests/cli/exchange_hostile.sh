#!/bin/sh
# tests/cli/exchange_hostile.sh — the CSV exchange (yici-exchange(5)):
# hostile applications.csv files (unterminated, a stray quote, a wrong
# field count, a missing column, invalid UTF-8, a NUL byte, a 10 MB field,
# GBK read as UTF-8, an empty file): the whole file rejected with
# file:line: reason, exit 2, nothing applied.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# ---- hostile files: the whole file is rejected with file:line: ----
hostile() { # NAME FILE PATTERN [ENCODING]
	mkdir -p "h/$1"
	cp "$2" "h/$1/applications.csv"
	n0=$(sql x.db "SELECT count(*) FROM cases")/$(sql x.db "SELECT count(*) FROM inbox")
	if [ -n "$4" ]; then run --lang en -d x.db import --encoding "$4" "h/$1/applications.csv"
	else run --lang en -d x.db import "h/$1/applications.csv"; fi
	expect_rc "hostile $1: exit 2" 2
	expect_err "hostile $1: file:line: reason" "$3"
	expect_eq "hostile $1: nothing applied" "$(sql x.db "SELECT count(*) FROM cases")/$(sql x.db "SELECT count(*) FROM inbox")" "$n0"
}
hostile unterminated "$data/unterminated.csv" "applications\.csv:[0-9]+: malformed CSV"
hostile stray-quote "$data/stray_quote.csv" "applications\.csv:3: malformed CSV"
hostile field-count "$data/field_count.csv" "applications\.csv:3: expected 17 fields but found 16"
hostile missing-column "$data/missing_column.csv" "applications\.csv:1: required column 'worker_phone' is missing"
printf '\377\376bad' | cat "$data/header.csv" - >inv.csv
hostile invalid-utf8 inv.csv "applications\.csv:2: .*not valid UTF-8"
{ cat "$data/header.csv"; printf 'WS-N,2026-11-27,injury,a\000b,11010519491231002X,13800138000,x,91110000100006485K,2026-11-20,p,d,RD,M01,a,11010519491231002X,13800138000,本人\r\n'; } >nul.csv
hostile nul-byte nul.csv "applications\.csv:2: .*NUL"
$PY -c 'import sys; sys.stdout.write(open(sys.argv[1]).read() + "WS-BIG,2026-11-27,injury,a,11010519491231002X,13800138000,x,91110000100006485K,2026-11-20,p,\"" + "长" * 3500000 + "\",RD,M01,a,11010519491231002X,13800138000,本人\r\n")' "$data/header.csv" >big.csv
hostile 10MB-field big.csv "applications\.csv:2: field .*longer than"
iconv -f UTF-8 -t GBK "$data/gbk_utf8.csv" >gbk.csv
hostile gbk-as-utf8 gbk.csv "applications\.csv:2: .*not valid UTF-8"
: >empty.csv
hostile empty empty.csv "applications\.csv:1: .*empty"
