#!/bin/sh
# tests/tui/form.sh — the combined form (F2) driven through tmux at 80x24:
# a full injury case typed with Chinese names to acceptance within the
# keystroke budget, Chinese text editing with cursor positions, live
# validation blocking submit, save as draft, a death case with
# notice-commitment, a deficient case supplemented later through F6, an
# online application opened from the intake list (F7), leaving with
# unsaved changes, resize, F1 help and a golden screen of the first page.
# GENERATE=1 rewrites the golden file.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"

golden=$top/tests/tui/form_page1.golden


"$YICI" -d "$T/f.db" init >/dev/null 2>&1
rc=$?
expect_rc "database for the form" 0

start() {
	tm new-session -d -s "$1" -x 80 -y 24 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
		-e ASAN_OPTIONS=detect_leaks=0 "cd $T && $YICI --lang en -d $T/f.db; echo \$? >$T/rc.$1"
	tm set-option -t "$1" remain-on-exit on >/dev/null 2>&1
	# a supervisor starts on the queues: F2 opens the application form
	n=0
	while [ $n -lt "$TUI_POLLS" ] && ! tm capture-pane -p -t "$1" 2>/dev/null | grep -q 'F2 '; do
		sleep 0.1
		n=$((n + 1))
	done
	tm send-keys -t "$1" F2
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

W=inj
start $W
check "the workstation opens on the form" wait_for "$W" "Applicant type"

# ---- golden screen of the empty first page (layout) ----
got=$(screen | sed -n '1,22p')
if [ -n "$GENERATE" ]; then
	printf '%s\n' "$got" >"$golden"
	pass "golden screen written"
elif [ -f "$golden" ] && [ "$got" = "$(cat "$golden")" ]; then
	pass "80x24 first page matches the golden screen"
else
	fail "80x24 first page matches the golden screen" "$(printf '%s\n' "$got" | diff "$golden" - 2>&1 | head -20)"
fi

# ---- Chinese text editing with the cursor ----
k Tab                                   # applicant name: label column 30
t 张三丰
settle
expect_cursor "cursor after 张三丰 is 6 columns into the field" "36,4"
k Left Left
settle
expect_cursor "Left, Left moves two columns per character" "32,4"
t X
settle
check "insertion between Chinese characters: 张X三丰" wait_for "$W" "张X三丰"
expect_cursor "cursor after X" "33,4"
k End
settle
expect_cursor "End after CJK text lands after the last glyph (not col 18+)" "37,4"
k Home DC
settle
check "Home, Delete removes the first character" wait_for "$W" "Applicant name +X三丰"
k End BSpace BSpace BSpace
settle
expect_cursor "Backspace deletes whole characters" "30,4"
t 张三
nkeys=0

# ---- a full injury case to acceptance ----
k BTab Right Tab Tab                    # applicant type: worker
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

# ---- type once: a known ID, the applicant being the worker ----
k Escape
check "a new form after the notice" wait_for "$W" "new application"
k Right Tab Tab                         # applicant type: worker
t 340102198503121238
k Tab
check "a known ID fills the applicant's name" wait_for "$W" "Applicant name +张三"
check "a known ID fills the applicant's phone" wait_for "$W" "Applicant phone +13812345678"
k PgDn
check "the applicant is the worker: the worker's name is filled too" wait_for "$W" "Worker name +张三"
check "the applicant is the worker: the worker's phone is filled too" wait_for "$W" "Worker phone +13812345678"
k Escape y

# ---- invalid input blocks submit; draft ----
k Escape
check "Esc after a notice: a new application" wait_for "$W" "new application"
k Tab
t 李四
k Tab
t 340102198503121239
settle
check "live validation: the error beside the ID field" wait_for "$W" "! .*check"
k F9
check "submit blocked: says how many problems" wait_for "$W" "problems, submit blocked"
check "submit blocked: the status line names the field by its label, not its key" \
	wait_for "$W" "submit blocked: Applicant [a-zA-Z ]+:( [a-z]|$)"
# (the folder goes first, then the file name, then who: the message stays whole)
check "a long database path gives way to the message" wait_for "$W" "(^ |\) · |f\.db · )[0-9]+ problems, submit blocked"
if screen "$W" | grep -qF "$T/"; then fail "the folder of the database is not on the status line" "$(screen "$W" | tail -n 2)"; else pass "the folder of the database is not on the status line"; fi
n=$(sql "$T/f.db" "SELECT count(*) FROM cases")
expect_eq "submit blocked: nothing stored" "$n" 1
k C-s
check "Ctrl-S saves a draft" wait_for "$W" "saved: draft #2"
expect_eq "draft stored with the half-valid ID" "$(sql "$T/f.db" "SELECT state || ' ' || (SELECT value FROM case_field WHERE case_id=2 AND key='applicant.id_number') FROM cases WHERE id=2")" \
	"draft 340102198503121239"
k BTab
t 五
k Escape
check "leaving with unsaved changes asks" wait_for "$W" "unsaved changes.*\(y/n\)"
k n
check "answering n keeps the form" wait_for "$W" "李四五"

# ---- resize keeps what was typed ----
tm set-option -t $W window-size manual >/dev/null 2>&1
tm resize-window -t $W -x 60 -y 20
check "60x20: too small" wait_for "$W" "[Tt]oo small"
tm resize-window -t $W -x 80 -y 24
check "80x24 again: the form is back with the typed text" wait_for "$W" "李四五"

# ---- F1 lists the keys from the action table ----
k F1
check "F1 help lists F9 submit" wait_for "$W" "F9 +Submit"
check "F1 help lists Ctrl-S" wait_for "$W" "Ctrl-S +Save as draft"
check "F1 help at 80x24 lists the last key of the form (Esc)" wait_for "$W" "│ *Esc +Back"
check "F1 help at 80x24 still names F10 inside the box" wait_for "$W" "│.*F10 +Quit"
check "F1 help names the a key in full" wait_for "$W" "commitment; a: all"
check "F1 help lists the editing keys" wait_for "$W" "│ *Home End +Start or end of the text"
check "F1 help lists Ctrl-K and Ctrl-U" wait_for "$W" "│ *Ctrl-K U +Delete to the end or \\(Ctrl-U\\) all"
k F1

# ---- a death case with notice-commitment ----
k Escape y
check "Esc + y: a clean form" wait_for "$W" "new application"
n=$(sql "$T/f.db" "SELECT count(*) FROM cases")
k C-r
check "Ctrl-R on an empty form: nothing to refuse" wait_for "$W" "nothing to refuse"
expect_eq "Ctrl-R on an empty form: no case stored" "$(sql "$T/f.db" "SELECT count(*) FROM cases")" "$n"
k Right Right Tab                       # applicant: relative
t 李梅
k Tab
t 340102198705121244
k Tab
t 13912345678
k Tab
t 配偶
k Tab
t 王强
k Tab
t 11010519491231002X
tabs 5
t 合肥某建筑公司
k Tab
t 9144030071526726XG
tabs 5
k Right Tab                              # kind: death
t 2026-11-10
tabs 2
t 工地
tabs 3
t 高处坠落
k Tab
t 头部
tabs 2
t 颅脑损伤
tabs 3
t 2026-11-11
tabs 4                                  # the checklist
k Space Down Down Down Down Down Down Down Down Down Down Down Down Down Space
check "death case: RD and FX ticked" wait_for "$W" '\[x\] FX'
k PgDn a
k Down Down Down Down Down Down Down Down c
settle
check "death case: M11 replaced by notice-commitment" wait_for "$W" "M11 .*\[commitment\]"
k F9
check "death case accepted" wait_for "$W" "GS340102-20261128-0002 accepted"
expect_eq "death case: M11 committed in the database" \
	"$(sql "$T/f.db" "SELECT status FROM case_material WHERE case_id=3 AND material='M11'")" committed

# ---- a deficient case, supplemented later ----
k Escape
k Right Tab
t 赵六
k Tab
t 340104199001013015
k Tab
t 13700000000
tabs 8
t 合肥某建筑公司
k Tab
t 9144030071526726XG
tabs 6
t 2026-11-25
tabs 2
t 仓库
tabs 3
t 搬运货物时扭伤
k Tab
t 腰部
tabs 2
t 腰椎间盘突出
tabs 7
k Space PgDn a Down Down m
settle
check "deficient: M03 marked missing" wait_for "$W" "M03 .*\[missing\]"
k F9
check "deficient: the one-time notice" wait_for "$W" "一次性告知书"
check "deficient: case number and state" wait_for "$W" "GS340102-20261128-0003 deficient"
expect_eq "deficient in the database" "$(sql "$T/f.db" "SELECT state FROM cases WHERE case_no='GS340102-20261128-0003'")" deficient
k Escape F6
check "F6 asks for the case" wait_for "$W" "Open case:"
k C-u
t GS340102-20261128-0003
k Enter
check "F6 opens the deficient case" wait_for "$W" "GS340102-20261128-0003 deficient"
check "the opened case keeps the typed name" wait_for "$W" "赵六"
k PgDn PgDn PgDn PgDn PgDn PgDn
check "materials of the opened case" wait_for "$W" "M03 .*\[missing\]"
k Down Down r F9
check "supplemented case accepted" wait_for "$W" "GS340102-20261128-0003 accepted"
expect_eq "supplemented: tasks created" "$(sql "$T/f.db" "SELECT count(*) FROM task WHERE case_id=(SELECT id FROM cases WHERE case_no='GS340102-20261128-0003')")" 1

# ---- an online application from the intake list ----
"$YICI" --lang en -d "$T/f.db" apply --online WEB-77 --field worker.name=钱七 \
	--field worker.id_number=340102198503121238 --items 'RD;YL' >/dev/null 2>&1
k Escape F7
check "F7: the intake list shows the online application" wait_for "$W" "WEB-77 .*钱七"
k Enter
check "the online application opens in the form" wait_for "$W" "online intake"
k Tab Tab Tab Tab Tab
check "prefilled: the worker's name" wait_for "$W" "钱七"

# ---- an imported application waits in the inbox until F7 opens it ----
mkdir -p "$T/in"
{ echo 'ext_id,submitted_at,kind,worker_name,worker_id_number,worker_phone,employer_name,employer_credit_code,accident_date,accident_place,description,items,materials,applicant_name,applicant_id_number,applicant_phone,applicant_relation'
  echo 'WS-T1,2026-11-20 09:00:00,injury,孙八,11010519491231002X,13800138000,合肥某某机械有限公司,91110000100006485K,2026-11-18,一号车间,操作车床时右手受伤,RD,M01,孙八,11010519491231002X,13800138000,本人'
} >"$T/in/applications.csv"
"$YICI" --lang en -d "$T/f.db" import "$T/in/applications.csv" >/dev/null 2>&1
expect_eq "import: the row waits in the inbox, no case yet" \
	"$(sql "$T/f.db" "SELECT count(*) FROM inbox WHERE ext_id = 'WS-T1' AND case_id IS NULL")/$(sql "$T/f.db" "SELECT count(*) FROM cases WHERE ext_id = 'WS-T1'")" "1/0"
k Escape F7
check "F7: the inbox row is listed first (the oldest submission)" wait_for "$W" "WS-T1 .*孙八"
k Enter
check "Enter opens it in the form as an online intake" wait_for "$W" "online intake"
expect_eq "opened: its case is written now, and the inbox row points at it" \
	"$(sql "$T/f.db" "SELECT count(*) FROM inbox i JOIN cases c ON c.id = i.case_id WHERE i.ext_id = 'WS-T1' AND c.state = 'intake'")" 1

# ---- Ctrl-C asks, F10 quits ----
k C-c
check "Ctrl-C asks before leaving" wait_for "$W" "Leave yici\?"
k n F10
n=0
while [ $n -lt "$TUI_POLLS" ] && [ ! -s "$T/rc.$W" ]; do sleep 0.1; n=$((n + 1)); done
expect_eq "F10 quits with status 0" "$(cat "$T/rc.$W" 2>/dev/null)" 0
