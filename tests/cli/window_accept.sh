#!/bin/sh
# tests/cli/window_accept.sh — a full injury case to acceptance at the
# window: the case number, the tasks routed (RD in its office's
# acceptance review, YL and HS waiting) with their deadlines before and
# after the office accepts RD, the events, the SMS to the applicant, the
# acceptance notice (mode 0660, what it says, no full ID number), and the
# person typed once with sex and birth date taken from the ID.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# ---- a full injury case to acceptance ----
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items 'RD;YL;HS' --material all=received --submit
expect_rc "injury submit: exit 0" 0
expect_out "injury submit: case number and accepted" "^GS340102-20261128-0001 accepted$"
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
