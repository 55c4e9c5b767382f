#!/bin/sh
# tests/tui/clerk.sh — the workstation as a clerk who uses it 40 times a
# day (issue 18): SIGTERM and SIGHUP end it at once with the terminal
# restored, NO_COLOR and --no-color give monochrome, the lookup (F5) and
# "open a case" (F6) take every form on the citizen's slip, a decision
# asks for confirmation and leaves the cursor on its task, a prompt
# survives a resize with the function-key bar back.
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
colours() { screen_e "$1" | grep -q "$ESC\[[0-9;]*\(3[0-7]\|4[0-7]\)m"; }
CASE='GS340102-[0-9]{8}-[0-9]{4}'

# ---- signals: SIGTERM and SIGHUP end it at once ----
# The workstation runs under a shell that writes its exit status; the
# signal goes to the workstation itself (the shell's child).
for sig in TERM HUP; do
	W=sig$sig
	tm new-session -d -s $W -x 100 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e YICI_USER="$me" \
		-e ASAN_OPTIONS=detect_leaks=0 "$YICI --lang en -d $T/c.db; echo \$? >$T/rc.$W; sleep 30"
	wait_for $W "F10" >/dev/null
	kid=$(pgrep -P "$(pid_of $W)" | head -n 1)
	kill -s $sig "$kid"
	ended() { [ -s "$T/rc.$W" ]; }
	check "SIG$sig ends the workstation without a key" poll ended
	case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
	expect_eq "SIG$sig: exit status 128+signal" "$(cat "$T/rc.$W" 2>/dev/null)" "$want"
	# endwin() leaves the alternate screen: the shell's screen is back
	if screen_e $W | grep -q "F10"; then
		fail "SIG$sig: the terminal is restored" "$(screen $W | tail -n 3)"
	else
		pass "SIG$sig: the terminal is restored"
	fi
done

# ---- colour, NO_COLOR, --no-color ----
W=col
start $W "$me" "TERM=xterm-256color"
check "colour by default on a colour terminal" colours $W
keys F10
W=nocol
start $W "$me" "NO_COLOR=1 TERM=xterm-256color"
if colours $W; then fail "NO_COLOR=1: monochrome" "$(screen_e $W | head -n 3 | cat -v)"; else pass "NO_COLOR=1: monochrome"; fi
check "NO_COLOR=1: the bar is still marked (reverse video)" eval 'screen_e $W | tail -n 1 | grep -q "$ESC\[[0-9;]*7m"'
keys F10
W=nocol2
start $W "$me" "TERM=xterm-256color" --no-color
check "--no-color: the workstation opens" wait_for $W "Queues"
if colours $W; then fail "--no-color: monochrome" "$(screen_e $W | head -n 3 | cat -v)"; else pass "--no-color: monochrome"; fi
keys F10

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
