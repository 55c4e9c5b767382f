#!/bin/sh
# tests/cli/exchange_atomic.sh — the CSV exchange (yici-exchange(5)):
# atomicity: a failed write (ulimit -f) and an export killed part-way (on
# a demo of 20,000 cases) leave no complete-looking batch, no temporary
# folder after the next run, and the high-water mark where it was.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# ---- a failed write leaves nothing that looks complete ----
hw=$(sql x.db "SELECT count(*) FROM exchange_log WHERE status = 'ok'")
(ulimit -f 64; trap '' XFSZ; "$YICI" --lang en -d x.db export -o full --all >full.out 2>full.err)
rc=$?
err=$(cat full.err)
expect_rc "write failure: exit 1" 1
expect_err "write failure: one line naming the file" "cannot write"
expect_eq "write failure: one line on stderr" "$(nlines "$err")" 1
expect_eq "write failure: no batch" "$(batches full)" ""
expect_eq "write failure: no temporary folder left" "$(ls -a full | grep -c '^\.tmp-')" 0
expect_eq "write failure: high-water mark stays" "$(sql x.db "SELECT count(*) FROM exchange_log WHERE status = 'ok'")" "$hw"

# ---- killed part-way on a 20,000-case demo ----
"$YICI" -d big.db init --demo 20000 --seed 3 >/dev/null 2>&1 || fail "exchange_atomic: setup: init --demo 20000"
"$YICI" -d big.db export -o kill --all 2>/dev/null &
pid=$!
i=0
while [ $i -lt 20000 ] && ! ls -a kill 2>/dev/null | grep -q '^\.tmp-'; do i=$((i + 1)); done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
tmpseen=$(ls -a kill 2>/dev/null | grep -c '^\.tmp-')
if [ "$tmpseen" -ge 1 ]; then pass "killed export: killed while writing"; else fail "killed export: killed while writing" "the export finished first: $(ls -a kill)"; fi
expect_eq "killed export: no complete-looking batch" "$(batches kill)" ""
expect_eq "killed export: high-water mark not advanced" "$(sql big.db "SELECT count(*) FROM exchange_log WHERE direction = 'export' AND status = 'ok'")" 0
run --lang en -d big.db export -o kill
expect_rc "killed export: the next run succeeds" 0
expect_eq "killed export: the next run cleans up" "$(ls -a kill | grep -c '^\.tmp-')" 0
expect_eq "killed export: the next batch carries everything" \
	"$(sed 1d kill/$(batches kill)/cases.csv | wc -l)" 20000
