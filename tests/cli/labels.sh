#!/bin/sh
# tests/cli/labels.sh — one label per code, in the user's language (issue
# 18): task show prints states, offices, suspension reasons, outcomes and
# day kinds as words, not codes; a task action's success line and the
# window's (apply, withdraw) are in the user's language; an outcome has one label in task show and case show.
. "$(dirname "$0")/../lib.sh"

# Every check here acts as other logins (YICI_USER: root only).
root_begin
me=$(id -un)
fixture demo200 l.db
rc=$?
expect_rc "demo database for the labels" 0
q() { sql l.db "$1"; }
as() { u=$1; shift; YICI_USER=$u; export YICI_USER; run -d l.db "$@"; unset YICI_USER; }

# a suspended task: state and reason as words
set -- $(q "SELECT c.case_no || ' ' || t.item FROM task t JOIN cases c ON c.id = t.case_id WHERE t.state = 'suspended' ORDER BY t.id LIMIT 1")
run -d l.db task show "$1" "$2"
expect_out "task show: 状态 已中止 (a label, not the code)" "^状态 +已中止$"
if printf '%s\n' "$out" | grep -Eq "suspended|reconsideration|judicial|\(中止\)"; then
	fail "task show: no state or reason code in the Chinese text" "$out"
else
	pass "task show: no state or reason code in the Chinese text"
fi

# an admin task: 科室 行政; its days 自然日 in words
set -- $(q "SELECT c.case_no || ' ' || t.item || ' ' || t.assignee FROM task t JOIN cases c ON c.id = t.case_id WHERE t.category = 'admin' AND t.state = 'in_review' AND t.item = 'RD' ORDER BY t.id LIMIT 1")
run -d l.db task show "$1" "$2"
expect_out "task show: 科室 行政" "^科室 +行政$"
expect_out "task show: the promise in words (承诺 40 日（自然日）, not 40+0)" "；承诺 [0-9]+ 日（自然日）"
if printf '%s\n' "$out" | grep -Eq "[0-9]\+[0-9]"; then fail "task show: no N+M days" "$out"; else pass "task show: no N+M days"; fi
if printf '%s\n' "$out" | grep -Eq "calendar|working|admin"; then
	fail "task show: no day-kind or office code" "$out"
else
	pass "task show: no day-kind or office code"
fi
in_review=$(printf '%s\n' "$out" | grep -c "审核中")
expect_eq "task show: in review as 审核中" "$in_review" 1

# the success line of an action in the user's language
as "$3" task decide "$1" RD --outcome recognised --document-no "瑶人社工认字〔2026〕201号"
expect_rc "decide: exit 0" 0
expect_eq "decide: the success line in Chinese" "$out" "$1 RD 已决定"
as "$3" task show "$1" RD --lang en
expect_out "the same in English" "^state +decided$"

# the window's result lines too: "#N 草稿", the code only in English
run -d l.db apply --field worker.name=张三
expect_rc "apply: a draft, exit 0" 0
expect_out "apply: the result line in Chinese (#N 草稿)" "^#[0-9]+ 草稿$"
run --lang en -d l.db apply --field worker.name=李四
expect_out "apply: the state code in English, what a script reads" "^#[0-9]+ draft$"
draft=$(printf '%s\n' "$out" | cut -d' ' -f1)
run -d l.db refuse "$draft" --reason 不属于本中心管辖
expect_rc "refuse: exit 0" 0
expect_out "refuse: the result line in Chinese (不予受理, not not_accepted)" "^GS[0-9-]+ 不予受理$"

# no_grade: one label in task show and case show
C=$(q "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.outcome = 'no_grade' ORDER BY t.id LIMIT 1")
run -d l.db task show "$C" JD
t_label=$(printf '%s\n' "$out" | sed -n 's/^决定 *\([^ ]*\) .*/\1/p')
run -d l.db case show "$C"
c_label=$(printf '%s\n' "$out" | grep -E "^JD " | head -n 1 | awk '{print $NF}')
expect_eq "no_grade: task show says 未达十级伤残" "$t_label" "未达十级伤残"
expect_eq "no_grade: case show says the same" "$c_label" "$t_label"

# ---- no code left in the Chinese case view and staff list ----
# a suspended task: the pause line names its reason in words
S=$(q "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id JOIN task_pause p ON p.task_id = t.id WHERE p.to_on IS NULL AND p.reason = 'reconsideration' ORDER BY t.id LIMIT 1")
run -d l.db case show "$S"
expect_out "case show (zh): the pause's reason in words" "^  \| [A-Z]{2} 已中止 行政复议 20[0-9-]+ – （仍在中止）"
if printf '%s\n' "$out" | grep -Eq "reconsideration|中止："; then
	fail "case show (zh): no reason code, the demo's detail as task suspend writes it" "$(printf '%s\n' "$out" | grep -E "reconsideration|中止：")"
else
	pass "case show (zh): no reason code, the demo's detail as task suspend writes it"
fi
expect_eq "the demo's suspension detail is codes and values (REASON: NOTE)" \
	"$(q "SELECT count(*) FROM event WHERE kind = 'suspended' AND detail NOT GLOB '[a-z]*: *' AND detail <> 'reappraisal'")" 0
# a delivery: the method in words, in each language
D=$(q "SELECT c.case_no || ' ' || t.item FROM task t JOIN cases c ON c.id = t.case_id WHERE t.state = 'decided' ORDER BY t.id LIMIT 1")
YICI_USER=chenjing; export YICI_USER
run -d l.db task deliver ${D% *} ${D#* } --method window --recipient 本人
unset YICI_USER
expect_rc "deliver at the window: exit 0" 0
run -d l.db case show "${D% *}"
expect_out "timeline (zh): the delivery in words" "已送达 +窗口领取，签收人 本人$"
run --lang en -d l.db case show "${D% *}"
expect_out "timeline (en): the delivery in words" "delivered +at the window, to 本人$"
run -d l.db staff list
expect_out "staff list (zh): the categories in words" "^hemei +何梅 +审核员 +经办 "
if printf '%s\n' "$out" | grep -Eq " (admin|appraisal|agency) "; then
	fail "staff list (zh): no category code" "$(printf '%s\n' "$out" | grep -E " (admin|appraisal|agency) ")"
else
	pass "staff list (zh): no category code"
fi

# task show names the assignee as the case view does: 何梅 (hemei)
T1=$(q "SELECT c.case_no || ' ' || t.item FROM task t JOIN cases c ON c.id = t.case_id WHERE t.assignee = 'hemei' ORDER BY t.id LIMIT 1")
run -d l.db task show ${T1% *} ${T1#* }
expect_out "task show: the assignee by name and login" "^承办人 +何梅 \(hemei\)$"
