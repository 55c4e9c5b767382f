#!/bin/sh
# tests/cli/tamper_state.sh — each row that carries a decision, a right or an identity
# changed around yici is caught by plain verify, naming the row (the
# ledger holds every row), and there is no unverifiable escape hatch (the
# hashes switched off, the legacy range widened, yici writing on top, ledger
# records deleted)
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tamper.sh"

expect_out "verify counts the ledger" "ledger"
nled=$(sql d.db 'SELECT count(*) FROM ledger')
if [ "${nled:-0}" -gt 1000 ]; then pass "every row of the demo is in the ledger ($nled)"; else fail "ledger filled" "got $nled"; fi

# ---- state under the chain: each row that carries a decision, a right or an identity ----
task=$(sql d.db "SELECT min(id) FROM task WHERE payment_ref IS NOT NULL")
tamper t1.db "UPDATE task SET payment_ref = 'ZF0000' WHERE id = $task"
caught "a task's payment_ref" t1.db "^yici verify: t1.db: task $task: payment_ref is 'ZF0000' but the ledger says"
doc=$(sql d.db "SELECT min(id) FROM task WHERE document_no IS NOT NULL AND document_no <> ''")
tamper t2.db "UPDATE task SET document_no = 'FAKE-1' WHERE id = $doc"
caught "a task's document_no" t2.db "task $doc: document_no is 'FAKE-1'"
due=$(sql d.db "SELECT min(id) FROM task WHERE due_on IS NOT NULL")
tamper t3.db "UPDATE task SET due_on = date(due_on, '+1 year') WHERE id = $due"
caught "a task's due_on moved by a year" t3.db "task $due: due_on is"
tamper t4.db "UPDATE person SET id_number = '110105194912310021' WHERE id = 3"
caught "a person's id_number" t4.db "person 3: id_number is '110105194912310021'"
tamper t5.db "UPDATE cases SET accident_date = '2020-01-01' WHERE id = 5"
caught "a case's accident_date" t5.db "cases 5: accident_date is '2020-01-01'"
tamper t6.db "UPDATE cases SET state = 'closed' WHERE id = 6"
caught "a case's state" t6.db "cases 6: state is 'closed'"
tamper t7.db "UPDATE cases SET state = 'withdrawn', reason = 'x' WHERE id = 7"
caught "a case withdrawn" t7.db "cases 7: state is 'withdrawn'"
fresh t8.db
with_trigger_off t8.db denied_no_delete "DELETE FROM denied"
nden=$(sql d.db 'SELECT count(*) FROM denied')
if [ "$nden" -gt 0 ]; then
	caught "rows of denied deleted (trigger put back)" t8.db "denied [0-9]+: deleted around yici"
else
	fresh t8.db
	sqlite3 -batch t8.db "INSERT INTO denied (at, login, role, action) VALUES ('2026-11-28', 'x', 'clerk', 'y')"
	caught "a row of denied written around yici" t8.db "denied [0-9]+: written around yici"
fi
sms=$(sql d.db "SELECT min(id) FROM notice WHERE channel = 'sms'")
tamper t9.db "UPDATE notice SET body = 'call 13900000000' WHERE id = $sms"
caught "a queued SMS body changed" t9.db "notice $sms: body is 'call 13900000000'"
tamper t10.db "DELETE FROM notice WHERE id = $sms"
caught "a queued SMS deleted" t10.db "notice $sms: deleted around yici"
tamper t11.db "UPDATE staff SET role = 'supervisor' WHERE login = 'chenjing'"
caught "a clerk promoted to supervisor" t11.db "staff chenjing: role is 'supervisor' but the ledger says 'clerk'"
"$YICI" -d d.db export -o batches --all >/dev/null 2>&1
sqlite3 -batch d.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
tamper t12.db "UPDATE notice SET exported_at = NULL; UPDATE push SET exported_at = NULL; DELETE FROM exchange_log"
caught "the exchange marks reset" t12.db "(notice|push|exchange_log) [0-9]+: "
tamper t13.db "UPDATE task SET amount_fen = amount_fen + 100000 WHERE id = $task"
caught "a task's amount" t13.db "task $task"
tamper t14.db "UPDATE employer SET name = '某某公司' WHERE id = 1"
caught "an employer's name" t14.db "employer 1: name is '某某公司'"

# ---- no unverifiable escape hatch ----
last=$(sql d.db 'SELECT max(id) FROM event')
fresh t15.db
with_trigger_off t15.db event_no_update "UPDATE event SET hash = NULL, prev_hash = NULL; UPDATE chain SET legacy_upto = $last, head = NULL"
expect_eq "the switch-off was applied" "$(sql t15.db 'SELECT count(hash) FROM event')" 0
caught "every hash NULL, legacy_upto at the last event" t15.db "legacy_upto is $last but the range stated at migration time \(legacy_range 1\) is 0"
fresh t16.db
with_trigger_off t16.db event_no_update "UPDATE event SET hash = NULL, prev_hash = NULL; UPDATE chain SET legacy_upto = $last, head = NULL; UPDATE legacy_range SET upto = $last"
caught "... and the stated range widened too" t16.db "legacy_range 1: upto is '$last' but the ledger says '0'"
# yici appends hashed events on top of the switched-off chain: still caught
"$YICI" -d t15.db case new >/dev/null 2>&1
"$YICI" -d t15.db staff add zz --name Z --role clerk >/dev/null 2>&1
caught "... with yici writing on top" t15.db "legacy"
fresh t17.db
with_trigger_off t17.db ledger_no_delete "DELETE FROM ledger WHERE id = (SELECT max(id) FROM ledger)"
caught "the newest ledger record deleted" t17.db "ledger record [0-9]+: the recorded head"
fresh t19.db
with_trigger_off t19.db ledger_no_delete "DELETE FROM ledger WHERE id = (SELECT max(id) FROM ledger); UPDATE chain SET ledger_last = ledger_last - 1, ledger_head = (SELECT hash FROM ledger ORDER BY id DESC LIMIT 1)"
caught "the newest ledger record deleted, the head fixed" t19.db "around yici"

figures "plain verify"
