#!/bin/sh
# tests/tui/lists.sh — the one list widget (src/ui_list.c, issue 18) in the
# views it serves, at 80x24: the outbox (F8) and the lookup (F5) move,
# turn the page and go to either end alike (Up, Down, PgDn, PgUp, Home,
# End; the lookup's with its box empty), a cell cut at the screen's edge
# ends in "…", Enter opens the row selected, and a resize keeps the
# selected row on the screen; the outbox searches as the text is typed
# (/, n); the online applications waiting (F7) scroll; the queue (F3)
# reads keyset pages and Down past its last task keeps the page full.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"

"$YICI" -d "$T/l.db" init --demo 120 >/dev/null 2>&1
rc=$?
expect_rc "demo database for the lists" 0

W=ls
tm new-session -d -s $W -x 80 -y 24 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
	-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e ASAN_OPTIONS=detect_leaks=0 \
	"$YICI --lang en -d $T/l.db"
tm set-option -t $W window-size manual >/dev/null 2>&1
wait_for $W "F10" >/dev/null
keys() { tm send-keys -t "$W" "$@"; }
CASE="GS[0-9]{6}-[0-9]{8}-[0-9]{4}"
# the highlighted (reverse video) line, as text
selected() { screen_e $W | grep "$ESC\[[0-9;]*7m" | grep -E "$CASE" | head -n 1 | sed "s/$ESC\[[0-9;]*m//g"; }
sel_has() { selected | grep -q -- "$1"; }

# ---- the outbox ----
sms() { sql "$T/l.db" "SELECT $1 FROM notice WHERE channel = 'sms' AND state IN ('queued', 'exported') ORDER BY id $2 LIMIT 1"; }
newest=$(sms created_at DESC)
oldest=$(sms created_at ASC)
nsms=$(sql "$T/l.db" "SELECT count(*) FROM notice WHERE channel = 'sms' AND state IN ('queued', 'exported')")
keys F8
check "F8: the outbox, the newest selected" poll sel_has "$newest"
if [ "${nsms:-0}" -le 18 ]; then fail "more messages than a screen" "$nsms"; fi
keys End
check "End: the oldest message selected" poll sel_has "$oldest"
check "End: ... on the last row line" eval 'screen $W | sed -n 21p | grep -Eq "^ $CASE .* $oldest\$"'
keys Home
check "Home: the newest again" poll sel_has "$newest"
first_page=$(screen $W | grep -Eo "$CASE" | sort)
keys NPage
turned() { [ -n "$(screen $W | grep -Eo "$CASE")" ] &&
	[ -z "$(printf '%s\n%s\n' "$first_page" "$(screen $W | grep -Eo "$CASE" | sort)" | sort | uniq -d)" ]; }
check "PgDn turns the page: no row of the first page is left" poll turned
row19=$(sql "$T/l.db" "SELECT created_at FROM notice WHERE channel = 'sms' AND state IN ('queued', 'exported') ORDER BY id DESC LIMIT 1 OFFSET 18")
check "PgDn: the selection moved a page (18 rows) with it" poll sel_has "$row19"
keys PPage
check "PgUp: back to the newest" poll sel_has "$newest"
keys Down Down
row3=$(sql "$T/l.db" "SELECT created_at FROM notice WHERE channel = 'sms' AND state IN ('queued', 'exported') ORDER BY id DESC LIMIT 1 OFFSET 2")
check "Down Down: the third" poll sel_has "$row3"
cut_msg() { screen $W | grep -E "^ $CASE +[a-z ]+… +[0-9]+ +[a-z]+ +[0-9-]+ [0-9:]+$" | grep -q .; }
check "a message kind cut in its column ends in …" poll cut_msg
check "... and the selected one is whole on the line below" wait_for $W "^您的"
# a resize: the selection stays shown
keys End
tm resize-window -t $W -x 80 -y 30
check "taller: the oldest still selected" poll sel_has "$oldest"
tm resize-window -t $W -x 80 -y 24
check "back to 24 lines: still selected" poll sel_has "$oldest"
keys F1
check "F1 lists Home and End" wait_for $W "End +Oldest message"
keys F1
# incremental search: / and the text; the selection jumps as it is typed
keys Home
phone=$(sql "$T/l.db" "SELECT recipient FROM notice WHERE channel = 'sms' AND state IN ('queued', 'exported') ORDER BY id DESC LIMIT 1 OFFSET 30")
keys /
check "/: the search starts" wait_for $W "search: type a case number, phone"
tm send-keys -t $W -l "$phone"
check "typing $phone: the 31st message selected (off the first page)" poll sel_has "$phone"
check "... the heading shows the search" wait_for $W "Showing: all · search: $phone"
keys Enter
keys Home n
check "n: the next match again" poll sel_has "$phone"
keys / 
tm send-keys -t $W -l "zzzq"
check "a text in no message says so" wait_for $W "'zzzq' is in no message shown"
keys Escape
check "Esc: the search is gone" wait_gone $W "search: zzzq"

