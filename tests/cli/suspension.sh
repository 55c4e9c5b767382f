#!/bin/sh
# tests/cli/suspension.sh — suspension and resumption reach the applicant
# (条例 §20: told in writing): each queues an SMS (sms_suspended with the
# reason and what ends it, sms_resumed with the new deadline) and keeps a
# written notice (kinds suspension / resumption) that 'yici notice' prints.
. "$(dirname "$0")/../lib.sh"

# Every check here acts as other logins (YICI_USER: root, or a user namespace).
root_begin
as() { u=$1; shift; YICI_USER=$u; export YICI_USER; run --lang en -d s.db "$@"; unset YICI_USER; }
q() { sql s.db "$1"; }

"$YICI" -d s.db init --demo 120 --seed 5 >/dev/null 2>&1
rc=$?
expect_rc "demo database" 0
C=$(q "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id AND t.item = 'RD' AND t.state = 'in_review' JOIN person a ON a.id = coalesce(c.applicant_id, c.worker_id) WHERE a.phone LIKE '1%' ORDER BY c.id DESC LIMIT 1")
[ -n "$C" ] && pass "found an RD in review with a mobile" || fail "found an RD in review with a mobile" "none"
cid=$(q "SELECT id FROM cases WHERE case_no = '$C'")
who=$(q "SELECT assignee FROM task WHERE case_id = $cid AND item = 'RD'")
sms0=$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND channel = 'sms'")

as "$who" task suspend "$C" RD --reason judicial --note "等待劳动关系确认判决"
expect_rc "suspend RD: exit 0" 0
expect_eq "suspend: one SMS queued" \
	"$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND channel = 'sms' AND kind = 'sms_suspended' AND state = 'queued'")" 1
body=$(q "SELECT body FROM notice WHERE case_id = $cid AND kind = 'sms_suspended'")
case "$body" in
*"$C"*"中止"*) pass "suspend SMS: names the case and the suspension" ;;
*) fail "suspend SMS: names the case and the suspension" "$body" ;;
esac
case "$body" in
*"awaiting a judicial"*|*"司法"*) pass "suspend SMS: gives the reason" ;;
*) fail "suspend SMS: gives the reason" "$body" ;;
esac
expect_eq "suspend: a written notice kept" \
	"$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND channel = 'letter' AND kind = 'suspension'")" 1
run --lang en -d s.db notice "$C" --kind suspension
expect_rc "notice --kind suspension: exit 0" 0
expect_out "suspension notice: its title" "Notice of suspension"
expect_out "suspension notice: the reason with the note" "Reason: +awaiting a judicial .*等待劳动关系确认判决"
expect_out "suspension notice: what ends it" "Resumes when: +the judicial or administrative body concludes"
expect_out "suspension notice: the item" "RD "

as "$who" task resume "$C" RD --confirmation "申请人2026-11-28电话确认收到判决"
expect_rc "resume RD: exit 0" 0
due=$(q "SELECT due_on FROM task WHERE case_id = $cid AND item = 'RD'")
body=$(q "SELECT body FROM notice WHERE case_id = $cid AND kind = 'sms_resumed'")
case "$body" in
*"恢复"*"$due"*) pass "resume SMS: queued with the new deadline ($due)" ;;
*) fail "resume SMS: queued with the new deadline" "due '$due'" "sms: $body" ;;
esac
run --lang en -d s.db notice "$C" --kind resumption
expect_rc "notice --kind resumption: exit 0" 0
expect_out "resumption notice: the confirmation" "Because: +申请人2026-11-28电话确认收到判决"
expect_out "resumption notice: the new deadline" "Now due by: +$due"
expect_eq "SMS: exactly the two new ones" \
	"$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND channel = 'sms'")" "$((sms0 + 2))"
run --lang en -d s.db notice "$C" --kind bogus
expect_rc "notice --kind bogus: usage error" 2
expect_err "notice --kind bogus: lists the kinds" "suspension, resumption, withdrawal or query-code"
root_end
