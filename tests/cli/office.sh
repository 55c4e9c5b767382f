#!/bin/sh
# tests/cli/office.sh — the back offices from the command line: yici queue
# (rows, filters, counts, supervisor figures, CSV), yici task (take, assign,
# review and the simple track, decide with linked activation and closure,
# suspend/resume with the paused clock, extend once, deliver, reappraise,
# calc), yici report, and every refusal: wrong office, wrong role, wrong
# state, malformed values, an unknown login, a stale version and two
# officers racing.  A refusal changes nothing and exits 1; usage errors 2.
. "$(dirname "$0")/../lib.sh"

# Every check here acts as other logins (YICI_USER: root only).
root_begin
me=$(id -un)
# as LOGIN ARGS...: runs yici as another login, in English.
as() { u=$1; shift; YICI_USER=$u; export YICI_USER; run --lang en -d o.db "$@"; unset YICI_USER; }
q() { sql o.db "$1"; }
nev() { q "SELECT count(*) FROM event"; }
# state CASE ITEM
state() { q "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }
col() { q "SELECT coalesce(t.$3, '') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }

"$YICI" -d o.db init --demo 300 >/dev/null 2>&1
rc=$?
expect_rc "demo database" 0

# ---- queue ----
as zhaolei queue --category admin
expect_rc "queue admin: exit 0" 0
expect_out "queue: header" "^Case number +Worker +Item +State +Accepted +Deadline +Left +Assignee"
nrd=$(printf '%s\n' "$out" | grep -c '^GS[0-9-]* .* RD ')
nall=$(printf '%s\n' "$out" | grep -c '^GS')
if [ "$nall" -ge 5 ] && [ "$nrd" = "$nall" ]; then pass "queue admin: only RD rows ($nall)"; else fail "queue admin: only RD rows" "$nrd of $nall"; fi
want=$(q "SELECT count(*) FROM task WHERE category = 'admin' AND state IN ('accepted', 'in_review', 'suspended')")
expect_eq "queue admin: every open admin task" "$nall" "$want"

as zhaolei queue --category agency --format csv --limit 500
expect_rc "queue csv: exit 0" 0
expect_out "queue csv: header" '^"case_no","worker","item","state","accepted","deadline","days_left","assignee"'
rows=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))
h = r[0]
bad = [x for x in r[1:] if len(x) != len(h)]
print(len(r) - 1, len(bad), sorted({x[h.index("category")] for x in r[1:]}))')
want=$(q "SELECT count(*) FROM task WHERE category = 'agency' AND state IN ('accepted', 'in_review', 'suspended')")
expect_eq "queue csv: rows, all complete, all agency" "$rows" "$want 0 ['agency']"
# deadline order: the dated rows ascend, the suspended (no deadline) come last
order=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))[1:]
d = [x[5] for x in r]
dated = [x for x in d if x]
ok = dated == sorted(dated) and all(not x for x in d[len(dated):])
print("ok" if ok else "bad")')
expect_eq "queue csv: deadline order, undated last" "$order" "ok"

