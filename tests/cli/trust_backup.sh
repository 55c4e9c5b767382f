#!/bin/sh
# tests/cli/trust_backup.sh — the tamper-evident history and who sees what:
# backups taken while another process writes; file modes under
# umask 000 and 077
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_trust.sh"

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
