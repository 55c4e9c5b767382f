#!/bin/sh
# tests/cli/foundation_refusals.sh — the foundation commands: what init and every open refuse: an
# existing file, a non-SQLite or foreign file, a newer schema, an empty
# file, a missing or read-only folder, an empty name; old schemas upgraded.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"
foundation_db

# ---- refusals ----
before=$(sum x.db)
run --lang en -d x.db init
expect_rc "init on existing file: exit 1" 1
expect_err "init on existing file: says it exists" "already exists"
expect_eq "init on existing file: file untouched" "$(sum x.db)" "$before"

echo "this is not a database" >txt.db
before=$(sum txt.db)
run --lang en -d txt.db config
expect_rc "not SQLite: exit 1" 1
expect_err "not SQLite: clear message" "txt\.db.*not an SQLite database"
expect_eq "not SQLite: one line on stderr" "$(nlines "$err")" 1
expect_eq "not SQLite: file untouched" "$(sum txt.db)" "$before"
if ls txt.db-* >/dev/null 2>&1; then fail "not SQLite: no -wal/-shm left beside it" "$(ls txt.db-*)"; else pass "not SQLite: no -wal/-shm left beside it"; fi
run --lang en -d txt.db config region_code 340104
expect_rc "not SQLite, writing command: exit 1" 1
expect_eq "not SQLite, writing command: file untouched" "$(sum txt.db)" "$before"
run --lang en -d txt.db init
expect_rc "init over non-SQLite file: exit 1" 1
expect_eq "init over non-SQLite file: untouched" "$(sum txt.db)" "$before"

"$YICI" -d v.db init >/dev/null 2>&1
sqlite_t v.db 'PRAGMA user_version=99'
run --lang en -d v.db config
expect_rc "newer schema: exit 1" 1
expect_err "newer schema: names version 99" "99"
expect_eq "newer schema: user_version left alone" "$(sql v.db 'PRAGMA user_version')" 99

# An older schema is brought up to date on open, by a reading command too.
sqlite_t old.db <"$top/db/001_init.sql"
sqlite_t old.db "PRAGMA application_id = 0x59494349; PRAGMA user_version = 1;
INSERT INTO staff (login, name, role, created_at) VALUES ('$me', 'Me', 'supervisor', '2026-01-01 08:00:00')"
run --lang en -d old.db config
expect_rc "older schema, reading command: exit 0" 0
expect_eq "older schema, reading command: migrated to the latest" "$(sql old.db 'PRAGMA user_version')" "$nmig"

sqlite_t foreign.db 'CREATE TABLE foo (a); INSERT INTO foo VALUES (1);'
before=$(sum foreign.db)
run --lang en -d foreign.db config
expect_rc "foreign SQLite database: exit 1" 1
expect_err "foreign SQLite database: not a yici database" "not a yici database"
expect_eq "foreign SQLite database: untouched" "$(sum foreign.db)" "$before"
run --lang en -d foreign.db config region_code 340104
expect_rc "foreign SQLite database, writing command: exit 1" 1
expect_err "foreign SQLite database, writing command: not a yici database" "not a yici database"
expect_eq "foreign SQLite database, writing command: untouched" "$(sum foreign.db)" "$before"
expect_eq "foreign SQLite database, writing command: journal_mode kept" "$(sql foreign.db 'PRAGMA journal_mode')" "delete"

: >empty.db
run --lang en -d empty.db config
expect_rc "empty file: exit 1" 1
expect_err "empty file: says to remove it first (init refuses an existing file)" "empty file: remove it"
expect_eq "empty file: one line on stderr" "$(nlines "$err")" 1
expect_eq "empty file: still empty" "$(stat -c %s empty.db)" 0
run --lang en -d empty.db init
expect_rc "init over an empty file: exit 1" 1
expect_eq "init over an empty file: still empty" "$(stat -c %s empty.db)" 0

run --lang en -d missing.db config
expect_rc "missing database: exit 1" 1
expect_err "missing database: does not exist" "does not exist"
if [ ! -e missing.db ]; then pass "missing database: not created"; else fail "missing database: not created" "missing.db exists"; fi

run --lang en -d /nonexistent/dir/x.db init
expect_rc "init in missing folder: exit 1" 1
expect_eq "init in missing folder: one line on stderr" "$(nlines "$err")" 1
expect_err "init in missing folder: names the path" "/nonexistent/dir"
run --lang en -d /proc/yici-test.db init
expect_rc "init under /proc: exit 1" 1
expect_eq "init under /proc: one line on stderr" "$(nlines "$err")" 1

# An empty file name would be SQLite's temporary database: init "succeeded"
# and wrote nothing anywhere.
for a in -d --forms; do
	run --lang en init $a ""
	expect_rc "init $a '': usage error" 2
	expect_err "init $a '': needs a value" "needs a value"
	run --lang en $a "" init
	expect_rc "yici $a '' init: usage error" 2
	expect_err "yici $a '' init: needs a value" "needs a value"
done
run --lang en config -d ""
expect_rc "config -d '': exit 1" 1
expect_err "config -d '': the file name is empty" "file name is empty"

# The workstation without a terminal (cron, a pipe): one line, not a busy
# loop on end-of-file.
timeout 60 "$YICI" --lang en -d x.db </dev/null >ws.out 2>ws.err
rc=$?
err=$(cat ws.err)
expect_rc "workstation without a terminal: exit 1" 1
expect_err "workstation without a terminal: says so" "needs a terminal"
