#!/bin/sh
# tests/cli/office_refusals.sh — a decision refused, changing nothing: the wrong office,
# role or login, a missing document number, another item's outcome, bad
# dates and case numbers, a stale version; the refusals by office, role and
# version recorded with who tried them
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

# ---- a case with RD in review and tasks waiting for it ----
n0=$(nev)
v0=$(col "$C" RD version)
as wugang task decide "$C" RD --outcome recognised --document-no D1
expect_rc "decide RD as an agency officer: exit 1" 1
expect_err "decide RD as an agency officer: names the office" "other offices"
as chenjing task decide "$C" RD --outcome recognised --document-no D1
expect_rc "decide RD as a clerk: exit 1" 1
as nobody_here task decide "$C" RD --outcome recognised --document-no D1
expect_rc "decide RD as an unknown login: exit 1" 1
as zhaolei task decide "$C" RD --outcome recognised
expect_rc "decide RD without document number: exit 1" 1
expect_err "decide RD without document number: says so" "document number"
as zhaolei task decide "$C" RD --outcome graded --grade 3 --document-no D1
expect_rc "decide RD with a JD outcome: exit 1" 1
expect_err "decide RD with a JD outcome: lists RD's outcomes" "recognised, deemed, not_recognised"
as zhaolei task decide "$C" RD --outcome recognised --document-no D1 --date 2027-01-01
expect_rc "decide RD dated in the future: exit 1" 1
as zhaolei task decide "$C" RD --outcome recognised --document-no D1 --date 2026-13-01
expect_rc "decide RD with a bad date: exit 1" 1
as zhaolei task decide "$C" XX --outcome recognised
expect_rc "decide an item the case lacks: exit 1" 1
as zhaolei task decide GS34-bad RD --outcome recognised
expect_rc "decide with a malformed case number: exit 1" 1
as zhaolei task decide "$C" RD --outcome recognised --document-no D1 --expect-version $((v0 + 5))
expect_rc "decide with a stale version: exit 1" 1
expect_err "decide with a stale version: says changed meanwhile" "changed by .* meanwhile"
# the refusals by office, role and version (not the malformed values) are
# recorded with who tried them: a 'denied' row and, for the case, an event
expect_eq "refusals wrote no event but 'denied'" "$(q "SELECT count(*) FROM event WHERE id > $n0 AND kind <> 'denied'")" 0
expect_eq "refusals recorded: office, role, stale version" \
	"$(q "SELECT group_concat(login || ' ' || role || ' ' || action, ',') FROM (SELECT * FROM denied WHERE action = 'task decide' AND case_id = (SELECT id FROM cases WHERE case_no = '$C') ORDER BY id)")" \
	"wugang officer task decide,chenjing clerk task decide,zhaolei officer task decide"
expect_eq "refusals recorded: the unknown login" "$(q "SELECT role || ' ' || action FROM denied WHERE login = 'nobody_here' AND action = 'task decide'")" "none task decide"
expect_eq "refusals recorded: 'denied' events in the case history" \
	"$(q "SELECT count(*) FROM event WHERE id > $n0 AND kind = 'denied' AND case_id = (SELECT id FROM cases WHERE case_no = '$C')")" 3
expect_eq "refusals left RD in review" "$(state "$C" RD)" "in_review"
expect_eq "refusals left the version" "$(col "$C" RD version)" "$v0"
