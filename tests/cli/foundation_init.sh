#!/bin/sh
# tests/cli/foundation_init.sh — the foundation commands: init: the file, its mode under any umask, schema, pragmas, the
# invoking user as supervisor.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"

# ---- init: a new database ----
run --lang en -d x.db init
expect_rc "init: exit 0" 0
if [ -f x.db ]; then pass "init: creates the file"; else fail "init: creates the file" "no x.db"; fi
expect_eq "init: user_version = number of db/*.sql" "$(sql x.db 'PRAGMA user_version')" "$nmig"
expect_eq "init: journal_mode wal" "$(sql x.db 'PRAGMA journal_mode')" "wal"
appid=$(sql x.db 'PRAGMA application_id')
if [ -n "$appid" ] && [ "$appid" != 0 ]; then pass "init: application_id nonzero"; else fail "init: application_id nonzero" "got '$appid'"; fi
expect_eq "init: prints nothing on stdout" "$out" ""

for m in 077 000; do
	(umask $m; "$YICI" -d "u$m.db" init >/dev/null 2>&1)
	expect_eq "init: mode 0660 under umask $m" "$(stat -c %a "u$m.db" 2>&1)" "660"
done

run --lang en -d x.db staff list
expect_rc "staff list: exit 0" 0
expect_out "init: invoking user '$me' is supervisor" "^$me +.*supervisor"
