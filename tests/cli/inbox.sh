#!/bin/sh
# tests/cli/inbox.sh — online applications as the platform sees them: the
# import writes replies.csv beside the rejects (ext_id, status
# received/rejected, line, field, reason) for every row it read; --strict
# rejects every row; a dry run writes none.
. "$(dirname "$0")/../lib.sh"
data="$top/tests/data/exchange"

"$YICI" -d i.db init >/dev/null 2>&1
rc=$?
expect_rc "init" 0
mkdir in
cp "$data"/applications.csv in/
run --lang en -d i.db import in/applications.csv
expect_rc "applications: some rows rejected" 1
if [ -f in/replies.csv ]; then pass "replies.csv written beside the file"; else
	fail "replies.csv written beside the file" "$(ls in)"; fi
cat >check.py <<'EOF'
import csv, sys
rep = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
rej = list(csv.DictReader(open(sys.argv[2], newline='', encoding='utf-8')))
cols = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))[0]
recv = sorted(r['ext_id'] for r in rep if r['status'] == 'received')
bad = [(r['line'], r['field'], r['reason']) for r in rep if r['status'] == 'rejected']
want = [(r['line'], r['field'], r['reason']) for r in rej]
print(','.join(cols), len(rep), ';'.join(recv), bad == want and len(bad) > 0,
      all(r['line'].isdigit() for r in rep))
EOF
expect_eq "replies: columns, one row per application, received ones, rejects as in the rejects file" \
	"$(python3 check.py in/replies.csv in/applications.csv.rejects.csv)" \
	"ext_id,status,line,field,reason 12 WS-1;WS-2;WS-3 True True"

# again: the received ones are still received (already present), not silently dropped
run --lang en -d i.db import in/applications.csv
expect_eq "replies again: every row answered, the received ones still received" \
	"$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8"))); print(len(r), sorted(set(x["ext_id"] for x in r if x["status"] == "received")))' in/replies.csv)" \
	"12 ['WS-1', 'WS-2', 'WS-3']"

# --strict: nothing applied, so nothing is received
"$YICI" -d s.db init >/dev/null 2>&1
run --lang en -d s.db import --strict in/applications.csv
expect_rc "--strict: the file rejected" 2
expect_eq "--strict replies: every row rejected" \
	"$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8"))); print(len(r), sorted(set(x["status"] for x in r)), all(x["reason"] for x in r))' in/replies.csv)" \
	"12 ['rejected'] True"

# --dry-run: nothing for the platform
rm -f in/replies.csv
run --lang en -d s.db import --dry-run in/applications.csv
if [ -f in/replies.csv ]; then fail "--dry-run: no replies file" "written"; else
	pass "--dry-run: no replies file"; fi

# ---- what the applicant did not send stays empty; F9 asks for it ----
run --lang en -d i.db apply --case WS-1 --check
expect_rc "WS-1 as sent: not complete" 1
expect_err "no silent default: 伤害类型 required" "accident.type: required"
expect_err "no silent default: 认定情形 required" "accident.circumstance: required"
expect_err "no silent default: delivery required" "delivery.method: required"
run --lang en -d i.db case show WS-1
expect_out "case view: not given, not a default" "^Accident +2026-11-20 · \(not given\) · \(not given\)"

# ---- the intake shows how long each waited since it was submitted ----
run --lang en -d i.db intake
expect_out "intake: a Waited column" "Submitted +Waited"
expect_out "intake: WS-1 waited since 2026-11-27 10:00 (now 11-28 09:30)" "^WS-1 +2026-11-27 10:00:00 +23h 30m"
# one column table (intake_columns[]) for the table, the CSV and F7: the
# CSV has codes and whole minutes; a cell too long for its column ends in …
run --lang en -d i.db apply --online WS-20261128-LONGER-0001 --field worker.name=欧阳长名字很长的人 --items RD
expect_rc "intake: a draft online application with a long id and name" 0
run --lang en -d i.db intake
expect_out "intake: the long id and worker cut with …" "^WS-20261128-LONGER-… +2026-11-28 09:30:00 +0h 00m +欧阳长名字… +Injury +RD$"
run --lang zh -d i.db intake --format csv
out=$(printf '%s\n' "$out" | tr -d '\r')
expect_rc "intake --format csv: exit 0" 0
expect_eq "intake --format csv: the header" "$(printf '%s\n' "$out" | head -n 1)" \
	'"ext_id","submitted_at","waited_minutes","worker_name","applicant_name","kind","items","inbox"'
