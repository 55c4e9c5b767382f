# tests/lib_queue.sh — sourced by the tui/queue_*.sh suites after tests/lib.sh
# and tests/lib_tui.sh: the demo database of 300 cases (fixture demo300) as
# $T/q.db, q SQL, start NAME LOGIN [TERM] (the workstation in English as
# LOGIN, on F3, 100x30), keys and text (sent to the session W), CASE (the
# case-number pattern).  Acting as other logins needs root: the suites run
# under root_begin.
root_begin
fixture demo300 "$T/q.db"
rc=$?
expect_rc "$(basename "$0" .sh): demo database for the queues" 0
q() { sql "$T/q.db" "$1"; }

# start NAME LOGIN [TERM]: the workstation in English as LOGIN, on F3.
start() {
	name=$1
	term=${3:+TERM=$3 }
	tm new-session -d -s "$name" -x 100 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e YICI_USER="$2" \
		-e ASAN_OPTIONS=detect_leaks=0 "$term$YICI --lang en -d $T/q.db; echo \$? >$T/rc.$name"
	tm set-option -t "$name" remain-on-exit on >/dev/null 2>&1
	wait_for "$name" "F10" >/dev/null
	tm send-keys -t "$name" F3
	wait_for "$name" "Sort: " >/dev/null
}
keys() { tm send-keys -t "$W" "$@"; sleep 0.2; }
text() { tm send-keys -t "$W" -l "$1"; sleep 0.2; }
CASE='GS340102-[0-9]{8}-[0-9]{4}'
