#!/bin/sh
# tests/cli/entitlements_item15.sh — nothing is decided or paid without its
# legal basis (issue 14): a 15th item added by editing a copy of
# forms/ alone loads, is accepted, waits in its office's queue for its
# prerequisite, starts on the grade its row names, is decided, and is once
# per accident as its row says.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_entitlements.sh"

# ---- a 15th item, added by editing a copy of forms/ alone ----
cp -r "$YICI_FORMS" f15
add_item15 f15
printf 'BZ,M01,yes,no,,\nBZ,M07,yes,no,JD,\nBZ,M14,yes,no,,\n' >>f15/item_materials.csv
run --lang en catalog --check --forms f15
expect_rc "15th item: the edited copy of forms/ loads" 0
expect_out "15th item: 15 items" "15 items"
YICI_FORMS=$T/f15 "$YICI" -d n.db init >/dev/null 2>&1
# shellcheck disable=SC2046
YICI_FORMS=$T/f15 run --lang en -d n.db apply $(inj 2026-11-20) --items 'RD;JD;BZ' --material all=received --submit
expect_rc "15th item: apply RD;JD;BZ accepted" 0
N1=$(sql n.db "SELECT case_no FROM cases WHERE case_no IS NOT NULL ORDER BY id LIMIT 1")
expect_eq "15th item: BZ waits for JD" "$(sql n.db "SELECT state || ' ' || category FROM task WHERE item='BZ'")" "waiting agency"
YICI_FORMS=$T/f15 run --lang en -d n.db queue --category agency --state waiting --format csv
if printf '%s\n' "$out" | grep -q "BZ"; then pass "15th item: in the agency queue"; else fail "15th item: in the agency queue" "$out" "$err"; fi
YICI_FORMS=$T/f15 run --lang en -d n.db task accept "$N1" RD # by its office first (工伤认定办法 §8)
YICI_FORMS=$T/f15 run --lang en -d n.db task decide "$N1" RD --outcome recognised --document-no R
YICI_FORMS=$T/f15 run --lang en -d n.db task decide "$N1" JD --outcome graded --grade 6 --document-no J
expect_eq "15th item: BZ starts on JD grade 6" "$(sql n.db "SELECT state FROM task WHERE item='BZ'")" accepted
YICI_FORMS=$T/f15 run --lang en -d n.db task decide "$N1" BZ --outcome approved --amount 42000 --payment-ref B1
expect_rc "15th item: BZ decided" 0
expect_eq "15th item: BZ approved" "$(sql n.db "SELECT state || ' ' || outcome FROM task WHERE item='BZ'")" "decided approved"
# shellcheck disable=SC2046
YICI_FORMS=$T/f15 run --lang en -d n.db apply $(inj 2026-11-20) --items 'BZ' --follows "$N1" --check
expect_rc "15th item: once per accident, as its row says" 1
expect_err "15th item: the second BZ names the first" "BZ .*once per accident.*case $N1"
