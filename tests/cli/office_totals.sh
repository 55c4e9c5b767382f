#!/bin/sh
# tests/cli/office_totals.sh — the running queue totals (db/007's task_count)
# against a recount of the tasks after a decision with its activations, a
# take, a suspension and resumption, an extension, a delivery, a refusal
# closing waiting tasks and a race; queue --counts shows the same, and
# verify holds
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

path_c
as chenjing task deliver "$C" JD --method post --recipient "张三 EMS1234"
setup "JD of $C delivered"
as wugang task review "$C" SC
setup "SC of $C in review"
as zhoumin task reappraise "$C" JD
setup "JD of $C re-appraised (SC suspended)"
as zhoumin task suspend "$C" JD --reason judicial --note "等待劳动关系确认判决"
setup "JD of $C suspended"
as zhoumin task resume "$C" JD --confirmation "申请人2026-11-28电话确认收到判决"
setup "JD of $C resumed"
as sunli task decide "$N" RD --outcome not_recognised --document-no D9 --reason "不属于工作原因"
setup "RD of $N not recognised"
R=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state = 'in_review' ORDER BY c.id DESC LIMIT 1")
(YICI_USER=zhaolei "$YICI" --lang en -d o.db task decide "$R" RD --outcome recognised --document-no A1 >/dev/null 2>&1) &
(YICI_USER=sunli "$YICI" --lang en -d o.db task decide "$R" RD --outcome deemed --document-no B1 >/dev/null 2>&1) &
wait

# ---- the running queue totals (db/007) after the actions above ----
recount="SELECT category, state, coalesce(assignee, ''), coalesce(due_on, ''), count(*) FROM task
	WHERE state IN ('accepted', 'in_review', 'suspended', 'waiting', 'decided') GROUP BY 1, 2, 3, 4"
expect_eq "queue totals: nothing the tasks lack" "$(q "SELECT count(*) FROM (SELECT * FROM task_count EXCEPT $recount)")" 0
expect_eq "queue totals: nothing they miss" "$(q "SELECT count(*) FROM ($recount EXCEPT SELECT * FROM task_count)")" 0
as zhaolei queue --counts
for cw in admin:Administrative appraisal:Appraisal agency:Agency; do
	cat=${cw%%:*} word=${cw#*:}
	o=$(q "SELECT count(*) FROM task WHERE category = '$cat' AND state IN ('accepted', 'in_review', 'suspended')")
	s=$(q "SELECT count(*) FROM task WHERE category = '$cat' AND state = 'suspended'")
	w=$(q "SELECT count(*) FROM task WHERE category = '$cat' AND state = 'waiting'")
	r=$(q "SELECT count(*) FROM task WHERE category = '$cat' AND state = 'decided'")
	expect_out "queue --counts after the actions: $cat open, suspended, waiting, ready" \
		"^$word +$o +[0-9]+ +[0-9]+ +$s +$w +$r\$"
done
as "$me" verify
expect_rc "verify after every action: exit 0" 0
