#!/bin/sh
# tests/cli/case_evaluation.sh — the evaluation after a delivery at the window: once per case,
# the follow-up of a poor rating by the supervisor, on a demo database
# with the clock pinned.  Checks structure and key values, not whole outputs.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_case.sh"

# ---- evaluation: after delivery at the window ----
undel=$(sql d.db "SELECT case_no FROM cases c WHERE state = 'accepted' AND NOT EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.delivered_on IS NOT NULL) ORDER BY id DESC LIMIT 1")
run --lang en -d d.db evaluate "$undel" --rating 4
expect_rc "evaluate before any delivery: exit 1" 1
expect_err "evaluate before any delivery: says why" "nothing delivered yet"
no=$(sql d.db "SELECT case_no FROM cases c WHERE state = 'accepted' AND EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.delivered_on IS NOT NULL) ORDER BY id DESC LIMIT 1")
open=$(sql d.db "SELECT case_no FROM cases c WHERE state = 'accepted' AND case_no <> '$no' AND EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.delivered_on IS NOT NULL) ORDER BY id DESC LIMIT 1 OFFSET 1")
run --lang en -d d.db evaluate "$no" --rating 2 --comment "等了很久"
expect_rc "evaluate 2: exit 0" 0
expect_out "evaluate 2: follow-up due in 15 working days" "follow-up by the supervisor due 2026-12-18"
run --lang en -d d.db evaluate "$no" --rating 5
expect_rc "evaluate twice: exit 1" 1
expect_err "evaluate twice: once per case" "already evaluated"
run --lang en -d d.db evaluate "$no" --rating 9
expect_rc "evaluate 9: usage error" 2
run --lang en -d d.db evaluate "$open" --rating 非常满意
expect_rc "evaluate with the Chinese word: exit 0" 0
expect_eq "evaluate: stored ratings" "$(sql d.db "SELECT group_concat(rating) FROM (SELECT rating FROM evaluation ORDER BY rating)")" "2,5"
run --lang en -d d.db case show "$no"
expect_out "show: the evaluation" "^Evaluation: 2 \(dissatisfied\)"
expect_out "show: the open follow-up" "follow-up by the supervisor due 2026-12-18"
# the supervisor records the follow-up of the poor rating
run --lang en -d d.db evaluate "$open" --followed-up
expect_rc "follow-up of a good rating: exit 1" 1
expect_err "follow-up of a good rating: says none is open" "has no follow-up"
run --lang en -d d.db evaluate "$no" --followed-up --rating 3
expect_rc "--followed-up with --rating: usage error" 2
run --lang en -d d.db evaluate "$no" --followed-up --comment "电话回访，已解释办理进度"
expect_rc "follow-up recorded: exit 0" 0
expect_out "follow-up recorded: says so" "follow-up of the rating recorded"
expect_eq "follow-up recorded: followup_at set" \
	"$(sql d.db "SELECT followup_at FROM evaluation v JOIN cases c ON c.id = v.case_id WHERE c.case_no = '$no'")" "2026-11-28 09:30:00"
expect_eq "follow-up recorded: no open follow-up left" \
	"$(sql d.db "SELECT count(*) FROM evaluation WHERE followup_due IS NOT NULL AND followup_at IS NULL")" 0
run --lang en -d d.db case show "$no"
expect_out "show: the follow-up done" "followed up by the supervisor on 2026-11-28"
expect_out "show: the follow-up in the timeline with its note" "follow-up of the rating done: 电话回访"
run --lang en -d d.db evaluate "$no" --followed-up
expect_rc "follow-up twice: exit 1" 1
expect_err "follow-up twice: says when" "was recorded on 2026-11-28"

