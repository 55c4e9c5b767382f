#!/bin/sh
# tests/cli/trust.sh — the tamper-evident history and who sees what: the
# hash chain (format checked independently with Python's hashlib), verify
# on untouched, tampered (update, delete, reorder, truncate, rebuilt) and
# foreign databases, the anchor, backups taken while another process
# writes, file modes under umask 000 and 077, ID masking in every listing,
# reveals and the record of refused actions.
. "$(dirname "$0")/../lib.sh"

me=$(id -un)
as_user() { YICI_USER=$1; export YICI_USER; shift; run "$@"; unset YICI_USER; }
# fresh NAME: a copy of the untouched demo database, without WAL files.
fresh() { rm -f "$1" "$1-wal" "$1-shm"; cp d.db "$1"; }
# tamper NAME SQL: a fresh copy changed with the sqlite_t shell.
tamper() { fresh "$1"; sqlite_t "$1" "$2" >/dev/null 2>&1; }
# has_id TEXT: true when TEXT holds a full citizen ID number of the demo.
has_id() { printf '%s\n' "$1" | grep -Fqf ids.txt; }

"$YICI" -d d.db init --demo 200 --seed 3 >/dev/null 2>&1
sqlite_t d.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
sql d.db 'SELECT id_number FROM person WHERE id_number IS NOT NULL' >ids.txt
nev=$(sql d.db 'SELECT count(*) FROM event')
if [ "${nev:-0}" -gt 100 ]; then pass "demo database with events ($nev)"; else fail "demo database with events" "got $nev"; fi

# ---- the chain ----
run --lang en -d d.db verify
expect_rc "verify untouched demo: exit 0" 0
expect_out "verify untouched demo: ok with the event count" "ok: $nev events"
head=$(printf '%s\n' "$out" | sed -n 's/^head: event [0-9]* \([0-9a-f]\{64\}\)$/\1/p')
expect_eq "verify prints the head hash" "${#head}" 64
expect_eq "every event has prev_hash and hash" \
	"$(sql d.db 'SELECT count(*) FROM event WHERE length(hash) = 64 AND length(prev_hash) = 64')" "$nev"
expect_eq "first event chains from 64 zeros" "$(sql d.db 'SELECT prev_hash FROM event WHERE id = 1')" \
	"0000000000000000000000000000000000000000000000000000000000000000"
expect_eq "chain table records the head" "$(sql d.db 'SELECT last_id || " " || head FROM chain')" "$nev $head"

# The documented format, recomputed outside yici.
cat >chain.py <<'EOF'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rebuild = len(sys.argv) > 2
def ns(b):
    return str(len(b)).encode() + b":" + b + b","
prev, bad = "0" * 64, None
if rebuild:
    db.execute("DROP TRIGGER IF EXISTS event_no_update")
