#!/bin/sh
# Runs the tests of yici and ends with one line
# "N passed, N failed, N skipped".  Unit tests are cmocka programs
# (build/san/test_*); their per-test counts are read from cmocka's summary.
# Shell suites (tests/cli/*.sh, tests/tui/*.sh) print "PASS: name",
# "FAIL: name" and "SKIP: name [reason]" lines (tests/lib.sh); the skipped
# checks of a suite are listed under one line per reason.  With no
# argument (make test) it runs every one of them and first checks the
# shipped catalog with `yici catalog --check` (forms/, or YICI_TEST_FORMS).
#
#   sh tests/run.sh [NAME...]
#
# runs only the named ones: NAME is a suite or unit test ("exchange",
# "words" or "test_words"), every one of that name (cli/acceptance_*.sh and
# tui/acceptance.sh for "acceptance"), or one of them as "cli/acceptance",
# "tui/acceptance" or
# "unit/words"; a family's prefix ("office" for the office_*.sh of a
# folder with no office.sh); "forms" is the catalog check.  The suites start from
# fixture databases (tests/fixtures/, the fixture function of
# tests/lib.sh), each built once for the run in $YICI_FIXTURES.  Build first (make
# build/san/yici and make build/san/test_NAME, or make test once).
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
pass=0
fail=0
skip=0
log=$(mktemp)
# the fixture databases (tests/fixtures/*.sh), each built once for the run
YICI_FIXTURES=$(mktemp -d)
export YICI_FIXTURES
trap 'rm -f "$log"; rm -rf "$YICI_FIXTURES"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The shipped catalog loads: what a province edits is checked like code.
run_forms() {
	dir=${YICI_TEST_FORMS:-forms}
	if [ ! -x build/san/yici ]; then
		echo "tests/run.sh: build/san/yici is not built (make build/san/yici)" >&2
		exit 2
	fi
	YICI_LOCALEDIR=$top/build/locale build/san/yici --lang en catalog --check --forms "$dir" >"$log" 2>&1
	if [ $? -eq 0 ]; then
		p=1 f=0
	else
		p=0 f=1
		echo "--- catalog --check --forms $dir"
		cat "$log"
	fi
	echo "forms: $p passed, $f failed"
	pass=$((pass + p))
	fail=$((fail + f))
}

run_unit() {
	t=$1
	"$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	k=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=${f:-0}
	k=${k:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed or sanitizer abort: count the program as one failure
	fi
	if [ "$f" -gt 0 ]; then
		echo "--- $t"
		cat "$log"
	fi
	echo "$(basename "$t"): $p passed, $f failed$([ "$k" -gt 0 ] && echo ", $k skipped")"
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + k))
}

run_suite() {
	s=$1
	sh "$s" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^PASS: ' "$log")
	f=$(grep -c '^FAIL: ' "$log")
	k=$(grep -c '^SKIP: ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "FAIL: $s exited $rc" >>"$log"
	fi
	if [ "$f" -gt 0 ]; then
		echo "--- $s"
		grep -v -e '^PASS: ' -e '^SKIP: ' "$log"
	fi
	echo "$(basename "$s"): $p passed, $f failed$([ "$k" -gt 0 ] && echo ", $k skipped")"
	if [ "$k" -gt 0 ]; then
		# one reason line, then the names it covers
		sed -n 's/^SKIP: \(.*\) \[\(.*\)\]$/\2\t\1/p' "$log" | awk -F '\t' '
			$1 != why { why = $1; print "  skipped (" why "):" }
			{ print "    " $2 }'
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + k))
}

# run_named NAME: every test of that name; exits 2 when there is none.
run_named() {
	n=${1%.sh}
	found=0
	case $n in
	forms)
		run_forms
		return ;;
	cli/* | tui/*)
		if [ -f "tests/$n.sh" ]; then run_suite "tests/$n.sh"; return; fi
		for s in tests/"$n"_*.sh; do
			if [ -f "$s" ]; then run_suite "$s"; found=1; fi
		done ;;
	unit/*)
		u=${n#unit/}
		u=build/san/test_${u#test_}
		if [ -x "$u" ]; then run_unit "$u"; return; fi
		if [ -f "tests/unit/test_${n#unit/}.c" ] || [ -f "tests/unit/${n#unit/}.c" ]; then
			echo "tests/run.sh: $u is not built (make $u)" >&2
			exit 2
		fi ;;
	*)
		u=test_${n#test_}
		if [ -x "build/san/$u" ]; then run_unit "build/san/$u"; found=1
		elif [ -f "tests/unit/$u.c" ]; then
			echo "tests/run.sh: build/san/$u is not built (make build/san/$u)" >&2
			exit 2
		fi
		# NAME.sh, or the family split by behaviour: "office" runs office_*.sh
		for d in cli tui; do
			if [ -f "tests/$d/$n.sh" ]; then run_suite "tests/$d/$n.sh"; found=1; continue; fi
			for s in tests/"$d"/"$n"_*.sh; do
				if [ -f "$s" ]; then run_suite "$s"; found=1; fi
			done
		done ;;
	esac
	if [ "$found" -eq 0 ]; then
		echo "tests/run.sh: no test named '$1' (a file of tests/cli/, tests/tui/ or tests/unit/, or forms)" >&2
		exit 2
	fi
}

if [ $# -gt 0 ]; then
	for name in "$@"; do
		run_named "$name"
	done
else
	run_forms
	for t in build/san/test_*; do
		[ -x "$t" ] || continue
		run_unit "$t"
	done
	for s in tests/cli/*.sh tests/tui/*.sh; do
		[ -f "$s" ] || continue
		run_suite "$s"
	done
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
