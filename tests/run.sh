#!/bin/sh
# Runs every test of yici and ends with one line
# "N passed, N failed, N skipped".  Unit tests are cmocka programs
# (build/san/test_*); their per-test counts are read from cmocka's summary.
# Shell suites (tests/cli/*.sh, tests/tui/*.sh) print "PASS: name",
# "FAIL: name" and "SKIP: name [reason]" lines (tests/lib.sh); the skipped
# checks of a suite are listed under one line per reason.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
pass=0
fail=0
skip=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

for t in build/san/test_*; do
	[ -x "$t" ] || continue
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
done

for s in tests/cli/*.sh tests/tui/*.sh; do
	[ -f "$s" ] || continue
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
done

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
