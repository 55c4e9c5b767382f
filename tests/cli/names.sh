#!/bin/sh
# tests/cli/names.sh — a case keeps the names as received (issue 17): a
# later final application that brings a new name for a known employer
# (same credit code) or person (same ID number) renames the shared row,
# records a 'renamed' event on the new case, and every earlier case still
# shows (case show, case list, export, notices) the name it was received
# with, case show adding "now known as".  A draft does not rename and
# keeps its own name.
. "$(dirname "$0")/../lib.sh"

"$YICI" -d n.db init >/dev/null 2>&1
rc=$?
expect_rc "init" 0
W1=340102198503121238
W2=11010519491231002X
C1=91110000100006485K
OLD=合肥某机械厂
NEW=合肥某机械集团有限公司
form() { # worker-ID worker-name employer-name
	echo "--field applicant.type=worker --field applicant.name=$2 --field applicant.id_number=$1
 --field applicant.phone=13812345678 --field worker.name=$2 --field worker.id_number=$1
 --field employer.name=$3 --field employer.credit_code=$C1 --field employer.insured=1
 --field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window"
}
accepted() { printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p'; }

# shellcheck disable=SC2046
run --lang en -d n.db apply $(form $W1 张三 $OLD) --items RD --material all=received --submit
no1=$(accepted)
[ -n "$no1" ] && pass "first case accepted" || fail "first case accepted" "$out" "$err"
# shellcheck disable=SC2046
run --lang en -d n.db apply $(form $W2 李四 $NEW) --items RD --material all=received --submit
no2=$(accepted)
[ -n "$no2" ] && pass "second case accepted" || fail "second case accepted" "$out" "$err"
expect_eq "the employer row has the new name" \
	"$(sql n.db "SELECT name FROM employer WHERE credit_code = '$C1'")" "$NEW"
expect_eq "each case keeps the name it was received with" \
	"$(sql n.db "SELECT group_concat(employer_name, ',') FROM (SELECT employer_name FROM cases ORDER BY id)")" \
	"$OLD,$NEW"

# ---- the first case: as received, and now known as ----
run --lang en -d n.db case show "$no1"
expect_rc "show first: exit 0" 0
expect_out "show first: the employer as received, now known as the new name" \
	"^Employer +$OLD \(now known as $NEW\)  $C1"
run --lang zh -d n.db case show "$no1"
expect_out "show first (zh): 现名" "$OLD（现名：$NEW）"
run --lang en -d n.db case show "$no2"
expect_out "show second: its own name, no 'now known as'" "^Employer +$NEW  $C1"
expect_out "show second: the timeline has the rename" \
	"name changed +employer's name changed: $OLD → $NEW"
run --lang zh -d n.db case show "$no2"
expect_out "show second (zh): 用人单位名称变更" "用人单位名称变更：$OLD → $NEW"
expect_eq "one renamed event, on the second case" \
	"$(sql n.db "SELECT c.case_no || '|' || e.detail FROM event e JOIN cases c ON c.id = e.case_id WHERE e.kind = 'renamed'")" \
	"$no2|employer	$OLD	$NEW"

# ---- lists, exports and notices: the name as received ----
run --lang en -d n.db case list --format csv
expect_out "case list: the first case with its name" "^\"$no1\",\"张三\",\"[^\"]*\",\"$OLD\""
run --lang en -d n.db case find "$no1"
expect_out "case find: the first case with its name" "$no1 .*$OLD"
run --lang en -d n.db export -o ex --all
expect_rc "export: exit 0" 0
got=$(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    if r["case_no"] == sys.argv[2]:
        print(r["employer_name"])' ex/*/cases.csv "$no1")
expect_eq "export cases.csv: the first case's employer as received" "$got" "$OLD"
run --lang en -d n.db notice "$no1" --kind acceptance
expect_rc "notice reprint: exit 0" 0
expect_out "notice reprint: the name as received" "$OLD"
if printf '%s\n' "$out" | grep -q "$NEW"; then
	fail "notice reprint: not the new name" "$out"
else
	pass "notice reprint: not the new name"
fi

# ---- a person renamed by a later final application ----
# shellcheck disable=SC2046
run --lang en -d n.db apply $(form $W1 张三丰 $NEW) --items RD --material all=received --submit
no3=$(accepted)
[ -n "$no3" ] && pass "third case accepted" || fail "third case accepted" "$out" "$err"
run --lang en -d n.db case show "$no1"
expect_out "show first: the worker now known as" "^Worker +张三 \(now known as 张三丰\)"
run --lang en -d n.db case show "$no3"
expect_out "show third: the worker's rename" "worker's name changed: 张三 → 张三丰"
expect_eq "the worker applies in person: one event for the person" \
	"$(sql n.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$no3' AND e.kind = 'renamed'")" 1

# ---- a draft does not rename, and keeps its own name ----
# shellcheck disable=SC2046
run --lang en -d n.db apply $(form $W2 李四 合肥某草稿名称厂)
expect_rc "draft saved" 0
expect_eq "draft: the employer row keeps its name" \
	"$(sql n.db "SELECT name FROM employer WHERE credit_code = '$C1'")" "$NEW"
expect_eq "draft: the case keeps the name it brought" \
	"$(sql n.db "SELECT employer_name FROM cases WHERE state = 'draft'")" 合肥某草稿名称厂
expect_eq "draft: no renamed event" \
	"$(sql n.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.state = 'draft' AND e.kind = 'renamed'")" 0

# ---- the chain and the ledger agree ----
run --lang en -d n.db verify
expect_rc "verify: exit 0" 0
