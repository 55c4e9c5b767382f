# tests/lib_acceptance.sh — sourced by the acceptance_*.sh suites after
# tests/lib.sh (issue 15; 160号 四(二), 工伤认定办法 §8): the demo database
# of 5 cases (fixture demo5, its staff) as a.db, acting as another login (as
# LOGIN ARGS..., in English; root only, so the suites run under root_begin),
# a task's state and columns (state CASE ITEM, col CASE ITEM COLUMN), and
# the window's application: form ID NAME prints its --field options, submit
# ID NAME ITEMS submits it with every material received (no: the case).
root_begin
as() { u=$1; shift; YICI_USER=$u; export YICI_USER; run --lang en -d a.db "$@"; unset YICI_USER; }
q() { sql a.db "$1"; }
state() { q "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }
col() { q "SELECT coalesce(t.$3, '') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }
# setup NAME: one setup step's exit status, as a check named after the file
setup() { expect_rc "$(basename "$0" .sh): setup $1" 0; }
# verify_db: the chain, the ledger and the task counts agree at the end
verify_db() {
	run --lang en -d a.db verify
	expect_rc "$(basename "$0" .sh): verify: the chain, the ledger and the task counts agree" 0
}

fixture demo5 a.db
rc=$?
expect_rc "$(basename "$0" .sh): init" 0
C1=91110000100006485K
form() { injury_form "$1" "$2"; }
submit() { # ID NAME ITEMS: sets no to the new case number
	# shellcheck disable=SC2046
	as chenjing apply $(form "$1" "$2") --items "$3" --material all=received --submit
	no=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p')
}
