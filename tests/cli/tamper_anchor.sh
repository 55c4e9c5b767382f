#!/bin/sh
# tests/cli/tamper_anchor.sh — signed anchors outside the file: key init/show, the
# batch's anchor.txt signed with Ed25519, verify --anchor --pubkey; what
# plain verify cannot see (the newest events deleted with the chain row
# fixed, an event edited with the chain rebuilt, a row and its ledger
# record changed with the ledger rebuilt, an anchor edited) is caught with
# the anchor
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tamper.sh"

task=$(sql d.db "SELECT min(id) FROM task WHERE payment_ref IS NOT NULL")

# ---- signed anchors outside the file ----
run --lang en -d d.db key init
expect_rc "key init" 0
expect_eq "the key is 0600, next to the database" "$(stat -c %a yici-signing.key)" 600
pub=$(printf '%s\n' "$out" | sed -n 's/^public key: \([0-9a-f]\{64\}\)$/\1/p')
expect_eq "key init prints the public key" "${#pub}" 64
run --lang en -d d.db key show
expect_out "key show prints the public key for the province" "^public key: $pub$"
expect_out "key show prints it as PEM too" "BEGIN PUBLIC KEY"
run --lang en -d d.db key init
expect_rc "a second key init is refused" 1
printf '%s\n' "$pub" >province.pub
run -d d.db export -o signed --all -v
expect_rc "export with the key" 0
sb=$(printf '%s\n' "$out" | head -1)
expect_eq "the batch carries a signed anchor" \
	"$(grep -c '^events [0-9]*$\|^head [0-9a-f]\{64\}$\|^ledger [0-9]*$\|^ledger_head [0-9a-f]\{64\}$\|^signature [0-9a-f]\{128\}$' "$sb/anchor.txt")" 5
expect_eq "anchor.txt is 0640" "$(stat -c %a "$sb/anchor.txt")" 640
# yici goes on writing after the batch
"$YICI" -d d.db staff add newclerk --name 新 --role clerk >/dev/null 2>&1
sqlite3 -batch d.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
run --lang en -d d.db verify --anchor "$sb" --pubkey province.pub
expect_rc "verify --anchor BATCH --pubkey: the database extends the signed heads" 0
expect_out "... names the batch and the heads" "anchor: batch .* \(signed\): event [0-9]+ [0-9a-f]{64}, ledger record"
run --lang en -d d.db verify --anchor "$sb/manifest.csv" --log
expect_rc "verify --anchor MANIFEST --log (key from the config)" 0
evn=$(sed -n 's/^events //p' "$sb/anchor.txt")
fresh a1.db
with_trigger_off a1.db event_no_delete "DELETE FROM event WHERE id = (SELECT max(id) FROM event); UPDATE chain SET last_id = last_id - 1, head = (SELECT hash FROM event ORDER BY id DESC LIMIT 1)"
with_trigger_off a1.db event_no_delete "DELETE FROM event WHERE id = (SELECT max(id) FROM event); UPDATE chain SET last_id = last_id - 1, head = (SELECT hash FROM event ORDER BY id DESC LIMIT 1)"
run --lang en -d a1.db verify
expect_rc "the newest events deleted, the chain row fixed: plain verify cannot see it" 0
run --lang en -d a1.db verify --anchor "$sb"
tried=$((tried + 1))
if [ "$rc" -eq 1 ] && printf '%s\n' "$err" | grep -q "is missing: the signed anchor records $evn events"; then caught=$((caught + 1)); pass "tamper caught: the newest events deleted, the chain row fixed (anchor)"; else fail "tamper caught: the newest events deleted (anchor)" "exit $rc" "$err"; fi
cat >rechain.py <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
table = sys.argv[2]
def ns(b):
    return str(len(b)).encode() + b":" + b + b","
prev = "0" * 64
db.execute("DROP TRIGGER IF EXISTS %s_no_update" % table)
if table == "event":
    rows = db.execute("SELECT id, case_id, task_id, at, actor, actor_role, kind, detail FROM event ORDER BY id").fetchall()
else:
    rows = db.execute("SELECT id, 0, NULL, at, actor, tbl, rid, vals FROM ledger ORDER BY id").fetchall()
for r in rows:
    f = [str(r[0]).encode(), str(r[1]).encode(), b"" if r[2] is None else str(r[2]).encode()]
    f += [x.encode() for x in r[3:8]]
    h = hashlib.sha256(prev.encode() + b"".join(ns(x) for x in f)).hexdigest()
    db.execute("UPDATE %s SET prev_hash = ?, hash = ? WHERE id = ?" % table, (prev, h, r[0]))
    prev = h
if table == "event":
    db.execute("UPDATE chain SET head = ? WHERE id = 1", (prev,))
else:
    db.execute("UPDATE chain SET ledger_head = ? WHERE id = 1", (prev,))
db.execute("CREATE TRIGGER %s_no_update BEFORE UPDATE ON %s BEGIN SELECT RAISE(ABORT, '%s'); END" % (table, table, "events are append-only" if table == "event" else "the ledger is append-only"))
db.commit()
PY
fresh a2.db
e5=$((evn - 5))
with_trigger_off a2.db event_no_update "UPDATE event SET detail = 'rewritten' WHERE id = $e5"
python3 rechain.py a2.db event
run --lang en -d a2.db verify
expect_rc "an event edited and the chain rebuilt from there: plain verify cannot see it" 0
caught_anchor() {
	tried=$((tried + 1))
	run --lang en -d "$2" verify --anchor "$sb" --pubkey province.pub
	if [ "$rc" -eq 1 ] && printf '%s\n' "$err" | grep -Eq -- "$3"; then
		caught=$((caught + 1)); pass "tamper caught (anchor): $1"
	else
		fail "tamper caught (anchor): $1" "exit $rc" "stderr: $err"
	fi
}
caught_anchor "an event edited, the chain rebuilt from there" a2.db "event $evn: its hash is not the one the signed anchor records"
fresh a3.db
with_trigger_off a3.db ledger_no_update "UPDATE task SET payment_ref = 'ZF-REBUILT' WHERE id = $task; UPDATE ledger SET vals = (SELECT json_array($(sqlite3 -batch d.db "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('task')")) FROM task WHERE id = $task) WHERE id = (SELECT max(id) FROM ledger WHERE tbl = 'task' AND rid = '[$task]')"
python3 rechain.py a3.db ledger
run --lang en -d a3.db verify
expect_rc "a task changed with its ledger record, the ledger rebuilt: plain verify cannot see it" 0
caught_anchor "a task changed with its ledger record, the ledger rebuilt" a3.db "ledger record [0-9]+ is not the anchored one"
cp "$sb/anchor.txt" forged.txt
sed -i "s/^events .*/events 1/" forged.txt
run --lang en -d d.db verify --anchor forged.txt --pubkey province.pub
tried=$((tried + 1))
if [ "$rc" -eq 1 ] && printf '%s\n' "$err" | grep -q "signature does not match"; then caught=$((caught + 1)); pass "tamper caught: an anchor edited by hand"; else fail "an anchor edited by hand" "$err"; fi

figures "only with the signed anchor"
