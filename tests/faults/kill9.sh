#!/bin/sh
# tests/faults/kill9.sh — kill -9 at random moments, ROUNDS times each:
# - an import of applications: the database passes integrity_check and
#   yici verify, the inbox holds whole steps only (the import commits every
#   200 ms: the rows committed are those its log row counts), and running
#   it again reaches the same state as an import that was never killed;
# - an export: no complete-looking batch without its manifest, the next
#   export succeeds and the high-water marks never pass an incomplete batch;
# - a burst of task decisions: every decision yici acknowledged (exit 0)
#   is in the database with its event, the chain and task states verify.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/faults/lib.sh"

# 2,500: more than IMPORT_FOLD_ROWS (csv_import.c), so a kill can land after a
# fold of the ledger inside the import's transaction
NAPPS=${FAULT_NAPPS:-2500}
"$FY" -d base.db init --demo 300 --seed 5 >/dev/null 2>&1 || fail "kill9: base database"
mkdir -p in
genapps "$NAPPS" 11 K9 >in/applications.csv || fail "kill9: generate applications"

# ---- the reference: the same import, never killed ----
cp base.db ref.db
t0=$(date +%s%N)
"$FY" --lang en -d ref.db import in/applications.csv >ref.out 2>&1
rc=$?
dur=$((($(date +%s%N) - t0) / 1000000))
expect_eq "kill9 import: the reference import applies $NAPPS rows (exit $rc)" \
	"$(sed -n 's/.*applied \([0-9]*\),.*/\1/p' ref.out)" "$NAPPS"
want=$(import_state ref.db K9)

# ---- import, killed ----
i=0
whole=0 none=0 bad=0 badstate=0 badint=0
while [ $i -lt "$ROUNDS" ]; do
	cp base.db k.db
	rm -f k.db-wal k.db-shm
	setsid "$FY" --lang en -d k.db import in/applications.csv >/dev/null 2>&1 &
	pid=$!
	msleep "$(rand $((dur + 50)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	gone "$pid"
	db_ok k.db "import round $i" || { badint=$((badint + 1)); cp k.db "$T/bad-import.db"; }
	n=$(sqlite_t k.db "SELECT count(*) FROM inbox WHERE ext_id LIKE 'K9-%'")
	logged=$(sqlite_t k.db "SELECT coalesce(sum(rows_applied), 0) FROM exchange_log WHERE direction = 'import'")
	case $n in
	0) none=$((none + 1)) ;;
	"$NAPPS") whole=$((whole + 1)) ;;
	esac
	[ "$n" = "$logged" ] || bad=$((bad + 1))
	"$FY" --lang en -d k.db import in/applications.csv >/dev/null 2>&1
	[ "$(import_state k.db K9)" = "$want" ] || badstate=$((badstate + 1))
	i=$((i + 1))
done
expect_eq "kill9 import: integrity_check and verify ok after every kill ($ROUNDS rounds)" "$badint" 0
db_bad_report
expect_eq "kill9 import: whole steps only, as its log row counts ($whole whole, $none none)" "$bad" 0
expect_eq "kill9 import: running it again reaches the reference state" "$badstate" 0

# ---- export, killed ----
cp base.db warm.db
"$FY" -d warm.db export -o warm --all >/dev/null 2>&1 # warm the cache, learn the time
t0=$(date +%s%N)
"$FY" -d warm.db export -o warm --all >/dev/null 2>&1
xdur=$((($(date +%s%N) - t0) / 1000000))
i=0
incomplete=0 badint=0 nextfail=0
while [ $i -lt "$ROUNDS" ]; do
	cp base.db x.db
	rm -rf xo x.db-wal x.db-shm
	setsid "$FY" --lang en -d x.db export -o xo --all >/dev/null 2>&1 &
	pid=$!
	msleep "$(rand $((xdur + 20)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	gone "$pid"
	for b in $(ls xo 2>/dev/null | grep -E '^[0-9]{6}-[0-9]{14}'); do
		[ -f "xo/$b/manifest.csv" ] || incomplete=$((incomplete + 1))
	done
	db_ok x.db "export round $i" || badint=$((badint + 1))
	# a batch recorded in the database must exist complete on disk
	for b in $(sqlite_t x.db "SELECT file FROM exchange_log WHERE direction = 'export' AND status = 'ok'"); do
		[ -f "xo/$(basename "$b")/manifest.csv" ] || incomplete=$((incomplete + 1))
	done
	"$FY" --lang en -d x.db export -o xo >/dev/null 2>&1 || nextfail=$((nextfail + 1))
	i=$((i + 1))
done
expect_eq "kill9 export: no batch folder without its manifest ($ROUNDS rounds)" "$incomplete" 0
expect_eq "kill9 export: integrity_check and verify ok after every kill" "$badint" 0
db_bad_report
expect_eq "kill9 export: the next export succeeds" "$nextfail" 0

# ---- a burst of task decisions, killed ----
# (as the officers, through YICI_USER: root or a user namespace)
[ "$faults_root" = 1 ] || { skip_begin "$no_root"; FY=false; }
sqlite_t base.db "SELECT c.case_no || ' ' || t.item || ' ' || t.assignee FROM task t JOIN cases c ON c.id = t.case_id
	WHERE t.state = 'in_review' AND t.item IN ('RD', 'YL', 'HS', 'SC', 'JT', 'KF', 'FY', 'GW', 'SZ', 'FX', 'YB', 'FF')
		AND (t.item = 'RD' OR (SELECT insured FROM employer m WHERE m.id = c.employer_id) = 1)
	ORDER BY t.id" >tasks.txt
cat >burst.sh <<EOF
while read -r c it u; do
	case \$it in
	RD) set -- --outcome recognised --document-no D-\$c ;;
	*) set -- --outcome approved --amount-fen 100 --payment-ref P-\$c --override-reason fault-test ;;
	esac
	YICI_USER=\$u "$FY" --lang en -d b.db task decide "\$c" "\$it" "\$@" >/dev/null 2>>burst.err &&
		echo "\$c \$it" >>acked.txt
done <tasks.txt
EOF
ntasks=$(grep -c . tasks.txt)
cp base.db b.db
t0=$(date +%s%N)
sh burst.sh
bdur=$((($(date +%s%N) - t0) / 1000000))
expect_eq "kill9 decisions: an unkilled burst decides all $ntasks tasks" "$(grep -c . acked.txt 2>/dev/null)" "$ntasks"
i=0
lost=0 badint=0 total=0
while [ $i -lt "$ROUNDS" ]; do
	cp base.db b.db
	rm -f b.db-wal b.db-shm acked.txt
	: >acked.txt
	setsid sh burst.sh &
	pid=$!
	msleep "$(rand "$bdur")"
	kill -9 "-$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# The shell is reaped, but the yici it ran may still be dying with the
	# lock of its closing checkpoint: wait for the whole group.
	gone_group "$pid"
	db_ok b.db "decisions round $i" || badint=$((badint + 1))
	while read -r c it; do
		total=$((total + 1))
		s=$(sqlite_t b.db "SELECT t.state || (SELECT count(*) FROM event e WHERE e.task_id = t.id AND e.kind = 'decided')
			FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$c' AND t.item = '$it'")
		[ "$s" = decided1 ] || lost=$((lost + 1))
	done <acked.txt
	i=$((i + 1))
done
expect_eq "kill9 decisions: every acknowledged decision is there with its event ($total of $((ntasks * ROUNDS)) acknowledged before the kills)" "$lost" 0
expect_eq "kill9 decisions: integrity_check and verify ok after every kill" "$badint" 0
db_bad_report
[ "$faults_root" = 1 ] || skip_end
