#!/bin/sh
# tests/cli/money.sh — issue 14, money: task calc is the reference of an
# approval (an other amount needs --override-reason), an overridden amount
# or one above config review_above_yuan waits for a second officer's
# countersignature (复核) before any payment SMS or delivery; an uninsured
# employer pays itself (条例 §62 ¶2); the 50% advance is only for 下落不明
# (§41); the spouse is not 孤寡; HS is a daily rate × days.
. "$(dirname "$0")/../lib.sh"

# Every check here acts as other logins (YICI_USER: root, or a user namespace).
root_begin
me=$(id -un)
as() { u=$1; shift; YICI_USER=$u; export YICI_USER; run --lang en -d m.db "$@"; unset YICI_USER; }
q() { sql m.db "$1"; }
col() { q "SELECT coalesce(t.$3, '') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }

"$YICI" -d m.db init >/dev/null 2>&1
rc=$?
expect_rc "money: init" 0
for s in "rdoff admin" "pay1 agency" "pay2 agency" "pay3 admin"; do
	set -- $s
	"$YICI" -d m.db staff add "$1" --name "$1" --role officer --category "$2" >/dev/null 2>&1
done

W2=11010519491231002X
R1=340102198705121244
C2=9144030071526726XG
# death NO INSURED(1|0) CIRCUMSTANCE: a death case RD;GW;SZ;FX, accepted
death() {
	run --lang en -d m.db apply --field applicant.type=relative --field applicant.relation=配偶 \
		--field applicant.name=李梅 --field applicant.id_number=$R1 --field applicant.phone=13912345678 \
		--field worker.name=王强 --field worker.id_number="$4" --field employer.name="合肥某建筑公司$1" \
		--field employer.credit_code=$C2 --field employer.insured="$2" --field accident.kind=death \
		--field accident.date=2026-11-10 --field accident.death_date=2026-11-11 --field accident.place=工地 \
		--field accident.type=accident --field accident.circumstance="$3" \
		--field accident.description=高处坠落 --field accident.body_part=头部 \
		--field accident.diagnosis=颅脑损伤 --field delivery.method=window \
		--items 'RD;GW;SZ;FX' --material all=received --submit
}
death 1 1 work $W2
expect_rc "death case accepted" 0
C=GS340102-20261128-0001
as rdoff task accept "$C" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as rdoff task decide "$C" RD --outcome recognised --document-no "瑶人社工认字〔2026〕1号"
expect_rc "RD recognised" 0
expect_eq "SZ started" "$(col "$C" SZ state)" accepted

# ---- task calc is the reference ----
as pay1 task calc "$C" SZ
expect_rc "calc SZ: exit 0" 0
expect_out "calc SZ: 6 × 7000.00 = 42000.00" "6 × .*7000\.00 = 42000\.00"
expect_out "calc SZ: the reference" "reference for task decide: 42000\.00 yuan"
as pay1 task decide "$C" SZ --outcome approved --amount 19999999.99 --payment-ref ZF1
expect_rc "SZ 19,999,999.99 against calc 42,000.00: refused" 1
expect_err "SZ refusal names both amounts" "19999999\.99 yuan differs from task calc's 42000\.00 yuan; give --override-reason"
expect_eq "refused: nothing stored" "$(col "$C" SZ state)" accepted
# the province's results.csv is held to task calc too (issue 14: not through the import)
printf 'result_id,case_no,item,decided_at,outcome,grade,care_level,amount_fen,document_no,officer,note\nR-SZ,%s,SZ,2026-11-28,approved,,,1999999999,ZF-9,省经办 王芳,\n' "$C" >results.csv
run --lang en -d m.db import results.csv # by the login that made the file (its supervisor)
expect_rc "results.csv: SZ 19,999,999.99 against calc 42,000.00: rejected" 1
expect_err "results.csv: names both amounts" "results\.csv:2: outcome: .*19999999\.99 yuan differs from task calc's 42000\.00 yuan; a result from the province does not override"
expect_eq "results.csv refused: nothing stored" "$(col "$C" SZ state)" accepted
as pay1 task decide "$C" SZ --outcome approved --amount 42000 --payment-ref ZF1 --override-reason 核对无误
expect_rc "override of the calculated amount itself: refused" 1
expect_err "nothing to override" "nothing to override"

# an override is accepted but waits for a countersignature
as pay1 task decide "$C" SZ --outcome approved --amount 45000 --payment-ref ZF1 --override-reason "丧葬费按实际发生额（市政府文件）"
expect_rc "SZ overridden: exit 0" 0
expect_eq "override: awaiting countersignature" "$(col "$C" SZ countersign)" pending
expect_eq "override: reference kept" "$(col "$C" SZ calc_fen)" 4200000
expect_eq "override: no payment SMS yet" "$(q "SELECT count(*) FROM notice n JOIN task t ON t.id = n.task_id WHERE t.item = 'SZ' AND n.kind = 'sms_paid'")" 0
expect_out "override: the event says so" "SZ decided"
expect_eq "override: decided event names calc and reason" \
	"$(q "SELECT count(*) FROM event e JOIN task t ON t.id = e.task_id WHERE t.item = 'SZ' AND e.kind = 'decided' AND e.detail LIKE '%override of calc 42000.00: 丧葬费%awaiting countersignature%'")" 1
as pay1 task show "$C" SZ
expect_out "task show: awaiting countersignature" "^countersign +awaiting countersignature"
expect_out "task show: calc and override" "^task calc +42000\.00 yuan; overridden: 丧葬费"
as "$me" task deliver "$C" SZ --method window --recipient 李梅
expect_rc "deliver before the countersignature: refused" 1
expect_err "deliver refusal says why" "awaits a countersignature"
as pay1 task countersign "$C" SZ
expect_rc "the decider cannot countersign" 1
expect_err "same officer refused" "not the same one"
as pay3 task countersign "$C" SZ
expect_rc "an officer of another office cannot countersign" 1
as pay2 task countersign "$C" SZ
expect_rc "a second officer of the office countersigns" 0
expect_eq "countersigned" "$(col "$C" SZ countersign) $(col "$C" SZ countersigned_by)" "done pay2"
expect_eq "countersigned: payment SMS queued now" "$(q "SELECT count(*) FROM notice n JOIN task t ON t.id = n.task_id WHERE t.item = 'SZ' AND n.kind = 'sms_paid'")" 1
expect_eq "countersigned: event" "$(q "SELECT count(*) FROM event WHERE kind = 'countersigned' AND actor = 'pay2'")" 1
as pay2 task countersign "$C" SZ
expect_rc "countersign twice: refused" 1
run --lang en -d m.db verify
expect_rc "verify after the new events" 0

# ---- above review_above_yuan ----
"$YICI" -d m.db config review_above_yuan 40000 >/dev/null 2>&1
as pay1 task calc "$C" GW
expect_out "calc GW: 20 × 56502" "20 × .*56502\.00 = 1130040\.00"
as pay1 task decide "$C" GW --outcome approved --amount 1130040 --payment-ref ZF2
expect_rc "GW at calc: exit 0" 0
expect_eq "GW above review_above_yuan: awaiting countersignature" "$(col "$C" GW countersign)" pending
as pay1 task calc "$C" GW --advance
expect_rc "50% advance for a death at work (not missing): refused" 1
expect_err "advance: §41 only for 下落不明" "only for a worker missing"

# ---- FX: the spouse is not 孤寡 ----
as pay1 task calc "$C" FX --wage 6000 --spouse --lonely 1
expect_rc "spouse counted as lonely: refused" 1
expect_err "spouse not lonely: says so" "the spouse cannot be counted as lonely"
as pay1 task calc "$C" FX --wage 6000 --spouse --dependants 1 --lonely 1
expect_rc "spouse + one lonely other: exit 0" 0
expect_out "FX: 40% + 30% + 10% of 6000.00 = 4800.00" "= 4800\.00"
as pay1 task decide "$C" FX --outcome approved --amount 4800 --payment-ref ZF3
expect_rc "FX without the inputs of calc: refused" 1
expect_err "FX: cannot be checked" "cannot be checked against task calc"
as pay1 task decide "$C" FX --outcome approved --amount 4800 --payment-ref ZF3 --wage 6000 --spouse --dependants 1 --lonely 1
expect_rc "FX with the inputs of calc: exit 0" 0
expect_eq "FX under the threshold: no countersignature" "$(col "$C" FX countersign)" ""

# ---- uninsured employer: the employer pays (条例 §62 ¶2) ----
death 2 0 work 110105194912310038
U=GS340102-20261128-0002
as rdoff task accept "$U" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as rdoff task decide "$U" RD --outcome recognised --document-no "瑶人社工认字〔2026〕2号"
as pay1 task calc "$U" SZ
expect_rc "calc, uninsured: exit 0" 0
expect_out "calc, uninsured: the employer pays" "payer: the employer, not insured .*42000\.00 yuan; the fund pays nothing"
expect_out "calc, uninsured: fund 0" "fund pays: one-off 0\.00 yuan"
as pay1 task decide "$U" SZ --outcome approved --amount 42000 --payment-ref ZF4
expect_rc "approval from the fund, uninsured: refused" 1
expect_err "uninsured refusal cites §62" "条例 §62 ¶2"
as pay1 task decide "$U" SZ --outcome approved --amount 1 --payment-ref ZF4 --override-reason x
expect_rc "uninsured: no override either" 1

# ---- missing worker: the advance ----
death 3 1 missing 110105194912310054
M=GS340102-20261128-0003
as rdoff task accept "$M" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as rdoff task decide "$M" RD --outcome recognised --document-no "瑶人社工认字〔2026〕3号"
as pay1 task calc "$M" GW --advance
expect_rc "advance for 下落不明: exit 0" 0
expect_out "advance: 50% of 1130040.00" "50% × .*1130040\.00 = 565020\.00"

# ---- re-appraisal: a benefit computed from the old grade is flagged ----
"$YICI" -d m.db staff add jdoff --name jdoff --role officer --category appraisal >/dev/null 2>&1
W1=340102198503121238
C1=91110000100006485K
run --lang en -d m.db apply --field applicant.type=worker --field applicant.name=张三 \
	--field applicant.id_number=$W1 --field applicant.phone=13812345678 --field worker.name=张三 \
	--field worker.id_number=$W1 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 \
	--field employer.insured=1 --field accident.kind=injury --field accident.date=2026-11-20 \
	--field accident.place=车间 --field accident.type=accident --field accident.circumstance=work \
	--field accident.description=操作机床时右手受伤 --field accident.body_part=右手 \
	--field accident.diagnosis=右手骨折 --field delivery.method=window --items 'RD;JD;SC' \
	--material all=received --submit
expect_rc "injury case RD;JD;SC accepted" 0
J=GS340102-20261128-0004
as rdoff task accept "$J" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as rdoff task decide "$J" RD --outcome recognised --document-no "瑶人社工认字〔2026〕4号"
as jdoff task decide "$J" JD --outcome graded --grade 3 --document-no "皖劳鉴字〔2026〕1号"
expect_rc "JD grade 3" 0
as pay1 task decide "$J" SC --outcome approved --amount 149500 --wage 6500 --payment-ref ZF5
expect_rc "SC approved on grade 3 (23 × 6500.00)" 0
expect_eq "SC basis: grade 3" "$(col "$J" SC basis_grade)" 3
as "$me" task deliver "$J" JD --method window --recipient 张三
as jdoff task reappraise "$J" JD
expect_rc "re-appraisal requested" 0
as jdoff task decide "$J" JD --outcome graded --grade 6 --document-no "皖劳鉴字〔2026〕2号"
expect_rc "re-appraisal: grade 6" 0
expect_eq "SC flagged: recalculation due" "$(col "$J" SC basis_changed)" "grade 3 → 6 (JD $J): recalculation due"
expect_eq "basis_changed event" "$(q "SELECT count(*) FROM event WHERE kind = 'basis_changed'")" 1
as pay1 task show "$J" SC
expect_out "task show: basis changed" "^basis changed +grade 3 → 6"
run --lang en -d m.db case show "$J"
expect_out "case view: basis changed" "SC .*\[basis changed: grade 3 → 6"
expect_out "case view: awaiting countersignature" "SC .*\[awaiting countersignature\]"

# ---- a false notice-commitment: hold, SMS withdrawn, no delivery, recovery ----
W3=110105194912310070
run --lang en -d m.db apply --field applicant.type=relative --field applicant.relation=配偶 \
	--field applicant.name=李梅 --field applicant.id_number=$R1 --field applicant.phone=13912345678 \
	--field worker.name=王强 --field worker.id_number=$W3 --field employer.name=合肥某建筑公司 \
	--field employer.credit_code=$C2 --field employer.insured=1 --field accident.kind=death \
	--field accident.date=2026-11-10 --field accident.death_date=2026-11-11 --field accident.place=工地 \
	--field accident.type=accident --field accident.circumstance=work \
	--field accident.description=高处坠落 --field accident.body_part=头部 \
	--field accident.diagnosis=颅脑损伤 --field delivery.method=window \
	--items 'RD;FX' --material all=received --material M11=committed --submit
expect_rc "death case with a commitment for M11" 0
F=GS340102-20261128-0005
as "$me" commit "$F" M11 --method onsite --item FX
expect_rc "the commitment is to be verified on site" 0
as rdoff task accept "$F" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as rdoff task decide "$F" RD --outcome recognised --document-no "瑶人社工认字〔2026〕5号"
as pay1 task decide "$F" FX --outcome approved --amount 2400 --wage 6000 --spouse --payment-ref ZF6
expect_rc "FX approved (40% × 6000.00)" 0
run --lang en -d m.db case show "$F"
expect_out "timeline: the approval in words" "decided +approved, 2400\.00 yuan \(payment ZF6\)"
run --lang zh -d m.db case show "$F"
expect_out "timeline (zh): the approval in Chinese" "已决定 +予以核准，2400\.00 元（支付单 ZF6）"
expect_eq "FX: payment SMS queued" "$(q "SELECT n.state FROM notice n JOIN task t ON t.id = n.task_id JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$F' AND n.kind = 'sms_paid'")" queued
as pay1 verify-commitment "$F" M11 --outcome false --note 供养关系不实
expect_rc "commitment found false" 0
expect_eq "false: FX held" "$(col "$F" FX hold)" false_commitment
expect_eq "false: payment SMS withdrawn" "$(q "SELECT n.state FROM notice n JOIN task t ON t.id = n.task_id JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$F' AND n.kind = 'sms_paid'")" withdrawn
expect_eq "false: recovery event (经办条例 §46)" \
	"$(q "SELECT count(*) FROM event WHERE kind = 'recovery' AND detail LIKE 'FX: 2400.00 yuan approved (payment ZF6) to recover%1 queued payment SMS withdrawn'")" 1
as "$me" task deliver "$F" FX --method window --recipient 李梅
expect_rc "false: delivery refused" 1
expect_err "false: delivery refusal names the hold" "on hold"
# the recovery is a piece of work of the 经办 office with its clock (rule
# recovery: 30 working days from 2026-11-28), not only an event
expect_eq "false: a payment to recover is opened" \
	"$(q "SELECT r.item || ' ' || r.amount_fen || ' ' || r.payment_ref || ' ' || r.material || ' ' || r.state || ' ' || r.due_on FROM recovery r JOIN cases c ON c.id = r.case_id WHERE c.case_no = '$F'")" \
	"FX 240000 ZF6 M11 open 2027-01-11"
run --lang en -d m.db recovery
expect_out "recovery: listed with its due day" "^$F +FX +2400.00 +ZF6 +2026-11-28 +2027-01-11 +to recover"
run --lang en -d m.db case show "$F"
expect_out "case show: the payment to recover" "FX  2400.00 yuan \(payment ZF6, commitment for M11 found false\)  due 2027-01-11  to recover"
# a database from before migration 122 had only the event: the migration
# makes the row (due 30 calendar days after the event) and the rule
sqlite_t m.db ".backup old.db" >/dev/null 2>&1
sqlite_t old.db "DROP TABLE recovery; DELETE FROM schema_migration WHERE number = 122; DELETE FROM rule WHERE key = 'recovery'; PRAGMA user_version = $(($(sql m.db 'PRAGMA user_version') - 1))" >/dev/null 2>&1
"$YICI" -d old.db config >/dev/null 2>&1
expect_eq "migration 122: the recovery of the event" \
	"$(sql old.db "SELECT item || ' ' || amount_fen || ' ' || payment_ref || ' ' || material || ' ' || state || ' ' || due_on FROM recovery")" \
	"FX 240000 ZF6 M11 open 2026-12-28"
expect_eq "migration 122: the rule of a loaded catalog" \
	"$(sql old.db "SELECT amount || ' ' || day_kind FROM rule WHERE key = 'recovery'")" "30 working"
"$YICI" -d m.db staff add desk1 --name desk1 --role clerk >/dev/null 2>&1
as desk1 recovery close "$F" FX --outcome recovered --voucher HK-1
expect_rc "recovery close: not the clerk" 1
as rdoff recovery close "$F" FX --outcome recovered --voucher HK-1
expect_rc "recovery close: not another office" 1
as pay1 recovery close "$F" FX --outcome recovered
expect_rc "recovery close: recovered needs the voucher" 1
as pay1 recovery close "$F" FX --outcome recovered --voucher HK-1 --amount 3000
expect_rc "recovery close: not more than was paid" 1
expect_err "recovery close: the amounts named" "3000.00 yuan is more than the 2400.00 yuan"
as pay1 recovery close "$F" FX --outcome referred --note "$(python3 -c 'print("移" * 301)')"
expect_rc "recovery close: a note over 300 characters refused, not cut" 1
expect_err "recovery close: the limit named" "the note has 301 characters; at most 300"
as pay1 recovery close "$F" FX --outcome recovered --voucher 退款凭证HK-1 --amount 2400
expect_rc "recovery close: recovered" 0
expect_eq "recovery closed with who and the voucher" \
	"$(q "SELECT state || ' ' || recovered_fen || ' ' || voucher || ' ' || closed_by FROM recovery")" "recovered 240000 退款凭证HK-1 pay1"
expect_eq "recovery close: its event" \
	"$(q "SELECT count(*) FROM event WHERE kind = 'recovery' AND detail = 'FX: 2400.00 of 2400.00 yuan recovered (voucher 退款凭证HK-1)'")" 1
as pay1 recovery close "$F" FX --outcome referred --note 移交
expect_rc "recovery close: once" 1
run --lang en -d m.db recovery
expect_out "recovery: nothing open any more" "^no open payments to recover"
run --lang en -d m.db recovery --all --format csv
expect_out "recovery --all --format csv" '^"'"$F"'","FX","agency","M11","2400.00","ZF6","recovered","2026-11-28","2027-01-11","2400.00","退款凭证HK-1","","2026-11-28 09:30:00","pay1"'
run --lang en -d m.db export -o out --all
expect_rc "export" 0
b=$(ls out | head -n 1)
if grep -q "ZF6\|2400" "out/$b/notices.csv"; then fail "withdrawn SMS not exported" "$(cat "out/$b/notices.csv")"; else pass "withdrawn SMS not exported"; fi
row=$(python3 - "out/$b/tasks.csv" "$C" <<'PY'
import csv, sys
r = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
for x in r:
    if x['case_no'] == sys.argv[2] and x['item'] in ('GW', 'SZ'):
        print('%s:%s:%s:%s' % (x['item'], x['countersign'], x['payment_ref'], x['amount_fen']))
PY
)
expect_eq "tasks.csv: a pending approval carries no payment reference" "$(echo $row)" "GW:pending::113004000 SZ:done:ZF1:4500000"
root_end
