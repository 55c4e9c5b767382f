#!/bin/sh
# tests/tui/clerk_signals.sh — the workstation as a clerk who uses it 40 times
# a day (issue 18): SIGTERM and SIGHUP end it at once with the
# terminal restored (off the alternate screen, stty sane), a question open
# at the signal recording nothing.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_clerk.sh"

# ---- signals: SIGTERM and SIGHUP end it at once ----
# The workstation runs under a shell that writes its exit status and the
# terminal's settings after it; the signal goes to the workstation itself
# (the shell's child).  The third run is signalled while a confirmation
# waits for its answer: it ends, and nothing is recorded.
# sane FILE: stty -a's output with echo and canonical input on
sane() { grep -Eq '(^| )echo( |;|$)' "$1" && grep -Eq '(^| )icanon( |;|$)' "$1"; }
events() { q "SELECT count(*) FROM event"; }
for run in TERM HUP ask; do
	W=sig$run
	sig=$run
	l=SIG$run
	[ $run = ask ] && sig=TERM l="SIGTERM at a question"
	tm new-session -d -s $W -x 100 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e YICI_USER="$me" \
		-e ASAN_OPTIONS=detect_leaks=0 \
		"$YICI --lang en -d $T/c.db; echo \$? >$T/rc.$W; stty -a >$T/stty.$W 2>&1; sleep 30"
	wait_for $W "F10" >/dev/null
	if [ $run = ask ]; then
		n0=$(events)
		a0=$(q "SELECT group_concat(id || ':' || coalesce(assignee, '') || ':' || version) FROM task")
		tm send-keys -t $W F3
		wait_for $W "Sort: deadline" >/dev/null
		tm send-keys -t $W a
		wait_for $W "Assign to \(login\)" >/dev/null
		tm send-keys -t $W -l sunli
		tm send-keys -t $W Enter
		check "SIGTERM at a question: the question is open" wait_for $W "Assign .* to sunli\? \(y/n\)"
	fi
	kid=$(pgrep -P "$(pid_of $W)" | head -n 1)
	t0=$(date +%s%N)
	kill -s $sig "$kid"
	ended() { [ -s "$T/stty.$W" ]; }
	check "$l ends the workstation without a key" poll ended
	# 1 s; under valgrind (TUI_POLLS raised) as much longer as its polls
	ms=$((($(date +%s%N) - t0) / 1000000)) limit=$((TUI_POLLS * 20))
	if [ "$ms" -lt "$limit" ]; then pass "$l: at once (${ms} ms)"; else fail "$l: at once" "${ms} ms, not under $limit"; fi
	case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
	expect_eq "$l: exit status 128+signal" "$(cat "$T/rc.$W" 2>/dev/null)" "$want"
	# endwin() leaves the alternate screen: the shell's screen is back
	if screen_e $W | grep -q "F10"; then
		fail "$l: the terminal is restored" "$(screen $W | tail -n 3)"
	else
		pass "$l: the terminal is restored"
	fi
	expect_eq "$l: off the alternate screen" "$(tm display-message -p -t $W '#{alternate_on}')" 0
	check "$l: stty sane again (echo, icanon)" sane "$T/stty.$W"
	if [ $run = ask ]; then
		expect_eq "SIGTERM at a question: no event recorded" "$(events)" "$n0"
		expect_eq "SIGTERM at a question: no task changed" \
			"$(q "SELECT group_concat(id || ':' || coalesce(assignee, '') || ':' || version) FROM task")" "$a0"
	fi
done

root_end
