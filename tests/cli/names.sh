#!/bin/sh
# tests/cli/names.sh — a case keeps the names as received (issue 17): a
# later final application that brings a new name for a known employer
# (same credit code) or person (same ID number) renames the shared row,
# records a 'renamed' event on the new case, and every earlier case still
# shows (case show, case list, export, notices) the name it was received
# with, case show adding "now known as".  A draft or an online
# application does not rename and keeps its own name.  An upgraded file
# (130 on a kept ledger) still verifies.
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

# ---- the lookup finds the cases by the name on their papers ----
run --lang en -d n.db case find "$OLD" --format csv
expect_out "case find the former name: the first case" "^\"$no1\""
expect_out "case find the former name: the employer's later case too" "^\"$no2\""
expect_eq "the former name indexed once" \
	"$(sql n.db "SELECT kind || '|' || name FROM former_name")" "employer|$OLD"

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

# the queue: the worker as received, found by that name or the current one
# shellcheck disable=SC2046
run --lang en -d n.db apply $(form $W2 王小二 $NEW) --items RD --material all=received --submit
expect_rc "fourth case: renames the second case's worker" 0
run --lang en -d n.db queue --search 李四 --format csv
expect_out "queue --search the name as received: the second case, that name" "^\"$no2\",\"李四\",\"RD\""
run --lang en -d n.db queue --search 王小二 --format csv
expect_out "queue --search the current name: the second case too" "^\"$no2\",\"李四\",\"RD\""

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

# ---- an online application does not rename either ----
cat >online.csv <<EOT
ext_id,submitted_at,kind,worker_name,worker_id_number,worker_phone,employer_name,employer_credit_code,accident_date,accident_place,description,items,materials,applicant_name,applicant_id_number,applicant_phone,applicant_relation
WS-9,2026-11-27 10:00:00,injury,李小四,$W2,13800138000,合肥某网申名称厂,$C1,2026-11-20,一号车间,操作车床时右手被挤压,RD,M01,李小四,$W2,13800138000,本人
EOT
mkdir -p in && mv online.csv in/applications.csv
run --lang en -d n.db import in/applications.csv
expect_rc "online: imported" 0
open_inbox n.db
expect_eq "online: the employer and the person keep their names" \
	"$(sql n.db "SELECT (SELECT name FROM employer WHERE credit_code = '$C1') || '/' || (SELECT name FROM person WHERE id_number = '$W2')")" \
	"$NEW/王小二"
expect_eq "online: the case keeps the names it brought" \
	"$(sql n.db "SELECT worker_name || '/' || employer_name FROM cases WHERE ext_id = 'WS-9'")" \
	"李小四/合肥某网申名称厂"
expect_eq "online: no renamed event" \
	"$(sql n.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.ext_id = 'WS-9' AND e.kind = 'renamed'")" 0
run --lang en -d n.db intake
expect_out "intake: the online application with its own name" "李小四"

# ---- a document printed now (the receipt): the names as received ----
# (the worker of the first case is 张三丰 since the third case)
if command -v pdftotext >/dev/null 2>&1; then
	run -d n.db doc "$no1" receipt -o rc.pdf
	expect_rc "doc receipt: exit 0" 0
	pdftotext -layout rc.pdf rc.txt 2>/dev/null
	txt=$(tr -d ' \n' <rc.txt)
	case "$txt" in
	*张三：*) pass "doc receipt: addressed to the name as received" ;;
	*) fail "doc receipt: addressed to the name as received" "$(head -c 600 rc.txt)" ;;
	esac
	case "$txt" in
	*张三丰* | *现名*) fail "doc receipt: neither the new name nor 现名" "$(head -c 600 rc.txt)" ;;
	*) pass "doc receipt: neither the new name nor 现名" ;;
	esac
else
	skip "doc receipt: addressed to the name as received" "pdftotext missing"
fi

# ---- the chain and the ledger agree ----
run --lang en -d n.db verify
expect_rc "verify: exit 0" 0

