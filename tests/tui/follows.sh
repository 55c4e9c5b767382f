#!/bin/sh
# tests/tui/follows.sh — the form's earlier-accident picker (issue 14): once
# the worker's ID is known, Ctrl-F picks one of the worker's earlier cases,
# shown with its case number, accident date and decisions; the next press
# the next one, then none.  Nothing is matched silently: without a pick a
# prerequisite must be ticked in the case.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
export YICI_FORMS="$top/tests/data/forms"

W1=340102198503121238
"$YICI" -d "$T/f.db" init >/dev/null 2>&1
"$YICI" -d "$T/f.db" apply --field applicant.type=worker --field applicant.name=张三 \
	--field applicant.id_number=$W1 --field applicant.phone=13812345678 --field worker.name=张三 \
	--field worker.id_number=$W1 --field employer.name=合肥某机械厂 \
	--field employer.credit_code=91110000100006485K --field employer.insured=1 \
	--field accident.kind=injury --field accident.date=2026-03-02 --field accident.place=车间 \
	--field accident.type=accident --field accident.circumstance=work \
	--field accident.description=砸伤 --field accident.body_part=右手 --field accident.diagnosis=骨折 \
	--field delivery.method=window --items RD --material all=received --submit >/dev/null 2>&1
"$YICI" -d "$T/f.db" task accept GS340102-20261128-0001 RD >/dev/null 2>&1 # by its office first
"$YICI" -d "$T/f.db" task decide GS340102-20261128-0001 RD --outcome recognised --document-no D1 >/dev/null 2>&1
rc=$?
expect_rc "an earlier case of the worker, RD recognised" 0

W=fol
tm new-session -d -s $W -x 120 -y 40 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
	-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
	-e ASAN_OPTIONS=detect_leaks=0 "cd $T && $YICI --lang en -d $T/f.db"
check "the workstation starts" wait_for "$W" "F2 "
tm send-keys -t $W F2
check "the form opens" wait_for "$W" "Applicant type"
tm send-keys -t $W C-f
check "Ctrl-F before the worker's ID: asks for it" wait_for "$W" "enter the worker's ID number first"
tm send-keys -t $W Tab
sleep 0.1
tm send-keys -t $W BTab Right Tab Tab   # applicant type: worker, then the ID
sleep 0.2
tm send-keys -t $W -l $W1
tm send-keys -t $W Tab
sleep 0.3
tm send-keys -t $W C-f
check "Ctrl-F: the earlier case with its accident date and decisions" \
	wait_for "$W" "follows GS340102-20261128-0001 \\(2026-03-02, Injury\\): RD 认定工伤 \\[1/1\\]"
check "Ctrl-F: the decisions shown" wait_for "$W" "RD 认定工伤"
tm send-keys -t $W C-f
check "Ctrl-F again: none (the prerequisites are ticked in this case)" \
	wait_for "$W" "follows no earlier case"
tm kill-session -t $W 2>/dev/null
