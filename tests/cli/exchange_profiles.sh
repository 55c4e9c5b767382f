#!/bin/sh
# tests/cli/exchange_profiles.sh — the CSV exchange (yici-exchange(5)): the
# profiles and encodings of an export: by default values exact and no BOM;
# --for excel workbooks where a formula-like text stays inert text;
# --encoding gb18030 the same text in other bytes.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# ---- profiles and encodings ----
sqlite_t x.db "UPDATE cases SET description = '=HYPERLINK(\"http://x\")', accident_place = '-2+3' WHERE id = 1"
run --lang en -d x.db export -o exact --all
run --lang en -d x.db export -o excel --all --for excel
run --lang en -d x.db export -o gb --all --encoding gb18030
e1=exact/$(batches exact); e2=excel/$(batches excel); e3=gb/$(batches gb)
cell() { $PY -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))); print(r[1][r[0].index(sys.argv[2])])' "$1" "$2"; }
expect_eq "profile default: values exact" "$(cell $e1/cases.csv description)" '=HYPERLINK("http://x")'
expect_eq "profile default: no BOM" "$(head -c 3 $e1/cases.csv | od -An -tx1 | tr -d ' ')" "226361"
# --for excel writes workbooks (tests/cli/xlsx.sh): a formula-like text is a
# text cell there, inert without a quote
xcell() { $PY -c '
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
row = re.search(r"<row r=\"2\".*?</row>", x, re.S).group(0)
print("formula" if "<f>" in row else "ok" if sys.argv[2] in row.replace("&quot;", "\"") else "missing")' "$1" "$2"; }
expect_eq "profile excel: a workbook, no CSV" "$(ls $e2 | grep -c '\.csv$') $(ls $e2 | grep -c '\.xlsx$')" "1 6"
expect_eq "profile excel: = kept as text, no formula" "$(xcell $e2/cases.xlsx '=HYPERLINK("http://x")')" ok
expect_eq "profile excel: - kept as text" "$(xcell $e2/cases.xlsx '>-2+3<')" ok
if iconv -f GB18030 -t UTF-8 $e3/cases.csv | cmp -s - $e1/cases.csv; then
	pass "encoding gb18030: the same text as UTF-8"
else
	fail "encoding gb18030: the same text as UTF-8" "iconv -f GB18030 differs"
fi
if cmp -s $e3/cases.csv $e1/cases.csv; then fail "encoding gb18030: bytes differ from UTF-8" "identical"; else pass "encoding gb18030: bytes differ from UTF-8"; fi
