#!/bin/sh
# tests/tui/clerk.sh — the workstation as a clerk who uses it 40 times a
# day (issue 18): SIGTERM and SIGHUP end it at once with the terminal
# restored (off the alternate screen, stty sane), a question open at the
# signal recording nothing; NO_COLOR and --no-color give monochrome; the
# lookup (F5) and "open a case" (F6) take every form on the citizen's
# slip; a prompt survives a resize with the function-key bar back; an
# assignment and a suspension ask, showing what they record (any key but
# y records nothing), and leave the cursor on their task.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"

# Every check here acts as other logins (YICI_USER: root only).
root_begin
me=$(id -un)

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
CASE='GS340102-[0-9]{8}-[0-9]{4}'

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

# ---- F5 and F6 take what the clerk has on paper ----
W1=340102198503121238
base="--field applicant.type=worker --field applicant.name=张三丰 --field applicant.id_number=$W1
 --field applicant.phone=13812345678 --field worker.name=张三丰 --field worker.id_number=$W1
 --field employer.name=合肥众诚机械有限公司 --field employer.credit_code=91110000100006485K --field employer.insured=1
 --field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window"
# shellcheck disable=SC2086
"$YICI" --lang en -d "$T/c.db" apply $base --items 'RD' --material all=received --submit >"$T/apply.out" 2>&1
NO=$(grep -Eo "$CASE" "$T/apply.out" | head -n 1)
expect_eq "a second case today: the slip says 0002" "$NO" "GS340102-20261128-0002"
# shellcheck disable=SC2086
"$YICI" --lang en -d "$T/c.db" apply --online WEB-7001 --submitted-at "2026-11-27 20:00" \
	--field worker.name=钱七 --field worker.id_number=11010519491231002X --items 'RD' >/dev/null 2>&1
ONLINE=$(q "SELECT id FROM cases WHERE ext_id = 'WEB-7001'")
[ -n "$ONLINE" ] || fail "the online application was stored" "no case with ext_id WEB-7001"

W=look
start $W chenjing
check "a clerk starts on the lookup" wait_for $W "Search:"
# find TEXT: types TEXT into the empty box and searches
find() { keys Escape; text "$1"; keys Enter; }
only() { screen $W | grep -E "^.$CASE" | grep -v "$1" | grep -q . && return 1; screen $W | grep -Eq "^.$1"; }
# found TEXT: the status line says TEXT matched, and only $NO is listed
found() { screen $W | grep -Fq "match '$1'" && only "$NO"; }
find "0002"
check "F5: the short number 0002 finds the case" poll found "0002"
find "20261128-0002"
check "F5: 20261128-0002 finds only that case" poll found "20261128-0002"
find "众诚"
check "F5: a two-character employer fragment (众诚) finds the case" poll found "众诚"
find "1238"
check "F5: the last four digits of the ID number" poll found "1238"
find "张三丰 121238"
check "F5: a name and the last six digits" poll found "张三丰 121238"
find "121238 张三丰"
check "F5: the digits first, then the name" poll found "121238 张三丰"
find "WEB-7001"
check "F5: the online application's id" wait_for $W "match 'WEB-7001' \(as online application id\)"
keys F10

W=six
start $W chenjing
keys F2
check "F2: the application form" wait_for $W "Applicant type"
keys F6
check "F6 asks for the case" wait_for $W "full or short"
if screen $W | tail -n 2 | grep -q "#"; then fail "F6: nothing pre-filled" "$(screen $W | tail -n 2)"; else pass "F6: nothing pre-filled"; fi
text "0002"
keys Enter
check "F6 0002: opens the case of the slip" wait_for $W "$NO"
keys F6
text "20261128-0002"
keys Enter
check "F6 20261128-0002: opens the case" wait_for $W "$NO"
keys F6
text "WEB-7001"
keys Enter
check "F6 WEB-7001: opens the online application" wait_for $W "#$ONLINE online intake"
keys F6
text "众诚"
keys Enter
check "F6 众诚: the one case of that employer opens" wait_for $W "$NO"
keys Escape
check "Esc: a new application, the case gone" wait_gone $W "$NO"
keys F6
text "1238"
keys Enter
check "F6 1238: the one case whose ID number ends so opens" wait_for $W "$NO"
keys F10

# ---- a prompt survives a resize: in place, the function-key bar back ----
W=rsz
start $W zhaolei
keys F3
check "F3 for an officer" wait_for $W "Sort: deadline"
keys d
check "d asks for the outcome" wait_for $W "RD: r recognised"
tm resize-window -t $W -x 120 -y 40
bottom() { [ "$(screen $W | wc -l)" -ge 40 ] && screen $W | sed -n 40p | grep -q "F10 Quit" && screen $W | sed -n 39p | grep -q "RD: r recognised"; }
check "after a resize the prompt is on the status line and the bar is back" poll bottom
rows_clean() { ! screen $W | grep -E "^. +$CASE" | grep -q "RD: r recognised"; }
check "after a resize the prompt sits over no task row" rows_clean
keys Escape
check "Esc: the prompt is gone" wait_for $W "cancelled: nothing changed"
tm resize-window -t $W -x 100 -y 30
keys F10

