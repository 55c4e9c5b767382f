#!/bin/sh
# tests/tui/form_help.sh — F1 on the form lists its keys from the action
# table at 80x24, inside the box: F9, Ctrl-S, the a key in full, the
# editing keys, down to the last (Esc) with F10 still named; F1 closes it.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

open_form help

# ---- F1 lists the keys from the action table ----
k F1
check "F1 help lists F9 submit" wait_for "$W" "F9 +Submit"
check "F1 help lists Ctrl-S" wait_for "$W" "Ctrl-S +Save as draft"
check "F1 help at 80x24 lists the last key of the form (Esc)" wait_for "$W" "│ *Esc +Back"
check "F1 help at 80x24 still names F10 inside the box" wait_for "$W" "│.*F10 +Quit"
check "F1 help names the a key in full" wait_for "$W" "commitment; a: all"
check "F1 help lists the editing keys" wait_for "$W" "│ *Home End +Start or end of the text"
check "F1 help lists Ctrl-K and Ctrl-U" wait_for "$W" "│ *Ctrl-K U +Delete to the end or \\(Ctrl-U\\) all"
k F1
check "F1 again: the help is closed, the form is back" wait_gone "$W" "Save as draft"
