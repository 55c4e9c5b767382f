#!/bin/sh
# tests/cli/acceptance_refusals.sh — only an officer of the item's office accepts; a refusal
# changes nothing; no decision before acceptance
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_acceptance.sh"

submit 340102198503121238 张三 'RD;YL'
setup "RD+YL submitted"
N1=$no

# ---- only an officer of that office ----
n0=$(q "SELECT count(*) FROM event")
as wugang task accept "$N1" RD
expect_rc "an agency officer cannot accept RD" 1
as chenjing task accept "$N1" RD
expect_rc "a clerk cannot accept RD" 1
expect_eq "refusals change nothing (only the denied record)" "$(state "$N1" RD)" reviewing
as zhaolei task decide "$N1" RD --outcome recognised --document-no 'X〔2026〕1号'
expect_rc "no decision before acceptance" 1
expect_err "decide in review: says the state" "acceptance review"
verify_db
root_end