for r in db.execute("SELECT id, case_id, task_id, at, actor, actor_role, kind, detail, hash "
                    "FROM event ORDER BY id").fetchall():
    f = [str(r[0]).encode(), str(r[1]).encode(), b"" if r[2] is None else str(r[2]).encode()]
    f += [x.encode() for x in r[3:8]]
    h = hashlib.sha256(prev.encode() + b"".join(ns(x) for x in f)).hexdigest()
    if rebuild:
        db.execute("UPDATE event SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, r[0]))
    elif h != r[8] and bad is None:
        bad = r[0]
    prev = h
if rebuild:
    db.execute("UPDATE chain SET head = ? WHERE id = 1", (prev,))
    db.commit()
print(prev if bad is None else "bad %d" % bad)
EOF
expect_eq "hashes follow the documented format (Python hashlib)" "$(python3 chain.py d.db)" "$head"

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

# ---- backups while another process writes ----
fresh w.db
cno=$(sql w.db "SELECT case_no FROM cases WHERE state = 'accepted' LIMIT 1")
(i=0; while [ $i -lt 40 ]; do
	"$YICI" -d w.db reveal "$cno" >/dev/null 2>&1
	"$YICI" -d w.db staff add "bg$i" --name B --role clerk >/dev/null 2>&1
	i=$((i + 1)); done) &
bg=$!
# (the backups start once the writer has written, not after a fixed time)
wrote() { [ "$(sql w.db "SELECT count(*) FROM event WHERE kind IN ('revealed', 'denied')")" -gt 0 ]; }
TUI_POLLS=200 poll wrote || fail "backups: the writer started" "no event after 20 s"
for m in 000 077; do
	(umask $m; "$YICI" --lang en -d w.db backup "b$m.db" >"b$m.out" 2>&1)
	expect_eq "backup under umask $m: mode 640" "$(stat -c %a "b$m.db" 2>&1)" 640
	run --lang en -d "b$m.db" verify
	expect_rc "backup under umask $m taken during writes: verify passes" 0
done
wait $bg
run --lang en -d w.db verify
expect_rc "database after concurrent writes and backups: verify passes" 0
# the supervisor does not work on the case: each try appends a 'denied' event
n=$(sql w.db "SELECT count(*) FROM event WHERE kind IN ('revealed', 'denied')")
if [ "${n:-0}" -gt 0 ]; then pass "writer appended events meanwhile ($n)"; else fail "writer appended events meanwhile" "none"; fi
bh=$(sed -n 's/.*head: event [0-9]* \([0-9a-f]\{64\}\)$/\1/p' b000.out)
run --lang en -d w.db verify --anchor "$bh"
expect_rc "the backup's head anchors the live chain" 0
run --lang en -d w.db backup b000.db
expect_rc "backup over an existing file: exit 1" 1
for m in 000 077; do
	(umask $m; "$YICI" -d "u$m.db" init >/dev/null 2>&1)
	expect_eq "database under umask $m: mode 660" "$(stat -c %a "u$m.db" 2>&1)" 660
done

# ---- who sees what ----
if has_id "x $(head -n 1 ids.txt) y" && ! has_id "340102********123X"; then
	pass "the ID detector finds a full ID and not a masked one"
else
	fail "the ID detector finds a full ID and not a masked one" "ids.txt: $(head -n 1 ids.txt)"
fi
for c in "catalog" "staff list" "config" "verify"; do
	run --lang en -d d.db $c
	if has_id "$out$err"; then
		fail "no full ID number in '$c'" "$(printf '%s\n' "$out" | grep -Ff ids.txt | head -3)"
	else
		pass "no full ID number in '$c'"
	fi
done
cno=$(sql d.db "SELECT case_no FROM cases WHERE state = 'accepted' LIMIT 1")
# Listings other issues add, when this build has them.
for c in "case list" "case show $cno" "queue" "outbox" "report --from 2024-01-01 --to 2026-12-31"; do
	set -- $c
	"$YICI" --lang en --help 2>/dev/null | grep -q "yici $1 " || continue
	run --lang en -d d.db $c
	if has_id "$out"; then
		fail "no full ID number in '$1'" "$(printf '%s\n' "$out" | grep -Ff ids.txt | head -3)"
	else
		pass "no full ID number in '$1'"
	fi
done
if has_id "$(sql d.db 'SELECT body FROM notice')"; then
	fail "no SMS text carries a full ID number" "$(sql d.db 'SELECT body FROM notice' | grep -Ff ids.txt | head -3)"
else
	pass "no SMS text carries a full ID number"
fi

worker_id=$(sql d.db "SELECT p.id_number FROM cases c JOIN person p ON p.id = c.worker_id WHERE c.case_no = '$cno'")
# the issue names the officer and clerk working the case, not supervisors
run --lang en -d d.db reveal "$cno"
expect_rc "a supervisor who does not work on the case may not reveal: exit 1" 1
expect_eq "a supervisor off the case sees no ID" "$out" ""
expect_err "the refusal says who may" "only the clerk who took it and the officers assigned"
expect_eq "the supervisor's refused reveal: 'denied' row" \
	"$(sql d.db "SELECT count(*) FROM denied WHERE login = '$me' AND action = 'reveal'")" 1
run --lang en -d d.db reveal GS000000-20260101-0001
expect_rc "reveal of an unknown case: exit 1" 1
run --lang en -d d.db reveal "$cno" --worker --applicant
expect_rc "reveal --worker --applicant: exit 2" 2

root_begin
taker=$(sql d.db "SELECT created_by FROM cases WHERE case_no = '$cno'")
other=$(sql d.db "SELECT login FROM staff WHERE role = 'clerk' AND login <> '$taker' LIMIT 1")
officer=$(sql d.db "SELECT t.assignee FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno' AND t.assignee IS NOT NULL LIMIT 1")
stranger=$(sql d.db "SELECT login FROM staff WHERE role = 'officer' AND login NOT IN (SELECT coalesce(assignee, '') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno') LIMIT 1")
as_user "$taker" --lang en -d d.db reveal "$cno"
expect_rc "the clerk who took the case may reveal" 0
expect_eq "reveal prints the full ID" "$out" "$worker_id"
expect_eq "reveal writes a 'revealed' event without the number" \
	"$(sql d.db "SELECT count(*) FROM event WHERE kind = 'revealed' AND actor = '$taker' AND detail NOT LIKE '%$worker_id%'")" 1
as_user "$taker" --lang en -d d.db case show "$cno"
if printf '%s\n' "$out" | grep -qF "$worker_id"; then
	fail "case show masks the ID even for the clerk who took the case" "$(printf '%s\n' "$out" | grep -F "$worker_id")"
else
	pass "case show masks the ID even for the clerk who took the case"
fi
if [ -n "$officer" ]; then
	as_user "$officer" --lang en -d d.db reveal "$cno"
	expect_rc "an officer assigned to the case may reveal" 0
fi
as_user "$other" --lang en -d d.db reveal "$cno"
expect_rc "another clerk may not reveal: exit 1" 1
expect_eq "another clerk sees no ID" "$out" ""
expect_eq "refused reveal: 'denied' row" \
	"$(sql d.db "SELECT count(*) FROM denied WHERE login = '$other' AND action = 'reveal'")" 1
expect_eq "refused reveal: 'denied' event in the case history" \
	"$(sql d.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$cno' AND e.kind = 'denied' AND e.actor = '$other'")" 1
