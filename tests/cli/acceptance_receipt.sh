#!/bin/sh
# tests/cli/acceptance_receipt.sh — F9 / apply --submit gives the receipt: the office item in
# acceptance review (reviewing) with its 15-day deadline, the receipt SMS,
# no acceptance notice before the office accepts, and doc acceptance
# refused (not crashing) while every item is in review
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_acceptance.sh"

# ---- F9 gives the receipt; the office item waits in review ----
submit 340102198503121238 张三 'RD;YL'
expect_rc "submit RD+YL: exit 0" 0
N1=$no
expect_eq "submit: RD in acceptance review, YL waiting for RD" \
	"$(q "SELECT group_concat(item || ':' || state, ' ') FROM (SELECT t.* FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$N1' ORDER BY t.id)")" \
	"RD:reviewing YL:waiting"
expect_eq "submit: the review deadline is 15 days (工伤认定办法 §8), next working day" \
	"$(col "$N1" RD started_on) $(col "$N1" RD due_on) $(col "$N1" RD legal_due_on)" "2026-11-28 2026-12-14 2026-12-14"
expect_eq "submit: the receipt SMS, not the RD acceptance SMS" \
	"$(q "SELECT group_concat(n.kind, ' ') FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.channel = 'sms'")" \
	"sms_received"
body=$(q "SELECT body FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.kind = 'sms_received'")
if printf '%s' "$body" | grep -q "收件" && printf '%s' "$body" | grep -q "2026-12-14" && printf '%s' "$body" | grep -q "工伤认定申请"; then
	pass "receipt SMS: 收件, the item and its review deadline"
else
	fail "receipt SMS: 收件, the item and its review deadline" "$body"
fi
# F9 gave the receipt; no acceptance notice of RD (its office has not accepted)
txt=$(pdftotext "notices/$N1-accepted.pdf" - 2>/dev/null | tr -d ' \n')
# (YL, accepted at the window, has the agency's notice)
case "$txt" in
*工伤认定申请：*) fail "F9: no RD acceptance notice before its office accepts" "$txt" ;;
*收件凭证*受理通知书*工伤医疗*) pass "F9: no RD acceptance notice before its office accepts" ;;
*) fail "F9: the receipt and the agency's acceptance notice" "$txt" ;;
esac
f=notices/$N1-acceptance.txt
if grep -q "Receipt" "$f" && grep -q "decides whether to accept it by 2026-12-14" "$f"; then
	pass "receipt: which office reviews what and by when"
else
	fail "receipt: which office reviews what and by when" "$(cat "$f" 2>&1)"
fi

# a case whose every item is in its office's review has no acceptance notice
# yet: doc says so (it crashed on the empty set)
submit 110105194912310070 王强 'RD'
N0=$no
as chenjing doc "$N0" acceptance -o n0.pdf
expect_rc "doc acceptance, every item in review: refused" 1
expect_err "doc acceptance, every item in review: says who issues it" "every item is still in its office's acceptance review"
if printf '%s' "$err" | grep -q Sanitizer; then fail "doc acceptance, every item in review: no crash" "$err"; else pass "doc acceptance, every item in review: no crash"; fi
# case show: the task's state in words, whole (acceptance review, 17 columns)
run --lang en -d a.db case show "$N1"
expect_out "case show: the reviewing task's state whole" "^RD +Administrative +acceptance review +"
verify_db
root_end
