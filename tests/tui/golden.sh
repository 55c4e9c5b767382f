#!/bin/sh
# tests/tui/golden.sh — a golden screen of every view (F2 application,
# its items and materials pages and its F7 intake list, F3
# queues and the supervisor's overview, F1 help, F4 case with each of its
# panes, F5 lookup, F8 outbox) at 80x24 and 120x40, in Chinese
# and in English, on a demo database with the clock pinned (issue 18).
# The database's folder is masked.  GENERATE=1 rewrites the files in
# tests/tui/golden/ (after a deliberate change of a view: look at the
# diff before committing it).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"

# The screens show the login "root" (the supervisor who made the demo):
# as root, or as an ordinary user in a user namespace acting as root.
root_begin
dir=$top/tests/tui/golden
YICI_USER=root "$YICI" -d "$T/g.db" init --demo 60 >/dev/null 2>&1
rc=$?
expect_rc "demo database for the golden screens" 0
# online applications waiting in the inbox, for F7 (the import writes
# nothing else: no case, so the other screens do not change)
cp "$top/tests/data/exchange/applications.csv" "$T/"
YICI_USER=root "$YICI" -d "$T/g.db" import "$T/applications.csv" >/dev/null 2>&1
expect_eq "the inbox of the golden screens" "$(sql "$T/g.db" "SELECT count(*) FROM inbox")" 3

# settled SESSION: the screen did not change for 0.3 s
settled() {
	a=$(screen "$1")
	sleep 0.3
	[ "$a" = "$(screen "$1")" ]
}
# shot NAME: compares (or writes) the screen of W as NAME
shot() {
	poll settled $W >/dev/null
	got=$(screen $W | sed "s|$T/|DIR/|g; s|  *\$||")
	f=$dir/$1.txt
	if [ -n "$GENERATE" ]; then
		printf '%s\n' "$got" >"$f"
		pass "golden $1 written"
	elif [ -f "$f" ] && [ "$got" = "$(cat "$f")" ]; then
		pass "golden $1"
	else
		fail "golden $1" "$(printf '%s\n' "$got" | diff "$f" - 2>&1 | head -n 24)"
	fi
}

# one idle session keeps the tmux server up between the workstations
tm new-session -d -s keep "sleep 600"
for lang in zh en; do
	for size in 80x24 120x40; do
		W=g$lang$size
		tm new-session -d -s $W -x "${size%x*}" -y "${size#*x}" -e LANG=C.UTF-8 \
			-e YICI_NOW="$YICI_NOW" -e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
			-e YICI_USER=root -e ASAN_OPTIONS=detect_leaks=0 -e TERM=xterm \
			"$YICI --lang $lang -d $T/g.db"
		wait_for $W "F10" >/dev/null
		k() { tm send-keys -t $W "$@"; }
		k F3
		wait_for $W "GS340102" >/dev/null
		shot "queue-$lang-$size"
		# F1: the keys of the view, drawn from its action table
		k F1
		wait_for $W "(Keys of this view|本界面的按键)" >/dev/null
		shot "help-$lang-$size"
		k F1
		wait_gone $W "(Keys of this view|本界面的按键)" >/dev/null
		# the supervisor's overview: the tab left of the first office
		k Left
		wait_for $W "(false commitments:|承诺不实：)" >/dev/null
		shot "supervisor-$lang-$size"
		k Right
		k F2
		wait_for $W "[*](Applicant type|申请人类型)" >/dev/null
		shot "form-$lang-$size"
		# the form's items page, after its five sections
		k NPage NPage NPage NPage NPage
		sleep 0.3
		shot "form-items-$lang-$size"
		# its materials page, of RD, YL and HS ticked (M06 is produced
		# inside the bundle)
		k Space Down Down Down Space Down Down Space
		wait_for $W '\[x\] HS' >/dev/null
		k NPage
		wait_for $W "M06 " >/dev/null
		shot "form-materials-$lang-$size"
		# F7, the online applications waiting: the ticks are unsaved,
		# so the form asks first
		k F7
		wait_for $W "(Leave it anyway|仍要离开吗)" >/dev/null
		k y
		wait_for $W "WS-3 " >/dev/null
		shot "intake-$lang-$size"
		k F5
		wait_for $W "GS340102" >/dev/null
		shot "lookup-$lang-$size"
		k Enter
		wait_for $W "(Tasks|事项)" >/dev/null
		shot "case-$lang-$size"
		# the case view's other panes (Tab)
		k Tab
		wait_for $W "(Result|结果)" >/dev/null
		shot "case-tasks-$lang-$size"
		k Tab
		wait_for $W "M01 " >/dev/null
		shot "case-materials-$lang-$size"
		k Tab
		wait_for $W "(no commitments, pushes|暂无告知承诺|Commitment |Push )" >/dev/null
		shot "case-followups-$lang-$size"
		k Tab
		k F8
		shot "outbox-$lang-$size"
		k F10
	done
done
root_end
