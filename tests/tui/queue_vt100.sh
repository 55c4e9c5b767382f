#!/bin/sh
# tests/tui/queue_vt100.sh — F3 on a vt100: no colours, the '!' marker of overdue rows remains
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_queue.sh"

# ---- vt100: no colours, the markers remain ----
W=vt
start $W "$(id -un)" vt100
check "vt100: queue renders" wait_for $W "$CASE"
if screen $W | grep -Eq "^! +$CASE"; then pass "vt100: '!' marks overdue rows"; else fail "vt100: '!' marks overdue rows" "$(screen $W | head -n 12)"; fi
if screen_e $W | grep -q "$ESC\[[0-9;]*3[0-7]m"; then fail "vt100: no colour escapes" "$(screen_e $W | grep "$ESC\[[0-9;]*3[0-7]m" | head -n 2 | cat -v)"; else pass "vt100: no colour escapes"; fi
keys q
root_end
