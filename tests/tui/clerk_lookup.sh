#!/bin/sh
# tests/tui/clerk_lookup.sh — the workstation as a clerk who uses it 40 times
# a day (issue 18): the lookup (F5) and "open a case" (F6) take
# every form on the citizen's slip: full or short case number, online id,
# ID number or its last digits with a name, a name or employer fragment.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_clerk.sh"

# ---- F5 and F6 take what the clerk has on paper ----
W1=340102198503121238
base="--field applicant.type=worker --field applicant.name=张三丰 --field applicant.id_number=$W1
 --field applicant.phone=13812345678 --field worker.name=张三丰 --field worker.id_number=$W1
 --field employer.name=合肥众诚机械有限公司 --field employer.credit_code=91110000100006485K --field employer.insured=1
 --field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window"
# shellcheck disable=SC2086
"$YICI" --lang en -d "$T/c.db" apply $base --items 'RD' --material all=received --submit >"$T/apply.out" 2>&1
NO=$(grep -Eo "$CASE" "$T/apply.out" | head -n 1)
expect_eq "a second case today: the slip says 0002" "$NO" "GS340102-20261128-0002"
# shellcheck disable=SC2086
"$YICI" --lang en -d "$T/c.db" apply --online WEB-7001 --submitted-at "2026-11-27 20:00" \
	--field worker.name=钱七 --field worker.id_number=11010519491231002X --items 'RD' >/dev/null 2>&1
ONLINE=$(q "SELECT id FROM cases WHERE ext_id = 'WEB-7001'")
[ -n "$ONLINE" ] || fail "the online application was stored" "no case with ext_id WEB-7001"

W=look
start $W chenjing
check "a clerk starts on the lookup" wait_for $W "Search:"
# find TEXT: types TEXT into the empty box and searches
find() { keys Escape; text "$1"; keys Enter; }
only() { screen $W | grep -E "^.$CASE" | grep -v "$1" | grep -q . && return 1; screen $W | grep -Eq "^.$1"; }
# found TEXT: the status line says TEXT matched, and only $NO is listed
found() { screen $W | grep -Fq "match '$1'" && only "$NO"; }
find "0002"
check "F5: the short number 0002 finds the case" poll found "0002"
find "20261128-0002"
check "F5: 20261128-0002 finds only that case" poll found "20261128-0002"
find "众诚"
check "F5: a two-character employer fragment (众诚) finds the case" poll found "众诚"
find "1238"
check "F5: the last four digits of the ID number" poll found "1238"
find "张三丰 121238"
check "F5: a name and the last six digits" poll found "张三丰 121238"
find "121238 张三丰"
check "F5: the digits first, then the name" poll found "121238 张三丰"
find "WEB-7001"
check "F5: the online application's id" wait_for $W "match 'WEB-7001' \(as online application id\)"
keys F10

W=six
start $W chenjing
keys F2
check "F2: the application form" wait_for $W "Applicant type"
keys F6
check "F6 asks for the case" wait_for $W "full or short"
if screen $W | tail -n 2 | grep -q "#"; then fail "F6: nothing pre-filled" "$(screen $W | tail -n 2)"; else pass "F6: nothing pre-filled"; fi
text "0002"
keys Enter
check "F6 0002: opens the case of the slip" wait_for $W "$NO"
keys F6
text "20261128-0002"
keys Enter
check "F6 20261128-0002: opens the case" wait_for $W "$NO"
keys F6
text "WEB-7001"
keys Enter
check "F6 WEB-7001: opens the online application" wait_for $W "#$ONLINE online intake"
keys F6
text "众诚"
keys Enter
check "F6 众诚: the one case of that employer opens" wait_for $W "$NO"
keys Escape
check "Esc: a new application, the case gone" wait_gone $W "$NO"
keys F6
text "1238"
keys Enter
check "F6 1238: the one case whose ID number ends so opens" wait_for $W "$NO"
keys F10

root_end
