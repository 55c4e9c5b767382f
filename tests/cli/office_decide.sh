#!/bin/sh
# tests/cli/office_decide.sh — RD decided: its outcome, document and date, the JD task
# it starts (the clock from the decision day), SC still waiting, the events
# and SMS, and a second decision refused with its state recorded
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

# ---- a case with RD in review and tasks waiting for it ----
if [ -n "$C" ]; then pass "found a case with RD in review, JD and SC waiting"; else fail "found a case with RD in review, JD and SC waiting" "none"; fi
as zhaolei task decide "$C" RD --outcome recognised --document-no "瑶人社工认字〔2026〕88号" --date 2026-11-27
expect_rc "decide RD recognised: exit 0" 0
expect_out "decide RD: prints the new state" "$C RD decided"
expect_eq "RD decided" "$(state "$C" RD)" "decided"
expect_eq "RD outcome" "$(col "$C" RD outcome)" "recognised"
expect_eq "RD document" "$(col "$C" RD document_no)" "瑶人社工认字〔2026〕88号"
expect_eq "RD decision date" "$(col "$C" RD decided_on)" "2026-11-27"
expect_eq "JD activated by RD" "$(state "$C" JD)" "accepted"
expect_eq "JD clock starts on the decision day" "$(col "$C" JD started_on)" "2026-11-27"
jdue=$(col "$C" JD due_on)
if [ -n "$jdue" ] && [ "$jdue" \> "2027-01-01" ]; then pass "JD has a deadline ($jdue)"; else fail "JD has a deadline" "'$jdue'"; fi
expect_eq "SC still waits for JD" "$(state "$C" SC)" "waiting"
expect_eq "decided event" "$(q "SELECT count(*) FROM event WHERE case_id = $cid AND kind = 'decided'")" 1
expect_eq "activation events" "$(q "SELECT count(*) FROM event e JOIN task t ON t.id = e.task_id WHERE e.case_id = $cid AND e.kind = 'task_activated' AND t.item = 'JD'")" 1
expect_eq "SMS of the RD decision queued" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_rd_decided'")" 1
expect_eq "SMS of the JD acceptance as it starts" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_jd_accepted'")" 1
expect_eq "an SMS for each benefit payment that started with the decision" \
	"$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_pay_accepted'")" \
	"$(q "SELECT count(*) FROM event e JOIN task t ON t.id = e.task_id WHERE e.case_id = $cid AND e.kind = 'task_activated' AND t.category = 'agency'")"
as zhaolei task decide "$C" RD --outcome deemed --document-no D2
expect_rc "decide RD twice: exit 1" 1
expect_err "decide RD twice: names the state" "decided"
expect_eq "decide RD twice: the state refusal is recorded" \
	"$(q "SELECT count(*) FROM denied WHERE login = 'zhaolei' AND action = 'task decide' AND reason LIKE '%decided%'")" 1
