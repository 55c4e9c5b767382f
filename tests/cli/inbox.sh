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