as zhaolei queue --category agency --overdue --format csv --limit 500
neg=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))[1:]
print(len(r), sum(1 for x in r if int(x[6]) >= 0 and x[9] == "calendar"), sum(1 for x in r if x[10] != "overdue"))')
case $neg in
0*) fail "queue --overdue: some rows" "$neg" ;;
*" 0 0") pass "queue --overdue: only overdue rows ($neg)" ;;
*) fail "queue --overdue: only overdue rows" "$neg" ;;
esac
as zhaolei queue --mine --format csv
others=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))[1:]
print(len(r), len([x for x in r if x[7] != "zhaolei"]))')
case $others in
0*) fail "queue --mine: rows" "$others" ;;
*" 0") pass "queue --mine: only zhaolei's ($others)" ;;
*) fail "queue --mine: only zhaolei's" "$others" ;;
esac
as zhaolei queue --state decided --limit 3
expect_eq "queue --state decided --limit 3: three rows" "$(printf '%s\n' "$out" | grep -c '^GS')" 3
expect_out "queue --state decided: decided rows" "^GS.* decided "
as zhaolei queue --sort case --format csv --limit 1000 --state all
sorted=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = [x[0] for x in list(csv.reader(sys.stdin))[1:]]
print("ok" if r == sorted(r) and len(r) > 100 else "bad %d" % len(r))')
expect_eq "queue --sort case: case-number order" "$sorted" "ok"
as zhaolei queue --state delivered,closed --format csv --limit 1000
late=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))[1:]
print(len(r) > 10, sum(1 for x in r if x[10]), sum(1 for x in r if x[6] and int(x[6]) < 0))')
case $late in
"True 0 "[1-9]*) pass "queue: delivered and closed tasks are never overdue or due soon ($late)" ;;
*) fail "queue: delivered and closed tasks are never overdue or due soon" "$late" ;;
esac
as zhaolei queue --counts
expect_rc "queue --counts: exit 0" 0
expect_out "queue --counts: header" "^Office +Open +Due soon +Overdue +Suspended +Waiting +Ready"
wready=$(q "SELECT count(*) FROM task WHERE category = 'appraisal' AND state = 'decided'")
wwait=$(q "SELECT count(*) FROM task WHERE category = 'appraisal' AND state = 'waiting'")
expect_out "queue --counts: appraisal waiting and ready" "^appraisal +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +$wwait +$wready\$"
as "$me" queue --stats --format csv
expect_out "queue --stats: csv header" '^"category","officer","open","overdue","due_3_days","decided_this_week","median_days"'
expect_out "queue --stats: zhoumin's row" '^"appraisal","zhoumin",'
as "$me" queue --category amdin
expect_rc "queue bad category: exit 2 (a bad option value is a usage error)" 2
expect_err "queue bad category: names it" "amdin"
expect_err "queue bad category: hint to --help" "yici queue --help"
for bad in "--state bogus" "--sort worker" "--limit 0" "--format xml"; do
	as "$me" queue $bad
	expect_rc "queue $bad: exit 2" 2
done
as "$me" queue --bogus
expect_rc "queue unknown option: exit 2" 2
as nobody_here queue
expect_rc "queue as unknown login: exit 1" 1
expect_err "queue as unknown login: names the login" "nobody_here"
expect_eq "queue as unknown login: recorded" "$(q "SELECT role || ' ' || action FROM denied WHERE login = 'nobody_here'")" "none queue"

# ---- a case with RD in review and tasks waiting for it ----
C=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state = 'in_review'
       JOIN task j ON j.case_id = c.id AND j.item = 'JD' AND j.state = 'waiting'
       JOIN task s ON s.case_id = c.id AND s.item = 'SC' AND s.state = 'waiting' ORDER BY c.id DESC LIMIT 1")
if [ -n "$C" ]; then pass "found a case with RD in review, JD and SC waiting"; else fail "found a case with RD in review, JD and SC waiting" "none"; fi
n0=$(nev)
v0=$(col "$C" RD version)
as wugang task decide "$C" RD --outcome recognised --document-no D1
expect_rc "decide RD as an agency officer: exit 1" 1
expect_err "decide RD as an agency officer: names the office" "other offices"
as chenjing task decide "$C" RD --outcome recognised --document-no D1
expect_rc "decide RD as a clerk: exit 1" 1
as nobody_here task decide "$C" RD --outcome recognised --document-no D1
expect_rc "decide RD as an unknown login: exit 1" 1
as zhaolei task decide "$C" RD --outcome recognised
expect_rc "decide RD without document number: exit 1" 1
expect_err "decide RD without document number: says so" "document number"
as zhaolei task decide "$C" RD --outcome graded --grade 3 --document-no D1
expect_rc "decide RD with a JD outcome: exit 1" 1
expect_err "decide RD with a JD outcome: lists RD's outcomes" "recognised, deemed, not_recognised"
as zhaolei task decide "$C" RD --outcome recognised --document-no D1 --date 2027-01-01
expect_rc "decide RD dated in the future: exit 1" 1
as zhaolei task decide "$C" RD --outcome recognised --document-no D1 --date 2026-13-01
expect_rc "decide RD with a bad date: exit 1" 1
as zhaolei task decide "$C" XX --outcome recognised
expect_rc "decide an item the case lacks: exit 1" 1
as zhaolei task decide GS34-bad RD --outcome recognised
expect_rc "decide with a malformed case number: exit 1" 1
as zhaolei task decide "$C" RD --outcome recognised --document-no D1 --expect-version $((v0 + 5))
expect_rc "decide with a stale version: exit 1" 1
expect_err "decide with a stale version: says changed meanwhile" "changed by .* meanwhile"
# the refusals by office, role and version (not the malformed values) are
# recorded with who tried them: a 'denied' row and, for the case, an event
expect_eq "refusals wrote no event but 'denied'" "$(q "SELECT count(*) FROM event WHERE id > $n0 AND kind <> 'denied'")" 0
expect_eq "refusals recorded: office, role, stale version" \
	"$(q "SELECT group_concat(login || ' ' || role || ' ' || action, ',') FROM (SELECT * FROM denied WHERE action = 'task decide' AND case_id = (SELECT id FROM cases WHERE case_no = '$C') ORDER BY id)")" \
	"wugang officer task decide,chenjing clerk task decide,zhaolei officer task decide"
