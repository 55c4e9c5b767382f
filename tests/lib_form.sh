# tests/lib_form.sh — sourced by the form_*.sh TUI suites after
# tests/lib.sh and tests/lib_tui.sh: the combined form (F2) driven through
# tmux at 80x24.  It provides the database, $T/f.db, a copy of the new
# database of fixture init (no cases); start SESSION, the workstation in
# English opened on the form (a supervisor starts on the queues: F2), its
# exit status written to $T/rc.SESSION; open_form SESSION, start as W
# checked to show the form; the keys: k KEY... (counted in $nkeys: the
# issue allows 60 keystrokes beyond the text typed), tabs N, t TEXT (typed
# as is), settle; cursor and expect_cursor NAME X,Y (polled); $golden, the
# first page's golden screen (GENERATE=1 rewrites it); $base and $death,
# the injury and the death case of the form as `yici apply` fields
# (tests/lib.sh's injury_form and death_form; word-split on purpose, so
# each use disables SC2086), and the setup steps a file whose behaviour needs earlier state
# does at its top, by the command line, each a check named after its file:
#   form_case1      the injury case ($base, RD;YL;HS, every material
#                   received) submitted: case 1, GS340102-20261128-0001
#   form_draft2     a half-typed draft (李四, an ID failing its check digit)
#   form_death_case NO  the death case ($death, RD;FX, M11 by
#                   notice-commitment) submitted, accepted as case number NO
_fn=$(basename "$0" .sh)
golden=$top/tests/tui/form_page1.golden

fixture init "$T/f.db"
rc=$?
expect_rc "$_fn: database for the form" 0

# start SESSION: the workstation, its status in $T/rc.SESSION when it ends
start() {
	tm new-session -d -s "$1" -x 80 -y 24 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
		-e ASAN_OPTIONS=detect_leaks=0 "cd $T && $YICI --lang en -d $T/f.db; echo \$? >$T/rc.$1"
	tm set-option -t "$1" remain-on-exit on >/dev/null 2>&1
	# a supervisor starts on the queues: F2 opens the application form
	wait_for "$1" 'F2 '
	tm send-keys -t "$1" F2
}
# open_form SESSION: W is SESSION, started and checked to show the form
open_form() {
	W=$1
	start "$W"
	check "the workstation opens on the form" wait_for "$W" "Applicant type"
}
cursor() { tm display -p -t "$W" '#{cursor_x},#{cursor_y}'; }
# Keys are counted: the issue allows 60 keystrokes beyond the text typed.
nkeys=0
k() {
	for key in "$@"; do
		tm send-keys -t "$W" "$key"
		nkeys=$((nkeys + 1))
		sleep 0.05
	done
}
tabs() { i=0; while [ $i -lt "$1" ]; do k Tab; i=$((i + 1)); done; }
t() { tm send-keys -t "$W" -l "$1"; sleep 0.1; }
settle() { sleep 0.3; }
# expect_cursor NAME X,Y: the cursor gets there (polled: under load the
# keys may take longer than any fixed pause to be handled).
_cursor_at() { [ "$(cursor)" = "$1" ]; }
expect_cursor() { poll _cursor_at "$2"; expect_eq "$1" "$(cursor)" "$2"; }

W1=340102198503121238   # worker of the injury case
R1=340102198705121244   # the relative applying for the death case
W2=11010519491231002X   # worker of the death case
C1=91110000100006485K
C2=9144030071526726XG
base=$(injury_form $W1 张三)
death=$(death_form)

form_case1() {
	# shellcheck disable=SC2086
	run --lang en -d "$T/f.db" apply $base --items 'RD;YL;HS' --material all=received --submit
	expect_out "$_fn: setup the injury case stored" "^GS340102-20261128-0001 accepted$"
}
form_draft2() {
	run --lang en -d "$T/f.db" apply --field applicant.name=李四 --field applicant.id_number=340102198503121239
	expect_out "$_fn: setup the draft #2 saved" "^#2 draft$"
}
form_death_case() {
	# shellcheck disable=SC2086
	run --lang en -d "$T/f.db" apply $death --items 'RD;FX' --material all=received --material M11=committed --submit
	expect_out "$_fn: setup the death case stored" "^$1 accepted$"
}
