#!/bin/sh
# tests/tui/queue.sh — the back-office queues (F3) driven through tmux: tab
# counts equal to the database's, red and yellow rows (and the '!' marker
# on a vt100), paging, the overdue and mine filters, sorting, incremental
# search, a decision and a delivery end to end, a refusal on the status
# line, and the supervisor's tab.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"


# Every check here acts as other logins (YICI_USER: root only).
root_begin

"$YICI" -d "$T/q.db" init --demo 300 >/dev/null 2>&1
rc=$?
expect_rc "demo database for the queues" 0
q() { sql "$T/q.db" "$1"; }

# start NAME LOGIN [TERM]: the workstation in English as LOGIN, on F3.
start() {
	name=$1
	term=${3:+TERM=$3 }
	tm new-session -d -s "$name" -x 100 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e YICI_USER="$2" \
		-e ASAN_OPTIONS=detect_leaks=0 "$term$YICI --lang en -d $T/q.db; echo \$? >$T/rc.$name"
	tm set-option -t "$name" remain-on-exit on >/dev/null 2>&1
	wait_for "$name" "F10" >/dev/null
	tm send-keys -t "$name" F3
	wait_for "$name" "Sort: " >/dev/null
}
keys() { tm send-keys -t "$W" "$@"; sleep 0.2; }
text() { tm send-keys -t "$W" -l "$1"; sleep 0.2; }
CASE='GS340102-[0-9]{8}-[0-9]{4}'

# ---- the supervisor: counts, colours, paging ----
W=sup
start $W "$(id -un)"
check "F3 shows the queue header" wait_for $W "Case number +Worker +Item +State"
open_admin=$(q "SELECT count(*) FROM task WHERE category = 'admin' AND state IN ('accepted', 'in_review', 'suspended')")
check "admin tab count equals the database ($open_admin)" wait_for $W "Administrative \($open_admin\)"
over=$(q "SELECT count(*) FROM task WHERE category = 'admin' AND state IN ('accepted', 'in_review') AND due_on < '2026-11-28'")
ready=$(q "SELECT count(*) FROM task WHERE category = 'admin' AND state = 'decided'")
check "overdue count ($over)" wait_for $W "overdue $over "
check "ready for delivery count ($ready)" wait_for $W "ready for delivery $ready"
nover=$(screen $W | grep -Ec "^! +$CASE")
expect_eq "one '!' row per overdue admin task" "$nover" "$over"
if screen_e $W | grep "GS340102" | grep -q "$ESC\[[0-9;]*31m"; then pass "overdue rows in red"; else fail "overdue rows in red" "$(screen_e $W | grep GS340102 | head -n 3 | cat -v)"; fi
if screen_e $W | grep "^[^ ]*\* *GS\|\* GS" | grep -q "$ESC\[[0-9;]*33m"; then
	pass "due-soon rows in yellow"
else
	if screen $W | grep -q '^\* '; then fail "due-soon rows in yellow" "$(screen_e $W | grep '\* ' | head -n 2 | cat -v)"; else pass "no due-soon admin row today"; fi
fi

keys Right Right
check "Right Right: the agency tab" wait_for $W "Agency \([0-9]+\)  *$|Sort: deadline"
open_ag=$(q "SELECT count(*) FROM task WHERE category = 'agency' AND state IN ('accepted', 'in_review', 'suspended')")
check "agency counts ($open_ag open)" wait_for $W "^ open $open_ag "
first=$(screen $W | grep -Eo "$CASE" | sort | tr '\n' ' ')
keys NPage
second=$(screen $W | grep -Eo "$CASE" | sort | tr '\n' ' ')
if [ -n "$second" ] && [ "$first" != "$second" ]; then pass "PgDn shows the next tasks"; else fail "PgDn shows the next tasks" "before: $first" "after: $second"; fi
keys PPage
again=$(screen $W | grep -Eo "$CASE" | sort | tr '\n' ' ')
expect_eq "PgUp returns to the first page" "$again" "$first"
keys o
check "o: overdue filter shown" wait_for $W "· overdue"
nrow=$(screen $W | grep -Ec "^. +$CASE")
nbang=$(screen $W | grep -Ec "^! +$CASE")
if [ "$nrow" -gt 0 ] && [ "$nrow" = "$nbang" ]; then pass "o: only overdue rows ($nrow)"; else fail "o: only overdue rows" "$nbang of $nrow"; fi
keys o s
check "s: sorted by accepted" wait_for $W "Sort: accepted"
keys s s
check "s s: back to deadline" wait_for $W "Sort: deadline"
keys Right
check "Supervisor tab: figures per officer" wait_for $W "Office +Officer +Open +Overdue"
check "Supervisor tab: an officer row" wait_for $W "zhoumin"
keys F1
check "F1 lists the queue keys" wait_for $W "Take the task"
keys F1
keys F10