expect_eq "refusals recorded: the unknown login" "$(q "SELECT role || ' ' || action FROM denied WHERE login = 'nobody_here' AND action = 'task decide'")" "none task decide"
expect_eq "refusals recorded: 'denied' events in the case history" \
	"$(q "SELECT count(*) FROM event WHERE id > $n0 AND kind = 'denied' AND case_id = (SELECT id FROM cases WHERE case_no = '$C')")" 3
expect_eq "refusals left RD in review" "$(state "$C" RD)" "in_review"
expect_eq "refusals left the version" "$(col "$C" RD version)" "$v0"

as zhaolei task decide "$C" RD --outcome recognised --document-no "瑶人社工认字〔2026〕88号" --date 2026-11-27
expect_rc "decide RD recognised: exit 0" 0
expect_out "decide RD: prints the new state" "$C RD decided"
expect_eq "RD decided" "$(state "$C" RD)" "decided"
expect_eq "RD outcome" "$(col "$C" RD outcome)" "recognised"
expect_eq "RD document" "$(col "$C" RD document_no)" "瑶人社工认字〔2026〕88号"
expect_eq "RD decision date" "$(col "$C" RD decided_on)" "2026-11-27"
expect_eq "JD activated by RD" "$(state "$C" JD)" "accepted"
expect_eq "JD clock starts on the decision day" "$(col "$C" JD started_on)" "2026-11-27"
jdue=$(col "$C" JD due_on)
if [ -n "$jdue" ] && [ "$jdue" \> "2027-01-01" ]; then pass "JD has a deadline ($jdue)"; else fail "JD has a deadline" "'$jdue'"; fi
expect_eq "SC still waits for JD" "$(state "$C" SC)" "waiting"
cid=$(q "SELECT id FROM cases WHERE case_no = '$C'")
expect_eq "decided event" "$(q "SELECT count(*) FROM event WHERE case_id = $cid AND kind = 'decided'")" 1
expect_eq "activation events" "$(q "SELECT count(*) FROM event e JOIN task t ON t.id = e.task_id WHERE e.case_id = $cid AND e.kind = 'task_activated' AND t.item = 'JD'")" 1
expect_eq "SMS of the RD decision queued" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_rd_decided'")" 1
expect_eq "SMS of the JD acceptance as it starts" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_jd_accepted'")" 1
expect_eq "an SMS for each benefit payment that started with the decision" \
	"$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_pay_accepted'")" \
	"$(q "SELECT count(*) FROM event e JOIN task t ON t.id = e.task_id WHERE e.case_id = $cid AND e.kind = 'task_activated' AND t.category = 'agency'")"
as zhaolei task decide "$C" RD --outcome deemed --document-no D2
expect_rc "decide RD twice: exit 1" 1
expect_err "decide RD twice: names the state" "decided"
expect_eq "decide RD twice: the state refusal is recorded" \
	"$(q "SELECT count(*) FROM denied WHERE login = 'zhaolei' AND action = 'task decide' AND reason LIKE '%decided%'")" 1

