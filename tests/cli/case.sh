#!/bin/sh
# tests/cli/case.sh — yici case show | list | find | reindex, the outbox,
# notice-commitment and its verification, and the evaluation, on a demo
# database with the clock pinned.  Checks structure and key values, not
# whole outputs.
. "$(dirname "$0")/../lib.sh"

FULLID='[0-9]{17}[0-9X]'
MASK='[0-9]{6}\*{8}[0-9]{3}[0-9X]'
CASE='GS340102-[0-9]{8}-[0-9]{4}'

"$YICI" -d d.db init --demo 300 --seed 7 >/dev/null 2>&1
rc=$?
expect_rc "demo database" 0

# ---- case list ----
run --lang en -d d.db case list --format csv
expect_rc "list csv: exit 0" 0
hdr=$(printf '%s\n' "$out" | head -n 1 | tr -d '"\r')
case "$hdr" in
case_no,worker_name,worker_id_number,employer_name,kind,channel,accepted_at,state*)
	pass "list csv: header starts with the contract columns" ;;
*) fail "list csv: header starts with the contract columns" "got '$hdr'" ;;
esac
ncsv=$(printf '%s\n' "$out" | tail -n +2 | grep -c .)
expect_eq "list csv: every case once" "$ncsv" "$(sql d.db 'SELECT count(*) FROM cases')"
if printf '%s\n' "$out" | grep -Eq "$FULLID"; then
	fail "list csv: no full ID for the supervisor" "$(printf '%s\n' "$out" | grep -E "$FULLID" | head -n 2)"
else
	pass "list csv: no full ID for the supervisor"
fi
nmask=$(printf '%s\n' "$out" | tail -n +2 | grep -Ec "$MASK")
expect_eq "list csv: every ID masked" "$nmask" "$ncsv"
cols=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))
h = r[0]
bad = [row for row in r[1:] if len(row) != len(h) or row[h.index("kind")] not in ("injury", "death")
       or row[h.index("channel")] not in ("window", "online")]
print(len(bad))')
expect_eq "list csv: kind and channel are codes in every row" "$cols" 0

run --lang en -d d.db case list --state deficient --format csv
nd=$(printf '%s\n' "$out" | tail -n +2 | grep -c .)
expect_eq "list --state deficient: as many as in the database" "$nd" \
	"$(sql d.db "SELECT count(*) FROM cases WHERE state = 'deficient'")"
run --lang en -d d.db case list --kind death --channel online --format csv
bad=$(printf '%s\n' "$out" | tail -n +2 | grep -vc '"death","online"')
expect_eq "list --kind death --channel online: only those" "$bad" 0
run --lang en -d d.db case list --from 2026-11-01 --to 2026-11-28 --format csv
nr=$(printf '%s\n' "$out" | tail -n +2 | grep -c .)
expect_eq "list --from/--to: the accepted (else created) dates in range" "$nr" \
	"$(sql d.db "SELECT count(*) FROM cases WHERE substr(coalesce(accepted_at, created_at), 1, 10) BETWEEN '2026-11-01' AND '2026-11-28'")"
run --lang en -d d.db case list --limit 5
expect_rc "list table: exit 0" 0
expect_eq "list --limit 5: header, 5 rows, count" "$(printf '%s\n' "$out" | grep -c .)" 7
expect_out "list table: masked ID" "$MASK"
run --lang en -d d.db case list --state nonsense
expect_rc "list --state nonsense: usage error" 2
expect_err "list --state nonsense: names it" "nonsense"
run --lang en -d d.db case list --from 2026-13-01
expect_rc "list --from bad date: usage error" 2