# ---- an officer decides a task end to end ----
C=$(q "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.item = 'RD' AND t.state = 'in_review' AND t.assignee = 'zhaolei' ORDER BY c.id LIMIT 1")
W=off
start $W zhaolei
check "an admin officer starts on the admin tab" wait_for $W "Sort: deadline"
keys m
check "m: mine" wait_for $W "· mine"
others=$(screen $W | grep -E "^. +$CASE" | grep -vc "zhaolei *$")
expect_eq "m: only zhaolei's rows" "$others" 0
keys m /
text "$C"
check "search jumps to the case" wait_for $W "$C"
keys Enter
selected() { [ "$(screen_e $W | grep "$C" | grep -c "$ESC\[[0-9;]*7m")" = 1 ]; }
check "the found row is selected" poll selected
keys x
check "x on an RD: refused before asking the reason" wait_for $W "RD cannot be extended"
if screen $W | grep -q "Reason for the extension"; then
	fail "x on an RD: no question" "$(screen $W | tail -n 3)"
	keys Escape
else
	pass "x on an RD: no question"
fi
keys d
check "d asks for the outcome" wait_for $W "RD: r recognised"
keys r
check "then the document number" wait_for $W "Document number"
text "TUI-认字-1"
keys Enter
check "then the date" wait_for $W "Decision date"
keys Enter
# d r NO Enter Enter: a question showing what will be recorded, nothing yet
check "the decision asks for confirmation, showing what is recorded" \
	wait_for $W "Record for $C RD: recognised as work injury, document TUI-认字-1, dated today\?"
check "... as a yes/no question" wait_for $W "\(y/n\)"
expect_eq "nothing recorded before the answer" "$(q "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$C' AND t.item = 'RD'")" "in_review"
keys n
check "n: not recorded" wait_for $W "not recorded: nothing changed"
expect_eq "n: still in review" "$(q "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$C' AND t.item = 'RD'")" "in_review"
check "n: the cursor stays on the task" poll selected
# any key but y cancels: an Enter too many records nothing
keys d r
text "TUI-认字-1"
keys Enter Enter
check "asked once more" wait_for $W "Record for $C RD"
keys Enter
check "Enter at the question: not recorded" wait_for $W "not recorded: nothing changed"
expect_eq "Enter at the question: still in review" "$(q "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$C' AND t.item = 'RD'")" "in_review"
check "Enter at the question: the cursor stays on the task" poll selected
keys d r
text "TUI-认字-1"
keys Enter Enter
check "asked again" wait_for $W "Record for $C RD"
keys y
check "status: decided, kept in view" wait_for $W "$C RD: decided \(✓ kept here"
expect_eq "the decision reached the database" "$(q "SELECT t.state || ' ' || t.document_no FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$C' AND t.item = 'RD'")" "decided TUI-认字-1"
check "the decided task stays selected, marked ✓ with its new state" poll selected
check "its row says decided" wait_for $W "^✓ +$C .* decided "
keys Enter
check "the next Enter opens the same case" wait_for $W "$C"
if screen $W | head -n 3 | grep -q "Queues"; then fail "Enter left the queue for the case" "$(screen $W | head -n 3)"; else pass "Enter left the queue for the case"; fi
keys F3
check "back on the queue: the decided task has left the open list" wait_gone $W "^. +$C"
keys f f f f f
check "f: the ready-for-delivery list" wait_for $W "State: ready for delivery"
keys /
text "$C"
keys Enter
keys d
check "decide it again: refused on the status line" wait_for $W "the task is decided"
# v asks y (simple-case track), n (the ordinary review); Esc records neither
A=$(q "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.item = 'RD' AND t.state = 'accepted' ORDER BY c.id LIMIT 1")
keys c
keys /
text "$A"
keys Enter
sel_a() { [ "$(screen_e $W | grep "$A" | grep -c "$ESC\[[0-9;]*7m")" = 1 ]; }
check "the accepted RD is selected" poll sel_a
keys v
check "v asks for the simple-case track" wait_for $W "Facts clear: put it on the [0-9]+-day simple-case track\? \(y/n\)"
keys Escape
check "v, Esc: cancelled" wait_for $W "cancelled: nothing changed"
expect_eq "v, Esc: still accepted, not in review" "$(q "SELECT t.state || ' ' || t.simple_track FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$A' AND t.item = 'RD'")" "accepted 0"
keys v
wait_for $W "Facts clear" >/dev/null
keys n
check "v, n: the ordinary review" wait_for $W "$A RD: in review"
expect_eq "v, n: in review, not on the simple track" "$(q "SELECT t.state || ' ' || t.simple_track FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$A' AND t.item = 'RD'")" "in_review 0"
check "v, n: the cursor stays on the task" poll sel_a
keys F10

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

# ---- vt100: no colours, the markers remain ----
W=vt
start $W "$(id -un)" vt100
check "vt100: queue renders" wait_for $W "$CASE"
if screen $W | grep -Eq "^! +$CASE"; then pass "vt100: '!' marks overdue rows"; else fail "vt100: '!' marks overdue rows" "$(screen $W | head -n 12)"; fi
if screen_e $W | grep -q "$ESC\[[0-9;]*3[0-7]m"; then fail "vt100: no colour escapes" "$(screen_e $W | grep "$ESC\[[0-9;]*3[0-7]m" | head -n 2 | cat -v)"; else pass "vt100: no colour escapes"; fi
keys q
