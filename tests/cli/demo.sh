#!/bin/sh
# tests/cli/demo.sh — the demo's mix of items is data (forms/demo.csv,
# issue 14: no C file names an item code): init --demo ticks what the file
# says, refuses a forms folder without it, and the loader refuses a bad row
# with its file, line and column.  Runs on copies of the fixture catalog
# tests/data/forms/.
. "$(dirname "$0")/../lib.sh"
export YICI_FORMS="$top/tests/data/forms"

# ---- the shipped mix: every kind of case, with its items ----
run --lang en -d d.db init --demo 400 --seed 3
expect_rc "init --demo on the fixture's demo.csv" 0
expect_eq "death cases: RD;GW;SZ;FX always" \
	"$(sql d.db "SELECT count(*) FROM cases c WHERE c.kind = 'death' AND (SELECT count(*) FROM task t WHERE t.case_id = c.id AND t.item IN ('RD','GW','SZ','FX')) <> 4 AND c.state IN ('accepted', 'closed')")" 0
expect_eq "no injury case has a death item" \
	"$(sql d.db "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.kind = 'injury' AND t.item IN ('GW','SZ','FX')")" 0
expect_eq "SC and YB only with JD (the with column)" \
	"$(sql d.db "SELECT count(*) FROM task t WHERE t.item IN ('SC','YB') AND NOT EXISTS (SELECT 1 FROM task j WHERE j.case_id = t.case_id AND j.item = 'JD')")" 0
expect_eq "a repeat case ticks FF and not RD (it follows the earlier RD)" \
	"$(sql d.db "SELECT count(*) FROM task t WHERE t.item = 'FF' AND EXISTS (SELECT 1 FROM task r WHERE r.case_id = t.case_id AND r.item = 'RD')")" 0
expect_eq "repeat cases exist" "$(test "$(sql d.db "SELECT count(*) FROM task WHERE item = 'FF'")" -gt 0 && echo yes)" yes

# ---- another mix: injury cases ask for RD and KF only ----
cp -r "$YICI_FORMS" f2
printf 'case,item,percent,with,follows\ninjury,RD,100,,no\ninjury,KF,100,,no\ndeath,RD,100,,no\nrepeat,RD,100,,yes\nrepeat,FF,100,,no\n' >f2/demo.csv
run --lang en -d m.db --forms f2 init --demo 200 --seed 3
expect_rc "init --demo on an edited demo.csv" 0
expect_eq "injury cases: RD and KF, nothing else" \
	"$(sql m.db "SELECT group_concat(item) FROM (SELECT DISTINCT t.item FROM task t JOIN cases c ON c.id = t.case_id WHERE c.kind = 'injury' AND t.item <> 'FF' ORDER BY 1)")" "KF,RD"
expect_eq "the forms version does not depend on demo.csv" \
	"$(sql m.db "SELECT value FROM config WHERE key = 'catalog_version'")" \
	"$(sql d.db "SELECT value FROM config WHERE key = 'catalog_version'")"

# ---- no demo.csv: a catalog is fine, the demo is refused ----
cp -r "$YICI_FORMS" f3
rm f3/demo.csv
run --lang en -d n.db --forms f3 init
expect_rc "init without demo.csv" 0
run --lang en -d n2.db --forms f3 init --demo 5
expect_rc "init --demo without demo.csv" 1
expect_err "the refusal names demo.csv" "no demo.csv"

# ---- bad rows: file, line, column ----
bad() { # bad NAME ROW PATTERN
	rm -rf fb && cp -r "$YICI_FORMS" fb
	printf 'case,item,percent,with,follows\ninjury,RD,100,,no\n%s\n' "$2" >fb/demo.csv
	run --lang en --forms fb catalog --check
	expect_rc "$1: refused" 1
	expect_err "$1: named" "demo.csv:3: $3"
}
bad "unknown item" "injury,ZZ,50,,no" "item: unknown item 'ZZ'"
bad "unknown case" "accident,YL,50,,no" "case: 'accident' is not injury, death or repeat"
bad "percent 0" "injury,YL,0,,no" "percent"
bad "percent 101" "injury,YL,101,,no" "percent"
bad "with a later row" "injury,SC,50,JD,no" "with: 'JD' is not an earlier row of injury cases"
bad "twice" "injury,RD,50,,no" "item 'RD' twice for injury cases"
bad "follows not yes/no" "injury,YL,50,,maybe" "bad follows .maybe. \(yes or no\)"
bad "short row" "injury,YL,50" "expected 5 columns"
