#!/bin/sh
# tests/cli/window.sh — the combined-service window from the command line:
# apply (check, draft, submit), acceptance (case number, tasks routed and
# waiting, deadlines, events, SMS, notice file 0640), the one-time
# deficiency notice listing every missing material, supplement and accept,
# notice-commitment only where the catalog allows it, prerequisite reuse
# from an earlier case, refusal, notice reprint, online intake (idempotent
# by ext_id), permissions and bad input.
. "$(dirname "$0")/../lib.sh"

"$YICI" -d w.db init >/dev/null 2>&1
rc=$?
expect_rc "init for the window" 0

W1=340102198503121238   # worker of the injury case
R1=340102198705121244   # a relative
W2=11010519491231002X   # worker of the death case
C1=91110000100006485K
C2=9144030071526726XG
base="--field applicant.type=worker --field applicant.name=张三 --field applicant.id_number=$W1
 --field applicant.phone=13812345678 --field worker.name=张三 --field worker.id_number=$W1
 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 --field employer.insured=1
 --field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window"
death="--field applicant.type=relative --field applicant.relation=配偶 --field applicant.name=李梅
 --field applicant.id_number=$R1 --field applicant.phone=13912345678 --field worker.name=王强
 --field worker.id_number=$W2 --field employer.name=合肥某建筑公司 --field employer.credit_code=$C2
 --field employer.insured=1 --field accident.kind=death --field accident.date=2026-11-10
 --field accident.death_date=2026-11-11 --field accident.place=工地 --field accident.type=accident
 --field accident.circumstance=work --field accident.description=高处坠落 --field accident.body_part=头部
 --field accident.diagnosis=颅脑损伤 --field delivery.method=window"

# ---- check only ----
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items 'RD;YL;HS' --check
expect_rc "apply --check: valid form exits 0" 0
expect_out "apply --check: says how many materials are missing" "no problems: 7 materials missing"
expect_eq "apply --check: nothing stored" "$(sql w.db 'SELECT count(*) FROM cases')" 0

# shellcheck disable=SC2086
run --lang en -d w.db apply $base --field worker.id_number=340102198503121239 --items 'RD;GW' --check
expect_rc "bad input: exit 1" 1
expect_err "bad input: the ID's check digit named" "worker.id_number: .*check"
expect_err "bad input: GW refused for an injury case" "items: .*death cases only"
expect_err "bad input: applicant is the worker but IDs differ" "applicant.id_number:"
run --lang en -d w.db apply --field nosuch.key=1
expect_rc "unknown field: usage error" 2
run --lang en -d w.db apply --items 'RD;XX'
expect_rc "unknown item: usage error" 2
run --lang en -d w.db apply --material M01=produced
expect_rc "produced is never set by hand: usage error" 2

# ---- a full injury case to acceptance ----
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items 'RD;YL;HS' --material all=received --submit
expect_rc "injury submit: exit 0" 0
expect_out "injury submit: case number and accepted" "^GS340102-20261128-0001 accepted$"
CASE1=GS340102-20261128-0001
expect_eq "injury: case state" "$(sql w.db "SELECT state FROM cases WHERE case_no='$CASE1'")" accepted
# RD is accepted by the 行政 office within 15 days (工伤认定办法 §8): the
# window's F9 gives the receipt and the task waits in acceptance review
expect_eq "injury: three tasks, RD in the office's acceptance review" "$(sql w.db "SELECT group_concat(item || ':' || category || ':' || state, ' ') FROM (SELECT * FROM task ORDER BY id)")" \
	"RD:admin:reviewing YL:agency:waiting HS:agency:waiting"
expect_eq "injury: RD review deadline (15 days, 工伤认定办法 §8)" \
	"$(sql w.db "SELECT started_on || ' ' || due_on || ' ' || legal_due_on FROM task WHERE item='RD'")" \
	"2026-11-28 2026-12-14 2026-12-14"
run --lang en -d w.db task accept "$CASE1" RD
expect_rc "injury: the office accepts RD" 0
expect_eq "injury: RD deadlines (promised 40, legal 60 days)" \
	"$(sql w.db "SELECT started_on || ' ' || due_on || ' ' || legal_due_on FROM task WHERE item='RD'")" \
	"2026-11-28 2027-01-07 2027-01-27"
