#!/bin/sh
# tests/tui/clerk_colour.sh — the workstation as a clerk who uses it 40 times
# a day (issue 18): colour on a colour terminal; NO_COLOR (even
# empty) and --no-color give monochrome in every view.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_clerk.sh"

# ---- colour, NO_COLOR, --no-color ----
# colours: an SGR that sets a colour (30-37, 40-47, 90-97, 100-107, 38;5;N
# and 48;5;N, 38;2;R;G;B) anywhere on the screen
colours() {
	screen_e "$1" | grep -q "$ESC\[\([0-9;]*;\)\{0,1\}\(3[0-7]\|4[0-7]\|9[0-7]\|10[0-7]\|[34]8;[25];[0-9;]*\)m"
}
# every_view SESSION: F3, F4 (a case), F5, F8, F2 in turn, each screen
# with escapes appended to $T/views.SESSION
every_view() {
	: >"$T/views.$1"
	for v in "F3:Sort: " "F5:Search:" "Enter:Timeline" "F8:Outbox" "F2:Applicant type"; do
		tm send-keys -t "$1" "${v%%:*}"
		wait_for "$1" "${v#*:}" >/dev/null
		sleep 0.2
		screen_e "$1" >>"$T/views.$1"
	done
}
view_colours() { grep -q "$ESC\[\([0-9;]*;\)\{0,1\}\(3[0-7]\|4[0-7]\|9[0-7]\|10[0-7]\|[34]8;[25];[0-9;]*\)m" "$T/views.$1"; }
W=col
start $W "$me" "TERM=xterm-256color"
check "colour by default on a colour terminal" colours $W
every_view $W
check "colour by default: the views use it" view_colours $W
keys F10
for how in "NO_COLOR=1" "NO_COLOR=no" "--no-color"; do
	W=nocol$(printf '%s' "$how" | tr -dc 'a-z0-9')
	case $how in
	--*) start $W "$me" "TERM=xterm-256color" "$how" ;;
	*) start $W "$me" "$how TERM=xterm-256color" ;;
	esac
	check "$how: the workstation opens" wait_for $W "Queues"
	if colours $W; then fail "$how: monochrome" "$(screen_e $W | head -n 3 | cat -v)"; else pass "$how: monochrome"; fi
	check "$how: the bar is still marked (reverse video)" eval 'screen_e $W | tail -n 1 | grep -q "$ESC\[[0-9;]*7m"'
	every_view $W
	if view_colours $W; then
		fail "$how: no colour in F2, F3, F4, F5, F8" "$(grep "$ESC\[[0-9;]*\(3[0-7]\|4[0-7]\)m" "$T/views.$W" | head -n 3 | cat -v)"
	else
		pass "$how: no colour in F2, F3, F4, F5, F8"
	fi
	keys F10
done
# an empty NO_COLOR is not set (no-color.org)
W=nocolempty
start $W "$me" "NO_COLOR= TERM=xterm-256color"
check "NO_COLOR empty: colour" colours $W
keys F10
"$YICI" --lang en --help >"$T/help.out" 2>&1
check "--help names NO_COLOR and --no-color" eval 'grep -q "NO_COLOR" "$T/help.out" && grep -q -- "--no-color" "$T/help.out"'
check "--help gives the exit status of SIGTERM and SIGHUP" grep -q "exit 143, 129" "$T/help.out"

root_end
