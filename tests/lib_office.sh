# tests/lib_office.sh — sourced by the office_*.sh suites after tests/lib.sh:
# the demo database of 300 cases (fixture demo300) as o.db, the helpers that
# act as another login (as LOGIN ARGS..., in English, root only: the suites
# run under root_begin) and read a task (state CASE ITEM, col CASE ITEM
# COLUMN), and the cases the suites start from, found in the untouched demo:
#   C  RD in review with JD and SC waiting for it (the latest such case)
#   N  another RD in review with tasks waiting (for a refusal)
# decide_c and path_c walk C through the offices as setup for the suites
# that start further along its path.
root_begin
me=$(id -un)
# as LOGIN ARGS...: runs yici as another login, in English.
as() { u=$1; shift; YICI_USER=$u; export YICI_USER; run --lang en -d o.db "$@"; unset YICI_USER; }
q() { sql o.db "$1"; }
nev() { q "SELECT count(*) FROM event"; }
# state CASE ITEM
state() { q "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }
col() { q "SELECT coalesce(t.$3, '') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }
# setup NAME: one setup step's exit status, as a check named after the file
setup() { expect_rc "$(basename "$0" .sh): setup $1" 0; }

fixture demo300 o.db
rc=$?
expect_rc "$(basename "$0" .sh): demo database" 0

C=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state = 'in_review'
       JOIN task j ON j.case_id = c.id AND j.item = 'JD' AND j.state = 'waiting'
       JOIN task s ON s.case_id = c.id AND s.item = 'SC' AND s.state = 'waiting' ORDER BY c.id DESC LIMIT 1")
N=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state = 'in_review'
       WHERE c.case_no <> '$C' AND (SELECT count(*) FROM task w WHERE w.case_id = c.id AND w.state = 'waiting') >= 1
       ORDER BY c.id DESC LIMIT 1")
cid=$(q "SELECT id FROM cases WHERE case_no = '$C'")

# decide_c: RD of C recognised on 2026-11-27 (JD starts that day)
decide_c() {
	as zhaolei task decide "$C" RD --outcome recognised --document-no "瑶人社工认字〔2026〕88号" --date 2026-11-27
	setup "RD of $C recognised"
}
# path_c: decide_c, then JD taken, extended once and graded 6 (SC starts)
path_c() {
	decide_c
	as zhoumin task take "$C" JD
	setup "JD of $C taken"
	as zhoumin task extend "$C" JD --reason "需补充专项检查"
	setup "JD of $C extended"
	as zhoumin task decide "$C" JD --outcome graded --grade 6 --document-no "皖劳鉴字〔2026〕2号"
	setup "JD of $C graded 6"
}
