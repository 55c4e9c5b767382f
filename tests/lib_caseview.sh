# tests/lib_caseview.sh — sourced by the tui/case_*.sh suites after
# tests/lib.sh and tests/lib_tui.sh: the demo database of 150 cases with
# seed 5 (fixture demo150s5) as $T/d.db, start NAME (the workstation in
# English, 110x30), type_text, the patterns CASE and MASK, and the case the
# suites look at: no (an accepted case with RD), its worker's pinyin
# initials (ini) and name (wname), and its employer's name as received
# (ename) — the employer renamed since to 新名厂, as a later application
# would, so the case view shows "now known as".
fixture demo150s5 "$T/d.db"
rc=$?
expect_rc "$(basename "$0" .sh): demo database for the TUI" 0

start() {
	tm new-session -d -s "$1" -x 110 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
		-e ASAN_OPTIONS=detect_leaks=0 "$YICI --lang en -d $T/d.db; echo \$? >$T/rc.$1"
	tm set-option -t "$1" remain-on-exit on >/dev/null 2>&1
}
type_text() { tm send-keys -t "$W" -l "$1"; }

CASE='GS340102-[0-9]{8}-[0-9]{4}'
MASK='[0-9]{6}\*{8}[0-9]{3}[0-9X]'
no=$(sql "$T/d.db" "SELECT case_no FROM cases WHERE state = 'accepted' AND id IN (SELECT case_id FROM task WHERE item = 'RD') ORDER BY id DESC LIMIT 1 OFFSET 3")
"$YICI" -d "$T/d.db" case reindex >/dev/null 2>&1
ini=$(sql "$T/d.db" "SELECT i.initials FROM person_initials i JOIN cases c ON c.worker_id = i.person_id WHERE c.case_no = '$no' LIMIT 1")
wname=$(sql "$T/d.db" "SELECT p.name FROM cases c JOIN person p ON p.id = c.worker_id WHERE c.case_no = '$no'")
ename=$(sql "$T/d.db" "SELECT employer_name FROM cases WHERE case_no = '$no'")
sql "$T/d.db" "UPDATE employer SET name = '新名厂' WHERE id = (SELECT employer_id FROM cases WHERE case_no = '$no')"