expect_eq "injury: waiting tasks have no clock yet" \
	"$(sql w.db "SELECT count(*) FROM task WHERE state='waiting' AND started_on IS NULL AND due_on IS NULL")" 2
expect_eq "injury: events" "$(sql w.db "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM event WHERE case_id=1 ORDER BY id)")" \
	"created submitted accepted submitted task_waiting task_waiting sms_queued notice_printed notice_printed notice_printed task_accepted sms_queued notice_printed"
# (F9: the text copy, then the receipt and the agency's acceptance notice for
# YL and HS, window-accepted; RD's acceptance notice comes with task accept)
expect_eq "injury: SMS queued to the applicant: the application, then 工伤认定 accepted" \
	"$(sql w.db "SELECT group_concat(kind || ' ' || recipient, ', ') FROM (SELECT * FROM notice WHERE channel='sms' AND case_id=1 ORDER BY id)")" \
	"sms_received 13812345678, sms_rd_accepted 13812345678"
rdsms=$(sql w.db "SELECT body FROM notice WHERE channel='sms' AND case_id=1 AND kind='sms_rd_accepted'")
if printf '%s' "$rdsms" | grep -q "2027-01-27"; then pass "injury: the RD SMS names the legal deadline"; else fail "injury: the RD SMS names the legal deadline" "$rdsms"; fi
sms=$(sql w.db "SELECT body FROM notice WHERE channel='sms' AND case_id=1 AND kind='sms_received'")
if printf '%s' "$sms" | grep -q "$CASE1"; then pass "injury: SMS names the case number"; else fail "injury: SMS names the case number" "$sms"; fi
f=notices/$CASE1-acceptance.txt
if [ -f "$f" ]; then pass "injury: acceptance notice file"; else fail "injury: acceptance notice file" "$(ls -R notices 2>&1)"; fi
expect_eq "injury: notice file mode 0660 (a colleague reprints it)" "$(stat -c %a "$f" 2>&1)" 660
for want in "$CASE1" "Receipt" "张三" "RD 工伤认定申请" "2026-12-14" "M03" "12333"; do
	if grep -q -- "$want" "$f"; then pass "acceptance notice has '$want'"; else fail "acceptance notice has '$want'" "$(cat "$f")"; fi
done
if grep -Eq '[0-9]{17}[0-9X]' "$f"; then fail "acceptance notice: no full ID number" "$(grep -E '[0-9]{17}[0-9X]' "$f")"; else pass "acceptance notice: no full ID number"; fi
expect_eq "injury: person typed once" "$(sql w.db "SELECT count(*) FROM person WHERE id_number='$W1'")" 1
expect_eq "injury: sex and birth from the ID" "$(sql w.db "SELECT sex || birth_date FROM person WHERE id_number='$W1'")" "M1985-03-12"

# ---- accepted cases cannot change at the window ----
run --lang en -d w.db supplement "$CASE1" --material M03=received
expect_rc "accepted case: supplement refused" 1
expect_err "accepted case: says it can no longer change" "no longer be changed"

# ---- type once: a known ID and credit code fill the rest, as on the form ----
run --lang en -d w.db apply --field applicant.type=worker --field applicant.id_number=$W1 \
	--field employer.credit_code=$C1 --field accident.kind=injury --field accident.date=2026-11-26 \
	--field accident.place=车间 --field accident.type=accident --field accident.circumstance=work \
	--field accident.description=搬运时砸伤脚 --field accident.body_part=左脚 \
	--field accident.diagnosis=左脚骨折 --field delivery.method=window --items RD --check
expect_rc "known ID and credit code: --check finds nothing missing in the fields" 0
expect_eq "type once: --check stored nothing" "$(sql w.db 'SELECT count(*) FROM cases')" 1

# ---- prerequisite reuse: RD decided in case 1 ----
sqlite_t w.db "UPDATE task SET state='decided', outcome='recognised', decided_on='2026-11-28' WHERE item='RD' AND case_id=1"
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items 'JD' --check
expect_rc "JD without RD ticked and no --follows: refused (another case may be another accident)" 1
expect_err "JD without RD: names RD and --follows" "items: RD .*--follows"
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items 'JD' --follows "$CASE1" --check
expect_rc "JD --follows case 1: allowed, RD decided there" 0
expect_eq "JD check stored nothing" "$(sql w.db 'SELECT count(*) FROM cases')" 1
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --field worker.id_number=$R1 --field applicant.id_number=$R1 --items 'JD' --check
expect_rc "JD for another worker: RD must be ticked" 1
expect_err "JD for another worker: names RD" "items: RD"

