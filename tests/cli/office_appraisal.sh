#!/bin/sh
# tests/cli/office_appraisal.sh — the appraisal conclusion and what follows: JD graded
# starts SC, task calc of SC's amounts, delivery of the conclusion (method,
# recipient, date), and 再次鉴定 suspending SC until the new conclusion
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

decide_c
as zhoumin task take "$C" JD
setup "JD of $C taken"

# ---- JD graded: SC starts, YB (if any) needs grade 5-10 ----
as zhoumin task decide "$C" JD --outcome graded --grade 3 --care-level 2 --document-no "合劳鉴字〔2026〕7号"
expect_rc "decide JD graded 3: exit 0" 0
expect_eq "SC activated by the grade" "$(state "$C" SC)" "accepted"
expect_eq "JD grade stored" "$(col "$C" JD grade)" 3
expect_eq "SMS of the JD conclusion" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_jd_decided'")" 1

as wugang task calc "$C" SC --wage 6500
expect_rc "calc SC: exit 0" 0
expect_out "calc SC: lump sum 23 months for grade 3" "23 × .*6500\.00 = 149500\.00"
expect_out "calc SC: allowance 80%" "80% × .*6500\.00 = 5200\.00"
expect_out "calc SC: care 40% of the average wage" "40% × .*7000\.00 = 2800\.00"
as wugang task calc "$C" SC
expect_rc "calc SC without wage: exit 1" 1

# ---- delivery of the JD conclusion, then 再次鉴定 ----
as zhoumin task deliver "$C" JD --method window --recipient 本人
expect_rc "deliver as an officer: exit 1" 1
as chenjing task deliver "$C" JD --method fax --recipient 本人
expect_rc "deliver by fax: exit 1" 1
as chenjing task deliver "$C" JD --method window
expect_rc "deliver without recipient: exit 1" 1
as chenjing task deliver "$C" JD --method window --recipient 本人 --date 2026-12-01
expect_rc "deliver dated in the future: exit 1" 1
as chenjing task deliver "$C" JD --method post --recipient "张三 EMS1234"
expect_rc "deliver JD: exit 0" 0
expect_eq "JD delivered" "$(state "$C" JD)" "delivered"
expect_eq "delivered to" "$(col "$C" JD delivery_to)" "张三 EMS1234"
as chenjing task deliver "$C" JD --method post --recipient x
expect_rc "deliver twice: exit 1" 1
as wugang task review "$C" SC
expect_rc "review SC: exit 0" 0
as zhoumin task reappraise "$C" JD
expect_rc "reappraise JD: exit 0" 0
expect_eq "JD back in review" "$(state "$C" JD)" "in_review"
expect_eq "SC suspended for the re-appraisal" "$(state "$C" SC)" "suspended"
as zhoumin task decide "$C" JD --outcome graded --grade 6 --document-no "皖劳鉴字〔2026〕2号"
expect_rc "decide the re-appraisal: exit 0" 0
expect_eq "SC resumed by the new conclusion" "$(state "$C" SC)" "in_review"
expect_eq "SC pause closed" "$(q "SELECT count(*) FROM task_pause p JOIN task t ON t.id = p.task_id WHERE t.case_id = $cid AND t.item = 'SC' AND p.to_on IS NULL")" 0
