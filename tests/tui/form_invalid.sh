#!/bin/sh
# tests/tui/form_invalid.sh — invalid input blocks submit: live validation
# beside the field, F9 refused with the count of problems and the field's
# label on the status line (a long database path giving way), nothing
# stored; Ctrl-S saves the half-valid form as a draft; leaving it with
# unsaved changes asks, and n keeps the form.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

# setup: the injury case stored (case 1: the draft is #2)
form_case1

open_form inv

# ---- invalid input blocks submit; draft ----
check "a new form: new application" wait_for "$W" "new application"
k Tab
t 李四
k Tab
t 340102198503121239
settle
check "live validation: the error beside the ID field" wait_for "$W" "! .*check"
k F9
check "submit blocked: says how many problems" wait_for "$W" "problems, submit blocked"
check "submit blocked: the status line names the field by its label, not its key" \
	wait_for "$W" "submit blocked: Applicant [a-zA-Z ]+:( [a-z]|$)"
# (the folder goes first, then the file name, then who: the message stays whole)
check "a long database path gives way to the message" wait_for "$W" "(^ |\) · |f\.db · )[0-9]+ problems, submit blocked"
if screen "$W" | grep -qF "$T/"; then fail "the folder of the database is not on the status line" "$(screen "$W" | tail -n 2)"; else pass "the folder of the database is not on the status line"; fi
n=$(sql "$T/f.db" "SELECT count(*) FROM cases")
expect_eq "submit blocked: nothing stored" "$n" 1
k C-s
check "Ctrl-S saves a draft" wait_for "$W" "saved: draft #2"
expect_eq "draft stored with the half-valid ID" "$(sql "$T/f.db" "SELECT state || ' ' || (SELECT value FROM case_field WHERE case_id=2 AND key='applicant.id_number') FROM cases WHERE id=2")" \
	"draft 340102198503121239"
k BTab
t 五
k Escape
check "leaving with unsaved changes asks" wait_for "$W" "unsaved changes.*\(y/n\)"
k n
check "answering n keeps the form" wait_for "$W" "李四五"