# ---- JD: take, assign, extend once, suspend and resume ----
as sunli task take "$C" JD
expect_rc "take JD as an admin officer: exit 1" 1
as zhoumin task take "$C" JD
expect_rc "take JD: exit 0" 0
expect_eq "JD assignee" "$(col "$C" JD assignee)" "zhoumin"
as zhoumin task take "$C" JD
expect_rc "take JD again: exit 1" 1
as zhoumin task assign "$C" JD zhoumin
expect_rc "assign as an officer: exit 1" 1
as "$me" task assign "$C" JD sunli
expect_rc "assign JD to an admin officer: exit 1" 1
expect_err "assign to the wrong office: says so" "not an officer of"
as "$me" task assign "$C" JD ghost
expect_rc "assign to an unknown login: exit 1" 1
as zhoumin task extend "$C" JD
expect_rc "extend without reason: exit 1" 1
legal0=$(col "$C" JD legal_due_on)
as zhoumin task extend "$C" JD --reason "需补充专项检查"
expect_rc "extend JD: exit 0" 0
legal1=$(col "$C" JD legal_due_on)
expect_eq "extend JD: 30 days recorded" "$(col "$C" JD extended_days)" 30
if [ "$legal1" \> "$legal0" ]; then pass "extend JD: legal deadline later ($legal0 → $legal1)"; else fail "extend JD: legal deadline later" "$legal0 → $legal1"; fi
as zhoumin task extend "$C" JD --reason again
expect_rc "extend JD twice: exit 1" 1
expect_err "extend twice: says once" "once"
as zhaolei task extend "$C" RD --reason x
expect_rc "extend RD: exit 1" 1
as zhoumin task suspend "$C" JD --reason holiday
expect_rc "suspend with an unknown reason: exit 1" 1
as zhoumin task suspend "$C" JD --reason judicial --note "等待劳动关系确认判决"
expect_rc "suspend JD: exit 0" 0
expect_eq "suspended JD" "$(state "$C" JD)" "suspended"
expect_eq "suspended JD has no deadline" "$(col "$C" JD due_on)" ""
expect_eq "an open pause" "$(q "SELECT count(*) FROM task_pause p JOIN task t ON t.id = p.task_id WHERE t.case_id = $cid AND t.item = 'JD' AND p.to_on IS NULL")" 1
as zhoumin task decide "$C" JD --outcome graded --grade 3 --document-no J1
expect_rc "decide a suspended JD: exit 1" 1
as zhoumin task resume "$C" JD
expect_rc "resume without confirmation: exit 2 or 1" 1
as zhoumin task resume "$C" JD --confirmation "申请人2026-11-28电话确认收到判决"
expect_rc "resume JD: exit 0" 0
expect_eq "resumed JD in review" "$(state "$C" JD)" "in_review"
expect_eq "pause closed with the confirmation" "$(q "SELECT confirmed_by FROM task_pause p JOIN task t ON t.id = p.task_id WHERE t.case_id = $cid AND t.item = 'JD'")" "申请人2026-11-28电话确认收到判决"
expect_eq "resumed JD has its deadline back" "$(col "$C" JD legal_due_on)" "$legal1"

# ---- JD graded: SC starts, YB (if any) needs grade 5-10 ----
as zhoumin task decide "$C" JD --outcome graded --grade 3 --care-level 2 --document-no "合劳鉴字〔2026〕7号"
expect_rc "decide JD graded 3: exit 0" 0
expect_eq "SC activated by the grade" "$(state "$C" SC)" "accepted"
expect_eq "JD grade stored" "$(col "$C" JD grade)" 3
expect_eq "SMS of the JD conclusion" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_jd_decided'")" 1

as wugang task calc "$C" SC --wage 6500
expect_rc "calc SC: exit 0" 0
expect_out "calc SC: lump sum 23 months for grade 3" "23 × .*6500\.00 = 149500\.00"
expect_out "calc SC: allowance 80%" "80% × .*6500\.00 = 5200\.00"
expect_out "calc SC: care 40% of the average wage" "40% × .*7000\.00 = 2800\.00"
as wugang task calc "$C" SC
expect_rc "calc SC without wage: exit 1" 1

