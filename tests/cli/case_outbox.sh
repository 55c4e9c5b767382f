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


# ---- one column table for F8, the table and the CSV (issue 18) ----
run --lang en -d d.db outbox --format csv --limit 1
expect_out "outbox csv: the header, stable names" '^"id","case_no","kind","recipient","state","created_at","exported_at","body"'
expect_out "outbox csv: the kind as its code" '^"[0-9]+","GS[0-9-]+","sms_[a-z_]+",'
run --lang en -d d.db outbox --limit 3
expect_out "outbox table: a header from the column table" "^Case number +Message kind +Phone +State +Queued at +Message$"
run -d d.db outbox --limit 50
expect_out "outbox table (zh): the header in Chinese" "^办件编号 +短信类别 +手机号码 +状态 +生成时间 +短信内容$"
if printf '%s\n' "$out" | grep -Eq " sms_[a-z_]+ | (queued|exported) "; then
	fail "outbox table (zh): kinds and states in words, no code" "$(printf '%s\n' "$out" | grep -E " sms_| queued | exported " | head -n 2)"
else
	pass "outbox table (zh): kinds and states in words, no code"
fi
