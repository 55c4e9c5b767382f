#!/bin/sh
# tests/tui/papers.sh — the papers of the workstation's flows (issue 16),
# driven through tmux: a delivery in F3 records the result and writes its
# 送达回证 as an A4 PDF in one transaction, a suspension writes its 中止通知书,
# and the case view's F9 prints a paper again — the same 文号, marked 补打,
# recorded as an event — or issues the decision summary; the status line
# says where each file is.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"

# The checks act as the demo's clerk (YICI_USER: root only).
root_begin

"$YICI" -d "$T/q.db" init --demo 300 >/dev/null 2>&1
rc=$?
expect_rc "demo database for the papers" 0
q() { sql "$T/q.db" "$1"; }
txt_of() { pdftotext "$1" - 2>/dev/null | tr -d ' \n'; }

start() {
	tm new-session -d -s "$1" -x 120 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e YICI_USER="$2" \
		-e ASAN_OPTIONS=detect_leaks=0 "$YICI --lang en -d $T/q.db; echo \$? >$T/rc.$1"
	tm set-option -t "$1" remain-on-exit on >/dev/null 2>&1
	wait_for "$1" "F10" >/dev/null
	tm send-keys -t "$1" F3
	wait_for "$1" "Sort: " >/dev/null
}
keys() { tm send-keys -t "$W" "$@"; sleep 0.2; }
text() { tm send-keys -t "$W" -l "$1"; sleep 0.2; }

# ---- a delivery at the window: the result and its 送达回证 together ----
D=$(q "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.category = 'admin' AND t.state = 'decided' ORDER BY t.due_on, t.id LIMIT 1")
W=clerk
start $W chenjing
check "a clerk starts on the delivery list" wait_for $W "State: ready for delivery"
keys /
text "$D"
keys Enter
keys l
check "l asks how" wait_for $W "Delivery: w at the window"
keys w
text "李四"
keys Enter
keys Enter
# (the status line may cut the long path of the test's folder)
check "delivered: the status line names the 送达回证's file" wait_for $W "RD: delivered.* · /"
if [ -f "$T/notices/$D-service.pdf" ]; then pass "delivered: the 送达回证's PDF is there"
else fail "delivered: the 送达回证's PDF is there" "$(ls "$T/notices" 2>&1)"; fi
expect_eq "delivered: the result and one service document, in one transaction" \
	"$(q "SELECT t.state || ' ' || (SELECT count(*) FROM document d WHERE d.case_id = c.id AND d.kind = 'service') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$D' AND t.item = 'RD'")" "delivered 1"
st=$(txt_of "$T/notices/$D-service.pdf")
case "$st" in
*送达回证*受送达人*李四*) pass "the 送达回证: an A4 PDF naming the recipient" ;;
*) fail "the 送达回证: an A4 PDF naming the recipient" "$(printf '%s' "$st" | head -c 400)" ;;
esac
srv_no=$(q "SELECT doc_no FROM document d JOIN cases c ON c.id = d.case_id WHERE c.case_no = '$D' AND d.kind = 'service'")

# ---- the case view's F9: a paper again (补打), the decision summary ----
keys Enter
check "Enter opens the case" wait_for $W "$D"
keys F9
check "F9 asks which paper, the ones issued offered again" wait_for $W "Print: .*v service receipt \(again\)"
keys v
check "F9 v: reprinted, the status line says where" wait_for $W "service receipt reprinted.* · /"
rt=$(txt_of "$T/notices/$D-service.pdf")
case "$rt" in
补打送达回证"$srv_no"*) pass "reprint: marked 补打, the same 文号" ;;
*) fail "reprint: marked 补打, the same 文号" "$srv_no" "$(printf '%s' "$rt" | head -c 300)" ;;
esac
expect_eq "reprint: no new document, one event" \
	"$(q "SELECT (SELECT count(*) FROM document d JOIN cases c ON c.id = d.case_id WHERE c.case_no = '$D' AND d.kind = 'service') || ' ' || (SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$D' AND e.kind = 'notice_printed' AND e.detail = '补打 送达回证 $srv_no')")" "1 1"
check "reprint: the timeline shows it" wait_for $W "补打 送达回证"
keys F9
keys j
check "F9 j: the decision summary issued" wait_for $W "decision summary issued.* · /"
dt=$(txt_of "$T/notices/$D-decision.pdf")
case "$dt" in
*办理结果汇总*工伤认定申请*依据：《工伤保险条例》*) pass "decision summary: the items, their decisions and basis" ;;
*) fail "decision summary: the items, their decisions and basis" "$(printf '%s' "$dt" | head -c 400)" ;;
esac
keys F9
keys Escape
check "F9 Esc: nothing printed" wait_for $W "cancelled: nothing printed"
keys F10

# ---- a suspension: its 中止通知书 (条例 §20: in writing) ----
S=$(q "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.item = 'RD' AND t.state IN ('accepted', 'in_review') ORDER BY t.id LIMIT 1")
W=sup
start $W "$(id -un)"
keys /
text "$S"
keys Enter
keys p
check "p asks why" wait_for $W "Suspend: "
keys j
text "等待劳动关系确认判决"
keys Enter
keys y
check "suspended: the status line names the 中止通知书's file" wait_for $W "RD: suspended.* · /"
sp=$(txt_of "$T/notices/$S-suspension.pdf")
case "$sp" in
中止通知书*决定自*起中止办理*) pass "the 中止通知书: its title, 文号 and decision" ;;
*) fail "the 中止通知书: its title, 文号 and decision" "$(printf '%s' "$sp" | head -c 400)" ;;
esac
keys F10
root_end
