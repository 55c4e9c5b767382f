#!/bin/sh
# tests/tui/case_reveal.sh — i in the case view: the clerk who took the case sees the
# full ID on demand, the reveal recorded as an event and in the timeline
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_caseview.sh"

root_begin
taker=$(sql "$T/d.db" "SELECT created_by FROM cases WHERE case_no = '$no'")
wid=$(sql "$T/d.db" "SELECT p.id_number FROM cases c JOIN person p ON p.id = c.worker_id WHERE c.case_no = '$no'")
tm new-session -d -s rv -x 110 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
	-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e YICI_USER="$taker" \
	-e ASAN_OPTIONS=detect_leaks=0 "$YICI --lang en -d $T/d.db"
tm send-keys -t rv F5
check "reveal: the taker's lookup" wait_for rv "Search:"
tm send-keys -t rv -l "$no"
tm send-keys -t rv Enter
check "reveal: the taker finds the case" wait_for rv "^ *$no"
tm send-keys -t rv Enter
check "reveal: the taker's case view" wait_for rv "^ $no "
if screen rv | grep -qF "$wid"; then fail "reveal: masked until asked" "$(screen rv | grep -F "$wid")"; else pass "reveal: masked until asked"; fi
tm send-keys -t rv i
check "i: the clerk who took the case sees the full ID" wait_for rv "Worker $wname $wid"
check "i: the status line says the reveal is recorded" wait_for rv "reveal is recorded"
check "i: the timeline shows the reveal" wait_for rv "revealed|ID number"
expect_eq "i: one 'revealed' event by the taker" \
	"$(sql "$T/d.db" "SELECT count(*) FROM event WHERE kind = 'revealed' AND actor = '$taker'")" 1
tm send-keys -t rv F10
check "reveal: the taker's session quits" wait_gone rv "^ $no "
tm kill-session -t rv >/dev/null 2>&1
root_end
