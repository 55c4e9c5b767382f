# tests/lib_clerk.sh — sourced by the clerk_*.sh TUI suites after
# tests/lib.sh and tests/lib_tui.sh: the demo database of 200 cases
# (fixture demo200) as $T/c.db, and start, the workstation in English in a
# tmux session as a login.  Every check of these suites acts as other
# logins (YICI_USER: root only), so this begins root_begin; each suite
# ends with root_end.
root_begin
me=$(id -un)

fixture demo200 "$T/c.db"
rc=$?
expect_rc "$(basename "$0" .sh): demo database for the clerk checks" 0
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
CASE='GS340102-[0-9]{8}-[0-9]{4}'
