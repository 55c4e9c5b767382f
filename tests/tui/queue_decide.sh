#!/bin/sh
# tests/tui/queue_decide.sh — an officer decides a task end to end in F3: mine, search,
# an extension refused before asking, d asks outcome, document and date,
# then a confirmation showing what is recorded (n and Enter record
# nothing), y records it, the cursor stays on the task, the next Enter
# opens the same case; deciding it again is refused on the status line
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_queue.sh"

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
keys F10
root_end
