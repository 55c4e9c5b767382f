#!/bin/sh
# tests/cli/querycode.sh — the query code (查询密码): 6 random digits issued
# at the receipt, printed on it and sent in the acceptance SMS, stored only
# as a salted hash (PBKDF2-HMAC-SHA256, the case number as salt), exported
# as that hash in cases.csv, and issued anew on request with an event.
# Online applications are found by their platform id (WS...).
. "$(dirname "$0")/../lib.sh"

"$YICI" -d q.db init >/dev/null 2>&1
rc=$?
expect_rc "init" 0
W1=340102198503121238
C1=91110000100006485K
base=$(injury_form $W1 张三)

# shellcheck disable=SC2086
run --lang en -d q.db apply $base --items 'RD;YL' --material all=received --submit
expect_rc "submit: accepted" 0
no=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p' | head -n 1)
# the code is printed on the receipt, the A4 paper handed out (issue 16):
# its PDF in the notices folder (no printer here, so the clerk prints that)
code=$(pdftotext "notices/$no-accepted.pdf" - 2>/dev/null | tr -d ' \n' | sed -n 's/.*查询密码\([0-9]\{6\}\).*/\1/p' | head -n 1)
if [ -n "$code" ]; then pass "receipt: prints a 6-digit query code"; else
	fail "receipt: prints a 6-digit query code" "stdout: $out"; fi
if grep -q "$code" "notices/$no-acceptance.txt"; then
	fail "the text copy of the acceptance notice: without the code" "$(grep "$code" "notices/$no-acceptance.txt")"
else pass "the text copy of the acceptance notice: without the code"; fi
# RD is accepted by its office: the window's SMS is the receipt (sms_received)
sms=$(sql q.db "SELECT body FROM notice WHERE channel = 'sms' AND kind IN ('sms_accepted', 'sms_received')")
case "$sms" in
*"查询密码$code"*) pass "acceptance SMS: carries the query code it promises" ;;
*) fail "acceptance SMS: carries the query code it promises" "code '$code'" "sms: $sms" ;;
esac
h=$(sql q.db "SELECT query_hash FROM cases WHERE case_no = '$no'")
expect_eq "stored: a PBKDF2 hash of the code, salted with the case number" "$h" \
	"$(python3 -c 'import hashlib,sys; print("pbkdf2_sha256$10000$" + hashlib.pbkdf2_hmac("sha256", sys.argv[2].encode(), sys.argv[1].encode(), 10000).hex())' "$no" "$code")"
n=$(sql q.db "SELECT count(*) FROM cases WHERE instr(coalesce(query_hash, ''), '$code') > 0 OR instr(coalesce(reason, ''), '$code') > 0")
n2=$(sql q.db "SELECT count(*) FROM notice WHERE channel = 'letter' AND instr(body, 'Query code') > 0 AND instr(body, '$code') > 0")
expect_eq "stored: the code itself is not in the case or the kept receipt" "$n$n2" 00
n=$(sql q.db "SELECT count(*) FROM event WHERE instr(detail, '$code') > 0")
expect_eq "stored: the code is in no event" "$n" 0

# a second case gets another code (random, not a sequence)
# shellcheck disable=SC2086
run --lang en -d q.db apply $base --field worker.name=李四 --field worker.id_number=11010519491231002X --field applicant.id_number=11010519491231002X --items 'RD' --material all=received --submit
no2=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p' | head -n 1)
code2=$(pdftotext "notices/$no2-accepted.pdf" - 2>/dev/null | tr -d ' \n' | sed -n 's/.*查询密码\([0-9]\{6\}\).*/\1/p' | head -n 1)
if [ -n "$code2" ] && [ "$code2" != "$code" ]; then pass "second case: its own code"; else
	fail "second case: its own code" "'$code' then '$code2'"; fi

# ---- exported: the hash, never the code ----
run --lang en -d q.db export -o out --all
expect_rc "export: exit 0" 0
b=$(ls -d out/*/ | head -n 1)
col=$(python3 - "$b/cases.csv" "$no" <<'EOF'
import csv, sys
r = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))
h = r[0]
row = [x for x in r[1:] if x[h.index('case_no')] == sys.argv[2]][0]
print(row[h.index('query_code_hash')] if 'query_code_hash' in h else 'NO COLUMN')
EOF
)
expect_eq "cases.csv: query_code_hash column holds the stored hash" "$col" "$h"
if [ -z "$code" ] || grep -q "$code" "$b/cases.csv"; then fail "cases.csv: never the code" "found $code"; else
	pass "cases.csv: never the code"; fi

# ---- on request: a new code, an event ----
run --lang en -d q.db notice "$no" --kind query-code
expect_rc "notice --kind query-code: exit 0" 0
new=$(printf '%s\n' "$out" | sed -n 's/^Query code: *\([0-9]\{6\}\)$/\1/p')
if [ -n "$new" ]; then pass "reissue: prints a new code"; else fail "reissue: prints a new code" "$out"; fi
h2=$(sql q.db "SELECT query_hash FROM cases WHERE case_no = '$no'")
expect_eq "reissue: the stored hash is the new code's" "$h2" \
	"$(python3 -c 'import hashlib,sys; print("pbkdf2_sha256$10000$" + hashlib.pbkdf2_hmac("sha256", sys.argv[2].encode(), sys.argv[1].encode(), 10000).hex())' "$no" "$new")"
expect_eq "reissue: an event" \
	"$(sql q.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$no' AND e.kind = 'notice_printed' AND e.detail = 'query_code reissued'")" 1
run --lang en -d q.db apply --field worker.name=王五 --field accident.date=2026-11-20
draft=$(printf '%s\n' "$out" | sed -n 's/^\(#[0-9]*\) draft$/\1/p')
run --lang en -d q.db notice "$draft" --kind query-code
expect_rc "reissue for a draft: refused" 1
expect_err "reissue for a draft: says why" "not accepted"

# ---- an online application is found by its platform id ----
run --lang en -d q.db apply --online WS-20261127-0001 --submitted-at "2026-11-27 20:00" --field worker.name=钱七 --field worker.id_number=$W1 --items 'RD'
expect_rc "online application saved" 0
run --lang en -d q.db case show WS-20261127-0001
expect_rc "case show WS...: exit 0" 0
expect_out "case show WS...: shows the online application" "online intake"
run --lang en -d q.db case show WS-19990101-0000
expect_rc "case show unknown WS...: exit 1" 1
expect_err "case show unknown WS...: names it as an online id" "no online application"
run --lang en -d q.db case find WS-20261127-0001
expect_rc "lookup WS...: exit 0" 0
# with the worker's name it brought (钱七, which renames nobody: $W1 is 张三)
expect_out "lookup WS...: finds it, with the name as received" "^\\(no number yet\\) +钱七 .*online"
