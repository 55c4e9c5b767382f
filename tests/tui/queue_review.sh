#!/bin/sh
# tests/tui/queue_review.sh — v in F3: the simple-case track asked as y/n, Esc records
# nothing, n the ordinary review, the cursor stays on the task
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_queue.sh"

W=off
start $W zhaolei
check "queue_review: an admin officer starts on the admin tab" wait_for $W "Sort: deadline"
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
root_end