# ---- delivery of the JD conclusion, then 再次鉴定 ----
as zhoumin task deliver "$C" JD --method window --recipient 本人
expect_rc "deliver as an officer: exit 1" 1
as chenjing task deliver "$C" JD --method fax --recipient 本人
expect_rc "deliver by fax: exit 1" 1
as chenjing task deliver "$C" JD --method window
expect_rc "deliver without recipient: exit 1" 1
as chenjing task deliver "$C" JD --method window --recipient 本人 --date 2026-12-01
expect_rc "deliver dated in the future: exit 1" 1
as chenjing task deliver "$C" JD --method post --recipient "张三 EMS1234"
expect_rc "deliver JD: exit 0" 0
expect_eq "JD delivered" "$(state "$C" JD)" "delivered"
expect_eq "delivered to" "$(col "$C" JD delivery_to)" "张三 EMS1234"
as chenjing task deliver "$C" JD --method post --recipient x
expect_rc "deliver twice: exit 1" 1
as wugang task review "$C" SC
expect_rc "review SC: exit 0" 0
as zhoumin task reappraise "$C" JD
expect_rc "reappraise JD: exit 0" 0
expect_eq "JD back in review" "$(state "$C" JD)" "in_review"
expect_eq "SC suspended for the re-appraisal" "$(state "$C" SC)" "suspended"
as zhoumin task decide "$C" JD --outcome graded --grade 6 --document-no "皖劳鉴字〔2026〕2号"
expect_rc "decide the re-appraisal: exit 0" 0
expect_eq "SC resumed by the new conclusion" "$(state "$C" SC)" "in_review"
expect_eq "SC pause closed" "$(q "SELECT count(*) FROM task_pause p JOIN task t ON t.id = p.task_id WHERE t.case_id = $cid AND t.item = 'SC' AND p.to_on IS NULL")" 0

# ---- approve a benefit ----
as wugang task decide "$C" SC --outcome approved --amount 12a --payment-ref ZF1
expect_rc "approve with a malformed amount: exit 1" 1
as wugang task decide "$C" SC --outcome approved --amount 99999999999 --payment-ref ZF1
expect_rc "approve 99,999,999,999 yuan: exit 1" 1
expect_err "approve 99,999,999,999 yuan: names the bound" "at most 20000000\.00 yuan"
as wugang task decide "$C" SC --outcome approved --amount-fen 2000000001 --payment-ref ZF1
expect_rc "approve above the bound in fen: exit 1" 1
as wugang task decide "$C" SC --outcome approved --amount 1234.56
expect_rc "approve without payment reference: exit 1" 1
as wugang task decide "$C" SC --outcome approved --amount 1234.56 --payment-ref ZF20261128001
expect_rc "approve SC with an amount that is not task calc's: exit 1" 1
# grade 6 since the re-appraisal: 16 × 6500.00 from the fund (the 60%
# allowance is the employer's)
as wugang task decide "$C" SC --outcome approved --amount 104000 --wage 6500 --payment-ref ZF20261128001
expect_rc "approve SC: exit 0" 0
expect_eq "amount in fen" "$(col "$C" SC amount_fen)" 10400000
expect_eq "above review_above_yuan: awaiting countersignature" "$(col "$C" SC countersign)" pending
expect_eq "no SMS of the payment before the countersignature" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_paid'")" 0
as "$me" task countersign "$C" SC
expect_rc "countersign SC: exit 0" 0
# the details written under --lang en are codes and values: the Chinese
# timeline says them in Chinese, the English one in English
run --lang zh -d o.db case show "$C"
expect_out "timeline (zh): the countersignature after the payment reference in Chinese" \
	"支付单 ZF20261128001）；待复核"
if printf '%s\n' "$out" | grep -Eq "awaiting countersignature|override of calc"; then
	fail "timeline (zh): no English suffix of the decision" "$(printf '%s\n' "$out" | grep -E "awaiting|override")"
else
	pass "timeline (zh): no English suffix of the decision"
fi
expect_out "timeline (zh): the extension in Chinese" "延长 30 日：需补充专项检查"
expect_out "timeline (zh): the countersignature's detail in Chinese" "104000\.00 元（决定人 [a-z]+）"
run --lang en -d o.db case show "$C"
expect_out "timeline (en): the countersignature after the payment reference" \
	"payment ZF20261128001\); awaiting countersignature"
expect_out "timeline (en): the extension" "30 days longer: 需补充专项检查"
expect_eq "SMS of the payment" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_paid'")" 1
as chenjing queue --state decided --format csv --limit 1000
expect_out "SC in the ready-for-delivery list" "\"$C\",.*\"SC\",\"decided\""
as zhoumin task show "$C" SC
expect_rc "task show: exit 0" 0
expect_out "task show: amount" "104000\.00 yuan"

