#!/bin/sh
# tests/tui/pages.sh — the application's items and materials pages at
# 80x24 (issue 18): every item is reachable (the page scrolls, with a
# catalogue of 21 items; Up from the last row moves the selection, not the
# page), names are cut with "…" and the full name is on
# the status line, 联办内部产生 materials are rows Down stops on (marked,
# read-only), and an optional material not needed is not [缺件].
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"

# a catalogue with 7 more items than forms/ (Z1..Z7)
cp -r "$YICI_FORMS" "$T/forms"
# (each a copy of HS, whatever columns items.csv has)
last=$(tail -n 1 "$T/forms/items.csv" | cut -d, -f1)
for i in 1 2 3 4 5 6 7; do
	awk -F, -v OFS=, -v seq=$((last + i)) -v i=$i '$2 == "HS" { $1 = seq; $2 = "Z" i; $3 = "测试事项第" i "项名称"; print }' \
		"$YICI_FORMS/items.csv" >>"$T/forms/items.csv"
	for f in item_materials outcomes; do
		awk -F, -v OFS=, -v i=$i '$1 == "HS" { $1 = "Z" i; print }' "$YICI_FORMS/$f.csv" >>"$T/forms/$f.csv"
	done
done
"$YICI" --forms "$T/forms" -d "$T/p.db" init >/dev/null 2>"$T/init.err"
rc=$?
err=$(cat "$T/init.err")
expect_rc "a database with 21 items" 0
n=$(sql "$T/p.db" "SELECT count(*) FROM item" 2>/dev/null || echo 0)

W=pg
tm new-session -d -s $W -x 80 -y 24 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
	-e YICI_FORMS="$T/forms" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e ASAN_OPTIONS=detect_leaks=0 \
	"$YICI -d $T/p.db"
wait_for $W "F10" >/dev/null
keys() { tm send-keys -t "$W" "$@"; }
keys F2
check "F2: the form" wait_for $W "申请人类型"
keys NPage NPage NPage NPage NPage
check "the items page" wait_for $W "\[ \] RD 工伤认定申请"
i=1
while [ $i -lt 21 ]; do keys Down; i=$((i + 1)); done
check "80x24: the 21st item (Z7) is reachable" wait_for $W "\[ \] Z7 测试事项第7项名称"
sel_z7() { screen_e $W | grep "Z7" | grep -q "$ESC\[[0-9;]*7m"; }
check "80x24: ... and selected" poll sel_z7
check "the page says where it is (rows of 21)" wait_for $W "/21 *$"
keys Up
# the list scrolls the least: Up from the last row moves the selection,
# not the page (rows 3-21 stay, Z6 is selected)
sel_z6() { screen_e $W | grep "Z6" | grep -q "$ESC\[[0-9;]*7m"; }
check "Up from Z7: Z6 selected" poll sel_z6
check "... and the page stays: Z7 still shown" wait_for $W "\[ \] Z7 测试事项第7项名称"
check "... rows 3-21 of 21" wait_for $W " 3-21/21 *$"
keys Down
check "Down again: Z7 selected" poll sel_z7
keys Space
check "Space ticks Z7" wait_for $W "\[x\] Z7"
keys n # (Z7, a copy of HS, asks to tick RD too)
i=1
while [ $i -lt 21 ]; do keys Up; i=$((i + 1)); done
check "back up to RD: the page scrolls back" wait_for $W "\[ \] RD 工伤认定申请"
# SC's name is longer than its column: cut with … and shown whole on focus
i=1
while [ $i -lt 10 ]; do keys Down; i=$((i + 1)); done
check "a long name is cut with …" wait_for $W "SC 伤残待遇申领（[^ ]*… "
check "... and shown whole on the status line" wait_for $W "SC 伤残待遇申领（一次性伤残补助金、伤残津贴、生活护理费）"
if screen $W | grep -q "同意将办理结果共享给相关部 "; then fail "no label cut without a mark" "$(screen $W | grep 同意)"; else pass "no label cut without a mark"; fi

# the materials of JD (M06 认定工伤决定书 is produced by RD in the bundle)
i=1
while [ $i -lt 10 ]; do keys Up; i=$((i + 1)); done
keys Space Down Space
keys NPage
check "the materials page" wait_for $W "r 已收取"
check "produced rows are shown, marked" wait_for $W "M06 .*\[联办内部产生\]"
optional_ok() { ! screen $W | grep -E "^  M[0-9]+ " | grep -q "\[缺件\]"; }
check "optional materials not needed are not [缺件]" optional_ok
check "... they say [如需]" wait_for $W "^  M[0-9]+ .*\[如需\]"
# Down from the first row reaches M06: counting rows gives the right one
row_of() { screen $W | grep -n "$1" | head -n 1 | cut -d: -f1; }
first=$(screen $W | grep -nE "^ \*?M|^  M" | head -n 1 | cut -d: -f1)
m06=$(row_of "M06 ")
k=$((m06 - first))
i=0
while [ $i -lt $k ]; do keys Down; i=$((i + 1)); done
sel_m06() { screen_e $W | grep "M06 " | grep -q "$ESC\[[0-9;]*7m"; }
check "Down counts the produced row too: M06 selected after $k" poll sel_m06
keys r
check "r on it: says it is produced in the bundle" wait_for $W "M06 由本申请内部产生"
