#!/bin/sh
# tests/cli/faults.sh — the short fault-injection suite of `make test`
# (kept under a minute): a few rounds of each script in tests/faults/ —
# kill -9 during an import, an export and a burst of decisions; 8 writers
# at once; a full disk (root only); read-only files, folders and file
# systems, missing forms, a newer database.  `make faults` runs more rounds.
top=$(cd "$(dirname "$0")/../.." && pwd)
for s in kill9 concurrent diskfull refusals; do
	case $s in
	kill9) r=${FAULT_ROUNDS:-4} ;;
	concurrent) r=${FAULT_ROUNDS:-2} ;;
	*) r=1 ;;
	esac
	FAULT_ROUNDS=$r sh "$top/tests/faults/$s.sh"
	rc=$?
	[ "$rc" -eq 0 ] || echo "FAIL: tests/faults/$s.sh exited $rc"
done
exit 0
