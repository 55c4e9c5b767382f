#!/bin/sh
# tests/cli/acceptance_reject.sh — task reject: 不予受理 with the reason and the remedy, what
# waits for the item closes, the SMS and the event
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_acceptance.sh"

# ---- reject: 不予受理 with the remedy; what waits for it closes ----
submit 11010519491231002X 王五 'RD;JD'
N3=$no
as zhaolei task reject "$N3" RD
expect_rc "reject without --reason: refused" 1
as zhaolei task reject "$N3" RD --reason '不属于本机关管辖'
expect_rc "reject: exit 0" 0
expect_out "reject: not accepted" "$N3 RD not accepted"
expect_eq "reject: the reason kept" "$(col "$N3" RD reason)" "不属于本机关管辖"
expect_eq "reject: JD, waiting for RD, closes" "$(state "$N3" JD)" closed
letter=$(q "SELECT body FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N3' AND n.kind = 'refusal' AND n.channel = 'letter'")
if printf '%s' "$letter" | grep -q "不属于本机关管辖" && printf '%s' "$letter" | grep -q "reconsideration"; then
	pass "reject: the refusal notice with the ground and the remedy"
else
	fail "reject: the refusal notice with the ground and the remedy" "$letter"
fi
expect_eq "reject: sms_not_accepted queued" \
	"$(q "SELECT count(*) FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N3' AND n.kind = 'sms_not_accepted'")" 1
expect_eq "reject: the event" \
	"$(q "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$N3' AND e.kind = 'not_accepted' AND e.task_id IS NOT NULL")" 1
verify_db
root_end