expect_out "intake --format csv: codes, minutes, the whole name; opened (apply --check above)" \
	'^"WS-1","2026-11-27 10:00:00","1410","张三","[^"]*","injury","RD;YL;HS","0"$'
expect_out "intake --format csv: WS-2 still in the inbox" \
	'^"WS-2","2026-11-27 10:05:00","1405","张三","[^"]*","injury","RD","1"$'
expect_out "intake --format csv: a draft online case, the whole id and name" \
	'^"WS-20261128-LONGER-0001","2026-11-28 09:30:00","0","欧阳长名字很长的人","","injury","RD","0"$'
if printf '%s\n' "$out" | grep -q "待处理\|online application"; then
	fail "intake --format csv: no count line" "$out"; else pass "intake --format csv: no count line"; fi
run --lang en -d i.db intake --format xml
expect_rc "intake --format xml: a usage error" 2

# ---- the clock starts when it was submitted online ----
run --lang en -d i.db apply --case WS-1 --field accident.type=accident --field accident.circumstance=work \
	--field accident.body_part=右手 --field accident.diagnosis=右手骨折 --field delivery.method=window \
	--material all=received --submit
expect_rc "WS-1 completed at the window: accepted" 0
no=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p')
expect_eq "RD's clock starts on the day it was submitted" \
	"$(sql i.db "SELECT started_on FROM task t JOIN cases c ON c.id = t.case_id WHERE c.ext_id = 'WS-1' AND t.item = 'RD'")" 2026-11-27
# RD is accepted by its office: the 15-day acceptance review (工伤认定办法 §8)
# counts from the online receipt (2026-12-12 is a Saturday: Monday)
expect_eq "RD's acceptance review counts from then (15 days)" \
	"$(sql i.db "SELECT t.state || ' ' || t.legal_due_on FROM task t JOIN cases c ON c.id = t.case_id WHERE c.ext_id = 'WS-1' AND t.item = 'RD'")" \
	"reviewing 2026-12-14"
if grep -q "Received online: *2026-11-27 10:00:00" "notices/$no-acceptance.txt"; then
	pass "receipt: says when it was received online"; else
	fail "receipt: says when it was received online" "$(head -20 "notices/$no-acceptance.txt")"; fi

# ---- the inbox: nothing but the row until the window opens it (db/140) ----
"$YICI" -d b.db init >/dev/null 2>&1 || fail "setup: init b.db"
mkdir -p b && cp "$data"/applications.csv b/
run --lang en -d b.db import b/applications.csv
expect_eq "inbox: three rows, and no person, employer, case, material or event written" \
	"$(sql b.db "SELECT (SELECT count(*) FROM inbox) || ' ' || (SELECT count(*) FROM person) || ' ' || (SELECT count(*) FROM employer) || ' ' || (SELECT count(*) FROM cases) || ' ' || (SELECT count(*) FROM case_material) || ' ' || (SELECT count(*) FROM event)")" \
	"3 0 0 0 0 0"
expect_eq "inbox: the import's log row keeps the header and the chain of the rows' digests" \
	"$(sql b.db "SELECT json_array_length(inbox_columns) || ' ' || length(inbox_digest) FROM exchange_log WHERE direction = 'import'")" "17 64"
run --lang en -d b.db verify
expect_rc "inbox: verify passes" 0
expect_out "inbox: verify checks the rows against their import" "inbox: 3 online applications checked"
run --lang en -d b.db intake open WS-9
expect_rc "intake open: an id not in the inbox, exit 1" 1
expect_err "intake open: says so" "no online application WS-9 in the inbox"
run --lang en -d b.db intake open WS-2
expect_rc "intake open: exit 0" 0
expect_out "intake open: prints the case's #id" "WS-2: opened at the window as #1"
expect_eq "intake open: the persons, employer and case are written now, with the imported event" \
	"$(sql b.db "SELECT c.state || ' ' || c.channel || ' ' || (SELECT count(*) FROM person) || ' ' || (SELECT count(*) FROM employer) || ' ' || (SELECT group_concat(kind) FROM event) FROM cases c WHERE c.ext_id = 'WS-2'")" \
	"intake online 1 1 imported"
run --lang en -d b.db intake open WS-2
expect_out "intake open: again, the same case" "WS-2: opened at the window as #1"
run --lang en -d b.db apply --case WS-3 --check
expect_eq "apply --case EXT_ID opens an inbox row too" "$(sql b.db "SELECT count(*) FROM inbox WHERE case_id IS NOT NULL")" 2
# a row changed behind yici's back after its import
sql b.db "UPDATE inbox SET fields = replace(fields, '张三', '张四') WHERE ext_id = 'WS-1'"
run --lang en -d b.db verify
expect_rc "inbox: verify finds a row changed after its import" 1
expect_err "inbox: says which row" "inbox row WS-1 .* changed after its import"

