#!/bin/sh
# tests/cli/office_jd.sh — the appraisal task after RD is recognised: take, assign
# (refused to another office or an unknown login), extend once with a
# reason, suspend with a known reason, resume with a confirmation and the
# deadline back
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

decide_c

# ---- JD: take, assign, extend once, suspend and resume ----
as sunli task take "$C" JD
expect_rc "take JD as an admin officer: exit 1" 1
as zhoumin task take "$C" JD
expect_rc "take JD: exit 0" 0
expect_eq "JD assignee" "$(col "$C" JD assignee)" "zhoumin"
as zhoumin task take "$C" JD
expect_rc "take JD again: exit 1" 1
as zhoumin task assign "$C" JD zhoumin
expect_rc "assign as an officer: exit 1" 1
as "$me" task assign "$C" JD sunli
expect_rc "assign JD to an admin officer: exit 1" 1
expect_err "assign to the wrong office: says so" "not an officer of"
as "$me" task assign "$C" JD ghost
expect_rc "assign to an unknown login: exit 1" 1
as zhoumin task extend "$C" JD
expect_rc "extend without reason: exit 1" 1
legal0=$(col "$C" JD legal_due_on)
as zhoumin task extend "$C" JD --reason "需补充专项检查"
expect_rc "extend JD: exit 0" 0
legal1=$(col "$C" JD legal_due_on)
expect_eq "extend JD: 30 days recorded" "$(col "$C" JD extended_days)" 30
as zhoumin task show "$C" JD
expect_out "task show: the extension in words" "^deadline .*; promised in [0-9]+ (calendar|working) days, extended by 30 days\)$"
if [ "$legal1" \> "$legal0" ]; then pass "extend JD: legal deadline later ($legal0 → $legal1)"; else fail "extend JD: legal deadline later" "$legal0 → $legal1"; fi
as zhoumin task extend "$C" JD --reason again
expect_rc "extend JD twice: exit 1" 1
expect_err "extend twice: says once" "once"
as zhaolei task extend "$C" RD --reason x
expect_rc "extend RD: exit 1" 1
as zhoumin task suspend "$C" JD --reason holiday
expect_rc "suspend with an unknown reason: exit 1" 1
as zhoumin task suspend "$C" JD --reason judicial --note "等待劳动关系确认判决"
expect_rc "suspend JD: exit 0" 0
expect_eq "suspended JD" "$(state "$C" JD)" "suspended"
expect_eq "suspended JD has no deadline" "$(col "$C" JD due_on)" ""
expect_eq "an open pause" "$(q "SELECT count(*) FROM task_pause p JOIN task t ON t.id = p.task_id WHERE t.case_id = $cid AND t.item = 'JD' AND p.to_on IS NULL")" 1
as zhoumin task decide "$C" JD --outcome graded --grade 3 --document-no J1
expect_rc "decide a suspended JD: exit 1" 1
as zhoumin task resume "$C" JD
expect_rc "resume without confirmation: exit 2 or 1" 1
as zhoumin task resume "$C" JD --confirmation "申请人2026-11-28电话确认收到判决"
expect_rc "resume JD: exit 0" 0
expect_eq "resumed JD in review" "$(state "$C" JD)" "in_review"
expect_eq "pause closed with the confirmation" "$(q "SELECT confirmed_by FROM task_pause p JOIN task t ON t.id = p.task_id WHERE t.case_id = $cid AND t.item = 'JD'")" "申请人2026-11-28电话确认收到判决"
expect_eq "resumed JD has its deadline back" "$(col "$C" JD legal_due_on)" "$legal1"