# ---- case show ----
no=$(sql d.db "SELECT case_no FROM cases WHERE state = 'accepted' AND id IN (SELECT case_id FROM task WHERE item = 'JD') ORDER BY id DESC LIMIT 1")
worker=$(sql d.db "SELECT p.name FROM cases c JOIN person p ON p.id = c.worker_id WHERE case_no = '$no'")
run --lang en -d d.db case show "$no"
expect_rc "show: exit 0" 0
expect_out "show: the case number first" "^Case $no"
expect_out "show: the worker" "^Worker +$worker"
expect_out "show: applicant, employer, accepted on" "^Applicant"
expect_out "show: employer" "^Employer"
expect_out "show: accepted on" "^Accepted on +2[0-9]{3}-"
expect_out "show: the flow RD -> JD" "[├└]─▶ \[JD "
expect_out "show: tasks table" "^Item +Category +State +Assignee +Deadline +Days left +Result"
expect_out "show: RD task row" "^RD +"
expect_out "show: materials" "^M0[0-9] "
nev=$(sql d.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$no'")
expect_out "show: timeline with the event count" "^Timeline \($nev\)"
nlines=$(printf '%s\n' "$out" | grep -Ec '^[ |]2[0-9]{3}-[0-9]{2}-[0-9]{2} [0-9:]{8} ')
expect_eq "show: one line per event" "$nlines" "$nev"
times=$(printf '%s\n' "$out" | grep -E '^[ |]2[0-9]{3}-' | cut -c2-20)
if [ "$times" = "$(printf '%s\n' "$times" | sort)" ]; then pass "show: events in time order"; else fail "show: events in time order" "$times"; fi
wid=$(sql d.db "SELECT p.id_number FROM cases c JOIN person p ON p.id = c.worker_id WHERE case_no = '$no'")
if printf '%s\n' "$out" | grep -qF "$wid"; then fail "show: no full ID" "$(printf '%s\n' "$out" | grep -F "$wid")"; else pass "show: no full ID"; fi
expect_out "show: who with name and role" "\((clerk|system|officer|supervisor)\)"
expect_out "show: the accident's type and circumstance as words, not codes" \
	"^Accident +2[0-9-]{9} · (accident injury|occupational disease) · [a-z]+ [a-z]"
expect_out "show: the delivery method as words" "delivery: (at the window|by post)$"
expect_out "show: the SMS of the timeline named, not its template key" " SMS queued +application accepted$"
if printf '%s\n' "$out" | grep -Eq ' (sms_[a-z_]+|acceptance)$'; then
	fail "show: no template key or letter kind as a detail" "$(printf '%s\n' "$out" | grep -E ' (sms_[a-z_]+|acceptance)$' | head -n 3)"
else
	pass "show: no template key or letter kind as a detail"
fi
expect_out "show: the office in full" "^RD +Administrative +"

paused=$(sql d.db "SELECT c.case_no FROM task_pause p JOIN task t ON t.id = p.task_id JOIN cases c ON c.id = t.case_id ORDER BY p.id LIMIT 1")
if [ -n "$paused" ]; then
	run --lang en -d d.db case show "$paused"
	expect_out "show: a suspension is listed" "^  \| [A-Z]{2} suspended"
else
	skip "show: a suspension is listed" "no suspended task in this demo"
fi
open=$(sql d.db "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.state = 'in_review' AND t.due_on > '2026-11-28' AND c.case_no <> '$no' ORDER BY t.id DESC LIMIT 1")
run --lang en -d d.db case show "$open"
expect_out "show: a deadline marker" "^── 2[0-9-]{9}  [A-Z]{2} (promised deadline|legal time limit) ──"
expect_out "show: days left as a number for an open task" "[0-9]{4}-[0-9]{2}-[0-9]{2} +-?[0-9]+ "

run --lang en -d d.db case show GS340102-20991231-9999
expect_rc "show unknown case: exit 1" 1
expect_err "show unknown case: names it" "no case GS340102-20991231-9999"
expect_eq "show unknown case: nothing on stdout" "$out" ""
run --lang en -d d.db case show GS34-bad
expect_rc "show malformed number: exit 1" 1
expect_err "show malformed number: says so" "not a case number"
run --lang en -d d.db case show
expect_rc "show without a number: usage" 2
run -d d.db case show "$no"
expect_out "show in Chinese by default" "办件|案件|受理"

# ---- case find ----
phone=$(sql d.db "SELECT p.phone FROM cases c JOIN person p ON p.id = c.worker_id WHERE case_no = '$no'")
run --lang en -d d.db case find "$no"
expect_rc "find case number: exit 0" 0
expect_out "find case number: the case" "^$no "
run --lang en -d d.db case find "$wid"
expect_out "find citizen ID: the case" "^$no "
expect_out "find citizen ID: said what it searched" "as citizen ID"
if printf '%s\n' "$out" | grep -Eq "^$CASE +[^ ]+ +$FULLID"; then fail "find: the ID stays masked" "$out"; else pass "find: the ID stays masked"; fi
run --lang en -d d.db case find "$phone"
expect_out "find phone: the case" "^$no "
run --lang en -d d.db case find "$worker"
expect_out "find full name: the case" "^$no "
"$YICI" -d d.db case reindex >/dev/null 2>&1
ini=$(sql d.db "SELECT i.initials FROM person_initials i JOIN cases c ON c.worker_id = i.person_id WHERE c.case_no = '$no' LIMIT 1")
run --lang en -d d.db case find "$ini"
expect_rc "find pinyin initials '$ini': exit 0" 0
expect_out "find pinyin initials: the case" "$no"
expect_out "find pinyin initials: said what it searched" "pinyin initials"
run --lang en -d d.db case find 110105194912310021
expect_rc "find a bad ID: exit 1" 1
expect_err "find a bad ID: precise message" "not a valid citizen ID.*check"
run --lang en -d d.db case find 12
expect_rc "find 2 digits: exit 1" 1
expect_err "find 2 digits: asks for more" "at least 4 digits"
run --lang en -d d.db case find 欧阳修远
expect_rc "find nobody: exit 1" 1
expect_err "find nobody: says no case matches" "no case matches"
run --lang en -d d.db case find z
expect_rc "find a single initial: exit 0" 0
expect_out "find too many: says how many and shows the first page" "^([0-9]+|more than [0-9]+) cases match 'z'.*showing the first 20"
expect_eq "find too many: 20 rows" "$(printf '%s\n' "$out" | grep -Ec "^$CASE")" 20
run --lang en -d d.db case find z --limit 5 --format csv
expect_eq "find --limit 5 --format csv: header and 5 rows" "$(printf '%s\n' "$out" | grep -c .)" 6

# ---- the outbox ----
run --lang en -d d.db outbox --state queued --format csv
expect_rc "outbox queued: exit 0" 0
nq=$(printf '%s\n' "$out" | tail -n +2 | grep -c '^"')
expect_eq "outbox queued: every queued SMS" "$nq" "$(sql d.db "SELECT count(*) FROM notice WHERE channel = 'sms' AND state = 'queued'")"
run --lang en -d d.db outbox --state exported --limit 3
expect_out "outbox exported: 3 messages" "^3 messages"
run --lang en -d d.db outbox
if printf '%s\n' "$out" | grep -Eq "$FULLID"; then fail "outbox: no full ID in any message" "$(printf '%s\n' "$out" | grep -E "$FULLID" | head -n 2)"; else pass "outbox: no full ID in any message"; fi
run --lang en -d d.db outbox --state sent
expect_rc "outbox --state sent: usage error" 2

# ---- notice-commitment ----
fx=$(sql d.db "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.item = 'FX' AND c.state = 'accepted' AND t.state IN ('accepted', 'in_review', 'waiting') ORDER BY t.id DESC LIMIT 1")
if [ -z "$fx" ]; then
	fail "demo has an open FX task" "no FX case in a 300-case demo"
else
	run --lang en -d d.db commit "$fx" M03 --method online
	expect_rc "commit where the catalog forbids: exit 1" 1
	expect_err "commit where the catalog forbids: says so" "allows no notice-commitment"
	run --lang en -d d.db commit "$fx" M11 --method telepathy
	expect_rc "commit with a bad method: exit 1" 1
	run --lang en -d d.db commit "$fx" M11 --method onsite --due 2026-12-20
	expect_rc "commit M11 for FX: exit 0" 0
	expect_eq "commit: verification pending, due as given" \
		"$(sql d.db "SELECT v.method || ' ' || v.due_on || ' ' || v.outcome FROM verification v JOIN cases c ON c.id = v.case_id WHERE c.case_no = '$fx'")" \
		"onsite 2026-12-20 pending"
	run --lang en -d d.db case show "$fx"
	expect_out "show: the committed material's status in full" "^M11 .* commitment +[A-Z]{2}"
	expect_out "show: a status as long as 'produced in bundle' in full" "^M06 .* produced in bundle +[A-Z]{2}"
	expect_out "show: the verification's method and outcome as words" "^  M11  verification on site  due 2026-12-20  pending$"
	run --lang en -d d.db verify-commitment "$fx" M11 --outcome false --note "派出所核实不符"
	expect_rc "verify false (supervisor): exit 0" 0
	expect_eq "verify false: case flagged" "$(sql d.db "SELECT flagged FROM cases WHERE case_no = '$fx'")" 1
	expect_eq "verify false: FX payments held" \
		"$(sql d.db "SELECT t.hold FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$fx' AND t.item = 'FX'")" \
		"false_commitment"
	run --lang en -d d.db case show "$fx"
	expect_out "show: the flag" "FLAGGED"
	expect_out "show: the verification in the timeline" "commitment verified"
	expect_out "show: the payments held" "payments held"
	run --lang en -d d.db case list --format csv --limit 400
	expect_out "list csv: flagged column set" "\"$fx\".*\"1\"\s*$"
fi

# ---- evaluation: after delivery at the window ----
undel=$(sql d.db "SELECT case_no FROM cases c WHERE state = 'accepted' AND NOT EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.delivered_on IS NOT NULL) ORDER BY id DESC LIMIT 1")
run --lang en -d d.db evaluate "$undel" --rating 4
expect_rc "evaluate before any delivery: exit 1" 1
expect_err "evaluate before any delivery: says why" "nothing delivered yet"
no=$(sql d.db "SELECT case_no FROM cases c WHERE state = 'accepted' AND EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.delivered_on IS NOT NULL) ORDER BY id DESC LIMIT 1")
open=$(sql d.db "SELECT case_no FROM cases c WHERE state = 'accepted' AND case_no <> '$no' AND EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.delivered_on IS NOT NULL) ORDER BY id DESC LIMIT 1 OFFSET 1")
run --lang en -d d.db evaluate "$no" --rating 2 --comment "等了很久"
expect_rc "evaluate 2: exit 0" 0
expect_out "evaluate 2: follow-up due in 15 working days" "follow-up by the supervisor due 2026-12-18"
run --lang en -d d.db evaluate "$no" --rating 5
expect_rc "evaluate twice: exit 1" 1
expect_err "evaluate twice: once per case" "already evaluated"
run --lang en -d d.db evaluate "$no" --rating 9
expect_rc "evaluate 9: usage error" 2
run --lang en -d d.db evaluate "$open" --rating 非常满意
expect_rc "evaluate with the Chinese word: exit 0" 0
expect_eq "evaluate: stored ratings" "$(sql d.db "SELECT group_concat(rating) FROM (SELECT rating FROM evaluation ORDER BY rating)")" "2,5"
run --lang en -d d.db case show "$no"
expect_out "show: the evaluation" "^Evaluation: 2 \(dissatisfied\)"
expect_out "show: the open follow-up" "follow-up by the supervisor due 2026-12-18"
# the supervisor records the follow-up of the poor rating
run --lang en -d d.db evaluate "$open" --followed-up
expect_rc "follow-up of a good rating: exit 1" 1
expect_err "follow-up of a good rating: says none is open" "has no follow-up"
run --lang en -d d.db evaluate "$no" --followed-up --rating 3
expect_rc "--followed-up with --rating: usage error" 2
run --lang en -d d.db evaluate "$no" --followed-up --comment "电话回访，已解释办理进度"
expect_rc "follow-up recorded: exit 0" 0
expect_out "follow-up recorded: says so" "follow-up of the rating recorded"
expect_eq "follow-up recorded: followup_at set" \
	"$(sql d.db "SELECT followup_at FROM evaluation v JOIN cases c ON c.id = v.case_id WHERE c.case_no = '$no'")" "2026-11-28 09:30:00"
expect_eq "follow-up recorded: no open follow-up left" \
	"$(sql d.db "SELECT count(*) FROM evaluation WHERE followup_due IS NOT NULL AND followup_at IS NULL")" 0
run --lang en -d d.db case show "$no"
expect_out "show: the follow-up done" "followed up by the supervisor on 2026-11-28"
expect_out "show: the follow-up in the timeline with its note" "follow-up of the rating done: 电话回访"
run --lang en -d d.db evaluate "$no" --followed-up
expect_rc "follow-up twice: exit 1" 1
expect_err "follow-up twice: says when" "was recorded on 2026-11-28"

# ---- help ----
run --lang en case --help
expect_rc "case --help: exit 0" 0
expect_out "case --help: names find" "case find TEXT"
run --lang en -d d.db case frobnicate
expect_rc "case with an unknown subcommand: usage" 2

# ---- the cases' columns: one table for list, find and F5 ----
# a name wider than its column is cut with "…" (as on the screen), never
# silently; the CSV has it whole
sql d.db "UPDATE cases SET worker_name = '欧阳东方明珠' WHERE case_no = '$no'"
run --lang en -d d.db case find "$no"
expect_out "find: a long worker name cut with …" "^$no +欧阳东方… "
expect_out "find: the table's heading from the column table" "^Case number +Worker +ID number +Kind +Channel +Accepted +State +Employer$"
run --lang en -d d.db case find "$no" --format csv
expect_out "find csv: the name whole" "\"欧阳东方明珠\""