# ---- the demo: every case keeps the names of its rows ----
"$YICI" -d demo.db init --demo 120 --seed 11 >/dev/null 2>&1
expect_eq "demo: the names kept equal the rows' (applicant '' when the employer applies)" \
	"$(sql demo.db "SELECT count(*) FROM cases c JOIN person w ON w.id = c.worker_id
	  LEFT JOIN person a ON a.id = c.applicant_id JOIN employer m ON m.id = c.employer_id
	  WHERE c.worker_name = w.name AND c.employer_name = m.name AND c.worker_name <> ''
	  AND c.applicant_name = CASE WHEN c.applicant_type = 'employer' THEN '' ELSE a.name END")" 120

# ---- a file from before 130, its ledger already kept, upgraded ----
# Built from the files before 130 with two cases; every migration is
# recorded as applied (130 and 131 by yici's pinned clock, as it writes
# them) so that yici's first open records every row in the ledger at the
# old schema; then 130 and the later ones are taken back out of the
# record, and the next open runs them.  Every case row then differs from its record in the
# appended columns only: recorded again, verify passes; a row changed
# around yici before the upgrade (in a column its record knew) is still
# named.
num() { b=${1##*/}; expr "${b%%_*}" + 0; }
nmig=$(ls "$top"/db/*.sql | wc -l)
{
	echo "PRAGMA foreign_keys = OFF; BEGIN;"
	for f in "$top"/db/*.sql; do [ "$(num "$f")" -lt 130 ] && cat "$f"; done
	echo "CREATE TABLE schema_migration (
    number     INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);"
	for f in "$top"/db/*.sql; do
		b=${f##*/}
		echo "INSERT INTO schema_migration VALUES ($(num "$f"), '${b%.sql}', '2026-11-28 09:30:00');"
	done
	echo "INSERT INTO config VALUES ('region_code', '340102');
INSERT INTO staff (login, name, role, created_at) VALUES ('$(id -un)', '测试', 'supervisor', '2026-11-01 09:00:00');
INSERT INTO person (id, id_number, name, updated_at) VALUES (1, '$W1', '王五', '2026-11-01 09:00:00');
INSERT INTO employer (id, credit_code, name, updated_at) VALUES (1, '$C1', '$OLD', '2026-11-01 09:00:00');
INSERT INTO cases (id, kind, channel, state, worker_id, applicant_id, applicant_type, employer_id,
  description, created_at, created_by, updated_at)
  VALUES (1, 'injury', 'window', 'draft', 1, 1, 'worker', 1, '摔伤', '2026-11-01 09:00:00', 'x', '2026-11-01 09:00:00'),
         (2, 'injury', 'window', 'draft', 1, 1, 'worker', 1, '扭伤', '2026-11-01 09:00:00', 'x', '2026-11-01 09:00:00');
INSERT INTO case_field VALUES (2, 'employer.name', '某旧名厂');"
	echo "PRAGMA application_id = 1497973577; PRAGMA user_version = $nmig; COMMIT;"
} > old.sql
sqlite_t old.db ".read old.sql" >old.out 2>&1
run --lang en -d old.db config center_name 测试中心
expect_rc "old file: opened (its ledger recorded)" 0
expect_eq "old file: the cases recorded without the names" \
	"$(sql old.db "SELECT json_array_length(vals) FROM ledger WHERE tbl = 'cases' AND rid = '[1]'")" \
	"$(sql old.db "SELECT count(*) FROM pragma_table_info('cases')")"
nnew=$(for f in "$top"/db/*.sql; do [ "$(num "$f")" -ge 130 ] && echo x; done | wc -l)
sql old.db "DELETE FROM schema_migration WHERE number >= 130; PRAGMA user_version = $((nmig - nnew))"
cp old.db tampered.db
sql tampered.db "UPDATE cases SET description = '改过' WHERE id = 2"
run --lang en -d old.db verify
expect_rc "upgraded: verify exit 0" 0
expect_eq "upgraded: the names back-filled (case_field first)" \
	"$(sql old.db "SELECT group_concat(worker_name || '/' || employer_name, ' ') FROM cases")" \
	"王五/$OLD 王五/某旧名厂"
expect_eq "upgraded: each case recorded again" \
	"$(sql old.db "SELECT count(*) FROM ledger WHERE tbl = 'cases'")" 4
run --lang en -d tampered.db verify
expect_rc "upgraded after a change around yici: verify exit 1" 1
expect_err "upgraded after a change around yici: the row and column named" \
	"cases 2: description is '改过'"
