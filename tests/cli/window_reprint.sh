#!/bin/sh
# tests/cli/window_reprint.sh — yici notice: an accepted case's notice
# reprinted (the receipt on stdout, the file written again), found by a
# case number typed in lower case; the application form (--kind form) in
# English and in Chinese, with labels rather than codes; a kind the case
# never had, an unknown kind and an unknown case refused.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# setup: case 1 accepted, its RD accepted by the office
window_case1

# ---- reprint ----
rm -f "notices/$CASE1-acceptance.txt"
run --lang en -d w.db notice "$CASE1"
expect_rc "notice reprint: exit 0" 0
expect_out "notice reprint: the receipt on stdout (RD is accepted by its office)" "Receipt"
if [ -f "notices/$CASE1-acceptance.txt" ]; then pass "notice reprint: file written again"; else fail "notice reprint: file written again"; fi
run --lang en -d w.db notice "$(printf '%s' "$CASE1" | tr 'GS' 'gs')" --kind acceptance
expect_rc "notice: a case number typed in lower case is found (as case show finds it)" 0
run --lang en -d w.db notice "$CASE1" --kind form
expect_rc "notice --kind form: exit 0" 0
expect_out "form: ticked items" "\[x\] RD"
expect_out "form: signature line" "signature"
expect_out "form: a choice printed as its label" "^  Delivery of results +at the window$"
expect_out "form: a bool printed as yes/no" "^  Insured for work injury +yes$"
expect_out "form: the case kind as a word" "^  Case kind +Injury$"
run -d w.db notice "$CASE1" --kind form
expect_out "form in Chinese: no English code for the applicant type" "^  申请人类型 +职工"
run --lang en -d w.db notice "$CASE1" --kind refusal
expect_rc "notice of a kind the case never had: exit 1" 1
run --lang en -d w.db notice "$CASE1" --kind bogus
expect_rc "notice --kind bogus: usage error" 2
run --lang en -d w.db notice GS340102-20261128-0999
expect_rc "notice of an unknown case: exit 1" 1
