#!/bin/sh
# tests/faults/run.sh — `make faults`: the fault-injection scripts with
# many rounds (FAULT_ROUNDS, default 25; the short version runs inside
# `make test` as tests/cli/faults.sh).  Ends with
# "N passed, N failed, N skipped".
top=$(cd "$(dirname "$0")/../.." && pwd)
export FAULT_ROUNDS=${FAULT_ROUNDS:-25}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0
fail=0
skip=0
for s in kill9 concurrent diskfull refusals; do
	t0=$(date +%s)
	sh "$top/tests/faults/$s.sh" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^PASS: ' "$log")
	f=$(grep -c '^FAIL: ' "$log")
	k=$(grep -c '^SKIP: ' "$log")
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1 && echo "FAIL: $s.sh exited $rc" >>"$log"
	cat "$log"
	echo "== $s.sh: $p passed, $f failed, $k skipped ($(($(date +%s) - t0)) s, $FAULT_ROUNDS rounds)"
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + k))
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