# ---- not recognised: the waiting tasks close with the reason ----
N=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state = 'in_review'
       WHERE c.case_no <> '$C' AND (SELECT count(*) FROM task w WHERE w.case_id = c.id AND w.state = 'waiting') >= 1
       ORDER BY c.id DESC LIMIT 1")
nwait=$(q "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$N' AND t.state = 'waiting'")
as sunli task decide "$N" RD --outcome not_recognised --document-no D9
expect_rc "not_recognised without reason: exit 1" 1
# a reason is kept whole or refused, never cut: 101 characters refused
long=$(python3 -c 'print("不" * 101)')
as sunli task decide "$N" RD --outcome not_recognised --document-no D9 --reason "$long"
expect_rc "a reason of 101 characters: refused" 1
expect_err "a reason of 101 characters: the limit named" "reason has 101 characters; at most 100"
as sunli task decide "$N" RD --outcome not_recognised --document-no "$(python3 -c 'print("号" * 41)')" --reason x
expect_rc "a document number of 41 characters: refused" 1
reason="不属于工作原因$(python3 -c 'print("，经调查" * 23)')"
as sunli task decide "$N" RD --outcome not_recognised --document-no D9 --reason "$reason"
expect_rc "decide RD not recognised: exit 0" 0
as sunli task show "$N" RD
expect_out "task show: a reason of 99 characters whole" "$reason\$"
run --lang en -d o.db case show "$N"
expect_out "case show: the closed tasks' reason whole" "$reason"
# the decision's detail is codes and values in the chain, in the reader's words
expect_out "timeline (en): the decision in words" "decided +not recognised, document D9: $reason"
run --lang zh -d o.db case show "$N"
expect_out "timeline (zh): the decision in Chinese" "已决定 +不予认定工伤，文书 D9：$reason"
expect_eq "every waiting task closed" "$(q "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$N' AND t.state = 'closed' AND t.reason LIKE '%不属于工作原因%'")" "$nwait"
expect_eq "no task left waiting" "$(q "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$N' AND t.state = 'waiting'")" 0

# ---- the simple-case track ----
A=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state IN ('accepted', 'in_review') AND r.simple_track = 0 ORDER BY c.id DESC LIMIT 1")
as sunli task review "$A" RD --simple
expect_rc "simple-case track: exit 0" 0
expect_eq "simple-case track: 15 days" "$(col "$A" RD limit_days)" 15
expect_eq "simple-case track: flag" "$(col "$A" RD simple_track)" 1
as sunli task review "$A" RD --simple
expect_rc "simple-case track twice: exit 1" 1

# ---- two officers at once: one wins, the other is told ----
R=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state = 'in_review' ORDER BY c.id DESC LIMIT 1")
(YICI_USER=zhaolei "$YICI" --lang en -d o.db task decide "$R" RD --outcome recognised --document-no A1 >a.out 2>a.err; echo $? >a.rc) &
(YICI_USER=sunli "$YICI" --lang en -d o.db task decide "$R" RD --outcome deemed --document-no B1 >b.out 2>b.err; echo $? >b.rc) &
wait
rcs=$(cat a.rc b.rc | sort | tr '\n' ' ')
expect_eq "race: one wins, one is refused" "$rcs" "0 1 "
loser=$(cat a.err b.err)
if printf '%s' "$loser" | grep -Eq "decided|meanwhile"; then pass "race: the loser is told why"; else fail "race: the loser is told why" "$loser"; fi
expect_eq "race: one decided event" "$(q "SELECT count(*) FROM event e JOIN task t ON t.id = e.task_id JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$R' AND t.item = 'RD' AND e.kind = 'decided'")" 1

