#!/bin/sh
# tests/cli/sync.sh — yici sync, the near-real-time export systemd runs
# every minute (issue 20): nothing new writes nothing (and says so with
# -v), batch names carry a sequence and never collide, a decision and its
# SMS are in the next batch, --every keeps running until SIGTERM, the role
# 'service' may export, import and back up and nothing else, and every run
# and refusal goes to syslog with its counts (read here through
# YICI_LOG_STDERR=1, syslog's LOG_PERROR).
. "$(dirname "$0")/../lib.sh"

# Every check here acts as other logins (YICI_USER: root only).
root_begin
me=$(id -un)
as() { u=$1; shift; YICI_USER=$u; export YICI_USER; run --lang en -d s.db "$@"; unset YICI_USER; }
q() { sql s.db "$1"; }
sbatches() { ls "$1" 2>/dev/null | grep -E '^[0-9]{6}-[0-9]{14}-[0-9]{6}$'; }

"$YICI" -d s.db init --demo 120 --seed 4 >/dev/null 2>&1 || fail "setup: init --demo 120"

# ---- the service login ----
as "$me" staff add yici --name 同步服务 --role service
expect_rc "staff add --role service: exit 0" 0
expect_eq "service: stored" "$(q "SELECT role FROM staff WHERE login = 'yici'")" service
as yici case list --limit 1
expect_rc "service may not read cases: exit 1" 1
expect_err "service may not read cases: says why" "service.*may not read cases"
as yici staff add x --name x --role clerk
expect_rc "service may not manage staff: exit 1" 1
expect_eq "service refusals recorded" "$(q "SELECT count(*) FROM denied WHERE login = 'yici' AND role = 'service'")" 2
YICI_LOG_STDERR=1; export YICI_LOG_STDERR
as chenjing sync -o out
unset YICI_LOG_STDERR
expect_rc "a clerk may not sync: exit 1" 1
expect_err "a clerk may not sync: logged to syslog" "yici\[[0-9]+\]: sync refused: user 'chenjing' \(clerk\) may not run exports"

# ---- the first run carries everything, named with a sequence ----
export YICI_LOG_STDERR=1
as yici sync -o out
unset YICI_LOG_STDERR
expect_rc "first sync: exit 0" 0
expect_eq "first sync: silent" "$out" ""
expect_eq "first sync: one batch <region>-<stamp>-<seq>" "$(sbatches out)" "340102-20261128093000-000001"
b1=out/340102-20261128093000-000001
expect_eq "first sync: every case" "$(sed 1d $b1/cases.csv | wc -l)" 120
expect_err "first sync: logged with counts" "yici\[[0-9]+\]: sync $b1: [0-9]+ rows \(cases 120, tasks [0-9]+, events [0-9]+, sms [0-9]+"
expect_eq "first sync: the SMS left the outbox" "$(q "SELECT count(*) FROM notice WHERE channel = 'sms' AND state = 'queued'")" 0
expect_eq "batch folder: group-writable" "$(stat -c %a $b1)" 770

# ---- nothing new: nothing written ----
as yici sync -o out
expect_rc "empty sync: exit 0" 0
expect_eq "empty sync: no batch written" "$(ls -A out | grep -vc '^\.yici-export.lock$')" 1
expect_eq "empty sync: no exchange_log row" "$(q "SELECT count(*) FROM exchange_log WHERE direction = 'export'")" 1
as yici sync -o out -v
expect_eq "empty sync -v: says nothing new" "$out" "nothing new"

# ---- a decision: in the next batch with its SMS, in the same second ----
C=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state = 'in_review' ORDER BY c.id LIMIT 1")
[ -n "$C" ] && pass "found an RD in review" || fail "found an RD in review" "none"
as zhaolei task decide "$C" RD --outcome recognised --document-no 皖人社工认〔2026〕7号
expect_rc "decision: exit 0" 0
nsms=$(q "SELECT count(*) FROM notice WHERE channel = 'sms' AND state = 'queued'")
expect_eq "decision: its SMS queued" "$([ "$nsms" -ge 1 ] && echo yes)" yes
as yici sync -o out -v
expect_rc "sync after a decision: exit 0" 0
expect_out "sync -v: prints the batch" "^out/340102-20261128093000-000002$"
b2=out/340102-20261128093000-000002
expect_eq "two batches in one second: no collision, no -2" "$(sbatches out | wc -l)" 2
expect_eq "the decision is in tasks.csv" "$(python3 -c '
import csv, sys
r = [x for x in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if x["case_no"] == sys.argv[2] and x["item"] == "RD"]
print(r[0]["state"] + " " + r[0]["outcome"] if r else "none")' $b2/tasks.csv "$C")" "decided recognised"
expect_eq "the SMS is in notices.csv" "$(sed 1d $b2/notices.csv | wc -l)" "$nsms"
expect_eq "only the changed case" "$(sed 1d $b2/cases.csv | wc -l)" 1
expect_eq "the SMS left the outbox" "$(q "SELECT count(*) FROM notice WHERE channel = 'sms' AND state = 'queued'")" 0

# ---- an SMS queued without a new event still goes out in the next batch ----
q "UPDATE notice SET state = 'queued', exported_at = NULL WHERE id = (SELECT max(id) FROM notice WHERE channel = 'sms')"
as yici sync -o out
expect_eq "a queued SMS alone makes a batch" "$(sbatches out | wc -l)" 3
expect_eq "with that SMS" "$(sed 1d out/340102-20261128093000-000003/notices.csv | wc -l)" 1

