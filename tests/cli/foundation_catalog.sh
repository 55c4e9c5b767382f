#!/bin/sh
# tests/cli/foundation_catalog.sh — the foundation commands: yici catalog and catalog --check on the
# fixture catalog: items, materials, rules, the language of its text.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"
foundation_db

# ---- catalog ----
run --lang en -d x.db catalog
expect_rc "catalog: exit 0" 0
expect_out "catalog: 14 items in 3 categories" "^14 items in 3 categories"
nitem=$(printf '%s\n' "$out" | grep -Ec '^ *[0-9]+  [A-Z]{2} ')
expect_eq "catalog: 14 item lines" "$nitem" 14

# --lang is global but also taken after the command
run -d x.db catalog --lang en
expect_rc "catalog --lang en (after the command): exit 0" 0
expect_out "catalog --lang en: English" "^14 items in 3 categories"
run -d x.db catalog --lang=en
expect_out "catalog --lang=en: English" "^14 items in 3 categories"
run -d x.db catalog --lang fr
expect_rc "catalog --lang fr: usage error" 2
run -d x.db catalog --lang
expect_rc "catalog --lang without a value: usage error" 2

run -d x.db catalog --format csv
expect_rc "catalog csv: exit 0" 0
expect_eq "catalog csv: header + 14 rows" "$(printf '%s\n' "$out" | grep -c .)" 15
expect_out "catalog csv: header" '^"?seq"?,"?code"?,"?name"?,"?category"?'
cats=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))
i = r[0].index("category")
print(" ".join(sorted({row[i] for row in r[1:]})))')
expect_eq "catalog csv: categories exactly admin/appraisal/agency" "$cats" "admin agency appraisal"

run --lang en catalog --check
expect_rc "catalog --check on the fixture catalog: exit 0" 0
expect_out "catalog --check: forms OK" "forms OK: 14 items"

cp -r "$top/tests/data/forms" bad
sed '7s/,agency,/,amdin,/' "$top/tests/data/forms/items.csv" >bad/items.csv
if [ "$(sed -n 7p bad/items.csv | grep -c ',amdin,')" = 1 ]; then
	pass "bad forms: line 7 edited"
else
	fail "bad forms: line 7 edited" "line 7 of the fixture items.csv has no ',agency,': $(sed -n 7p "$top/tests/data/forms/items.csv")"
fi
run --lang en catalog --check --forms bad
expect_rc "catalog --check bad category: exit 1" 1
expect_err "catalog --check bad category: items.csv:7:" "items\.csv:7:"
expect_err "catalog --check bad category: names amdin" "amdin"
run --lang en --forms bad -d b.db init
expect_rc "init with bad forms: exit 1" 1
expect_err "init with bad forms: items.csv:7: amdin" "items\.csv:7:.*amdin"
if [ ! -e b.db ]; then pass "init with bad forms: no database created"; else fail "init with bad forms: no database created" "b.db exists"; fi

# ---- names whole: the listing has no screen edge to cut at ----
run --lang en catalog
expect_out "catalog: the longest item name whole" "^ 10  SC   伤残待遇申领（一次性伤残补助金、伤残津贴、生活护理费） +Agency "
if printf '%s\n' "$out" | grep -q "…"; then fail "catalog: nothing cut with …" "$(printf '%s\n' "$out" | grep "…" | head -n 2)"; else pass "catalog: nothing cut with …"; fi
