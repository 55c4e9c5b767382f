#!/bin/sh
# tests/tui/queue_clerk.sh — a clerk in F3: the delivery list first, a decision and the
# simple-track review refused and recorded with who tried, a delivery at the
# window
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_queue.sh"

# ---- a clerk: the delivery list, a refusal, a delivery ----
D=$(q "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.category = 'admin' AND t.state = 'decided' ORDER BY t.due_on, t.id LIMIT 1")
W=clerk
start $W chenjing
check "a clerk starts on the delivery list" wait_for $W "State: ready for delivery"
keys /
text "$D"
keys Enter
keys d
check "a clerk may not decide" wait_for $W "may not work on tasks"
expect_eq "the refusal on the screen is recorded with who tried it" \
	"$(q "SELECT d.role || ' ' || d.action || ' ' || c.case_no FROM denied d JOIN cases c ON c.id = d.case_id WHERE d.login = 'chenjing'")" "clerk task decide $D"
keys v
# the refusal is recorded before anything is asked: wait for that row
review_denied() { [ "$(q "SELECT count(*) FROM denied WHERE login = 'chenjing' AND action = 'task review'")" -ge 1 ]; }
poll review_denied
if screen $W | grep -q "Facts clear"; then
	fail "v as a clerk: refused before the simple-track question" "$(screen $W | tail -n 3)"
	keys Escape
else
	pass "v as a clerk: refused before the simple-track question"
fi
expect_eq "v as a clerk: the refusal is recorded" "$(q "SELECT count(*) FROM denied WHERE login = 'chenjing' AND action = 'task review'")" 1
keys l
check "l asks how" wait_for $W "Delivery: w at the window"
keys w
text "李四"
keys Enter
keys Enter
check "status: delivered" wait_for $W "RD: delivered"
expect_eq "the delivery reached the database" "$(q "SELECT t.state || ' ' || t.delivery_to FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$D' AND t.item = 'RD'")" "delivered 李四"
keys F10
root_end
