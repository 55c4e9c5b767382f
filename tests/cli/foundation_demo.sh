#!/bin/sh
# tests/cli/foundation_demo.sh — the foundation commands: yici init --demo: the same seed gives the same data, every state
# of every office, the append-only history under it.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"
foundation_db

# ---- demo data ----
run -d d1.db init --demo 300 --seed 7
expect_rc "init --demo 300 --seed 7: exit 0" 0
run -d d2.db init --demo 300 --seed 7
expect_rc "init --demo 300 --seed 7 again: exit 0" 0
run -d d3.db init --demo 300 --seed 8
sqlite_t d1.db .dump >d1.sql
sqlite_t d2.db .dump >d2.sql
sqlite_t d3.db .dump >d3.sql
if [ -s d1.sql ] && cmp -s d1.sql d2.sql; then pass "demo: same seed, identical dump"; else fail "demo: same seed, identical dump" "$(diff d1.sql d2.sql | head -5)"; fi
if cmp -s d1.sql d3.sql; then fail "demo: another seed changes the data" "seed 7 and 8 dumps are equal"; else pass "demo: another seed changes the data"; fi
expect_eq "demo: 300 cases" "$(sql d1.db 'SELECT count(*) FROM cases')" 300
for s in waiting accepted in_review suspended decided delivered closed; do
	n=$(sql d1.db "SELECT count(*) FROM task WHERE state = '$s'")
	if [ "${n:-0}" -gt 0 ]; then pass "demo: tasks in state $s"; else fail "demo: tasks in state $s" "none"; fi
done
expect_eq "demo: all three categories" "$(sql d1.db 'SELECT group_concat(category, " ") FROM (SELECT DISTINCT category FROM task ORDER BY 1)')" "admin agency appraisal"
n=$(sql d1.db "SELECT count(*) FROM task WHERE due_on < '2026-11-28' AND state IN ('waiting','accepted','in_review','suspended')")
if [ "${n:-0}" -gt 0 ]; then pass "demo: some tasks overdue ($n)"; else fail "demo: some tasks overdue" "none"; fi
expect_eq "demo: a task closed while it waited has no deadline (case show printed 1970-01-01)" \
	"$(sql d1.db "SELECT count(*) FROM task WHERE due_on < '2000-01-01' OR legal_due_on < '2000-01-01'")" 0
for k in injury death; do
	n=$(sql d1.db "SELECT count(*) FROM cases WHERE kind = '$k'")
	if [ "${n:-0}" -gt 0 ]; then pass "demo: $k cases"; else fail "demo: $k cases" "none"; fi
done
n=$(sql d1.db "SELECT count(*) FROM cases WHERE created_at > '2026-11-28 09:30:00' OR accepted_at > '2026-11-28 09:30:00'")
expect_eq "demo: no case created or accepted after YICI_NOW" "$n" 0
n=$(sql d1.db "SELECT count(*) FROM event WHERE at > '2026-11-28 09:30:00'")
expect_eq "demo: no event after YICI_NOW" "$n" 0
sql d1.db "SELECT p.id_number FROM cases c JOIN person p ON p.id = c.worker_id" >ids.txt
bad=$(python3 - ids.txt <<'EOF'
import re, sys
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
n = bad = 0
for line in open(sys.argv[1]):
    s = line.strip()
    n += 1
    if not re.fullmatch(r"[0-9]{17}[0-9X]", s) or \
       "10X98765432"[sum(int(a) * b for a, b in zip(s, w)) % 11] != s[17]:
        bad += 1
        print("bad id", s, file=sys.stderr)
print(bad if n >= 300 else "only %d ids" % n)
EOF
)
expect_eq "demo: every worker ID passes the GB 11643 check digit" "$bad" 0
n=$(sql d1.db "SELECT count(*) FROM event")
if [ "${n:-0}" -gt 300 ]; then pass "demo: history has events"; else fail "demo: history has events" "got $n"; fi

# The history is append-only, even through the sqlite_t shell.
before=$(sql d1.db "SELECT count(*), sum(length(detail)) FROM event")
e=$(sqlite_t d1.db "UPDATE event SET detail = 'x' WHERE id = (SELECT min(id) FROM event)" 2>&1)
if [ $? -ne 0 ] && printf '%s' "$e" | grep -q 'append-only'; then pass "events refuse UPDATE"; else fail "events refuse UPDATE" "got: $e"; fi
e=$(sqlite_t d1.db "DELETE FROM event WHERE id = (SELECT min(id) FROM event)" 2>&1)
if [ $? -ne 0 ] && printf '%s' "$e" | grep -q 'append-only'; then pass "events refuse DELETE"; else fail "events refuse DELETE" "got: $e"; fi
expect_eq "events unchanged after refused writes" "$(sql d1.db "SELECT count(*), sum(length(detail)) FROM event")" "$before"

run --lang en -d d4.db init --demo abc
expect_rc "init --demo abc: exit 2" 2
if [ ! -e d4.db ]; then pass "init --demo abc: no file"; else fail "init --demo abc: no file" "d4.db exists"; fi
# strtoull took "-1" (wrapped) and an overflow (ULLONG_MAX): the same data
# under three seeds nobody asked for.
for a in "--demo -5" "--demo ' 5'" "--seed -1" "--seed 99999999999999999999999" "--seed ' 3'"; do
	eval "run --lang en -d d5.db init --demo 5 $a"
	expect_rc "init $a: exit 2" 2
	if [ ! -e d5.db ]; then pass "init $a: no file"; else fail "init $a: no file" "d5.db exists"; rm -f d5.db; fi
done

YICI_NOW="2026-13-45 9h"
run --lang en -d x.db config
YICI_NOW="2026-11-28 09:30"
expect_rc "malformed YICI_NOW: exit 1" 1
expect_err "malformed YICI_NOW: names YICI_NOW" "YICI_NOW"
