#!/bin/sh
# tests/tui/case_supervisor.sh — the supervisor's tab of F3: a false notice-commitment and
# its case, a poor rating to follow up, a payment to recover (经办条例 §46),
# each with its due day
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_caseview.sh"

W=main
start $W
# ---- a false notice-commitment shows in the supervisor's view ----
fx=$(sql "$T/d.db" "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.item = 'FX' AND c.state = 'accepted' AND t.state IN ('accepted', 'in_review', 'waiting') ORDER BY t.id DESC LIMIT 1")
if [ -n "$fx" ]; then
	"$YICI" -d "$T/d.db" commit "$fx" M11 --method onsite >/dev/null 2>&1
	"$YICI" -d "$T/d.db" verify-commitment "$fx" M11 --outcome false >/dev/null 2>&1
	# rated after delivery at the window: a case with a result handed over
	ev=$(sql "$T/d.db" "SELECT c.case_no FROM cases c WHERE EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.delivered_on IS NOT NULL) ORDER BY c.id DESC LIMIT 1")
	"$YICI" -d "$T/d.db" evaluate "$ev" --rating 1 --comment 太慢 >/dev/null 2>&1
	tm send-keys -t $W F3
	check "F3: the queues" wait_for $W "Supervisor"
	tm send-keys -t $W Left
	check "supervisor tab: the false notice-commitment and its case" \
		wait_for $W "false commitments: 1 $fx"
	check "supervisor tab: the poor rating to follow up, with its due day" \
		wait_for $W "poor ratings to follow up: 1 \\(due 2026-12-18\\)"
	# a false commitment behind an approved FX: a payment to recover (经办条例 §46)
	px=$(sql "$T/d.db" "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.item = 'FX' AND t.outcome = 'approved' AND t.state IN ('decided', 'delivered') ORDER BY t.id DESC LIMIT 1")
	"$YICI" -d "$T/d.db" commit "$px" M11 --method onsite --item FX >/dev/null 2>&1
	"$YICI" -d "$T/d.db" verify-commitment "$px" M11 --outcome false >/dev/null 2>&1
	tm send-keys -t $W Right
	sleep 0.3
	tm send-keys -t $W Left
	check "supervisor tab: the payment to recover, with its due day" \
		wait_for $W "payments to recover: 1 \\(due 2027-01-11\\)"
else
	fail "demo has an open FX task" "none in a 150-case demo"
fi
tm send-keys -t $W F10