# ---- the tasks and evaluations are driven from the change set ----
# (the statements as db_exchange.c has them, planned on this database)
for f in task:t evaluation:v; do
	tb=${f%:*}; al=${f#*:}
	stmt=$(python3 -c '
import re, sys
src = open(sys.argv[1]).read()
m = re.search(r"\"FROM temp\.x_cases x CROSS JOIN %s %s ON [^\"]*\"\s*\"[^\"]*\"" % (sys.argv[2], sys.argv[3]), src)
print(re.sub(r"\"\s*\"", "", m.group(0)).strip("\"") if m else "")' "$top/src/db_exchange.c" "$tb" "$al")
	[ -n "$stmt" ] || { fail "$tb: driven from the change set" "no CROSS JOIN from temp.x_cases in db_exchange.c"; continue; }
	plan=$(sqlite3 s.db "CREATE TEMP TABLE x_cases (id INTEGER PRIMARY KEY); EXPLAIN QUERY PLAN SELECT 1 $stmt;" | tr '\n' ' ')
	case "$plan" in
	*"SCAN x"*"SEARCH $al "*"SEARCH c "*) pass "$tb: scan the change set, search $tb and cases by id" ;;
	*) fail "$tb: scan the change set, search $tb and cases by id" "$plan" ;;
	esac
done

# ---- --every: keeps running, a decision appears, SIGTERM ends it ----
C2=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state = 'in_review' ORDER BY c.id LIMIT 1")
# (-v says "nothing new" after each empty run: the checks wait for runs
# to have happened, not for a fixed time)
YICI_USER=yici "$YICI" --lang en -d s.db sync -o loop --every 1 -v >loop.out 2>loop.err &
pid=$!
runs() { grep -c '^nothing new' loop.out 2>/dev/null; }
after() { [ "$(runs)" -ge "$1" ]; }
TUI_POLLS=200 poll after 2 || fail "--every: runs again" "$(cat loop.out loop.err)"
n0=$(sbatches loop | wc -l)
expect_eq "--every: nothing new, nothing written" "$n0" 0
as zhaolei task decide "$C2" RD --outcome recognised --document-no 皖人社工认〔2026〕8号
more() { [ "$(sbatches loop | wc -l)" -gt "$n0" ]; }
poll more && pass "--every: the decision is in a batch within seconds" || fail "--every: the decision is in a batch within seconds" "$(sbatches loop)"
r=$(runs)
TUI_POLLS=200 poll after $((r + 2)) || fail "--every: runs again after the batch" "$(cat loop.out loop.err)"
expect_eq "--every: no batch while nothing is new" "$(sbatches loop | wc -l)" $((n0 + 1))
kill -TERM $pid
wait $pid
rc=$?
expect_rc "--every: SIGTERM ends it with exit 0" 0
as yici sync -o out --every 0
expect_rc "--every 0: usage error" 2
as yici sync
expect_rc "sync without -o: usage error" 2
expect_err "sync without -o: says so" "say where the batches go"

# ---- the service login imports and backs up; both are logged ----
printf 'result_id,case_no,item,decided_at,outcome,grade,care_level,amount_fen,document_no,officer,note\r\nS-1,%s,RD,2026-11-27,recognised,,,,皖人社工认〔2026〕9号,王芳,\r\n' \
	"$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state IN ('accepted', 'in_review') AND r.started_on <= '2026-11-27' ORDER BY c.id LIMIT 1")" >results.csv
export YICI_LOG_STDERR=1
as yici import results.csv
expect_rc "service import: exit 0" 0
expect_err "service import: logged with counts" "yici\[[0-9]+\]: import results.csv: read 1, applied 1, skipped 0, rejected 0"
expect_eq "service import: its events are the system's" "$(q "SELECT DISTINCT actor_role FROM event WHERE actor = 'yici'")" system
as yici backup bk.db
expect_rc "service backup: exit 0" 0
expect_err "service backup: logged" "yici\[[0-9]+\]: backup bk.db: [0-9]+ pages"
as "$me" export -o sup
expect_err "supervisor export: logged" "yici\[[0-9]+\]: export sup/340102-[0-9]{14}: [0-9]+ rows"
unset YICI_LOG_STDERR
run --lang en -d s.db verify
expect_rc "verify after service runs: exit 0" 0

# ---- db/070 upgrades a database with staff in categories and assigned tasks ----
"$YICI" -d up.db init --demo 40 --seed 6 >/dev/null 2>&1
pos=$(ls "$top"/db/*.sql | grep -n '/070_service_role.sql$' | cut -d: -f1)
n=$(ls "$top"/db/*.sql | wc -l)
expect_eq "upgrade: staff with categories and assigned tasks to keep" \
	"$(sql up.db "SELECT (SELECT count(*) FROM staff_category) > 0 AND (SELECT count(*) FROM task WHERE assignee IS NOT NULL) > 0")" 1
if [ "$pos" = "$n" ]; then
	# the last migration: run it again through yici's own upgrade
	# (migrations are recorded by number: forget 070, then yici runs it again)
	sql up.db "DELETE FROM schema_migration WHERE number = 70; PRAGMA user_version = $((pos - 1))"
	run --lang en -d up.db verify
	expect_rc "upgrade through 070: verify passes" 0
else
	out=$(sqlite3 up.db "PRAGMA foreign_keys = OFF; BEGIN; $(cat "$top/db/070_service_role.sql") PRAGMA foreign_key_check; COMMIT;" 2>&1)
	expect_eq "upgrade through 070: no broken reference" "$out" ""
fi
expect_eq "upgrade: references still name staff" "$(sql up.db "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%staff_new%' OR sql LIKE '%staff_old%'")" 0
expect_eq "upgrade: no broken reference" "$(sql up.db "PRAGMA foreign_key_check")" ""
run --lang en -d up.db staff add svc2 --name x --role service
expect_rc "upgrade: a service login can be added" 0
