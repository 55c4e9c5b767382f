# tests/lib_trust.sh — sourced by the trust_*.sh suites after tests/lib.sh:
# the demo database of 200 cases with seed 3 (fixture demo200s3) as d.db,
# the full ID numbers it holds (ids.txt), its event count ($nev), and the
# copies the tampering checks change, its head hash ($head, as the chain
# table records it) and chain.py, the documented format recomputed outside
# yici (python3 chain.py DB [rebuild]).
me=$(id -un)
as_user() { YICI_USER=$1; export YICI_USER; shift; run "$@"; unset YICI_USER; }
# fresh NAME: a copy of the untouched demo database, without WAL files.
fresh() { rm -f "$1" "$1-wal" "$1-shm"; cp d.db "$1"; }
# tamper NAME SQL: a fresh copy changed with the sqlite_t shell.
tamper() { fresh "$1"; sqlite_t "$1" "$2" >/dev/null 2>&1; }
# has_id TEXT: true when TEXT holds a full citizen ID number of the demo.
has_id() { printf '%s\n' "$1" | grep -Fqf ids.txt; }

fixture demo200s3 d.db
sql d.db 'SELECT id_number FROM person WHERE id_number IS NOT NULL' >ids.txt
nev=$(sql d.db 'SELECT count(*) FROM event')
if [ "${nev:-0}" -gt 100 ]; then pass "$(basename "$0" .sh): demo database with events ($nev)"; else fail "$(basename "$0" .sh): demo database with events" "got $nev"; fi
head=$(sql d.db 'SELECT head FROM chain')

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
