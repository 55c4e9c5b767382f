#!/bin/sh
# tests/cli/window_supplement.sh — a deficient case, supplemented later:
# a death case of case 1's worker submitted with two materials missing
# is numbered deficient with a supplement deadline, a one-time
# deficiency notice listing exactly the missing materials (laid out for
# printing, as the acceptance notice is), no tasks and an SMS; a partial
# supplement keeps its marks and says what is still missing; the
# complete one accepts the case, whose GW waits for its own RD, not case
# 1's decided one.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# setup: case 1 (worker 张三) accepted, its RD decided
window_case1
window_rd_decided

# ---- a deficient case, supplemented later ----
# shellcheck disable=SC2086
run --lang en -d w.db apply $death --field worker.id_number=$W1 --field worker.name=张三 --items 'RD;GW;SZ;FX' \
	--material all=received --material M03=missing --material M10=missing --submit
expect_rc "deficient submit: exit 0" 0
CASE3=GS340102-20261128-0002
id=$(case_id "$CASE3")
id=${id:-0}
expect_out "deficient: state" "^$CASE3 deficient$"
expect_out "deficient: supplement deadline" "supplement by 2026-12-14"
f=notices/$CASE3-deficiency.txt
if [ -f "$f" ]; then pass "deficiency notice file"; else fail "deficiency notice file" "$(ls notices)"; fi
for want in M03 M10 "2026-12-14" "One-time notice"; do
	if grep -q -- "$want" "$f"; then pass "deficiency notice lists '$want'"; else fail "deficiency notice lists '$want'" "$(cat "$f")"; fi
done
# notices are laid out for printing: no line wider than a printed line
wide=$(cat "notices/$CASE1-acceptance.txt" "$f" | python3 -c '
import sys, unicodedata
print(sum(1 for l in sys.stdin
          if sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) > 78))')
expect_eq "notices: no line wider than 78 columns" "$wide" 0
missing=$(sed -n '/Missing materials/,/^$/p' "$f" | grep -c '^  M')
expect_eq "deficiency notice: exactly the two missing materials" "$missing" 2
expect_eq "deficient: no tasks yet" "$(sql w.db "SELECT count(*) FROM task WHERE case_id=$id")" 0
expect_eq "deficient: SMS" "$(sql w.db "SELECT kind FROM notice WHERE channel='sms' AND case_id=$id")" sms_deficient
run --lang en -d w.db supplement "$CASE3" --material M03=received --accept
expect_rc "supplement with M10 still missing: exit 1" 1
expect_err "supplement: says what is still missing" "still missing: M10"
expect_eq "supplement: the M03 mark was kept" "$(sql w.db "SELECT status FROM case_material WHERE case_id=$id AND material='M03'")" received
expect_eq "supplement: still deficient" "$(sql w.db "SELECT state FROM cases WHERE id=$id")" deficient
run --lang en -d w.db supplement "$CASE3" --material M10=received --accept
expect_rc "supplement complete: exit 0" 0
expect_out "supplement complete: accepted" "^$CASE3 accepted$"
expect_eq "supplemented case: four tasks" "$(sql w.db "SELECT count(*) FROM task WHERE case_id=$id")" 4
expect_eq "supplemented case: GW waits for this case's own RD, not case 1's" \
	"$(sql w.db "SELECT state FROM task WHERE case_id=$id AND item='GW'")" waiting
expect_eq "supplemented case: no payment SMS before its RD is decided" \
	"$(sql w.db "SELECT count(*) FROM notice WHERE channel='sms' AND case_id=$id AND kind='sms_pay_accepted'")" 0
ev=$(sql w.db "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM event WHERE case_id=$id ORDER BY id)")
if printf '%s' "$ev" | grep -q "deficient .*supplemented.*accepted"; then pass "supplemented case: events in order"; else fail "supplemented case: events in order" "$ev"; fi
