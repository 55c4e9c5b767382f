#!/bin/sh
# tests/cli/xlsx.sh — export --for excel writes .xlsx workbooks (issue 20):
# ID numbers, credit codes, phones and case numbers are text cells (read
# from the sheet XML with python3 zipfile), dates and times date cells, the
# header row frozen, columns as wide as their Chinese text; and LibreOffice
# headless turns the workbook back into CSV with every ID intact (skipped
# when soffice is not installed).
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
batches() { ls "$1" 2>/dev/null | grep -E '^[0-9]{6}-[0-9]{14}(-[0-9]+)?$'; }
"$YICI" -d x.db init --demo 150 --seed 11 >/dev/null 2>&1 || fail "setup: init --demo 150"
sqlite3 x.db "UPDATE cases SET description = '=HYPERLINK(\"http://x\")' WHERE id = 1"
run --lang en -d x.db export -o p --all --for excel --unmasked --reason "xlsx round trip"
expect_rc "export --for excel: exit 0" 0
run --lang en -d x.db export -o m --all
b=p/$(batches p)
expect_eq "excel: one workbook per file, the manifest as CSV" "$(ls $b | tr '\n' ' ')" \
	"anchor.txt cases.xlsx evaluations.xlsx events.xlsx manifest.csv notices.xlsx pushes.xlsx tasks.xlsx "
expect_eq "excel: workbooks 0640" "$(stat -c %a $b/cases.xlsx)" 640
expect_eq "excel: the manifest sums the workbooks" "$(sha256sum $b/cases.xlsx | cut -d' ' -f1)" \
	"$($PY -c 'import csv,sys; print([r[3] for r in csv.reader(open(sys.argv[1], encoding="utf-8-sig")) if r[0] == "cases.xlsx"][0])' $b/manifest.csv)"

