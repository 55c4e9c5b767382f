#!/bin/sh
# tests/cli/exchange_roundtrip.sh — the CSV exchange (yici-exchange(5)): our
# own batch, turned into applications.csv and re-imported into a new
# database, gives the same cases field for field.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# ---- round trip: our own batch, turned into applications.csv, re-imported ----
# into a fresh database gives the same cases field for field (quotes, an
# embedded line break, CRLF, Chinese text and the ;-lists survive).
fixture init rt1.db && fixture init rt2.db
rc=$?
expect_rc "exchange_roundtrip: setup: two new databases (fixture init)" 0
mkdir rt
sed -n '1,5p' "$data"/applications.csv >rt/applications.csv
sed -n '2p' "$data"/gbk_utf8.csv >>rt/applications.csv
run --lang en -d rt1.db import rt/applications.csv
expect_out "round trip: the first database takes the applications" "read 4, applied 4"
open_inbox rt1.db
run --lang en -d rt1.db export -o rt1 --all
cat >rt.py <<'EOF'
import csv, sys
src, dst = sys.argv[1], sys.argv[2]
need = ['ext_id', 'submitted_at', 'kind', 'worker_name', 'worker_id_number', 'worker_phone',
        'employer_name', 'employer_credit_code', 'accident_date', 'accident_place',
        'description', 'items', 'materials', 'applicant_name', 'applicant_id_number',
        'applicant_phone', 'applicant_relation']
rows = list(csv.DictReader(open(src, newline='', encoding='utf-8')))
with open(dst, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(need)
    for r in rows:
        w.writerow([r.get(c, '') for c in need])
EOF
$PY rt.py rt1/$(batches rt1)/cases.csv rt2-applications.csv
mkdir rt2in && mv rt2-applications.csv rt2in/applications.csv
run --lang en -d rt2.db import rt2in/applications.csv
expect_rc "round trip: our batch re-imported, exit 0" 0
expect_out "round trip: every case applied" "read 4, applied 4, skipped 0 \(already present\), rejected 0"
open_inbox rt2.db
run --lang en -d rt2.db export -o rt2 --all
cat >rtcmp.py <<'EOF'
import csv, sys
cols = ['ext_id', 'kind', 'channel', 'state', 'worker_name', 'worker_id_number', 'worker_sex',
        'worker_birth_date', 'worker_phone', 'applicant_type', 'applicant_name',
        'applicant_id_number', 'applicant_phone', 'applicant_relation', 'employer_name',
        'employer_credit_code', 'accident_date', 'accident_place', 'description', 'items',
        'submitted_at']
a, b = ([[r[c] for c in cols] for r in csv.DictReader(open(p, newline='', encoding='utf-8'))]
        for p in sys.argv[1:3])
print('ok' if a == b and len(a) == 4 else 'differ:\n%r\n%r' % (a, b))
EOF
expect_eq "round trip: the same cases field for field" \
	"$($PY rtcmp.py rt1/$(batches rt1)/cases.csv rt2/$(batches rt2)/cases.csv 2>&1)" ok
