#!/bin/sh
# tests/tui/form_quit.sh — leaving the workstation from the form: Ctrl-C
# asks first (n stays), F10 quits with exit status 0.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

open_form quit

# ---- Ctrl-C asks, F10 quits ----
k C-c
check "Ctrl-C asks before leaving" wait_for "$W" "Leave yici\?"
k n
check "n: the question is gone, the form stays" wait_gone "$W" "Leave yici\?"
k F10
_quit_rc() { [ -s "$T/rc.$W" ]; }
poll _quit_rc
expect_eq "F10 quits with status 0" "$(cat "$T/rc.$W" 2>/dev/null)" 0
