#!/bin/sh
# tests/tui/acceptance.sh — the office's acceptance from the queue (F3):
# an RD the window received waits in 'acceptance review' on the admin tab
# with its review deadline; A accepts it (受理) after a yes/no question, M
# asks for the missing materials (补正) and N refuses it (不予受理) with the
# ground, after a question showing it (any key but y: nothing recorded),
# the cursor staying on the task; an officer of another office is refused
# before any question.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"

root_begin
"$YICI" -d "$T/q.db" init --demo 5 >/dev/null 2>&1
rc=$?
expect_rc "demo database" 0
q() { sql "$T/q.db" "$1"; }
st() { q "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = 'RD'"; }
# two RD applications received at the window (CLI, as the clerk)
app() {
	YICI_USER=chenjing "$YICI" --lang en -d "$T/q.db" apply --field applicant.type=worker \
		--field applicant.name="$2" --field applicant.id_number="$1" --field applicant.phone=13812345678 \
		--field worker.name="$2" --field worker.id_number="$1" --field employer.name=合肥某机械厂 \
		--field employer.credit_code=91110000100006485K --field employer.insured=1 \
		--field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间 \
		--field accident.type=accident --field accident.circumstance=work \
		--field accident.description=砸伤 --field accident.body_part=右手 --field accident.diagnosis=骨折 \
		--field delivery.method=window --items RD --material all=received --submit 2>/dev/null |
		sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p'
}
C=$(app 340102198503121238 张三)
D=$(app 11010519491231002X 李四)
expect_eq "received: both RD in acceptance review" "$(st "$C") $(st "$D")" "reviewing reviewing"

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
find_case() { keys /; text "$1"; keys Enter; wait_for $W "$1" >/dev/null; }

# ---- another office: refused before any question ----
W=ag
start $W wugang
keys Left Left
find_case "$C"
keys A
check "an agency officer: A refused, naming the office" wait_for $W "admin|office"
if screen $W | grep -q "(y/n)"; then fail "agency officer: no question" "$(screen $W | tail -n 3)"; else pass "agency officer: no question"; fi
expect_eq "agency officer: nothing changed" "$(st "$C")" reviewing
keys F10

# ---- the admin officer ----
W=off
start $W zhaolei
check "the reviewing RD on the admin tab, with its review deadline" wait_for $W "$C +张三 +RD +acceptan.* 2026-12-14"
find_case "$C"
keys A
check "A asks first" wait_for $W "Accept $C RD \(受理\)\? Its decision clock starts today"
keys n
check "n: not recorded" wait_for $W "not recorded: nothing changed"
expect_eq "n: still in review" "$(st "$C")" reviewing
keys A
wait_for $W "Accept $C RD" >/dev/null
keys y
check "y: accepted" wait_for $W "$C RD: accepted"
expect_eq "the acceptance reached the database, clock from today" \
	"$(q "SELECT t.state || ' ' || t.started_on || ' ' || t.legal_due_on FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$C' AND t.item = 'RD'")" \
	"accepted 2026-11-28 2027-01-27"
keys A
check "A again: refused by state" wait_for $W "only a task that is acceptance review can be accepted"

keys c
find_case "$D"
keys M
check "M asks for the materials" wait_for $W "Missing materials, every one"
text "M03 M04"
keys Enter
check "M: supplement asked for" wait_for $W "$D RD: asked for a supplement"
expect_eq "M: the pause holds both materials" \
	"$(q "SELECT p.note FROM task_pause p JOIN task t ON t.id = p.task_id JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$D' AND p.to_on IS NULL")" "M03;M04"
keys N
check "N asks for the ground" wait_for $W "Ground of 不予受理"
text "不属于本机关管辖"
keys Enter
# a refusal shows what it records and asks; any key but y records nothing
check "N: the question shows the case, the item and the ground" \
	wait_for $W "Not accept $D RD \(不予受理\), on the ground: 不属于本机关管辖\? \(y/n\)"
expect_eq "N: nothing recorded before the answer" "$(st "$D")" reviewing
keys x
check "N, then x: not recorded" wait_for $W "not recorded: nothing changed"
expect_eq "N, then x: still in acceptance review" "$(st "$D")" reviewing
keys N
text "不属于本机关管辖"
keys Enter
wait_for $W "Not accept $D RD" >/dev/null
keys y
check "N: not accepted" wait_for $W "$D RD: refused acceptance \(✓ kept here"
sel_row() { screen_e $W | grep "$ESC\[[0-9;]*7m" | grep -q "$D"; }
check "N: the cursor stays on the refused task, marked ✓" poll sel_row
check "N: its row says not accepted" wait_for $W "^✓ +$D .* RD +not acc"
expect_eq "N: the refusal reached the database" "$(q "SELECT t.state || ' ' || t.reason FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$D' AND t.item = 'RD'")" "not_accepted 不属于本机关管辖"
keys F10
root_end
