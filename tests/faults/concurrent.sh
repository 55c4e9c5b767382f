#!/bin/sh
# tests/faults/concurrent.sh — 8 processes write one database at once,
# ROUNDS times: 4 imports of different application files (into the inbox) and 4 officers
# deciding their tasks one `yici task decide` after another.  Every write
# lands (all rows applied, every task decided with its event), no process
# reports a busy or locked database, and the result verifies.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/faults/lib.sh"

NAPPS=${FAULT_NAPPS:-300}
# The officers decide through YICI_USER: root or a user namespace.
[ "$faults_root" = 1 ] || { skip_begin "$no_root"; FY=false; ROUNDS=0; }
"$FY" -d base.db init --demo 600 --seed 9 >/dev/null 2>&1 || fail "concurrent: base database"
for k in 1 2 3 4; do
	mkdir -p "in$k"
	genapps "$NAPPS" "$k" "C$k" >"in$k/applications.csv" || fail "concurrent: generate applications"
done
# The officers' tasks in review, one list per officer.
for u in zhaolei sunli wugang hemei; do
	sqlite_t base.db "SELECT c.case_no || ' ' || t.item FROM task t JOIN cases c ON c.id = t.case_id
		WHERE t.state = 'in_review' AND t.assignee = '$u'
		AND t.item IN ('RD', 'YL', 'HS', 'SC', 'JT', 'KF', 'FY', 'GW', 'SZ', 'FX', 'YB', 'FF')
		AND (t.item = 'RD' OR (SELECT insured FROM employer m WHERE m.id = c.employer_id) = 1)
		ORDER BY t.id" >"tasks.$u"
done
cat >officer.sh <<EOF
u=\$1
while read -r c it; do
	case \$it in
	RD) set -- --outcome recognised --document-no D-\$c ;;
	*) set -- --outcome approved --amount-fen 100 --payment-ref P-\$c --override-reason fault-test ;;
	esac
	if YICI_USER=\$u "$FY" --lang en -d w.db task decide "\$c" "\$it" "\$@" >/dev/null 2>>err.\$u; then
		echo "\$c \$it" >>acked.\$u
	else
		echo "\$c \$it" >>failed.\$u
	fi
done <tasks.\$u
EOF
ntasks=$(cat tasks.* | grep -c .)

i=0
bad_imp=0 bad_dec=0 busy=0 lost=0 badint=0
while [ $i -lt "$ROUNDS" ]; do
	cp base.db w.db
	rm -f w.db-wal w.db-shm acked.* failed.* err.* imp.*
	for k in 1 2 3 4; do
		("$FY" --lang en -d w.db import "in$k/applications.csv" >"imp.out.$k" 2>"imp.err.$k"; echo $? >"imp.rc.$k") &
	done
	for u in zhaolei sunli wugang hemei; do
		sh officer.sh "$u" &
	done
	wait
	for k in 1 2 3 4; do
		a=$(sed -n 's/.*applied \([0-9]*\),.*/\1/p' "imp.out.$k")
		[ "$(cat "imp.rc.$k")" = 0 ] && [ "$a" = "$NAPPS" ] || bad_imp=$((bad_imp + 1))
		n=$(sqlite_t w.db "SELECT count(*) FROM inbox WHERE ext_id LIKE 'C$k-%'")
		[ "$n" = "$NAPPS" ] || lost=$((lost + 1))
	done
	bad_dec=$((bad_dec + $(cat failed.* 2>/dev/null | grep -c .)))
	busy=$((busy + $(cat err.* imp.err.* 2>/dev/null | grep -Eci 'busy|locked')))
	nd=$(sqlite_t w.db "SELECT count(*) FROM task t WHERE t.state = 'decided' AND EXISTS (SELECT 1 FROM event e
		WHERE e.task_id = t.id AND e.kind = 'decided' AND e.actor IN ('zhaolei', 'sunli', 'wugang', 'hemei')
		AND e.at >= '2026-11-28')")
	[ "$nd" -ge "$ntasks" ] || lost=$((lost + 1))
	db_ok w.db "round $i" || badint=$((badint + 1))
	i=$((i + 1))
done
expect_eq "8 writers: every import applied all $NAPPS rows ($ROUNDS rounds)" "$bad_imp" 0
expect_eq "8 writers: every one of the $ntasks decisions succeeded" "$bad_dec" 0
expect_eq "8 writers: nobody saw a busy or locked database" "$busy" 0
expect_eq "8 writers: every write is in the database" "$lost" 0
expect_eq "8 writers: integrity_check and verify ok" "$badint" 0
db_bad_report
if [ "$bad_dec" -gt 0 ] || [ "$busy" -gt 0 ]; then
	echo "  first errors: $(cat err.* imp.err.* 2>/dev/null | head -n 3)"
fi
