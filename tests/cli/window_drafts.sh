#!/bin/sh
# tests/cli/window_drafts.sh — drafts and refusal: an application with
# half-typed fields is saved as a draft (#id, no case number) with the
# application-window warning citing its rule, resumed and saved again
# keeping what was typed; refusing it needs a reason, numbers it
# not_accepted and prints a refusal notice with the reason and the remedy.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# ---- drafts, refusal ----
run --lang en -d w.db apply --field worker.name=赵六 --field worker.id_number=3401021985 --field accident.date=2025-01-02 --items RD
expect_rc "draft with half-typed fields: saved" 0
expect_out "draft: #id draft" "^#1 draft$"
expect_err "draft: application window warning cites the rule" "1 year.*条例 §17"
run --lang en -d w.db apply --case '#1' --field worker.phone=13700000000
expect_rc "draft resumed and saved again" 0
expect_eq "draft: half-typed ID kept" "$(sql w.db "SELECT value FROM case_field WHERE case_id=1 AND key='worker.id_number'")" 3401021985
run --lang en -d w.db refuse '#1'
expect_rc "refuse without reason: usage error" 2
run --lang en -d w.db refuse '#1' --reason '超过工伤认定申请时限'
expect_rc "refuse: exit 0" 0
expect_out "refuse: not_accepted with a number" "^GS340102-20261128-0001 not_accepted$"
f=notices/GS340102-20261128-0001-refusal.txt
if grep -q "超过工伤认定申请时限" "$f" && grep -q "reconsideration" "$f"; then pass "refusal notice: reason and remedy"; else fail "refusal notice: reason and remedy" "$(cat "$f" 2>&1)"; fi