# ---- death case with notice-commitment (FX allows it for M11) ----
# shellcheck disable=SC2086
run --lang en -d w.db apply $death --items 'RD;GW;SZ' --material all=received --material M11=committed --check
expect_rc "commitment where not allowed (GW, SZ need M11): exit 1" 1
expect_err "commitment refused names M11" "materials: M11"
# shellcheck disable=SC2086
run --lang en -d w.db apply $death --items 'RD;FX' --material all=received --material M11=committed --submit
expect_rc "death case with commitment: exit 0" 0
expect_out "death case accepted" "^GS340102-20261128-0002 accepted$"
expect_eq "death case: M11 committed, M06 produced" \
	"$(sql w.db "SELECT group_concat(material || '=' || status, ' ') FROM (SELECT * FROM case_material WHERE case_id=2 AND material IN ('M06','M11') ORDER BY material)")" \
	"M06=produced M11=committed"
expect_eq "death case: FX waits for RD" "$(sql w.db "SELECT state FROM task WHERE case_id=2 AND item='FX'")" waiting

# ---- a deficient case, supplemented later ----
# shellcheck disable=SC2086
run --lang en -d w.db apply $death --field worker.id_number=$W1 --field worker.name=张三 --items 'RD;GW;SZ;FX' \
	--material all=received --material M03=missing --material M10=missing --submit
expect_rc "deficient submit: exit 0" 0
CASE3=GS340102-20261128-0003
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
expect_eq "deficient: no tasks yet" "$(sql w.db "SELECT count(*) FROM task WHERE case_id=3")" 0
expect_eq "deficient: SMS" "$(sql w.db "SELECT kind FROM notice WHERE channel='sms' AND case_id=3")" sms_deficient
run --lang en -d w.db supplement "$CASE3" --material M03=received --accept
expect_rc "supplement with M10 still missing: exit 1" 1
expect_err "supplement: says what is still missing" "still missing: M10"
expect_eq "supplement: the M03 mark was kept" "$(sql w.db "SELECT status FROM case_material WHERE case_id=3 AND material='M03'")" received
expect_eq "supplement: still deficient" "$(sql w.db "SELECT state FROM cases WHERE id=3")" deficient
run --lang en -d w.db supplement "$CASE3" --material M10=received --accept
expect_rc "supplement complete: exit 0" 0
expect_out "supplement complete: accepted" "^$CASE3 accepted$"
expect_eq "supplemented case: four tasks" "$(sql w.db "SELECT count(*) FROM task WHERE case_id=3")" 4
expect_eq "supplemented case: GW waits for this case's own RD, not case 1's" \
	"$(sql w.db "SELECT state FROM task WHERE case_id=3 AND item='GW'")" waiting
expect_eq "supplemented case: no payment SMS before its RD is decided" \
	"$(sql w.db "SELECT count(*) FROM notice WHERE channel='sms' AND case_id=3 AND kind='sms_pay_accepted'")" 0
ev=$(sql w.db "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM event WHERE case_id=3 ORDER BY id)")
if printf '%s' "$ev" | grep -q "deficient .*supplemented.*accepted"; then pass "supplemented case: events in order"; else fail "supplemented case: events in order" "$ev"; fi

