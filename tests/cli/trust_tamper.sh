#!/bin/sh
# tests/cli/trust_tamper.sh — the tamper-evident history and who sees what:
# verify on databases changed with the sqlite3 shell: an update,
# a delete, a reorder, a truncation, a rebuilt chain, and the anchor
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_trust.sh"

# ---- tampering with the sqlite_t shell ----
fresh t.db
e=$(sqlite_t t.db "UPDATE event SET detail = 'x' WHERE id = 5" 2>&1)
if printf '%s' "$e" | grep -q 'append-only'; then pass "trigger refuses UPDATE"; else fail "trigger refuses UPDATE" "$e"; fi
e=$(sqlite_t t.db "DELETE FROM event WHERE id = 5" 2>&1)
if printf '%s' "$e" | grep -q 'append-only'; then pass "trigger refuses DELETE"; else fail "trigger refuses DELETE" "$e"; fi
run --lang en -d t.db verify
expect_rc "refused writes leave the chain intact" 0

# the running queue totals (db/007) are recounted too
tamper t.db "UPDATE task_count SET n = n + 1 WHERE state = 'accepted'"
run --lang en -d t.db verify
expect_rc "queue totals edited by hand: exit 1" 1
expect_err "queue totals edited by hand: says which" "queue totals for [a-z]+ tasks in state accepted"
tamper t.db "DROP TRIGGER task_count_update_old; UPDATE task SET state = 'in_review'
	WHERE id = (SELECT min(id) FROM task WHERE state = 'accepted')"
run --lang en -d t.db verify
expect_rc "task changed with the totals' trigger dropped: exit 1" 1
expect_err "task changed with the totals' trigger dropped: names the totals" "queue totals for"

tamper t.db "DROP TRIGGER event_no_update; UPDATE event SET detail = 'changed' WHERE id = 17"
run --lang en -d t.db verify
expect_rc "updated event: exit 1" 1
expect_err "updated event: names event 17" "event 17[^0-9]"
expect_eq "updated event: one line on stderr" "$(printf '%s\n' "$err" | grep -c .)" 1

tamper t.db "DROP TRIGGER event_no_update; UPDATE event SET actor = 'someone' WHERE id = 23;
	CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
run --lang en -d t.db verify
expect_rc "updated event, trigger put back: exit 1" 1
expect_err "updated event, trigger put back: names event 23" "event 23[^0-9]"

tamper t.db "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id = 31"
run --lang en -d t.db verify
expect_rc "deleted event: exit 1" 1
expect_err "deleted event: names event 31" "event 31[^0-9]"

tamper t.db "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id = (SELECT max(id) FROM event)"
run --lang en -d t.db verify
expect_rc "deleted newest event: exit 1" 1
expect_err "deleted newest event: names it" "event $nev[^0-9]"

tamper t.db "DROP TRIGGER event_no_update;
	CREATE TEMP TABLE s AS SELECT * FROM event WHERE id IN (40, 41);
	UPDATE event SET (case_id, task_id, at, actor, actor_role, kind, detail, prev_hash, hash) =
	  (SELECT case_id, task_id, at, actor, actor_role, kind, detail, prev_hash, hash FROM s
	   WHERE s.id = 81 - event.id) WHERE id IN (40, 41);"
if [ "$(sql t.db 'SELECT hash FROM event WHERE id = 40')" = "$(sql d.db 'SELECT hash FROM event WHERE id = 41')" ]; then
	pass "reorder: rows 40 and 41 swapped"
else
	fail "reorder: rows 40 and 41 swapped" "the shell did not swap them"
fi
run --lang en -d t.db verify
expect_rc "reordered events: exit 1" 1
expect_err "reordered events: names event 40" "event 40[^0-9]"

tamper t.db "DROP TRIGGER event_no_update"
run --lang en -d t.db verify
expect_rc "dropped trigger: exit 1" 1
expect_err "dropped trigger: names it" "event_no_update"

tamper t.db "UPDATE task SET state = 'decided' WHERE id = (SELECT min(id) FROM task WHERE state = 'accepted' OR state = 'in_review')"
run --lang en -d t.db verify
expect_rc "task state without its event: exit 1" 1
expect_err "task state without its event: names the task" "task [0-9]+ is decided"

