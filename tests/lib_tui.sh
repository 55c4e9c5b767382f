# tests/lib_tui.sh — sourced by the TUI suites (tests/tui/*.sh) after
# tests/lib.sh: a private tmux server per suite, reading its screens, and
# polling them for up to TUI_POLLS tenths of a second (tests/lib.sh).
# W is the session a suite is driving; check and screen default to it.
# (the socket's name is _tui_sock, not a short name a suite may reuse: a
# suite that set S to a case number left its first server running)
_tui_sock=y$(basename "$0" .sh)$$
tm() { tmux -L "$_tui_sock" "$@"; }
trap 'tmux -L "$_tui_sock" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
ESC=$(printf '\033')

if ! command -v tmux >/dev/null 2>&1; then
	fail "tmux is installed" "tmux not found (make deps-test)"
	exit 0
fi

# screen [SESSION] / screen_e [SESSION]: the screen as text / with escapes.
screen() { tm capture-pane -p -t "${1:-$W}"; }
screen_e() { tm capture-pane -p -e -t "${1:-$W}"; }
# wait_for SESSION ERE: true as soon as a screen line matches ERE.
wait_for() { poll _tui_matches "$1" "$2"; }
# wait_gone SESSION ERE: true as soon as no screen line matches ERE.
wait_gone() { poll _tui_clear "$1" "$2"; }
_tui_matches() { screen "$1" 2>/dev/null | grep -Eq -- "$2"; }
_tui_clear() { ! _tui_matches "$1" "$2"; }
# check NAME COMMAND...: PASS when COMMAND succeeds, else FAIL with the screen
# of W (SKIP without running it between skip_begin and skip_end).
check() {
	if [ -n "$_skip_why" ]; then skip "$1" "$_skip_why"; return 0; fi
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "screen:" "$(screen "$W" 2>&1 | head -n 32)"; fi
}
