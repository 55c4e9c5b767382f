#!/bin/sh
# tests/cli/runner.sh — tests/run.sh NAME runs that one test (issue 19):
# a unit test, a cli or tui suite by its name, or the check of the
# shipped catalog (forms: yici catalog --check, which make test runs
# first), each with its "N passed" line and the total; an unknown name is
# refused; a family's prefix runs its files; the fixture databases of
# tests/fixtures/ are built once and copied.  (Runs only quick tests, and
# never itself.)
. "$(dirname "$0")/../lib.sh"

runner() { # runner ARGS...: tests/run.sh ARGS, at most 120 s
	timeout 120 sh "$top/tests/run.sh" "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}
lines() { printf '%s\n' "$out" | grep -c 'passed, '; }

runner words
expect_rc "run.sh words: exit 0" 0
expect_out "run.sh words: its line" "^test_words: [1-9][0-9]* passed, 0 failed$"
expect_eq "run.sh words: that one test and the total, nothing else" "$(lines)" 2
expect_out "run.sh words: the total" "^[1-9][0-9]* passed, 0 failed, 0 skipped$"

runner unit/words cli/holidays
expect_rc "run.sh unit/words cli/holidays: exit 0" 0
expect_out "run.sh cli/holidays: the suite's line" "^holidays.sh: [1-9][0-9]* passed, 0 failed$"
expect_eq "run.sh unit/words cli/holidays: two tests and the total" "$(lines)" 3

runner forms
expect_rc "run.sh forms: the shipped catalog passes catalog --check" 0
expect_out "run.sh forms: its line" "^forms: 1 passed, 0 failed$"
cp -r "$top/forms" bad
echo 'M01,重复的材料,' >>bad/materials.csv
YICI_TEST_FORMS=$T/bad runner forms
expect_rc "run.sh forms: a catalog that fails catalog --check fails" 1
expect_out "run.sh forms: with the file and line" "materials.csv:[0-9]+: duplicate material code 'M01'"

# a province editing forms/ (issue 19): a 15th item is checked like code,
# and no suite reads forms/ itself (each reads the fixture tests/data/forms/,
# so its expectations do not move with the province's catalog)
cp -r "$top/forms" f15
add_item15 f15
YICI_TEST_FORMS=$T/f15 runner forms
expect_rc "run.sh forms: forms/ with a 15th item passes the check" 0
expect_out "run.sh forms: the 15th item counted" "^forms: 1 passed, 0 failed$"
expect_eq "the suites read the fixture catalog: YICI_FORMS in tests/lib.sh" \
	"$(sed -n 's/^export YICI_FORMS=//p' "$top/tests/lib.sh")" '"$top/tests/data/forms"'
expect_eq "no suite but this one reads forms/ itself" \
	"$(cd "$top/tests" && grep -l 'top"*/forms' cli/*.sh tui/*.sh faults/*.sh lib*.sh | grep -v '^cli/runner.sh$' | tr '\n' ' ')" ""

runner nosuch
expect_rc "run.sh nosuch: refused" 2
expect_err "run.sh nosuch: says so" "no test named 'nosuch'"

# fixture databases (tests/fixtures/): built once for a run, each suite
# given its own copy
YICI_FIXTURES=$T/fx
export YICI_FIXTURES
fixture demo300 a.db
rc=$?
expect_rc "fixture demo300: a copy" 0
fixture demo300 b.db
expect_eq "fixture: the stored database has no WAL beside it" "$(ls "$T/fx" | grep -c -e '-wal$' -e '-shm$')" 0
expect_eq "fixture demo300: built once for two suites" "$(cat "$T/fx/built")" "demo300"
run -d a.db verify
expect_rc "fixture demo300: a copy verifies (its chain does not name its file)" 0
expect_eq "fixture demo300: the demo's cases" "$(sql a.db 'SELECT count(*) FROM cases')" 300
windows=$("$YICI" -d b.db config windows 2>&1)
"$YICI" -d a.db config windows 1-4 >/dev/null 2>&1
expect_eq "fixture demo300: a suite writes to its copy" "$("$YICI" -d a.db config windows 2>&1)" "1-4"
expect_eq "fixture demo300: a suite's writes stay in its copy" \
	"$("$YICI" -d b.db config windows 2>&1)" "$windows"
( fixture nosuch c.db ) 2>"$T/.err"
expect_eq "fixture nosuch: refused with exit 2" "$?" 2
err=$(cat "$T/.err")
expect_err "fixture nosuch: names the missing builder" "no tests/fixtures/nosuch.sh"
unset YICI_FIXTURES

# a TUI suite leaves no tmux server behind, even one that names a case S
# (tests/lib_tui.sh's socket is _tui_sock; papers.sh and clerk.sh use S)
if command -v tmux >/dev/null 2>&1; then
	before=$(ps -e -o args= | grep -c '^tmux -L ypapers')
	runner tui/papers
	expect_rc "run.sh tui/papers: exit 0" 0
	expect_eq "tui/papers: its tmux server is gone when it ends" \
		"$(ps -e -o args= | grep -c '^tmux -L ypapers')" "$before"
fi