# ---- drafts, refusal, reprint ----
run --lang en -d w.db apply --field worker.name=赵六 --field worker.id_number=3401021985 --field accident.date=2025-01-02 --items RD
expect_rc "draft with half-typed fields: saved" 0
expect_out "draft: #id draft" "^#4 draft$"
expect_err "draft: application window warning cites the rule" "1 year.*条例 §17"
run --lang en -d w.db apply --case '#4' --field worker.phone=13700000000
expect_rc "draft resumed and saved again" 0
expect_eq "draft: half-typed ID kept" "$(sql w.db "SELECT value FROM case_field WHERE case_id=4 AND key='worker.id_number'")" 3401021985
run --lang en -d w.db refuse '#4'
expect_rc "refuse without reason: usage error" 2
run --lang en -d w.db refuse '#4' --reason '超过工伤认定申请时限'
expect_rc "refuse: exit 0" 0
expect_out "refuse: not_accepted with a number" "^GS340102-20261128-0004 not_accepted$"
f=notices/GS340102-20261128-0004-refusal.txt
if grep -q "超过工伤认定申请时限" "$f" && grep -q "reconsideration" "$f"; then pass "refusal notice: reason and remedy"; else fail "refusal notice: reason and remedy" "$(cat "$f" 2>&1)"; fi
rm -f "notices/$CASE1-acceptance.txt"
run --lang en -d w.db notice "$CASE1"
expect_rc "notice reprint: exit 0" 0
expect_out "notice reprint: the receipt on stdout (RD is accepted by its office)" "Receipt"
if [ -f "notices/$CASE1-acceptance.txt" ]; then pass "notice reprint: file written again"; else fail "notice reprint: file written again"; fi
run --lang en -d w.db notice "$(printf '%s' "$CASE1" | tr 'GS' 'gs')" --kind acceptance
expect_rc "notice: a case number typed in lower case is found (as case show finds it)" 0
run --lang en -d w.db notice "$CASE1" --kind form
expect_rc "notice --kind form: exit 0" 0
expect_out "form: ticked items" "\[x\] RD"
expect_out "form: signature line" "signature"
expect_out "form: a choice printed as its label" "^  Delivery of results +at the window$"
expect_out "form: a bool printed as yes/no" "^  Insured for work injury +yes$"
expect_out "form: the case kind as a word" "^  Case kind +Injury$"
run -d w.db notice "$CASE1" --kind form
expect_out "form in Chinese: no English code for the applicant type" "^  申请人类型 +职工"
run --lang en -d w.db notice "$CASE1" --kind refusal
expect_rc "notice of a kind the case never had: exit 1" 1
run --lang en -d w.db notice "$CASE1" --kind bogus
expect_rc "notice --kind bogus: usage error" 2
run --lang en -d w.db notice GS340102-20261128-0999
expect_rc "notice of an unknown case: exit 1" 1

# ---- online intake ----
run --lang en -d w.db apply --online WEB-0001 --submitted-at "2026-11-27 20:00" --field worker.name=钱七 --field worker.id_number=$W1 --items 'RD;YL'
expect_rc "online application saved" 0
expect_out "online application: intake state" "intake$"
expect_eq "online application does not rename a known person" "$(sql w.db "SELECT name FROM person WHERE id_number='$W1'")" 张三
run --lang en -d w.db apply --online WEB-0001 --field worker.name=钱七 --items 'RD'
expect_rc "same ext_id again: exit 0" 0
expect_out "same ext_id again: already imported" "already imported: WEB-0001"
expect_eq "same ext_id again: one case" "$(sql w.db "SELECT count(*) FROM cases WHERE ext_id='WEB-0001'")" 1
run --lang en -d w.db intake
expect_rc "intake: exit 0" 0
expect_out "intake: lists the online application" "WEB-0001 .*钱七"
expect_out "intake: count" "^1 online application waiting"
# shellcheck disable=SC2086
run --lang en -d w.db apply --case WEB-0001 $base --items 'RD;YL' --material all=received --submit
expect_rc "online application accepted at the window" 0
expect_out "online application: numbered and accepted" "^GS340102-20261128-0005 accepted$"
expect_eq "online application keeps its channel" "$(sql w.db "SELECT channel FROM cases WHERE ext_id='WEB-0001'")" online
run --lang en -d w.db intake
expect_out "intake empty after acceptance" "^0 online applications waiting"

# ---- an empty application is not refused (no case number for nobody) ----
run --lang en -d w.db apply --field accident.date=2026-11-20
expect_rc "empty draft saved" 0
empty=$(printf '%s\n' "$out" | sed -n 's/^\(#[0-9]*\) draft$/\1/p')
nnum=$(sql w.db "SELECT count(case_no) FROM cases")
run --lang en -d w.db refuse "$empty" --reason 超过时限
expect_rc "refusing an application that names nobody: exit 1" 1
expect_err "refusing nobody: says why" "names neither the applicant nor the worker"
expect_eq "refusing nobody: no case number taken" "$(sql w.db "SELECT count(case_no) FROM cases")" "$nnum"

# ---- permissions ----
root_begin
"$YICI" -d w.db staff add offi --name 官员 --role officer --category admin >/dev/null 2>&1
YICI_USER=offi
export YICI_USER
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items RD
unset YICI_USER
expect_rc "an officer may not take applications" 1
expect_err "officer refusal names the action" "may not take applications"
root_end
