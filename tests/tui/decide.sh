#!/bin/sh
# tests/tui/decide.sh — a decision from F3 as task decide takes it (issue
# 14): the outcomes come from the catalog, an approval takes task calc's
# inputs and offers its reference amount, another amount asks for the
# override reason, and the countersignature (k) by a second officer, as
# task countersign; the one table of task actions refuses on the status
# line with the CLI's words (条例 §31: YL is not suspended).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"

# Every check here acts as other logins (YICI_USER: root only).
root_begin

D=$T/d.db
YICI_FORMS="$top/tests/data/forms" "$YICI" -d "$D" init >/dev/null 2>&1 # its rates for task calc
for s in "rdoff admin" "jdoff appraisal" "pay1 agency" "pay2 agency"; do
	set -- $s
	"$YICI" -d "$D" staff add "$1" --name "$1" --role officer --category "$2" >/dev/null 2>&1
done
W1=340102198503121238
"$YICI" --lang en -d "$D" apply --field applicant.type=worker --field applicant.name=张三 \
	--field applicant.id_number=$W1 --field applicant.phone=13812345678 --field worker.name=张三 \
	--field worker.id_number=$W1 --field employer.name=合肥某机械厂 \
	--field employer.credit_code=91110000100006485K --field employer.insured=1 \
	--field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间 \
	--field accident.type=accident --field accident.circumstance=work \
	--field accident.description=操作机床时右手受伤 --field accident.body_part=右手 \
	--field accident.diagnosis=右手骨折 --field delivery.method=window --items 'RD;JD;SC;YL' \
	--material all=received --submit >/dev/null 2>&1
rc=$?
expect_rc "injury case RD;JD;SC;YL accepted" 0
C=GS340102-20261128-0001
YICI_USER=rdoff "$YICI" -d "$D" task accept $C RD >/dev/null 2>&1 # by its office first (工伤认定办法 §8)
YICI_USER=rdoff "$YICI" -d "$D" task decide $C RD --outcome recognised --document-no "瑶人社工认字〔2026〕4号" >/dev/null 2>&1
YICI_USER=jdoff "$YICI" -d "$D" task decide $C JD --outcome graded --grade 3 --document-no "皖劳鉴字〔2026〕1号" >/dev/null 2>&1
q() { sql "$D" "$1"; }
col() { q "SELECT coalesce(t.$2, '') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$C' AND t.item = '$1'"; }
expect_eq "SC started on grade 3" "$(col SC state)" accepted

start() { # start NAME LOGIN: the workstation in English as LOGIN, on F3
	tm new-session -d -s "$1" -x 120 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e YICI_USER="$2" \
		-e ASAN_OPTIONS=detect_leaks=0 "$YICI --lang en -d $D; echo \$? >$T/rc.$1"
	tm set-option -t "$1" remain-on-exit on >/dev/null 2>&1
	wait_for "$1" "F10" >/dev/null
	tm send-keys -t "$1" F3
	wait_for "$1" "Sort: " >/dev/null
}
keys() { tm send-keys -t "$W" "$@"; sleep 0.2; }
text() { tm send-keys -t "$W" -l -- "$1"; sleep 0.2; }
pick() { # pick ITEM: select the row of ITEM of the case
	keys /
	text "$C"
	keys Enter
	n=0
	while ! selected_item "$1" && [ $n -lt 10 ]; do keys Down; n=$((n + 1)); done
}
selected_item() { screen_e $W | grep "$ESC\[[0-9;]*7m" | grep -q " $1 "; }

W=p1
start $W pay1
check "pay1: the agency tab" wait_for $W "Agency \([0-9]+\)"
pick YL
check "the YL row is selected" poll selected_item YL
keys p
check "p on YL: refused on the status line, naming 条例 §31" wait_for $W "YL cannot be suspended: forms/items.csv allows it no suspension"
if screen $W | grep -q "Suspend:"; then fail "p on YL: no question" "$(screen $W | tail -n 3)"; keys Escape; else pass "p on YL: no question"; fi
pick SC
check "the SC row is selected" poll selected_item SC
keys d
check "d: the outcomes of SC from the catalog" wait_for $W "SC: a approved, r refused"
keys a
check "then task calc's inputs" wait_for $W "task calc inputs"
text "--wage 6500"
keys Enter
check "the amount offered is task calc's reference (23 × 6500.00)" wait_for $W "Amount in yuan.*149500\.00"
keys C-u
text "150000"
keys Enter
check "another amount asks for the override reason, naming the reference" wait_for $W "Override reason \(task calc: 149500\.00 yuan"
text "工资核对后调整"
keys Enter
check "then the payment reference" wait_for $W "Payment reference"
text "ZF5"
keys Enter
check "then the date" wait_for $W "Decision date"
keys Enter
check "the question shows the amount and the override" \
	wait_for $W "150000\.00 yuan, payment ZF5, overriding task calc: 工资核对后调整"
check "... and the countersignature to come" wait_for $W "awaiting countersignature, dated today"
keys y
check "decided" wait_for $W "$C SC: decided"
expect_eq "the decision: amount, calc, override, pending" \
	"$(col SC amount_fen) $(col SC calc_fen) $(col SC override_reason) $(col SC countersign)" \
	"15000000 14950000 工资核对后调整 pending"
check "the row says: to cosign" wait_for $W "$C .* SC +to cosign"
keys k
check "k by the officer who decided: refused, as task countersign" wait_for $W "was decided by pay1: a second officer"
expect_eq "still pending" "$(col SC countersign)" pending
keys F10

W=p2
start $W pay2
keys f f f f f
check "pay2: the ready list" wait_for $W "State: ready for delivery"
pick SC
check "pay2: SC selected" poll selected_item SC
keys k
check "k asks, showing the amount, who decided and the override" \
	wait_for $W "Countersign $C SC: 150000\.00 yuan decided by pay1, overriding task calc: 工资核对后调整\?"
keys y
check "countersigned" wait_for $W "$C SC: countersigned"
expect_eq "countersigned by pay2" "$(col SC countersign) $(col SC countersigned_by)" "done pay2"
expect_eq "the payment SMS queued only now" "$(q "SELECT count(*) FROM notice n JOIN task t ON t.id = n.task_id WHERE t.item = 'SC' AND n.kind = 'sms_paid'")" 1
keys F10
root_end
