#!/bin/sh
# tests/tui/frame.sh — the workstation frame, driven through tmux: the case
# list with masked ID numbers, the function-key bar and status line, moving
# and paging, F1 help, the too-small message on resize, F10, a vt100
# terminal, and the refusal of an unregistered user before curses starts.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"



"$YICI" -d "$T/d.db" init --demo 120 >/dev/null 2>&1
rc=$?
expect_rc "demo database for the TUI" 0
me=$(id -un)
myname=$(sql "$T/d.db" "SELECT name FROM staff WHERE login = '$me'")

# start NAME [TERM]: a new session running the workstation in English;
# its exit status lands in $T/rc.NAME.  (tmux overrides -e TERM=, so TERM
# is set in the command.)
start() {
	name=$1
	term=${2:+TERM=$2 }
	tm new-session -d -s "$name" -x 100 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
		-e ASAN_OPTIONS=detect_leaks=0 "$term$YICI --lang en -d $T/d.db; echo \$? >$T/rc.$name"
	tm set-option -t "$name" remain-on-exit on >/dev/null 2>&1
}
# wait_change SESSION OLD: polls up to TUI_POLLS tenths of a second until the (escaped) screen differs from OLD.
wait_change() {
	n=0
	while [ $n -lt "$TUI_POLLS" ]; do
		[ "$(screen_e "$1")" != "$2" ] && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
# The screen line number of the highlighted (reverse video) case row.
highlight() {
	screen_e "$1" | grep -n "GS[0-9]" | grep "$ESC\[\([0-9;]*;\)\{0,1\}7m" | head -n 1 | cut -d: -f1
}

CASE='GS340102-[0-9]{8}-[0-9]{4}'
MASK='[0-9]{6}\*{8}[0-9]{3}[0-9X]'
W=main
start $W
# a supervisor starts on the queues; the case list is the lookup (F5)
check "supervisor starts on the queues" wait_for $W "Queues"
tm send-keys -t $W F5

# ---- the case list ----
check "list: case numbers shown" wait_for $W "$CASE"
full_list() { [ "$(screen $W | grep -Ec "^ *$CASE")" -ge 20 ]; }
poll full_list # the list is painted row by row under valgrind
s=$(screen $W)
check "list: masked ID numbers" wait_for $W "$MASK"
if printf '%s\n' "$s" | grep -Eq '[0-9]{17}[0-9X]'; then
	fail "list: no full ID number on screen" "$(printf '%s\n' "$s" | grep -E '[0-9]{17}[0-9X]' | head -n 3)"
else
	pass "list: no full ID number on screen"
fi
nrows=$(printf '%s\n' "$s" | grep -Ec "^ *$CASE")
if [ "$nrows" -ge 20 ]; then pass "list: fills the screen ($nrows rows)"; else fail "list: fills the screen" "$nrows rows"; fi
nmask=$(printf '%s\n' "$s" | grep -E "^ *$CASE" | grep -Ec "$MASK")
expect_eq "list: every row's ID is masked" "$nmask" "$nrows"
bar=$(printf '%s\n' "$s" | sed -n 30p)
if printf '%s' "$bar" | grep -q 'F1 ' && printf '%s' "$bar" | grep -q 'F10 '; then
	pass "frame: function-key bar with F1 and F10 on the last line"
else
	fail "frame: function-key bar with F1 and F10 on the last line" "line 30: $bar"
fi
status=$(printf '%s\n' "$s" | sed -n 29p)
if printf '%s' "$status" | grep -q "${myname:-$me} (supervisor)"; then
	pass "frame: status line with the user and role"
else
	fail "frame: status line with the user and role" "line 29: $status" "expected '${myname:-$me} (supervisor)'"
fi

# ---- moving ----
h0=$(highlight $W)
before=$(screen_e $W)
tm send-keys -t $W Down
wait_change $W "$before"
h1=$(highlight $W)
if [ -n "$h0" ] && [ -n "$h1" ] && [ "$h1" -eq $((h0 + 1)) ]; then
	pass "Down moves the highlight one row"
else
	fail "Down moves the highlight one row" "highlighted line before '$h0', after '$h1'"
fi
first=$(screen $W | grep -Eo "$CASE" | sort)
top0=$(screen $W | grep -Eo "$CASE" | head -n 1)
tm send-keys -t $W NPage
wait_gone $W "$top0"
after=$(screen $W | grep -Eo "$CASE" | sort)
common=$(printf '%s\n%s\n' "$first" "$after" | sort | uniq -d | grep -c .)
nafter=$(printf '%s\n' "$after" | grep -c .)
if [ "$nafter" -ge 1 ] && [ "$common" -eq 0 ]; then
	pass "PgDn shows other case numbers"
else
	fail "PgDn shows other case numbers" "$nafter rows after, $common in common with the first page"
fi
tm send-keys -t $W PPage
check "PgUp returns to the newest cases" wait_for $W "$top0"

# ---- help ----
tm send-keys -t $W F1
check "F1 opens the help" wait_for $W "Keys of this view"
s=$(screen $W)
for k in PgDn PgUp Enter F10; do
	if printf '%s\n' "$s" | grep -Eq "[|│] *$k +[A-Z]"; then pass "help lists $k"; else fail "help lists $k" "$s"; fi
done
tm send-keys -t $W F1
check "F1 again closes the help" wait_gone $W "Keys of this view"
check "list back after help" wait_for $W "$CASE"
# at 80x24 in Chinese the queue's keys take two columns: a label too long
# for its column ends in … (cut by display columns), none stops short
tm new-session -d -s hz -x 80 -y 24 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
	-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
	-e ASAN_OPTIONS=detect_leaks=0 "$YICI --lang zh -d $T/d.db"
wait_for hz "F10" >/dev/null
tm send-keys -t hz F3
wait_for hz "GS340102" >/dev/null
# the office tabs in the reader's words, not their codes (admin, agency)
W=hz check "80x24 zh: the office tabs say 行政 (N), 鉴定 (N), 经办 (N)" \
	wait_for hz "^ 行政 \([0-9]+\) +鉴定 \([0-9]+\) +经办 \([0-9]+\) +主管"
tm send-keys -t hz F1
W=hz check "80x24 zh: F1 opens the help" wait_for hz "本界面的按键"
W=hz check "80x24 zh: a cut label in the left column ends in …" \
	wait_for hz "│ s +排序：办理期限、受理日期、… l "
W=hz check "80x24 zh: a cut label in the right column ends in …" \
	wait_for hz " v +开始审核（RD：可适用简易程… +│"
# ... and its key shows the whole label on the box's last line; the help
# stays open, and F1 closes it as before
tm send-keys -t hz v
W=hz check "80x24 zh: v in the help shows its whole label" \
	wait_for hz "─ v 开始审核（RD：可适用简易程序） "
W=hz check "80x24 zh: the help stays open after v" wait_for hz "本界面的按键"
tm send-keys -t hz F1
W=hz check "80x24 zh: F1 closes the help after v" wait_gone hz "本界面的按键"
tm kill-session -t hz
# at 80 columns in English the title drops its subtitle rather than cut the
# service centre's name; a line still too long ends in … (the case header)
tm new-session -d -s he -x 80 -y 24 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
	-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
	-e ASAN_OPTIONS=detect_leaks=0 "$YICI --lang en -d $T/d.db"
wait_for he "F10" >/dev/null
tm send-keys -t he F2
W=he check "80x24 en: the title keeps the centre's name whole" \
	wait_for he "^ yici 一次 · Application · 合肥市瑶海区政务服务中心 *$"
tm kill-session -t he

# ---- resize ----
tm set-option -t $W window-size manual >/dev/null 2>&1
tm resize-window -t $W -x 60 -y 20
check "60x20: too-small message names 80 and 24" wait_for $W "80.*24"
check "60x20: too-small message says too small" wait_for $W "[Tt]oo small"
s=$(screen $W)
if printf '%s\n' "$s" | grep -Eq "$CASE"; then fail "60x20: no case list" "$s"; else pass "60x20: no case list"; fi
tm resize-window -t $W -x 100 -y 30
check "100x30 again: case list back" wait_for $W "$CASE"
check "100x30 again: bar back" wait_for $W "F10 "
check "100x30 again: too-small message gone" wait_gone $W "[Tt]oo small"

# ---- the SMS outbox (F8) ----
tm send-keys -t $W F8
check "F8 opens the outbox" wait_for $W "Outbox"
check "outbox lists messages of cases" wait_for $W "^ $CASE .* (queued|exported) "
s=$(screen $W)
if printf '%s\n' "$s" | grep -Eq '[0-9]{17}[0-9X]'; then
	fail "outbox: no full ID number on screen" "$s"
else
	pass "outbox: no full ID number on screen"
fi
tm send-keys -t $W s
check "s shows only queued messages" wait_for $W "Showing: queued"
n=$(screen $W | grep -Ec "exported +$CASE")
expect_eq "outbox: no exported rows when showing queued" "$n" 0

# ---- quit ----
tm send-keys -t $W F10
# wait_exit NAME: polls up to TUI_POLLS tenths of a second for the exit status file; prints the status.
wait_exit() {
	n=0
	while [ $n -lt "$TUI_POLLS" ] && [ ! -s "$T/rc.$1" ]; do
		sleep 0.1
		n=$((n + 1))
	done
	cat "$T/rc.$1" 2>/dev/null
}
expect_eq "F10 quits with status 0" "$(wait_exit $W)" 0

# ---- a plain vt100 ----
W=vt
start $W vt100
tm send-keys -t $W F5
check "vt100: case list renders" wait_for $W "$CASE"
check "vt100: function-key bar" wait_for $W "F10 "
check "vt100: masked IDs" wait_for $W "$MASK"
h0=$(highlight $W)
if [ -n "$h0" ]; then pass "vt100: highlight in reverse video"; else fail "vt100: highlight in reverse video" "no reverse row"; fi
# vt100 has no colours: the title and the bar must fall back to reverse video.
if screen_e $W | grep -q "$ESC\[[0-9;]*4[0-7]m"; then
	fail "vt100: no colour escapes (TERM reached the program)" "$(screen_e $W | grep "$ESC\[[0-9;]*4[0-7]m" | head -n 2 | cat -v)"
else
	pass "vt100: no colour escapes (TERM reached the program)"
fi
if screen_e $W | sed -n 1p | grep -q "$ESC\[[0-9;]*7m"; then pass "vt100: title in reverse video"; else fail "vt100: title in reverse video" "$(screen_e $W | sed -n 1p | cat -v)"; fi
tm send-keys -t $W F10
expect_eq "vt100: F10 quits with status 0" "$(wait_exit $W)" 0

# ---- an unregistered user, without a terminal ----
root_begin
YICI_USER=nobody_here
export YICI_USER
run --lang en -d "$T/d.db" </dev/null
unset YICI_USER
expect_rc "unregistered user: exit 1" 1
expect_err "unregistered user: refusal names the login" "nobody_here"
expect_eq "unregistered user: curses never started (stdout empty)" "$out" ""
root_end
