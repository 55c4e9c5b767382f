#!/bin/sh
# tests/tui/form_injury.sh — a full injury case typed in the form with
# Chinese names, from an empty form to acceptance within the keystroke
# budget (60 keys beyond the text, counted from the form's start): the
# worker typed once, the checklist's greyed and waiting items, the merged
# materials, the case number, its tasks and the papers (the A4 PDF with the
# receipt's query code, whose hash is kept), paged to their end and back;
# Esc then gives a new form.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

open_form inj
nkeys=0

# ---- a full injury case to acceptance ----
k Right Tab                             # applicant type: worker, then name
t 张三
k Tab
t 340102198503121238
k Tab
t 13812345678
tabs 2                                  # past the relation: worker name
check "the worker's name, ID and phone are typed once" wait_for "$W" "male 1985-03-12"
tabs 6                                  # employer name
t 合肥某机械厂
k Tab
t 91110000100006485K
check "a long label keeps a gap before its value" wait_for "$W" "credit code +91110000100006485K"
tabs 6                                  # accident: kind, then date
t 2026-11-20
tabs 2
t 车间
tabs 3
t 操作机床时右手受伤
k Tab
t 右手
tabs 2
t 右手骨折
tabs 7                                  # the checklist
k Space Down Down Down Space Down Down Space
check "checklist: RD, YL, HS ticked" wait_for "$W" '\[x\] HS'
check "checklist: death items greyed with the reason" wait_for "$W" "GW .*death cases only"
check "checklist: YL waits for the RD decision" wait_for "$W" "YL .*waits for"
k PgDn
check "materials page: merged list" wait_for "$W" "M08 .*YL;HS"
check "materials page: M06 produced inside the bundle" wait_for "$W" "M06 .*produced"
k a F9
check "submit: accepted with a case number" wait_for "$W" "GS340102-20261128-0001 accepted"
check "submit: the papers are shown (the receipt first)" wait_for "$W" "收件凭证"
if [ "$nkeys" -le 60 ]; then pass "injury case in $nkeys keystrokes (<= 60)"; else fail "injury case within 60 keystrokes" "$nkeys keystrokes"; fi
expect_eq "injury: case accepted in the database" "$(sql "$T/f.db" "SELECT state FROM cases WHERE case_no='GS340102-20261128-0001'")" accepted
expect_eq "injury: tasks" "$(sql "$T/f.db" "SELECT group_concat(item || ':' || state, ' ') FROM (SELECT * FROM task WHERE case_id=1 ORDER BY id)")" \
	"RD:reviewing YL:waiting HS:waiting"
expect_eq "injury: worker name as typed" "$(sql "$T/f.db" "SELECT name FROM person WHERE id_number='340102198503121238'")" 张三
# the window's papers are the document engine's A4 PDF (issue 16), not a .txt
if [ -f "$T/notices/GS340102-20261128-0001-accepted.pdf" ]; then pass "injury: the papers' PDF written"; else fail "injury: the papers' PDF written" "$(ls -R "$T" 2>&1 | head)"; fi
qc=$(pdftotext "$T/notices/GS340102-20261128-0001-accepted.pdf" - 2>/dev/null | tr -d ' \n' | sed -n 's/.*查询密码\([0-9]\{6\}\).*/\1/p')
expect_eq "injury: the receipt carries the query code whose hash is kept" \
	"$(sql "$T/f.db" "SELECT query_hash FROM cases WHERE case_no='GS340102-20261128-0001'")" \
	"$(python3 -c 'import hashlib,sys; print("pbkdf2_sha256$10000$" + hashlib.pbkdf2_hmac("sha256", sys.argv[2].encode(), sys.argv[1].encode(), 10000).hex())' GS340102-20261128-0001 "${qc:-x}")"
# the notice is a text the list widget pages: Down past its end leaves the
# last page full, Home goes back to its first line
nlines() { screen "$W" | sed -n '3,22p' | grep -c '[^ ]'; }
full=$(nlines)
i=0
while [ $i -lt 12 ]; do
	tm send-keys -t "$W" Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down
	i=$((i + 1))
done
tm send-keys -t "$W" PgDn PgDn
sleep 1
if [ "$(nlines)" -ge 10 ]; then pass "Down past the notice's end: its last page stays full"; else fail "Down past the notice's end: its last page stays full" "$(nlines) of $full lines" "$(screen "$W")"; fi
k Home
check "Home: the notice's first line again (the receipt)" wait_for "$W" "收件凭证"
k Escape
check "a new form after the notice" wait_for "$W" "new application"
