#!/bin/sh
# tests/cli/case_commitment.sh — notice-commitment (告知承诺) and its verification: the catalog
# forbids or allows it, a false one flags the case and holds its payments, on a demo database
# with the clock pinned.  Checks structure and key values, not whole outputs.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_case.sh"

# ---- notice-commitment ----
fx=$(sql d.db "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.item = 'FX' AND c.state = 'accepted' AND t.state IN ('accepted', 'in_review', 'waiting') ORDER BY t.id DESC LIMIT 1")
if [ -z "$fx" ]; then
	fail "demo has an open FX task" "no FX case in a 300-case demo"
else
	run --lang en -d d.db commit "$fx" M03 --method online
	expect_rc "commit where the catalog forbids: exit 1" 1
	expect_err "commit where the catalog forbids: says so" "allows no notice-commitment"
	run --lang en -d d.db commit "$fx" M11 --method telepathy
	expect_rc "commit with a bad method: exit 1" 1
	run --lang en -d d.db commit "$fx" M11 --method onsite --due 2026-12-20
	expect_rc "commit M11 for FX: exit 0" 0
	expect_eq "commit: verification pending, due as given" \
		"$(sql d.db "SELECT v.method || ' ' || v.due_on || ' ' || v.outcome FROM verification v JOIN cases c ON c.id = v.case_id WHERE c.case_no = '$fx'")" \
		"onsite 2026-12-20 pending"
	run --lang en -d d.db case show "$fx"
	expect_out "show: the committed material's status in full" "^M11 .* commitment +[A-Z]{2}"
	expect_out "show: a status as long as 'produced in bundle' in full" "^M06 .* produced in bundle +[A-Z]{2}"
	expect_out "show: the verification's method and outcome as words" "^  M11  verification on site  due 2026-12-20  pending$"
	run --lang en -d d.db verify-commitment "$fx" M11 --outcome false --note "派出所核实不符"
	expect_rc "verify false (supervisor): exit 0" 0
	expect_eq "verify false: case flagged" "$(sql d.db "SELECT flagged FROM cases WHERE case_no = '$fx'")" 1
	expect_eq "verify false: FX payments held" \
		"$(sql d.db "SELECT t.hold FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$fx' AND t.item = 'FX'")" \
		"false_commitment"
	run --lang en -d d.db case show "$fx"
	expect_out "show: the flag" "FLAGGED"
	expect_out "show: the verification in the timeline" "commitment verified"
	expect_out "show: the payments held" "payments held"
	run --lang en -d d.db case list --format csv --limit 400
	expect_out "list csv: flagged column set" "\"$fx\".*\"1\"\s*$"
fi