# ---- the lookup: a window of the cases of its ids, read as it scrolls ----
keys F5
check "F5: the newest cases" wait_for $W "Case number +Worker"
top1=$(selected | grep -Eo "$CASE")
ncases=$(screen $W | grep -Ec "^.$CASE")
expect_eq "F5: 19 rows at 80x24" "$ncases" 19
emp_cut() { screen $W | grep -E "^.$CASE" | grep -q "… *$"; }
check "an employer cut at the edge ends in …" poll emp_cut
oldest_case=$(sql "$T/l.db" "SELECT case_no FROM cases WHERE case_no <> '' ORDER BY id ASC LIMIT 1")
keys End
check "End (empty box): the oldest case selected" poll sel_has "$oldest_case"
keys Home
check "Home (empty box): the newest again" poll sel_has "$top1"
keys End Up
moved_up() { above=$(selected | grep -Eo "$CASE"); [ -n "$above" ] && [ "$above" != "$oldest_case" ] && [ "$above" != "$top1" ]; }
check "End Up: the one before the oldest" poll moved_up
keys Enter
check "Enter opens the selected case ($above)" wait_for $W "^ $above "
# the case view's panes are the widget as a pager: a pane that fits
# does not scroll
keys Tab Tab
check "Tab Tab: the materials pane" wait_for $W "^ M[0-9]+ "
nm=$(screen $W | grep -c "^ M[0-9]* ")
firstm=$(screen $W | grep "^ M[0-9]* " | head -n 1)
keys NPage
sleep 0.5
expect_eq "PgDn on a pane that fits: every material still shown" "$(screen $W | grep -c "^ M[0-9]* ")" "$nm"
check "... the first one too" wait_for $W "^$firstm\$"
keys Down
sleep 0.3
expect_eq "Down on it: nothing scrolls" "$(screen $W | grep -c "^ M[0-9]* ")" "$nm"
keys F5
check "F5 again" wait_for $W "Case number +Worker"
page1=$(screen $W | grep -Eo "$CASE")
keys NPage
wait_gone $W "$top1" >/dev/null
page2=$(screen $W | grep -Eo "$CASE")
keys NPage
wait_gone $W "$(printf '%s\n' "$page2" | head -n 1)" >/dev/null
want2=$(screen $W | sed -n 4p | grep -Eo "$CASE")
expect_eq "PgDn PgDn: two pages on, the selection on the first row" "$(selected | grep -Eo "$CASE")" "$want2"
common=$(printf '%s\n%s\n%s\n' "$page1" "$page2" "$(screen $W | grep -Eo "$CASE")" | sort | uniq -d | grep -c .)
expect_eq "... three pages of 19 cases, none twice" "$common" 0
tm resize-window -t $W -x 80 -y 30
check "taller: the same case still selected" poll sel_has "$want2"
tm resize-window -t $W -x 80 -y 24

# ---- the online applications waiting (F2, F7): more than a screen ----
i=1
while [ $i -le 25 ]; do
	"$YICI" -d "$T/l.db" apply --online "WEB-$i" --field "worker.name=网申$i" \
		--field worker.id_number=340102198503121238 --items RD >/dev/null 2>&1
	i=$((i + 1))
done
keys F2
check "F2: the form" wait_for $W "Applicant type"
keys F7
check "F7: the intake list" wait_for $W "Online id +Submitted"
nweb=$(screen $W | grep -c "^ WEB-")
expect_eq "F7: 20 rows at 80x24" "$nweb" 20
first_web=$(screen $W | sed -n 3p | grep -o "WEB-[0-9]*")
sixth_web=$(screen $W | sed -n 8p | grep -o "WEB-[0-9]*")
i=1
while [ $i -lt 25 ]; do keys Down; i=$((i + 1)); done
# (polled until the 24th Down is drawn: the 6th row on top, the 25th selected)
sel_web() { screen_e $W | sed -n 22p | grep "$ESC\[[0-9;]*7m" | grep -q "WEB-" &&
	[ "$(screen $W | sed -n 3p | grep -o "WEB-[0-9]*")" = "$sixth_web" ]; }
check "Down to the 25th: the list scrolls, the selected row is on its last line" poll sel_web
last=$(screen $W | sed -n 22p | grep -o "WEB-[0-9]*")
check "... the 25th row: $first_web is scrolled off" wait_gone $W "^ $first_web "
keys Enter
check "Enter opens it ($last)" wait_for $W "$last.*online intake|online intake.*$last|#[0-9]+ online intake"
keys Tab Tab Tab Tab Tab
check "... its worker" wait_for $W "网申${last#WEB-}( |$)"

# ---- the queue (F3): keyset pages of the delivered admin tasks ----
ndel=$(sql "$T/l.db" "SELECT count(*) FROM task WHERE category = 'admin' AND state = 'delivered'")
keys F3
check "F3: the queues" wait_for $W "Sort: deadline"
keys f f f f f f
check "f x6: the delivered tasks" wait_for $W "State: delivered"
if [ "${ndel:-0}" -le 17 ]; then fail "more delivered admin tasks than a page" "$ndel"; fi
nq() { screen $W | grep -Ec "^. +$CASE"; }
expect_eq "a full page: 17 rows at 80x24" "$(nq)" 17
i=0
while [ $i -lt 10 ]; do keys NPage; i=$((i + 1)); done
keys PPage
i=0
while [ $i -lt 30 ]; do keys Down; i=$((i + 1)); done
sel_last_line() { screen_e $W | sed -n 22p | grep -q "$ESC\[[0-9;]*7m"; }
check "Down to the last task: selected on the list's last line" poll sel_last_line
expect_eq "Down past the last task: the page stays full" "$(nq)" 17
keys Home
check "Home: the first page again" eval '[ "$(nq)" = 17 ]'

keys F10
