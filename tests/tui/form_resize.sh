#!/bin/sh
# tests/tui/form_resize.sh — resizing keeps what was typed: at 60x20 the
# form says the terminal is too small, back at 80x24 it is there again
# with the typed text.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

open_form size
k Tab
t 李四五
check "form_resize: setup the name typed" wait_for "$W" "Applicant name +李四五"

# ---- resize keeps what was typed ----
tm set-option -t $W window-size manual >/dev/null 2>&1
tm resize-window -t $W -x 60 -y 20
check "60x20: too small" wait_for "$W" "[Tt]oo small"
tm resize-window -t $W -x 80 -y 24
check "80x24 again: the form is back with the typed text" wait_for "$W" "李四五"
