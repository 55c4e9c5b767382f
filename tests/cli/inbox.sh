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
