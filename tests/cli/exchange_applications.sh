#!/bin/sh
# tests/cli/exchange_applications.sh — the CSV exchange (yici-exchange(5)):
# the import of applications.csv: good rows into the inbox only (listed by
# intake, shown by case show, cases once the window opens them), each bad
# row rejected with its line and field (stderr and the .rejects.csv); an
# unsent choice is exported empty, not as its default; imported again,
# nothing changes.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# ---- import: applications ----
cp "$data"/applications.csv .
run --lang en -d x.db import applications.csv
expect_rc "applications: some rows rejected, exit 1" 1
expect_out "applications: summary line" "applications.csv: read 12, applied 3, skipped 0 \(already present\), rejected 9"
# into the inbox only: one row each, nothing else until the window opens them
expect_eq "applications: three rows in the inbox, no case, person or employer written" \
	"$(sql x.db "SELECT (SELECT group_concat(ext_id, ' ') FROM (SELECT ext_id FROM inbox WHERE case_id IS NULL AND ext_id LIKE 'WS-_' ORDER BY ext_id)) || ' ' || (SELECT count(*) FROM cases WHERE ext_id IN ('WS-1', 'WS-2', 'WS-3'))")" "WS-1 WS-2 WS-3 0"
_o=$out; _e=$err
run --lang en -d x.db intake
expect_out "applications: the intake lists them with how long they waited" "WS-1 +2026-11-27 10:00:00 +23h 30m"
run --lang en -d x.db case show WS-2
expect_rc "applications: case show takes an online id still in the inbox" 0
expect_out "applications: case show says it waits at the window" "WS-2: waiting at the window"
out=$_o; err=$_e
open_inbox x.db
expect_eq "applications: intake cases with channel online" \
	"$(sql x.db "SELECT count(*) FROM cases WHERE channel = 'online' AND state = 'intake' AND ext_id IN ('WS-1', 'WS-2', 'WS-3')")" 3
expect_eq "applications: an imported event each" \
	"$(sql x.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.ext_id IN ('WS-1', 'WS-2', 'WS-3') AND e.kind = 'imported'")" 3
expect_eq "applications: embedded newline kept" \
	"$(sql x.db "SELECT instr(description, char(10)) > 0 FROM cases WHERE ext_id = 'WS-2'")" 1
expect_eq "applications: listed materials received" \
	"$(sql x.db "SELECT status FROM case_material m JOIN cases c ON c.id = m.case_id WHERE c.ext_id = 'WS-1' AND material = 'M04'")" "received"
if [ -f applications.csv.rejects.csv ]; then pass "applications: rejects file written"; else fail "applications: rejects file written" "missing"; fi
rej=$($PY - <<'EOF'
import csv
r = list(csv.reader(open('applications.csv.rejects.csv', newline='', encoding='utf-8')))
h = r[0]
print(h[-3:] == ['line', 'field', 'reason'], len(r) - 1,
      ' '.join('%s:%s' % (x[h.index('line')], x[h.index('field')]) for x in r[1:]))
EOF
)
expect_eq "applications: rejects carry line and field" "$rej" \
	"True 9 6:worker_id_number 7:employer_credit_code 8:items 9:materials 10:kind 11:accident_date 12:submitted_at 13:ext_id 14:worker_phone"
expect_err "applications: a reject on stderr as file:line: field: reason" "applications\.csv:6: worker_id_number: "
# a choice the platform did not send is not exported as chosen (the column's default)
mkdir -p onl && run --lang en -d x.db export -o onl
ob=$(ls onl | sort | tail -n 1)
unsent=$($PY - "onl/$ob/cases.csv" <<'EOF'
import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
w = [x for x in r if x['ext_id'] == 'WS-1']
print(len(w), w[0]['accident_type'] == '', w[0]['circumstance'] == '', w[0]['delivery_method'] == '')
EOF
)
expect_eq "export: WS-1's unsent 伤害类型, 认定情形 and delivery are empty in cases.csv, not the defaults" "$unsent" "1 True True True"
cases0=$(sql x.db "SELECT count(*) FROM cases"); ev0=$(sql x.db "SELECT count(*) FROM event")
dump0=$(sql x.db "SELECT * FROM cases ORDER BY id" | sha256sum)
run --lang en -d x.db import applications.csv
expect_out "applications again: skipped as already present" "read 12, applied 0, skipped 4 \(already present\), rejected 8"
expect_eq "applications again: no new case" "$(sql x.db "SELECT count(*) FROM cases")" "$cases0"
expect_eq "applications again: no new event" "$(sql x.db "SELECT count(*) FROM event")" "$ev0"
expect_eq "applications again: cases unchanged" "$(sql x.db "SELECT * FROM cases ORDER BY id" | sha256sum)" "$dump0"
