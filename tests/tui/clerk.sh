#!/bin/sh
# tests/tui/clerk.sh — the workstation as a clerk who uses it 40 times a
# day (issue 18): SIGTERM and SIGHUP end it at once with the terminal
# restored, NO_COLOR and --no-color give monochrome, the lookup (F5) and
# "open a case" (F6) take every form on the citizen's slip, a decision
# asks for confirmation and leaves the cursor on its task, a prompt
# survives a resize with the function-key bar back.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"

if [ "$(id -u)" -ne 0 ]; then
	pass "clerk screen checks skipped (not root: YICI_USER not honoured)"
	exit 0
fi

"$YICI" -d "$T/c.db" init --demo 200 >/dev/null 2>&1
rc=$?
expect_rc "demo database for the clerk checks" 0
q() { sql "$T/c.db" "$1"; }

# start NAME LOGIN [EXTRA-ENV] [ARGS]: the workstation in English as LOGIN.
start() {
	name=$1
	tm new-session -d -s "$name" -x "${COLS:-100}" -y "${ROWS:-30}" -e LANG=C.UTF-8 \
		-e YICI_NOW="$YICI_NOW" -e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
		-e YICI_USER="$2" -e ASAN_OPTIONS=detect_leaks=0 \
		"$3 exec $YICI --lang ${LANGUAGE_ARG:-en} -d $T/c.db $4"
	tm set-option -t "$name" remain-on-exit on >/dev/null 2>&1
	wait_for "$name" "F10" >/dev/null
}
keys() { tm send-keys -t "$W" "$@"; }
text() { tm send-keys -t "$W" -l "$1"; }
pid_of() { tm display-message -p -t "$1" '#{pane_pid}'; }
dead() { [ "$(tm display-message -p -t "$1" '#{pane_dead}')" = 1 ]; }
status_of() { tm display-message -p -t "$1" '#{pane_dead_status}'; }
colours() { screen_e "$1" | grep -q "$ESC\[[0-9;]*\(3[0-7]\|4[0-7]\)m"; }
CASE='GS340102-[0-9]{8}-[0-9]{4}'

# ---- signals: SIGTERM and SIGHUP end it at once ----
for sig in TERM HUP; do
	W=sig$sig
	start $W root
	kill -s $sig "$(pid_of $W)"
	check "SIG$sig ends the workstation without a key" poll dead $W
	st=$(status_of $W)
	case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
	expect_eq "SIG$sig: exit status 128+signal" "$st" "$want"
	# endwin() leaves the alternate screen: the shell's screen is back
	if screen_e $W | grep -q "F10"; then
		fail "SIG$sig: the terminal is restored" "$(screen $W | tail -n 3)"
	else
		pass "SIG$sig: the terminal is restored"
	fi
done

# ---- colour, NO_COLOR, --no-color ----
W=col
start $W root "TERM=xterm-256color"
check "colour by default on a colour terminal" colours $W
keys F10
W=nocol
start $W root "NO_COLOR=1 TERM=xterm-256color"
if colours $W; then fail "NO_COLOR=1: monochrome" "$(screen_e $W | head -n 3 | cat -v)"; else pass "NO_COLOR=1: monochrome"; fi
check "NO_COLOR=1: the bar is still marked (reverse video)" eval 'screen_e $W | tail -n 1 | grep -q "$ESC\[[0-9;]*7m"'
keys F10
W=nocol2
start $W root "TERM=xterm-256color" --no-color
check "--no-color: the workstation opens" wait_for $W "Queues"
if colours $W; then fail "--no-color: monochrome" "$(screen_e $W | head -n 3 | cat -v)"; else pass "--no-color: monochrome"; fi
keys F10
