#!/bin/sh
# tests/tui/queue_supervisor.sh — the back-office queues (F3) as the supervisor: tab counts
# equal to the database's, red and yellow rows, paging, the overdue filter,
# sorting, the supervisor's tab and F1
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_queue.sh"

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
root_end
