#!/bin/sh
# tests/tui/clerk_prompts.sh — the workstation as a clerk who uses it 40 times
# a day (issue 18): a prompt survives a resize with the
# function-key bar back; an assignment and a suspension ask, showing what
# they record (any key but y records nothing), and leave the cursor on
# their task, also when another officer changed it meanwhile.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_clerk.sh"

# ---- a prompt survives a resize: in place, the function-key bar back ----
W=rsz
start $W zhaolei
keys F3
check "F3 for an officer" wait_for $W "Sort: deadline"
keys d
check "d asks for the outcome" wait_for $W "RD: r recognised"
tm resize-window -t $W -x 120 -y 40
bottom() { [ "$(screen $W | wc -l)" -ge 40 ] && screen $W | sed -n 40p | grep -q "F10 Quit" && screen $W | sed -n 39p | grep -q "RD: r recognised"; }
check "after a resize the prompt is on the status line and the bar is back" poll bottom
rows_clean() { ! screen $W | grep -E "^. +$CASE" | grep -q "RD: r recognised"; }
check "after a resize the prompt sits over no task row" rows_clean
keys Escape
check "Esc: the prompt is gone" wait_for $W "cancelled: nothing changed"
tm resize-window -t $W -x 100 -y 30
keys F10

# ---- an assignment and a suspension ask, showing what they record; any
# key but y records nothing; the cursor stays on the task either way ----
S=$(q "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.item = 'RD' AND t.state = 'in_review' AND t.assignee = 'zhaolei' ORDER BY c.id LIMIT 1")
rd() { q "SELECT t.state || ' ' || t.assignee FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$S' AND t.item = 'RD'"; }
W=asg
start $W "$me"
keys F3
check "the supervisor's queues" wait_for $W "Sort: deadline"
keys /
text "$S"
keys Enter
sel_s() { screen_e $W | grep "$ESC\[[0-9;]*7m" | grep -q "$S .* RD "; }
check "the RD of $S is selected" poll sel_s
keys a
check "a asks for the login" wait_for $W "Assign to \(login\)"
text "sunli"
keys Enter
check "a: the question names the task and the assignee" wait_for $W "Assign $S RD to sunli\? \(y/n\)"
keys Enter
check "a, Enter: not recorded" wait_for $W "not recorded: nothing changed"
expect_eq "a, Enter: still zhaolei's" "$(rd)" "in_review zhaolei"
check "a, Enter: the cursor stays on the task" poll sel_s
keys a
text "sunli"
keys Enter
wait_for $W "Assign $S RD to sunli" >/dev/null
keys y
check "a, y: assigned" wait_for $W "$S RD: assigned"
expect_eq "a, y: sunli's now" "$(rd)" "in_review sunli"
check "a, y: the cursor stays on the task" poll sel_s
keys p
check "p asks why" wait_for $W "Suspend: j judicial"
keys j
text "等待劳动关系确认判决"
keys Enter
# (the question is wrapped over two lines, never cut)
check "p: the question names the task, the reason and the note" \
	wait_for $W "Suspend $S RD \(awaiting a judicial or administrative conclusion\): 等待劳动关系"
check "... and ends with (y/n)" wait_for $W "确认判决\? The deadline stops\. \(y/n\)"
keys q
check "p, q: not recorded (and q did not quit)" wait_for $W "not recorded: nothing changed"
expect_eq "p, q: still in review" "$(rd)" "in_review sunli"
check "p, q: the cursor stays on the task" poll sel_s
keys p j
text "等待劳动关系确认判决"
keys Enter
wait_for $W "Suspend $S RD" >/dev/null
keys y
check "p, y: suspended" wait_for $W "$S RD: suspended"
expect_eq "p, y: suspended in the database" "$(rd)" "suspended sunli"
check "p, y: the cursor stays on the task" poll sel_s
keys F10

# ---- refused because another changed it meanwhile: the cursor still
# stays on the task, wherever that change moved it in the list ----
# (a task's first change is not checked against others: its version
# starts at 0, which db_task reads as "no check"; so T2 is changed once
# before the workstation reads it)
W=meanwhile
start $W "$me"
keys F3
check "meanwhile: the supervisor's queues" wait_for $W "Sort: deadline"
rows=$(screen $W | grep -E "^. +$CASE +[^ ]+ +RD +in review " | head -n 2)
T1=$(printf '%s\n' "$rows" | sed -n 1p | grep -Eo "$CASE")
T2=$(printf '%s\n' "$rows" | sed -n 2p | grep -Eo "$CASE")
first_two() { screen $W | grep -E "^. +$CASE" | head -n 2 | grep -Eo "$CASE" | tr '\n' ' '; }
expect_eq "meanwhile: two RD in review head the list" "$(first_two)" "$T1 $T2 "
YICI_USER=$me "$YICI" -d "$T/c.db" task assign "$T2" RD sunli >/dev/null 2>&1
keys Home Down
sel_t2() { screen_e $W | grep "$ESC\[[0-9;]*7m" | grep -q "$T2 .* RD .*sunli"; }
check "meanwhile: the second is selected, sunli's" poll sel_t2
keys a
text "zhaolei"
keys Enter
check "meanwhile: the question is open" wait_for $W "Assign $T2 RD to zhaolei\?"
# another supervisor suspends it before the answer: it moves down the list
YICI_USER=$me "$YICI" -d "$T/c.db" task suspend "$T2" RD --reason judicial --note 另案 >/dev/null 2>&1
keys y
check "meanwhile: y is refused, naming the change" wait_for $W "$T2 RD was changed by .* meanwhile"
expect_eq "meanwhile: nothing assigned" \
	"$(q "SELECT t.state || ' ' || t.assignee FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$T2' AND t.item = 'RD'")" "suspended sunli"
check "meanwhile: the list has moved" eval '[ "$(first_two | cut -d" " -f2)" != "$T2" ]'
sel_t2s() { screen_e $W | grep "$ESC\[[0-9;]*7m" | grep -q "$T2 .* RD  *suspended"; }
check "meanwhile: the cursor stays on the task, now among the suspended" poll sel_t2s
keys F10
root_end
