#!/bin/sh
# tests/cli/office_queue.sh — the back offices' queues from the command line: yici queue
# rows by office, CSV, deadline order, --overdue, --mine, --state, --sort,
# --counts, the supervisor's --stats, and its usage errors and unknown login
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

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
expect_out "queue --counts: appraisal waiting and ready" "^Appraisal +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +$wwait +$wready\$"
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

# ---- a task long overdue: its days left whole, with the marker ----
YICI_NOW="2027-06-01 09:00"; export YICI_NOW
as zhaolei queue --category admin --limit 3
expect_out "queue: three-digit days overdue whole, with their marker (not cut with …)" "^GS[0-9-]+ .* -[0-9]{3}! +[a-z]+$"
YICI_NOW="2026-11-28 09:30"; export YICI_NOW
