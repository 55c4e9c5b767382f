#!/bin/sh
# tests/cli/window_check.sh — the window's apply --check: a valid form
# exits 0, says how many materials are missing and stores nothing; bad
# input (an ID's check digit, an item for the wrong kind of case, an
# applicant who is the worker with another ID) is named field by field;
# an unknown field or item, or a material marked produced by hand, is a
# usage error.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# ---- check only ----
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items 'RD;YL;HS' --check
expect_rc "apply --check: valid form exits 0" 0
expect_out "apply --check: says how many materials are missing" "no problems: 7 materials missing"
expect_eq "apply --check: nothing stored" "$(sql w.db 'SELECT count(*) FROM cases')" 0

# shellcheck disable=SC2086
run --lang en -d w.db apply $base --field worker.id_number=340102198503121239 --items 'RD;GW' --check
expect_rc "bad input: exit 1" 1
expect_err "bad input: the ID's check digit named" "worker.id_number: .*check"
expect_err "bad input: GW refused for an injury case" "items: .*death cases only"
expect_err "bad input: applicant is the worker but IDs differ" "applicant.id_number:"
run --lang en -d w.db apply --field nosuch.key=1
expect_rc "unknown field: usage error" 2
run --lang en -d w.db apply --items 'RD;XX'
expect_rc "unknown item: usage error" 2
run --lang en -d w.db apply --material M01=produced
expect_rc "produced is never set by hand: usage error" 2