# A task row turned back behind yici's back: the newest event that sets a
# state still says otherwise (an SMS event after the decision changes nothing).
tamper t.db "UPDATE task SET state = 'in_review' WHERE id = (SELECT min(id) FROM task WHERE state = 'suspended')"
run --lang en -d t.db verify
expect_rc "suspension lifted by hand: exit 1" 1
expect_err "suspension lifted by hand: names the task" "task [0-9]+ is in_review but its newest event says 'suspended'"
fresh t.db
rd=$(sql t.db "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.item = 'RD' AND t.state = 'in_review' ORDER BY t.id LIMIT 1")
run --lang en -d t.db task decide "$rd" RD --outcome recognised --document-no T1
expect_rc "a decision to turn back: exit 0" 0
sqlite_t t.db "UPDATE task SET state = 'in_review', outcome = NULL, decided_on = NULL WHERE item = 'RD' AND case_id = (SELECT id FROM cases WHERE case_no = '$rd')" >/dev/null 2>&1
run --lang en -d t.db verify
expect_rc "decision turned back by hand: exit 1" 1
expect_err "decision turned back by hand: names the task" "task [0-9]+ is in_review but its newest event says 'decided'"

# The decision itself changed in the task row: outcome, grade, amount.
tamper t.db "UPDATE task SET outcome = 'not_recognised' WHERE id = (SELECT min(id) FROM task WHERE outcome = 'recognised' AND state = 'delivered')"
run --lang en -d t.db verify
expect_rc "outcome changed by hand: exit 1" 1
expect_err "outcome changed by hand: names it" "task [0-9]+ has the decision 'not_recognised' but its 'decided' event says 'recognised"
tamper t.db "UPDATE task SET grade = 11 - grade WHERE id = (SELECT min(id) FROM task WHERE outcome = 'graded' AND grade <> 5 AND state = 'delivered')"
run --lang en -d t.db verify
expect_rc "grade changed by hand: exit 1" 1
expect_err "grade changed by hand: names it" "has the decision 'graded grade [0-9]+' but its 'decided' event says 'graded grade"
fresh t.db
ag=$(sql t.db "SELECT c.case_no || ' ' || t.item FROM task t JOIN cases c ON c.id = t.case_id WHERE t.category = 'agency' AND t.state IN ('accepted', 'in_review') AND t.hold = '' AND (SELECT insured FROM employer m WHERE m.id = c.employer_id) = 1 ORDER BY t.id LIMIT 1")
run --lang en -d t.db task decide $ag --outcome approved --amount 1234.56 --payment-ref ZF9 --override-reason 按票据核定
expect_rc "an approval to change: exit 0" 0
run --lang en -d t.db verify
expect_rc "the approval verifies" 0
sqlite_t t.db "UPDATE task SET amount_fen = 923456 WHERE amount_fen = 123456 AND payment_ref = 'ZF9'" >/dev/null 2>&1
run --lang en -d t.db verify
expect_rc "amount changed by hand: exit 1" 1
expect_err "amount changed by hand: names it" "has the decision 'approved 9234\.56 yuan' but its 'decided' event says 'approved 1234\.56 yuan"

# Rebuilding the whole chain consistently passes verify, but not the anchor.
tamper t.db "DROP TRIGGER event_no_update; UPDATE event SET detail = 'rewritten' WHERE id = 12"
python3 chain.py t.db rebuild >/dev/null
sqlite_t t.db "CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
run --lang en -d t.db verify
expect_rc "rebuilt chain: consistent on its own" 0
run --lang en -d t.db verify --anchor "$head"
expect_rc "rebuilt chain: the old head as anchor fails" 1
expect_err "rebuilt chain: says the anchor is not in the chain" "anchor.*not in the chain"
run --lang en -d d.db verify --anchor "$head"
expect_rc "untouched chain: the head as anchor passes" 0
mid=$(sql d.db 'SELECT hash FROM event WHERE id = 50')
run --lang en -d d.db verify --anchor "$(printf '%s' "$mid" | tr a-f A-F)"
expect_rc "untouched chain: an older head (upper case) passes" 0
expect_out "anchor: names its event" "anchor: event 50 "
run --lang en -d d.db verify --anchor abc
expect_rc "anchor that is not a SHA-256: exit 2" 2
