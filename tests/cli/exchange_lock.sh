#!/bin/sh
# tests/cli/exchange_lock.sh — the CSV exchange (yici-exchange(5)): the
# lock: a second export while another holds the folder's lock exits 3
# saying so, and so does one on a database kept busy by another writer,
# leaving no batch folder.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# setup: a first batch, so the folder and its lock file exist
run --lang en -d x.db export -o out
expect_rc "exchange_lock: setup: the first export, exit 0" 0

# ---- the lock ----
# (held until the check is done, not for a fixed time: under load the
# export may start late; at most 60 s)
flock out/.yici-export.lock sh -c 'i=0; while [ ! -f release1 ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done' &
# (polled, not slept: under load the holder may take longer to start)
held() { ! flock -n "$1" true; }
poll held out/.yici-export.lock || fail "lock: the holder took the lock" "not held after 5 s"
run --lang en -d x.db export -o out
expect_rc "lock: a second export at once exits 3" 3
expect_err "lock: says another export is running" "another export"
touch release1
wait
# a database that stays busy (a long import holding the write lock) is 3 too
nb=$(ls out | wc -l)
# (held until the check is done: the export waits its 10 s busy timeout
# first, then exits 3; at most 60 s)
# (the holder waits for the lock itself: a BEGIN refused at once by a yici
# still closing would leave nothing held)
sqlite3 -cmd '.timeout 10000' x.db "BEGIN EXCLUSIVE; SELECT 1;" \
	".shell i=0; while [ ! -f release2 ] && [ \$i -lt 600 ]; do sleep 0.1; i=\$((i + 1)); done" \
	"COMMIT;" >/dev/null 2>&1 &
# the write lock is held once a writer without a busy timeout is refused
wlocked() { ! sqlite3 -batch "$1" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1; }
poll wlocked x.db || fail "busy database: the holder took the write lock" "not held after 5 s"
run --lang en -d x.db export -o out
expect_rc "busy database: export exits 3, as the man page says" 3
expect_err "busy database: says so" "busy"
expect_eq "busy database: no batch folder" "$(ls out | wc -l)" "$nb"
touch release2
wait
