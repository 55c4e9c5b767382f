#!/bin/sh
# tests/cli/exchange_results.sh — the CSV exchange (yici-exchange(5)): the
# import of results.csv: a decision applied (the task decided, an amount
# calc cannot check waiting for a second officer, its event), the bad rows
# rejected, skipped when imported again; a decision the back-office rules
# refuse names the column at fault.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# ---- results ----
results_csv
run --lang en -d x.db import results.csv
expect_rc "results: some rejected, exit 1" 1
expect_out "results: summary" "results.csv: read 4, applied 1, skipped 0 \(already present\), rejected 3"
expect_err "results: a case that does not exist" "results\.csv:3: case_no: no case GS340102-20260101-9999 in this database"
expect_eq "results: the task is decided" \
	"$(sql x.db "SELECT t.state || ' ' || t.amount_fen FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno' AND t.item = '$item'")" "decided 123456"
expect_eq "results: an amount task calc cannot check (HS: no days in the file) waits for a second officer" \
	"$(sql x.db "SELECT t.countersign || ' ' || (instr(t.override_reason, 'results.csv') > 0) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno' AND t.item = '$item'")" "pending 1"
expect_eq "results: its decided event" \
	"$(sql x.db "SELECT count(*) FROM event e JOIN task t ON t.id = e.task_id JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno' AND t.item = '$item' AND e.kind = 'decided'")" 1
run --lang en -d x.db import results.csv
expect_out "results again: skipped" "read 4, applied 0, skipped 1 \(already present\), rejected 3"
# a decision the back-office rules refuse names the column at fault
mkdir rfield
other=$(sql x.db "SELECT code FROM item WHERE category = 'agency' AND code NOT IN (SELECT t.item FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno') ORDER BY code LIMIT 1")
cat >rfield/results.csv <<EOF
result_id,case_no,item,decided_at,outcome,grade,care_level,amount_fen,document_no,officer,note
F-1,$cno,$item,2026-11-27,approved,,,,ZF-9,王芳,
F-2,$cno,RD,2026-11-27,recognised,,,,,王芳,
F-3,$cno,JD,2026-11-27,graded,,,,JD-9,王芳,
F-4,$cno,$item,2026-11-27,refused,,,,ZF-9,王芳,
F-5,$cno,JD,2026-11-27,no_grade,,2,,JD-9,王芳,
F-6,$cno,$item,2026-11-27,refused,,,500,ZF-9,王芳,不符合
F-7,$cno,$other,2026-11-27,approved,,,100,ZF-9,王芳,
EOF
run --lang en -d x.db import rfield/results.csv
expect_rc "results, fields: exit 1" 1
rej=$(rejects rfield/results.csv.rejects.csv)
expect_eq "results, fields: each reject names its column" "$rej" \
	"2:amount_fen 3:document_no 4:grade 5:note 6:care_level 7:amount_fen 8:item"
expect_err "results, fields: file:line: field: reason" "rfield/results\.csv:2: amount_fen: an approval needs the amount paid"
