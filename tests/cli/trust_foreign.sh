#!/bin/sh
# tests/cli/trust_foreign.sh — the tamper-evident history and who sees what:
# databases written by something else: refused, untouched
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_trust.sh"

# ---- databases written by something else ----
tamper t.db "DROP TABLE denied"
run --lang en -d t.db verify
expect_rc "missing table: exit 1" 1
expect_err "missing table: named" "table 'denied' is missing"
tamper t.db "PRAGMA user_version = 2"
run --lang en -d t.db verify
expect_rc "wrong user_version: exit 1" 1
before=$(sha256sum t.db | cut -d' ' -f1)
run --lang en -d t.db config center_name X
expect_rc "wrong user_version, writing command: refused" 1
expect_eq "wrong user_version: not repaired" "$(sql t.db 'PRAGMA user_version')" 2
tamper t.db "PRAGMA foreign_keys = OFF; UPDATE task SET case_id = 99999 WHERE id = 3"
run --lang en -d t.db verify
expect_rc "broken foreign key: exit 1" 1
expect_err "broken foreign key: names the row" "task.* 3 "
sqlite_t foreign.db 'CREATE TABLE foo (a)'
run --lang en -d foreign.db verify
expect_rc "foreign database: exit 1" 1
tamper t.db "DROP TRIGGER event_no_update; UPDATE event SET hash = NULL WHERE id = 60"
before=$(sql t.db 'SELECT count(*) FROM event WHERE hash IS NULL')
as_user "$me" -d t.db reveal "$(sql t.db 'SELECT case_no FROM cases LIMIT 1')"
run --lang en -d t.db verify
expect_rc "broken chain: still reported after more writes" 1
expect_err "broken chain: names event 60" "event 60[^0-9]"
expect_eq "broken chain: not repaired" "$(sql t.db 'SELECT count(*) FROM event WHERE hash IS NULL')" "$before"
