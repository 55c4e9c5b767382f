#!/bin/sh
# tests/cli/concurrency.sh — a long writer (an import) holds the write lock:
# opening the database takes no write lock unless a migration is due, so
# reads (case show, case find, queue, the lookup) answer at once instead of
# failing after the busy timeout with "busy (another clerk is writing)".
. "$(dirname "$0")/../lib.sh"

"$YICI" -d c.db init --demo 30 --seed 3 >/dev/null 2>&1
rc=$?
expect_rc "demo database" 0
no=$(sql c.db "SELECT case_no FROM cases ORDER BY id LIMIT 1")
name=$(sql c.db "SELECT p.name FROM cases c JOIN person p ON p.id = c.worker_id ORDER BY c.id LIMIT 1")
ini=$(sql c.db "SELECT i.initials FROM person_initials i JOIN cases c ON c.worker_id = i.person_id ORDER BY c.id LIMIT 1")
# a pending catch-up of the initials index must not make the lookup wait either
sql c.db "INSERT INTO lookup_queue (person_id) SELECT worker_id FROM cases ORDER BY id LIMIT 1" 2>/dev/null

# holds BEGIN IMMEDIATE for 20 s (longer than yici's 10 s busy timeout)
python3 - c.db >"$T/lock.out" 2>&1 <<'EOF' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=1)
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE config SET value = value WHERE 0")
print("locked", flush=True)
time.sleep(20)
c.execute("ROLLBACK")
EOF
lockpid=$!
poll grep -q locked "$T/lock.out" || fail "lock holder started" "$(cat "$T/lock.out")"

# timed CMD...: runs yici, sets $rc, $out, $err and $secs (whole seconds).
# A read that waited for the lock would wait yici's 10 s busy timeout:
# under 8 s tells the two apart on a loaded machine (not a speed target).
timed() {
	_t0=$(date +%s)
	run "$@"
	secs=$(( $(date +%s) - _t0 ))
}

timed --lang en -d c.db case find "$name"
expect_rc "case find during a write: exit 0" 0
expect_out "case find during a write: finds the case" "$no"
[ "$secs" -lt 8 ] && pass "case find during a write: no wait ($secs s)" || \
	fail "case find during a write: no wait" "took $secs s" "stderr: $err"

timed --lang en -d c.db case find "$ini"
expect_rc "pinyin lookup during a write (catch-up pending): exit 0" 0
[ "$secs" -lt 8 ] && pass "pinyin lookup during a write: no wait ($secs s)" || \
	fail "pinyin lookup during a write: no wait" "took $secs s" "stderr: $err"

timed --lang en -d c.db case show "$no"
expect_rc "case show during a write: exit 0" 0
[ "$secs" -lt 8 ] && pass "case show during a write: no wait ($secs s)" || \
	fail "case show during a write: no wait" "took $secs s"

timed --lang en -d c.db queue --limit 3
expect_rc "queue during a write: exit 0" 0
[ "$secs" -lt 8 ] && pass "queue during a write: no wait ($secs s)" || \
	fail "queue during a write: no wait" "took $secs s"

timed --lang en -d c.db intake --limit 3
expect_rc "intake during a write: exit 0" 0
[ "$secs" -lt 8 ] && pass "intake during a write: no wait ($secs s)" || \
	fail "intake during a write: no wait" "took $secs s" "stderr: $err"

kill "$lockpid" 2>/dev/null
wait "$lockpid" 2>/dev/null

# the waited-for lock holder was killed on purpose: its 143 is not the suite's status
exit 0
