#!/bin/sh
# tests/cli/office_closure.sh — RD not recognised: the reason required and kept whole
# (100 characters, never cut), the document number bounded, the decision
# in the reader's words, and every waiting task closed with the reason
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

# ---- not recognised: the waiting tasks close with the reason ----
nwait=$(q "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$N' AND t.state = 'waiting'")
as sunli task decide "$N" RD --outcome not_recognised --document-no D9
expect_rc "not_recognised without reason: exit 1" 1
# a reason is kept whole or refused, never cut: 101 characters refused
long=$(python3 -c 'print("不" * 101)')
as sunli task decide "$N" RD --outcome not_recognised --document-no D9 --reason "$long"
expect_rc "a reason of 101 characters: refused" 1
expect_err "a reason of 101 characters: the limit named" "reason has 101 characters; at most 100"
as sunli task decide "$N" RD --outcome not_recognised --document-no "$(python3 -c 'print("号" * 41)')" --reason x
expect_rc "a document number of 41 characters: refused" 1
reason="不属于工作原因$(python3 -c 'print("，经调查" * 23)')"
as sunli task decide "$N" RD --outcome not_recognised --document-no D9 --reason "$reason"
expect_rc "decide RD not recognised: exit 0" 0
as sunli task show "$N" RD
expect_out "task show: a reason of 99 characters whole" "$reason\$"
run --lang en -d o.db case show "$N"
expect_out "case show: the closed tasks' reason whole" "$reason"
# the decision's detail is codes and values in the chain, in the reader's words
expect_out "timeline (en): the decision in words" "decided +not recognised, document D9: $reason"
run --lang zh -d o.db case show "$N"
expect_out "timeline (zh): the decision in Chinese" "已决定 +不予认定工伤，文书 D9：$reason"
expect_eq "every waiting task closed" "$(q "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$N' AND t.state = 'closed' AND t.reason LIKE '%不属于工作原因%'")" "$nwait"
expect_eq "no task left waiting" "$(q "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$N' AND t.state = 'waiting'")" 0