as_user "$stranger" --lang en -d d.db reveal "$cno"
expect_rc "an officer of another case may not reveal" 1
as_user "$other" --lang en -d d.db config region_code 340104
expect_rc "clerk changing settings: refused" 1
expect_eq "refused setting: 'denied' row names who and what" \
	"$(sql d.db "SELECT role || ' ' || action FROM denied WHERE login = '$other' AND action LIKE 'config%'")" "clerk config set"
as_user nobody_here --lang en -d d.db staff list
expect_rc "unregistered login: refused" 1
expect_eq "unregistered login: 'denied' row" \
	"$(sql d.db "SELECT role FROM denied WHERE login = 'nobody_here'")" "none"
as_user "$other" --lang en -d d.db backup other.db
expect_rc "clerk backup: refused" 1
if [ ! -e other.db ]; then pass "clerk backup: no file"; else fail "clerk backup: no file" "other.db exists"; fi
# every refused command is recorded, not only those that record it themselves
as_user "$stranger" --lang en -d d.db apply --field worker.name=X
expect_rc "officer taking an application: refused" 1
as_user "$other" --lang en -d d.db export -o exp_refused
expect_rc "clerk export: refused" 1
as_user "$stranger" --lang en -d d.db refuse "$cno" --reason x
expect_rc "officer refusing an application: refused" 1
as_user nobody_here --lang en -d d.db case show "$cno"
expect_rc "unregistered login reading a case: refused" 1
as_user nobody_here --lang en -d d.db </dev/null
expect_rc "unregistered login opening the workstation: refused" 1
expect_eq "refused commands: one 'denied' row each, with who and the command" \
	"$(sql d.db "SELECT group_concat(login || ' ' || role || ' ' || action, ',') FROM (SELECT * FROM denied WHERE action IN ('apply', 'export', 'refuse', 'case', 'workstation') ORDER BY id)")" \
	"$stranger officer apply,$other clerk export,$stranger officer refuse,nobody_here none case,nobody_here none workstation"
nd=$(sql d.db "SELECT count(*) FROM denied")
as_user "$other" --lang en -d d.db config region_code 340104
expect_eq "a refusal the command records itself is recorded once" "$(sql d.db "SELECT count(*) FROM denied")" "$((nd + 1))"
e=$(sqlite_t d.db "DELETE FROM denied" 2>&1)
if printf '%s' "$e" | grep -q 'append-only'; then pass "denied rows are append-only"; else fail "denied rows are append-only" "$e"; fi
root_end
run --lang en -d d.db staff disable "$me"
expect_rc "disabling the last supervisor: refused" 1
expect_eq "state refusal: 'denied' row" \
	"$(sql d.db "SELECT count(*) FROM denied WHERE login = '$me' AND action = 'staff disable'")" 1
run --lang en -d d.db verify
expect_rc "reveals and refusals keep the chain intact" 0