# ---- an assignment and a suspension ask, showing what they record; any
# key but y records nothing; the cursor stays on the task either way ----
S=$(q "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.item = 'RD' AND t.state = 'in_review' AND t.assignee = 'zhaolei' ORDER BY c.id LIMIT 1")
rd() { q "SELECT t.state || ' ' || t.assignee FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$S' AND t.item = 'RD'"; }
W=asg
start $W "$me"
keys F3
check "the supervisor's queues" wait_for $W "Sort: deadline"
keys /
text "$S"
keys Enter
sel_s() { screen_e $W | grep "$ESC\[[0-9;]*7m" | grep -q "$S .* RD "; }
check "the RD of $S is selected" poll sel_s
keys a
check "a asks for the login" wait_for $W "Assign to \(login\)"
text "sunli"
keys Enter
check "a: the question names the task and the assignee" wait_for $W "Assign $S RD to sunli\? \(y/n\)"
keys Enter
check "a, Enter: not recorded" wait_for $W "not recorded: nothing changed"
expect_eq "a, Enter: still zhaolei's" "$(rd)" "in_review zhaolei"
check "a, Enter: the cursor stays on the task" poll sel_s
keys a
text "sunli"
keys Enter
wait_for $W "Assign $S RD to sunli" >/dev/null
keys y
check "a, y: assigned" wait_for $W "$S RD: assigned"
expect_eq "a, y: sunli's now" "$(rd)" "in_review sunli"
check "a, y: the cursor stays on the task" poll sel_s
keys p
check "p asks why" wait_for $W "Suspend: j judicial"
keys j
text "等待劳动关系确认判决"
keys Enter
# (the question is wrapped over two lines, never cut)
check "p: the question names the task, the reason and the note" \
	wait_for $W "Suspend $S RD \(awaiting a judicial or administrative conclusion\): 等待劳动关系"
check "... and ends with (y/n)" wait_for $W "确认判决\? The deadline stops\. \(y/n\)"
keys q
check "p, q: not recorded (and q did not quit)" wait_for $W "not recorded: nothing changed"
expect_eq "p, q: still in review" "$(rd)" "in_review sunli"
check "p, q: the cursor stays on the task" poll sel_s
keys p j
text "等待劳动关系确认判决"
keys Enter
wait_for $W "Suspend $S RD" >/dev/null
keys y
check "p, y: suspended" wait_for $W "$S RD: suspended"
expect_eq "p, y: suspended in the database" "$(rd)" "suspended sunli"
check "p, y: the cursor stays on the task" poll sel_s
keys F10

# ---- refused because another changed it meanwhile: the cursor still
# stays on the task, wherever that change moved it in the list ----
# (a task's first change is not checked against others: its version
# starts at 0, which db_task reads as "no check"; so T2 is changed once
# before the workstation reads it)
W=meanwhile
start $W "$me"
keys F3
check "meanwhile: the supervisor's queues" wait_for $W "Sort: deadline"
rows=$(screen $W | grep -E "^. +$CASE +[^ ]+ +RD +in review " | head -n 2)
T1=$(printf '%s\n' "$rows" | sed -n 1p | grep -Eo "$CASE")
T2=$(printf '%s\n' "$rows" | sed -n 2p | grep -Eo "$CASE")
first_two() { screen $W | grep -E "^. +$CASE" | head -n 2 | grep -Eo "$CASE" | tr '\n' ' '; }
expect_eq "meanwhile: two RD in review head the list" "$(first_two)" "$T1 $T2 "
YICI_USER=$me "$YICI" -d "$T/c.db" task assign "$T2" RD sunli >/dev/null 2>&1
keys Home Down
sel_t2() { screen_e $W | grep "$ESC\[[0-9;]*7m" | grep -q "$T2 .* RD .*sunli"; }
check "meanwhile: the second is selected, sunli's" poll sel_t2
keys a
text "zhaolei"
keys Enter
check "meanwhile: the question is open" wait_for $W "Assign $T2 RD to zhaolei\?"
# another supervisor suspends it before the answer: it moves down the list
YICI_USER=$me "$YICI" -d "$T/c.db" task suspend "$T2" RD --reason judicial --note 另案 >/dev/null 2>&1
keys y
check "meanwhile: y is refused, naming the change" wait_for $W "$T2 RD was changed by .* meanwhile"
expect_eq "meanwhile: nothing assigned" \
	"$(q "SELECT t.state || ' ' || t.assignee FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$T2' AND t.item = 'RD'")" "suspended sunli"
check "meanwhile: the list has moved" eval '[ "$(first_two | cut -d" " -f2)" != "$T2" ]'
sel_t2s() { screen_e $W | grep "$ESC\[[0-9;]*7m" | grep -q "$T2 .* RD  *suspended"; }
check "meanwhile: the cursor stays on the task, now among the suspended" poll sel_t2s
keys F10
root_end
