#!/bin/sh
# tests/tui/case_flow.sh — the case view's flow: the followers of one box hang below
# it, not beside another
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_caseview.sh"

W=main
start $W
# ---- the flow: followers of one box hang below it, not beside another ----
fl=$(sql "$T/d.db" "SELECT c.case_no FROM cases c WHERE (SELECT group_concat(item, ',') FROM (SELECT item FROM task WHERE case_id = c.id ORDER BY item)) IN ('HS,JD,RD,YL', 'JD,RD,YL', 'HS,RD,YL') ORDER BY c.id DESC LIMIT 1")
if [ -n "$fl" ]; then
	tm send-keys -t $W F5
	check "flow: back to the lookup" wait_for $W "Search:"
	tm send-keys -t $W Escape
	type_text "$fl"
	tm send-keys -t $W Enter
	check "flow: case $fl found" wait_for $W "^ *$fl"
	tm send-keys -t $W Enter
	check "flow: the second follower of RD hangs below it" wait_for $W "^ +[├└]─▶ \\["
	if screen $W | sed -n '1,12p' | grep -Eq '^ +──▶'; then
		fail "flow: no arrow without a box on its left" "$(screen $W | sed -n '1,12p')"
	else
		pass "flow: no arrow without a box on its left"
	fi
else
	fail "demo has a case with RD and two followers" "none in a 150-case demo"
fi

tm send-keys -t $W F10
