#!/bin/sh
# tests/tui/case_events.sh — a case with 10,000 events: it opens with its count, the
# newest events with the deadline markers as lines of the timeline, Home,
# PgDn and End; F10 quits with status 0
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_caseview.sh"

W=main
start $W
# ---- a case with 10,000 events ----
sql "$T/d.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
 INSERT INTO event (case_id, at, actor, actor_role, kind, detail)
 SELECT c.id, printf('2026-12-%02d %02d:%02d:%02d', 1 + i % 27, i % 24, i % 60, i % 59), 'system', 'system', 'sms_queued', 'bulk ' || i
 FROM n, cases c WHERE c.case_no = '$no'" 2>/dev/null
tm send-keys -t $W F5
check "back to the lookup" wait_for $W "Search:"
type_text "$no"
tm send-keys -t $W Enter
check "lookup: found again" wait_for $W "^ *$no"
tm send-keys -t $W Enter
# (how fast it opens is measured by make bench, not here)
check "10,000 events: the case opens with its count" wait_for $W "Timeline \(100[0-9][0-9]\)"
check "10,000 events: the latest events shown" wait_for $W "bulk "
# the deadline markers are lines of the timeline, not drawn over its
# events: the newest event is on the screen with them
last=$(sql "$T/d.db" "SELECT e.detail FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$no' ORDER BY e.at DESC, e.id DESC LIMIT 1")
check "10,000 events: the newest event shown with the deadline markers" \
	wait_for $W "$last\$"
check "10,000 events: the deadline marker after the newest event" wait_for $W "── 20[0-9-]+  [A-Z]+ "
tm send-keys -t $W Home
check "Home: the first events" wait_for $W "application (started|accepted)"
tm send-keys -t $W NPage NPage
check "PgDn scrolls through the bulk events" wait_for $W "bulk [0-9]+"
tm send-keys -t $W End
check "End: the newest event again" wait_for $W "$last\$"
tm send-keys -t $W F10
n=0
while [ $n -lt "$TUI_POLLS" ] && [ ! -s "$T/rc.$W" ]; do sleep 0.1; n=$((n + 1)); done
expect_eq "F10 quits with status 0" "$(cat "$T/rc.$W" 2>/dev/null)" 0