cat >sheet.py <<'PY'
# sheet.py XLSX: prints, per column name, the cells as "type:value" (t=s,
# inlineStr, n for numbers, d:STYLE for a styled number), one JSON object.
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
x = z.read('xl/worksheets/sheet1.xml').decode()
styles = z.read('xl/styles.xml').decode()
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    shared = [re.sub(r'<[^>]+>', '', s) for s in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
fmts = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
xfs = re.findall(r'<xf [^>]*numFmtId="(\d+)"', styles.split('<cellXfs')[1])
def col(ref):
    n = 0
    for ch in re.match(r'[A-Z]+', ref).group(0): n = n * 26 + ord(ch) - 64
    return n - 1
rows = []
for r in re.findall(r'<row [^>]*>(.*?)</row>', x, re.S):
    cells = {}
    for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', r, re.S):
        ref = re.search(r'r="([A-Z]+)\d+"', attrs).group(1)
        t = re.search(r' t="(\w+)"', ' ' + attrs)
        s = re.search(r' s="(\d+)"', ' ' + attrs)
        if '<f>' in body: kind, val = 'formula', body
        elif t and t.group(1) == 'inlineStr': kind, val = 'str', re.sub(r'<[^>]+>', '', body)
        elif t and t.group(1) == 's': kind, val = 'str', shared[int(re.sub(r'<[^>]+>', '', body))]
        else:
            val = re.sub(r'<[^>]+>', '', body)
            f = fmts.get(xfs[int(s.group(1))], '') if s else ''
            kind = 'date:' + f if f else 'num'
        cells[col(ref)] = (kind, val.replace('&amp;', '&').replace('&quot;', '"').replace('&lt;', '<').replace('&gt;', '>'))
    rows.append(cells)
head = [rows[0][i][1] for i in sorted(rows[0])]
out = {h: [r.get(i, ('empty', ''))[0] + '|' + r.get(i, ('empty', ''))[1] for r in rows[1:]] for i, h in enumerate(head)}
out['_frozen'] = 'state="frozen"' in x and 'ySplit="1"' in x
out['_widths'] = {head[int(a) - 1]: float(w) for a, w in re.findall(r'<col min="(\d+)" max="\d+" width="([\d.]+)"', x)}
json.dump(out, sys.stdout, ensure_ascii=False)
PY
$PY sheet.py $b/cases.xlsx >cases.json || fail "sheet.py: read cases.xlsx"
cat >check.py <<'PY'
import csv, json, sys
s = json.load(open(sys.argv[1], encoding='utf-8'))
rows = list(csv.DictReader(open(sys.argv[2], encoding='utf-8')))
what = sys.argv[3]
if what == 'text':
    for c in sys.argv[4:]:
        want = [r[c] for r in rows]
        got = s[c]
        bad = [(w, g) for w, g in zip(want, got) if (w and g != 'str|' + w) or (not w and g != 'empty|')]
        if bad or len(got) != len(want):
            print(c, len(got), len(want), bad[:3]); sys.exit(1)
    print('ok')
elif what == 'kind':
    c = sys.argv[4]
    kinds = {g.split('|')[0] for g, w in zip(s[c], [r[c] for r in rows]) if w}
    print(' '.join(sorted(kinds)))
elif what == 'digits18':
    print(sum(1 for r in rows for c in ('worker_id_number', 'applicant_id_number') if len(r[c]) == 18 and r[c].isdigit()))
PY
m1=m/$(batches m)
expect_eq "excel: 18-digit ID numbers among the cases (the ones spreadsheets break)" \
	"$($PY check.py cases.json $m1/cases.csv digits18 | awk '{ print ($1 > 0) }')" 1
expect_eq "excel: IDs, credit codes, phones, case numbers are text cells, every digit kept" \
	"$($PY check.py cases.json $m1/cases.csv text case_no worker_id_number applicant_id_number employer_credit_code worker_phone applicant_phone)" ok
expect_eq "excel: a formula-like text is a text cell, exact" \
	"$($PY check.py cases.json $m1/cases.csv text description)" ok
expect_eq "excel: accident dates are date cells" "$($PY check.py cases.json $m1/cases.csv kind accident_date)" "date:yyyy-mm-dd"
expect_eq "excel: accident times are time cells" "$($PY check.py cases.json $m1/cases.csv kind accident_time)" "date:hh:mm"
expect_eq "excel: times of day and date are date cells" "$($PY check.py cases.json $m1/cases.csv kind created_at)" "date:yyyy-mm-dd hh:mm:ss"
expect_eq "excel: case ids are numbers" "$($PY check.py cases.json $m1/cases.csv kind case_id)" "num"
expect_eq "excel: header row frozen" "$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["_frozen"])' cases.json)" True
expect_eq "excel: columns as wide as their text (a Chinese character counts two)" \
	"$($PY -c 'import json,sys; w=json.load(open(sys.argv[1]))["_widths"]; print(w["employer_name"] > w["case_id"] and w["worker_id_number"] >= 19 and w["description"] <= 61)' cases.json)" True
$PY sheet.py $b/tasks.xlsx >tasks.json
expect_eq "excel: task deadlines are date cells" "$($PY check.py tasks.json $m1/tasks.csv kind due_on)" "date:yyyy-mm-dd"
expect_eq "excel: document numbers are text" "$($PY check.py tasks.json $m1/tasks.csv text document_no payment_ref)" ok
$PY sheet.py $b/notices.xlsx >notices.json
expect_eq "excel: SMS phones are text" "$($PY check.py notices.json $m1/notices.csv text phone case_no)" ok

# ---- LibreOffice reads it back ----
if ! command -v soffice >/dev/null 2>&1; then
	skip "LibreOffice round trip" "soffice not installed: apt-get install libreoffice-calc-nogui"
	exit 0
fi
mkdir lo
HOME=$T timeout 180 soffice -env:UserInstallation=file://$T/lo-profile --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir lo $b/cases.xlsx >lo.log 2>&1
expect_eq "LibreOffice: converts cases.xlsx to CSV" "$([ -s lo/cases.csv ] && echo yes)" yes
cat >lo.py <<'PY'
import csv, sys
a = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
b = list(csv.DictReader(open(sys.argv[2], encoding='utf-8-sig')))
bad = []
for c in ('case_no', 'worker_id_number', 'applicant_id_number', 'employer_credit_code', 'worker_phone', 'applicant_phone', 'accident_date', 'accident_time'):
    for x, y in zip(a, b):
        if x[c] != y[c]: bad.append((c, x[c], y[c]))
print('ok %d' % len(a) if not bad and len(a) == len(b) else 'bad %d %d %s' % (len(a), len(b), bad[:3]))
PY
expect_eq "LibreOffice: every ID, credit code, phone, case number and date intact" \
	"$($PY lo.py $m1/cases.csv lo/cases.csv 2>&1)" "ok 150"
