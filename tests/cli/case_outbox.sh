#!/bin/sh
# tests/cli/case_outbox.sh — the outbox of SMS: queued, exported, no full ID, usage, on a demo database
# with the clock pinned.  Checks structure and key values, not whole outputs.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_case.sh"

# ---- the outbox ----
run --lang en -d d.db outbox --state queued --format csv
expect_rc "outbox queued: exit 0" 0
nq=$(printf '%s\n' "$out" | tail -n +2 | grep -c '^"')
expect_eq "outbox queued: every queued SMS" "$nq" "$(sql d.db "SELECT count(*) FROM notice WHERE channel = 'sms' AND state = 'queued'")"
run --lang en -d d.db outbox --state exported --limit 3
expect_out "outbox exported: 3 messages" "^3 messages"
run --lang en -d d.db outbox
if printf '%s\n' "$out" | grep -Eq "$FULLID"; then fail "outbox: no full ID in any message" "$(printf '%s\n' "$out" | grep -E "$FULLID" | head -n 2)"; else pass "outbox: no full ID in any message"; fi
run --lang en -d d.db outbox --state sent
expect_rc "outbox --state sent: usage error" 2

