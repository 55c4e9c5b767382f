#!/bin/sh
# tests/cli/case_show.sh — yici case show: header, flow, tasks, materials, the timeline in time
# order with its deadline markers and suspensions, words not codes, no full
# ID; unknown and malformed numbers, on a demo database
# with the clock pinned.  Checks structure and key values, not whole outputs.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_case.sh"

# ---- case show ----
no=$(sql d.db "SELECT case_no FROM cases WHERE state = 'accepted' AND id IN (SELECT case_id FROM task WHERE item = 'JD') ORDER BY id DESC LIMIT 1")
worker=$(sql d.db "SELECT p.name FROM cases c JOIN person p ON p.id = c.worker_id WHERE case_no = '$no'")
run --lang en -d d.db case show "$no"
expect_rc "show: exit 0" 0
expect_out "show: the case number first" "^Case $no"
expect_out "show: the worker" "^Worker +$worker"
expect_out "show: applicant, employer, accepted on" "^Applicant"
expect_out "show: employer" "^Employer"
expect_out "show: accepted on" "^Accepted on +2[0-9]{3}-"
expect_out "show: the flow RD -> JD" "[├└]─▶ \[JD "
expect_out "show: tasks table" "^Item +Category +State +Assignee +Deadline +Days left +Result"
expect_out "show: RD task row" "^RD +"
expect_out "show: materials" "^M0[0-9] "
nev=$(sql d.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$no'")
expect_out "show: timeline with the event count" "^Timeline \($nev\)"
nlines=$(printf '%s\n' "$out" | grep -Ec '^[ |]2[0-9]{3}-[0-9]{2}-[0-9]{2} [0-9:]{8} ')
expect_eq "show: one line per event" "$nlines" "$nev"
times=$(printf '%s\n' "$out" | grep -E '^[ |]2[0-9]{3}-' | cut -c2-20)
if [ "$times" = "$(printf '%s\n' "$times" | sort)" ]; then pass "show: events in time order"; else fail "show: events in time order" "$times"; fi
wid=$(sql d.db "SELECT p.id_number FROM cases c JOIN person p ON p.id = c.worker_id WHERE case_no = '$no'")
if printf '%s\n' "$out" | grep -qF "$wid"; then fail "show: no full ID" "$(printf '%s\n' "$out" | grep -F "$wid")"; else pass "show: no full ID"; fi
expect_out "show: who with name and role" "\((clerk|system|officer|supervisor)\)"
expect_out "show: the accident's type and circumstance as words, not codes" \
	"^Accident +2[0-9-]{9} · (accident injury|occupational disease) · [a-z]+ [a-z]"
expect_out "show: the delivery method as words" "delivery: (at the window|by post)$"
expect_out "show: the SMS of the timeline named, not its template key" " SMS queued +application accepted$"
if printf '%s\n' "$out" | grep -Eq ' (sms_[a-z_]+|acceptance)$'; then
	fail "show: no template key or letter kind as a detail" "$(printf '%s\n' "$out" | grep -E ' (sms_[a-z_]+|acceptance)$' | head -n 3)"
else
	pass "show: no template key or letter kind as a detail"
fi
expect_out "show: the office in full" "^RD +Administrative +"

paused=$(sql d.db "SELECT c.case_no FROM task_pause p JOIN task t ON t.id = p.task_id JOIN cases c ON c.id = t.case_id ORDER BY p.id LIMIT 1")
if [ -n "$paused" ]; then
	run --lang en -d d.db case show "$paused"
	expect_out "show: a suspension is listed" "^  \| [A-Z]{2} suspended"
else
	skip "show: a suspension is listed" "no suspended task in this demo"
fi
open=$(sql d.db "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.state = 'in_review' AND t.due_on > '2026-11-28' AND c.case_no <> '$no' ORDER BY t.id DESC LIMIT 1")
run --lang en -d d.db case show "$open"
expect_out "show: a deadline marker" "^── 2[0-9-]{9}  [A-Z]{2} (promised deadline|legal time limit) ──"
expect_out "show: days left as a number for an open task" "[0-9]{4}-[0-9]{2}-[0-9]{2} +-?[0-9]+ "

run --lang en -d d.db case show GS340102-20991231-9999
expect_rc "show unknown case: exit 1" 1
expect_err "show unknown case: names it" "no case GS340102-20991231-9999"
expect_eq "show unknown case: nothing on stdout" "$out" ""
run --lang en -d d.db case show GS34-bad
expect_rc "show malformed number: exit 1" 1
expect_err "show malformed number: says so" "not a case number"
run --lang en -d d.db case show
expect_rc "show without a number: usage" 2
run -d d.db case show "$no"
expect_out "show in Chinese by default" "办件|案件|受理"

# ---- the materials whole: no name cut at a fixed width ----
C8=$(sql d.db "SELECT c.case_no FROM cases c JOIN case_material m ON m.case_id = c.id WHERE m.material = 'M08' ORDER BY c.id LIMIT 1")
run --lang en -d d.db case show "$C8"
expect_out "case show: M08's 26-character name whole" "^M08 +收费票据及费用清单（医疗、住院、交通食宿、辅助器具） +"
run --lang en -d d.db case list --limit 500
if printf '%s\n' "$out" | grep -q "…"; then fail "case list: no state or name cut (not accept…)" "$(printf '%s\n' "$out" | grep "…" | head -n 2)"; else pass "case list: no state or name cut (not accept…)"; fi
