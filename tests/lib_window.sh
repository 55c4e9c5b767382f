# tests/lib_window.sh — sourced by the window_*.sh suites after tests/lib.sh:
# the combined-service window from the command line.  The common start is
# w.db, a copy of the new database of fixture init (no cases); the people
# and employers of the forms; $base, the standard injury form (worker
# 张三 applying for himself) and $death, the standard death form (the
# spouse 李梅 of 王强); and the setup steps a file whose behaviour needs
# an earlier one does at its top, each a check named after its file:
#   window_case1       case 1 ($CASE1): $base with RD;YL;HS and every
#                      material received, submitted and accepted, its RD
#                      accepted by the office (its acceptance notice printed)
#   window_rd_decided  case 1's RD decided (recognised), as an officer would
# ($base and $death are word-split on purpose, so each use disables SC2086.)
_wn=$(basename "$0" .sh)

fixture init w.db
rc=$?
expect_rc "$_wn: init for the window" 0

W1=340102198503121238   # worker of the injury case
R1=340102198705121244   # a relative
W2=11010519491231002X   # worker of the death case
C1=91110000100006485K
C2=9144030071526726XG
base=$(injury_form $W1 张三)
death=$(death_form)
# the first case numbered on the new database
CASE1=GS340102-20261128-0001

# case_id CASE_NO: the id of the case of that number
case_id() { sql w.db "SELECT id FROM cases WHERE case_no = '$1'"; }

window_case1() {
	# shellcheck disable=SC2086
	run --lang en -d w.db apply $base --items 'RD;YL;HS' --material all=received --submit
	expect_out "$_wn: setup case 1 accepted" "^$CASE1 accepted$"
	run --lang en -d w.db task accept "$CASE1" RD
	expect_rc "$_wn: setup case 1's RD accepted by the office" 0
}
window_rd_decided() {
	sqlite_t w.db "UPDATE task SET state='decided', outcome='recognised', decided_on='2026-11-28'
		WHERE item='RD' AND case_id=(SELECT id FROM cases WHERE case_no='$CASE1')"
	expect_eq "$_wn: setup case 1's RD decided" \
		"$(sql w.db "SELECT t.state || ' ' || t.outcome FROM task t JOIN cases c ON c.id = t.case_id
			WHERE c.case_no='$CASE1' AND t.item='RD'")" "decided recognised"
}
