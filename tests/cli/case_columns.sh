#!/bin/sh
# tests/cli/case_columns.sh — the cases' columns, one table for list, find and F5: a long name
# cut with … in the table, whole in the CSV, on a demo database
# with the clock pinned.  Checks structure and key values, not whole outputs.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_case.sh"

# setup: the case the evaluation checks rate (accepted, something delivered)
no=$(sql d.db "SELECT case_no FROM cases c WHERE state = 'accepted' AND EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.delivered_on IS NOT NULL) ORDER BY id DESC LIMIT 1")

# ---- the cases' columns: one table for list, find and F5 ----
# a name wider than its column is cut with "…" (as on the screen), never
# silently; the CSV has it whole
sql d.db "UPDATE cases SET worker_name = '欧阳东方明珠' WHERE case_no = '$no'"
run --lang en -d d.db case find "$no"
expect_out "find: a long worker name cut with …" "^$no +欧阳东方… "
expect_out "find: the table's heading from the column table" "^Case number +Worker +ID number +Kind +Channel +Accepted +State +Employer$"
run --lang en -d d.db case find "$no" --format csv
expect_out "find csv: the name whole" "\"欧阳东方明珠\""