# ---- the ready-for-delivery list: overdue means late for delivery ----
now0=$YICI_NOW
YICI_NOW="2026-12-21 09:30"; export YICI_NOW
as chenjing queue --state decided --category all --format csv --limit 5000
all_ready=$out
as chenjing queue --state decided --category all --overdue --format csv --limit 5000
late=$(printf '%s\n%s\n' "$all_ready" "$out" | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
h = rows[0]
split = [i for i, r in enumerate(rows) if i and r == h][0]
ready, over = rows[1:split], rows[split + 1:]
red = sorted(r[0] + r[2] for r in ready if r[10] == "overdue")
print(len(red) > 0, sorted(r[0] + r[2] for r in over) == red, all(int(r[6]) < 0 for r in over))')
expect_eq "queue --state decided --overdue: exactly the rows late for delivery" "$late" "True True True"
YICI_NOW=$now0; export YICI_NOW

# ---- usage ----
as "$me" task
expect_rc "task without action: exit 2" 2
as "$me" task frobnicate "$C" RD
expect_rc "task unknown action: exit 2" 2
as "$me" task decide "$C"
expect_rc "task decide without ITEM: exit 2" 2
as "$me" task take "$C" RD --outcome x
expect_rc "task take with a decide option: exit 2" 2
as "$me" task --help
expect_rc "task --help: exit 0" 0
expect_out "task --help: names deliver" "deliver --method window\|post"

# ---- report ----
as "$me" report --from 2026-01-01 --to 2026-11-28
expect_rc "report: exit 0" 0
expect_out "report: header" "^Office +Item +Received +Accepted +Decided +Delivered +Overdue +Median"
expect_out "report: RD row" "^admin +RD +[0-9]+ +[0-9]+ +[0-9]+"
expect_out "report: total row" "^all +\*"
as "$me" report --from 2026-01-01 --to 2026-11-28 --format csv
expect_eq "report csv: header + 14 items + 3 offices + total" "$(printf '%s\n' "$out" | grep -c .)" 19
dec=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.DictReader(sys.stdin))
items = sum(int(x["decided"]) for x in r if x["item"] != "*")
total = [int(x["decided"]) for x in r if x["office"] == "all"][0]
print(items == total and total > 0)')
expect_eq "report csv: items add up to the total" "$dec" "True"
want=$(q "SELECT count(*) FROM task WHERE decided_on BETWEEN '2026-01-01' AND '2026-11-28'")
expect_out "report csv: total decided = the database's" "^\"all\",\"\*\",\"[0-9]+\",\"[0-9]+\",\"$want\","
as "$me" report --from 2026-11-28 --to 2026-01-01
expect_rc "report with --to before --from: exit 2" 2
as "$me" report --from 2026-02-30 --to 2026-03-01
expect_rc "report with a bad date: exit 2" 2
expect_err "report with a bad date: hint to --help" "yici report --help"
as "$me" report --from 2026-01-01 --to 2026-03-01 --format xml
expect_rc "report with a bad format: exit 2" 2
as "$me" report --from 2026-01-01
expect_rc "report without --to: exit 2" 2
as nobody_here report --from 2026-01-01 --to 2026-11-28
expect_rc "report as unknown login: exit 1" 1
expect_eq "report as unknown login: recorded" "$(q "SELECT count(*) FROM denied WHERE login = 'nobody_here' AND action = 'report' AND role = 'none'")" 1

# ---- the running queue totals (db/007) after every action above ----
recount="SELECT category, state, coalesce(assignee, ''), coalesce(due_on, ''), count(*) FROM task
	WHERE state IN ('accepted', 'in_review', 'suspended', 'waiting', 'decided') GROUP BY 1, 2, 3, 4"
expect_eq "queue totals: nothing the tasks lack" "$(q "SELECT count(*) FROM (SELECT * FROM task_count EXCEPT $recount)")" 0
expect_eq "queue totals: nothing they miss" "$(q "SELECT count(*) FROM ($recount EXCEPT SELECT * FROM task_count)")" 0
as zhaolei queue --counts
for cat in admin appraisal agency; do
	o=$(q "SELECT count(*) FROM task WHERE category = '$cat' AND state IN ('accepted', 'in_review', 'suspended')")
	s=$(q "SELECT count(*) FROM task WHERE category = '$cat' AND state = 'suspended'")
	w=$(q "SELECT count(*) FROM task WHERE category = '$cat' AND state = 'waiting'")
	r=$(q "SELECT count(*) FROM task WHERE category = '$cat' AND state = 'decided'")
	expect_out "queue --counts after the actions: $cat open, suspended, waiting, ready" \
		"^$cat +$o +[0-9]+ +[0-9]+ +$s +$w +$r\$"
done
as "$me" verify
expect_rc "verify after every action: exit 0" 0
