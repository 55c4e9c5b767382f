# tests/lib_case.sh — sourced by the case_*.sh suites after tests/lib.sh:
# the demo database of 300 cases with seed 7 (fixture demo300s7) as d.db,
# the shapes of a full and a masked ID and of a case number, and the case
# the show and find checks look at: the newest accepted case with a JD
# task ($no, its worker $worker and full ID $wid).
FULLID='[0-9]{17}[0-9X]'
MASK='[0-9]{6}\*{8}[0-9]{3}[0-9X]'
CASE='GS340102-[0-9]{8}-[0-9]{4}'

fixture demo300s7 d.db
rc=$?
expect_rc "$(basename "$0" .sh): demo database" 0

no=$(sql d.db "SELECT case_no FROM cases WHERE state = 'accepted' AND id IN (SELECT case_id FROM task WHERE item = 'JD') ORDER BY id DESC LIMIT 1")
worker=$(sql d.db "SELECT p.name FROM cases c JOIN person p ON p.id = c.worker_id WHERE case_no = '$no'")
wid=$(sql d.db "SELECT p.id_number FROM cases c JOIN person p ON p.id = c.worker_id WHERE case_no = '$no'")
