#!/bin/sh
# tests/cli/office_simple.sh — the simple-case track: 15 days, flagged, once
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

# ---- the simple-case track ----
A=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state IN ('accepted', 'in_review') AND r.simple_track = 0 ORDER BY c.id DESC LIMIT 1")
as sunli task review "$A" RD --simple
expect_rc "simple-case track: exit 0" 0
expect_eq "simple-case track: 15 days" "$(col "$A" RD limit_days)" 15
expect_eq "simple-case track: flag" "$(col "$A" RD simple_track)" 1
as sunli task review "$A" RD --simple
expect_rc "simple-case track twice: exit 1" 1
