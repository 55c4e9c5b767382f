#!/bin/sh
# tests/cli/money_reference.sh — issue 14, money: task calc is the reference of an
# approval (another amount needs --override-reason, a results.csv amount
# calc does not give is refused); an overridden amount or one above config
# review_above_yuan waits for a second officer's countersignature (复核)
# before any payment SMS or delivery, and is exported without its payment
# reference until then; the spouse is not 孤寡.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_money.sh"
money_setup

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

# the province's batch: a pending approval carries no payment reference
run --lang en -d m.db export -o out --all
expect_rc "export of the approvals" 0
b=$(ls out | head -n 1)
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
