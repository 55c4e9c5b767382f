#!/bin/sh
# tests/cli/entitlements_rules.sh — nothing is decided or paid without its
# legal basis (issue 14): every rules.csv row is read by the code
# that applies it: an edited rd_decide moves RD's legal limit and what
# catalog prints; a row read by nothing fails catalog --check.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_entitlements.sh"

# ---- every rules.csv row is read by the code that applies it ----
cp -r "$YICI_FORMS" f30
sed -i 's/^rd_decide,工伤认定决定,60,day,calendar,/rd_decide,工伤认定决定,30,day,working,/' f30/rules.csv
sed -i 's/,rd_decide,40,/,rd_decide,20,/' f30/items.csv
YICI_FORMS=$T/f30 "$YICI" -d r.db init >/dev/null 2>&1
# shellcheck disable=SC2046
YICI_FORMS=$T/f30 run --lang en -d r.db apply $(inj 2026-11-20) --items 'RD' --material all=received --submit
expect_rc "rd_decide = 30 working days: RD accepted" 0
# the 行政 office accepts RD (工伤认定办法 §8); its decision clock starts then
YICI_FORMS=$T/f30 run --lang en -d r.db task accept "$(sql r.db "SELECT case_no FROM cases WHERE case_no IS NOT NULL LIMIT 1")" RD
expect_rc "rd_decide = 30 working days: the office accepts RD" 0
# 30 working days from Saturday 2026-11-28: 2026-11-30 is the first, 2027-01-01
# (元旦) is off, 2027-01-11 the 30th
expect_eq "rd_decide = 30 working days: RD's legal limit is 2027-01-11" \
	"$(sql r.db "SELECT limit_days || ' ' || day_kind || ' ' || legal_due_on FROM task WHERE item='RD'")" \
	"30 working 2027-01-11"
YICI_FORMS=$T/f30 run --lang en catalog --forms "$T/f30"
expect_out "rd_decide = 30 working days: catalog prints RD's limit from the rule" "RD .*30 working days \(promised 20\)"
cp -r "$YICI_FORMS" fu
echo 'rd_unused,没人读的规则,5,day,calendar,x' >>fu/rules.csv
run --lang en catalog --check --forms fu
expect_rc "catalog --check: a row read by nothing is an error" 1
expect_err "catalog --check: names the unused row" "rules.csv: rule 'rd_unused' is read by nothing"
