#!/bin/sh
# tests/cli/case_find.sh — yici case find by case number, citizen ID, phone, name, pinyin
# initials; bad IDs, too few digits, nobody, too many; case --help, on a demo database
# with the clock pinned.  Checks structure and key values, not whole outputs.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_case.sh"

# ---- case find ----
phone=$(sql d.db "SELECT p.phone FROM cases c JOIN person p ON p.id = c.worker_id WHERE case_no = '$no'")
run --lang en -d d.db case find "$no"
expect_rc "find case number: exit 0" 0
expect_out "find case number: the case" "^$no "
run --lang en -d d.db case find "$wid"
expect_out "find citizen ID: the case" "^$no "
expect_out "find citizen ID: said what it searched" "as citizen ID"
if printf '%s\n' "$out" | grep -Eq "^$CASE +[^ ]+ +$FULLID"; then fail "find: the ID stays masked" "$out"; else pass "find: the ID stays masked"; fi
run --lang en -d d.db case find "$phone"
expect_out "find phone: the case" "^$no "
run --lang en -d d.db case find "$worker"
expect_out "find full name: the case" "^$no "
"$YICI" -d d.db case reindex >/dev/null 2>&1
ini=$(sql d.db "SELECT i.initials FROM person_initials i JOIN cases c ON c.worker_id = i.person_id WHERE c.case_no = '$no' LIMIT 1")
run --lang en -d d.db case find "$ini"
expect_rc "find pinyin initials '$ini': exit 0" 0
expect_out "find pinyin initials: the case" "$no"
expect_out "find pinyin initials: said what it searched" "pinyin initials"
run --lang en -d d.db case find 110105194912310021
expect_rc "find a bad ID: exit 1" 1
expect_err "find a bad ID: precise message" "not a valid citizen ID.*check"
run --lang en -d d.db case find 12
expect_rc "find 2 digits: exit 1" 1
expect_err "find 2 digits: asks for more" "at least 4 digits"
run --lang en -d d.db case find 欧阳修远
expect_rc "find nobody: exit 1" 1
expect_err "find nobody: says no case matches" "no case matches"
run --lang en -d d.db case find z
expect_rc "find a single initial: exit 0" 0
expect_out "find too many: says how many and shows the first page" "^([0-9]+|more than [0-9]+) cases match 'z'.*showing the first 20"
expect_eq "find too many: 20 rows" "$(printf '%s\n' "$out" | grep -Ec "^$CASE")" 20
run --lang en -d d.db case find z --limit 5 --format csv
expect_eq "find --limit 5 --format csv: header and 5 rows" "$(printf '%s\n' "$out" | grep -c .)" 6


# ---- help ----
run --lang en case --help
expect_rc "case --help: exit 0" 0
expect_out "case --help: names find" "case find TEXT"
run --lang en -d d.db case frobnicate
expect_rc "case with an unknown subcommand: usage" 2

