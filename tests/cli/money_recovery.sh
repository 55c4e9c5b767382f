#!/bin/sh
# tests/cli/money_recovery.sh — issue 14, money: a false notice-commitment (告知承诺):
# the payment held, its SMS withdrawn and not exported, no delivery, and a
# payment to recover with its clock, closed once by the 经办 office with
# its voucher (migration 122 makes the row of an older database).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_money.sh"
money_setup

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
F=$(newest)
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
root_end
