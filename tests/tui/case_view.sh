#!/bin/sh
# tests/tui/case_view.sh — the case view (F4) opened from the lookup: the header
# (number, worker, the employer as received, now known as), the flow, the
# timeline with who and role, no full ID, i refused to a supervisor off
# the case, the tasks and materials panes, F1, Esc back to the lookup
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_caseview.sh"

W=main
start $W
tm send-keys -t $W F5
wait_for $W "Search:" >/dev/null
type_text "$no"
tm send-keys -t $W Enter
wait_for $W "^ *$no" >/dev/null
tm send-keys -t $W Enter
check "Enter opens the case view" wait_for $W "Case · "
check "case view: the header with the number" wait_for $W "^ $no "
check "case view: the worker" wait_for $W "Worker $wname"
# (the header line is cut at the terminal's width: 110 columns show its start)
check "case view: the employer as received, now known as" wait_for $W "Employer $ename \(now known as"
check "case view: the flow box of RD" wait_for $W "\[RD "
check "case view: the timeline tab with its count" wait_for $W "Timeline \([0-9]+\)"
check "case view: events with who and role" wait_for $W "20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9:]{8} .*\((clerk|system)\)"
check "case view: the timeline's office in full at 110 columns, not cut at 10" wait_for $W " Administrative +[A-Z]{2} "
if screen $W | grep -Eq '[0-9]{17}[0-9X]'; then fail "case view: no full ID" "$(screen $W)"; else pass "case view: no full ID"; fi
# i: reveal on demand, for those who work on the case only, and recorded
tm send-keys -t $W i
check "i: a supervisor off the case is refused" wait_for $W "does not work on case $no"
if screen $W | grep -Eq '[0-9]{17}[0-9X]'; then fail "i refused: still no full ID" "$(screen $W)"; else pass "i refused: still no full ID"; fi
expect_eq "i refused: a 'denied' row" "$(sql "$T/d.db" "SELECT count(*) FROM denied WHERE action = 'reveal'")" 1
tm send-keys -t $W Tab
check "Tab shows the tasks" wait_for $W "^ RD +"
check "the tasks pane names its columns" wait_for $W "^ Item +Category +State +Assignee +Deadline +Days left +Result"
check "the tasks pane shows the office in full" wait_for $W "^ RD +Administrative +"
tm send-keys -t $W Tab
check "Tab shows the materials" wait_for $W "^ M0[0-9] "
tm send-keys -t $W F1
check "F1 lists the case view keys" wait_for $W "Next pane"
check "F1 lists Esc: back" wait_for $W "│ *Esc +Back to the view you came from"
tm send-keys -t $W F1
check "help closed" wait_gone $W "Keys of this view"
tm send-keys -t $W Escape
check "Esc in the case view goes back to the lookup it came from" wait_for $W "^ Search:"

tm send-keys -t $W F10