# ---- the rows are committed as the import goes: a bad row far into the ----
# file still rejects the file as a whole, and nothing is left in the inbox
mkdir -p big
python3 - "$data"/applications.csv big/applications.csv <<'PYEOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(rows[0])
    good = rows[1]
    for i in range(20050):
        w.writerow(['WS-B%d' % i] + good[1:])
    w.writerow(['WS-BAD'] + good[1:-1])   # one field short, at the end
PYEOF
"$YICI" -d g.db init >/dev/null 2>&1 || fail "setup: init g.db"
run --lang en -d g.db import big/applications.csv
expect_rc "late bad row: the whole file rejected, exit 2" 2
expect_err "late bad row: file:line: reason" "applications\.csv:20052: expected 17 fields but found 16"
expect_eq "late bad row: nothing in the inbox" "$(sql g.db "SELECT count(*) FROM inbox")" 0
head -n 20051 big/applications.csv >big/ok.csv && mv big/ok.csv big/applications.csv
run --lang en -d g.db import big/applications.csv
expect_rc "20,050 rows: exit 0" 0
expect_eq "20,050 rows: all in the inbox, the log row says ok with the counts" \
	"$(sql g.db "SELECT (SELECT count(*) FROM inbox) || ' ' || status || ' ' || rows_applied FROM exchange_log WHERE direction = 'import' ORDER BY id DESC LIMIT 1")" "20050 ok 20050"
run --lang en -d g.db verify
expect_rc "20,050 rows committed in steps: verify passes" 0

# ---- the lookup of an online id still in the inbox says where it is ----
run --lang en -d b.db case find WS-1
expect_rc "case find WS-1 in the inbox: no case yet, exit 1" 1
expect_err "case find WS-1: says it waits at the window and how to open it" "WS-1 is an online application waiting at the window, not yet a case: .*intake open WS-1"

# ---- rows stored by a second thread: every answer in the file's order ----
# 5,000 rows through the ring of 2,048 the reader fills and the storing
# thread empties: bad citizen IDs, a control character and an ext_id twice
# among good rows; replies and rejects must come out in line order, one
# per row, each with its own outcome
mkdir -p mix
python3 - "$data"/applications.csv mix/applications.csv <<'PYEOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
good = rows[1]
with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(rows[0])
    for i in range(5000):
        r = ['WS-M%d' % i] + good[1:]
        if i % 7 == 3:
            r[4] = '110105194912310021'          # wrong check digit
        if i % 97 == 50:
            r[9] = '一号\x1b[2J车间'               # an escape in the place
        if i == 501:
            r[0] = 'WS-M11'                      # ext_id twice in the file
        w.writerow(r)
PYEOF
"$YICI" -d m.db init >/dev/null 2>&1 || fail "setup: init m.db"
run --lang en -d m.db import mix/applications.csv
expect_rc "mixed rows: some rejected, exit 1" 1
cat >order.py <<'PYEOF'
import csv, sys
rep = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
rej = list(csv.DictReader(open(sys.argv[2], newline='', encoding='utf-8')))
lines = [int(r['line']) for r in rep]
want = {}
for i in range(5000):
    bad = i % 7 == 3 or i % 97 == 50 or i == 501
    want[i + 2] = 'rejected' if bad else 'received'
ok_order = lines == list(range(2, 5002))
ok_status = all(r['status'] == want[int(r['line'])] for r in rep)
rej_lines = [int(r['line']) for r in rej]
ok_rej = rej_lines == sorted(k for k, v in want.items() if v == 'rejected')
twice = [r for r in rep if r['line'] == '503']
ok_rej = ok_rej and len(twice) == 1 and 'appears twice' in twice[0]['reason']
print(ok_order, ok_status, ok_rej, sum(1 for v in want.values() if v == 'received'))
PYEOF
expect_eq "mixed rows: replies in line order, each row's own status, rejects in order" \
	"$(python3 order.py mix/replies.csv mix/applications.csv.rejects.csv)" "True True True 4240"
expect_eq "mixed rows: the inbox holds the received ones, the log counts agree" \
	"$(sql m.db "SELECT (SELECT count(*) FROM inbox) || ' ' || rows_applied || ' ' || rows_rejected FROM exchange_log WHERE direction = 'import' ORDER BY id DESC LIMIT 1")" "4240 4240 760"
run --lang en -d m.db verify
expect_rc "mixed rows: verify passes (the digest chain in the order stored)" 0
