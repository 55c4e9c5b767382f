#!/bin/sh
# tests/cli/papers.sh — the papers of the window's flows (issue 16): the
# acceptance (apply --submit, as F9 does) issues the receipt with the query
# code and the acceptance notices as one A4 PDF in the transaction that
# draws the code; the code is on the paper only (the database keeps its
# hash, the document's stored text and the text copy ******, and once lp
# took the paper the file keeps ****** too); a refusal writes its
# 不予受理决定书 PDF; the decision summary (kind decision) lists every
# item's decision and basis in words; a reprint (doc --reprint) is the same
# document — same 文号 and date, marked 补打, one event — and verifies.
. "$(dirname "$0")/../lib.sh"

have() { command -v "$1" >/dev/null 2>&1; }
txt_of() { pdftotext "$1" - 2>/dev/null | tr -d ' \n'; }
has() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then pass "$1"
	else fail "$1" "text lacks /$3/" "$(printf '%s' "$2" | head -c 600)"; fi
}
lacks() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then fail "$1" "text has /$3/"
	else pass "$1"; fi
}
hash_of() {
	python3 -c 'import hashlib,sys; print("pbkdf2_sha256$10000$" + hashlib.pbkdf2_hmac("sha256", sys.argv[2].encode(), sys.argv[1].encode(), 10000).hex())' "$1" "$2"
}

"$YICI" -d p.db init >/dev/null 2>&1
rc=$?
expect_rc "init" 0
W1=340102198503121238
C1=91110000100006485K
base=$(injury_form $W1 张三)

# ---- the acceptance: receipt with the code + acceptance notices, one PDF ----
# shellcheck disable=SC2086
run --lang en -d p.db apply $base --items 'RD;YL' --material all=received --submit
expect_rc "submit: accepted" 0
no=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p' | head -n 1)
expect_out "submit: says where the papers are" "^document: notices/$no-accepted.pdf$"
pdf=notices/$no-accepted.pdf
if [ -f "$pdf" ] && pdfinfo "$pdf" 2>/dev/null | grep -Eq 'Page size: +595.* x 841.*A4'; then
	pass "the papers: an A4 PDF"; else fail "the papers: an A4 PDF" "$(pdfinfo "$pdf" 2>&1 | head -3)"; fi
t=$(txt_of "$pdf")
has "the papers: the receipt (收件凭证) first" "$t" '^工伤保险“一件事”收件凭证瑶政服收字〔2026〕1号'
# RD is accepted by its office (工伤认定办法 §8, issue 15): its 受理通知书 comes
# with task accept, not with the window's receipt
if printf '%s' "$t" | grep -q '受理通知书瑶人社工受字'; then
	fail "the papers: no acceptance notice of the RD office before it accepts" "$(printf '%s' "$t" | head -c 600)"
else pass "the papers: no acceptance notice of the RD office before it accepts"; fi
has "the papers: the acceptance notice of the agency" "$t" '受理通知书瑶社保工受字〔2026〕1号'
code=$(printf '%s' "$t" | sed -n 's/.*查询密码\([0-9]\{6\}\).*/\1/p')
if [ -n "$code" ]; then pass "receipt: the query code on the paper"; else
	fail "receipt: the query code on the paper" "$(printf '%s' "$t" | head -c 600)"; fi
expect_eq "receipt: the code printed is the one whose hash is kept" \
	"$(sql p.db "SELECT query_hash FROM cases WHERE case_no = '$no'")" "$(hash_of "$no" "${code:-x}")"
expect_eq "receipt: issued in the acceptance's transaction (its event right after the acceptance's)" \
	"$(sql p.db "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM event WHERE case_id = 1 AND id > (SELECT max(id) FROM event WHERE case_id = 1 AND kind = 'sms_queued') ORDER BY id)")" \
	"notice_printed notice_printed notice_printed"
expect_eq "stored: the receipt's text masks the code" \
	"$(sql p.db "SELECT count(*) FROM document WHERE kind = 'receipt' AND instr(body, '查询密码******') > 0")" 1
expect_eq "stored: the code is in no document, letter or event" \
	"$(sql p.db "SELECT (SELECT count(*) FROM document WHERE instr(body, '${code:-x}') > 0) + (SELECT count(*) FROM notice WHERE channel = 'letter' AND instr(body, '${code:-x}') > 0) + (SELECT count(*) FROM event WHERE instr(coalesce(detail, ''), '${code:-x}') > 0)")" 0
if grep -rq "${code:-x}" notices/*.txt; then fail "the text copy: without the code" "$(grep -r "$code" notices/*.txt)"
else pass "the text copy: without the code"; fi
if have zbarimg && have pdftoppm; then
	pdftoppm -r 300 -gray -png -f 1 -l 1 "$pdf" "$T/rq"
	qr=$(zbarimg -q --raw "$T"/rq-1.png 2>/dev/null | head -n 1)
	run -d p.db doc verify "$qr"
	expect_rc "receipt: its QR verifies (the digest covers the masked text)" 0
else
	skip "receipt: its QR verifies" "zbarimg or pdftoppm missing"
fi
# the office accepts RD: its 受理通知书, with the next 文号 of the RD office
run --lang en -d p.db task accept "$no" RD
expect_rc "task accept RD: exit 0" 0
expect_out "task accept RD: says where its notice is" "^notice: notices/$no-accepted-RD\.pdf"
has "task accept RD: the acceptance notice of the RD office" "$(txt_of "notices/$no-accepted-RD.pdf")" \
	'受理通知书瑶人社工受字〔2026〕1号.*工伤认定申请'

# ---- printed through lp: the paper has the code, the file keeps ****** ----
mkdir -p bin
cat >bin/lp <<'EOF'
#!/bin/sh
for a; do f=$a; done
n=$(ls "$LP_OUT" 2>/dev/null | wc -l)
cp "$f" "$LP_OUT/job-$n.pdf"
echo "$*" >>"$LP_OUT/args"
EOF
chmod +x bin/lp
mkdir -p spool
"$YICI" -d p.db config printer office-a4 >/dev/null 2>&1
# shellcheck disable=SC2086
LP_OUT=$T/spool PATH=$T/bin:$PATH run --lang en -d p.db apply $base --field worker.name=李四 \
	--field worker.id_number=11010519491231002X --field applicant.id_number=11010519491231002X \
	--items 'RD' --material all=received --submit
expect_rc "submit with a printer: accepted" 0
no2=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p' | head -n 1)
expect_eq "printer: one job, the A4 papers (not the text copy)" \
	"$(ls spool | grep -c 'job-')$(grep -c -- '-o media=A4' spool/args)$(grep -c '\.txt' spool/args)" 110
pt=$(txt_of spool/job-0.pdf)
code2=$(printf '%s' "$pt" | sed -n 's/.*查询密码\([0-9]\{6\}\).*/\1/p')
expect_eq "printer: the paper printed carries the code" \
	"$(sql p.db "SELECT query_hash FROM cases WHERE case_no = '$no2'")" "$(hash_of "$no2" "${code2:-x}")"
kt=$(txt_of "notices/$no2-accepted.pdf")
has "printer: the file kept afterwards masks the code" "$kt" '查询密码\*\*\*\*\*\*'
lacks "printer: the file kept afterwards has no code" "$kt" "查询密码${code2:-x}"
"$YICI" -d p.db config printer "" >/dev/null 2>&1

# ---- a refusal: its 不予受理决定书 ----
run --lang en -d p.db apply --field applicant.name=王五 --field worker.name=王五
draft=$(printf '%s\n' "$out" | sed -n 's/^\(#[0-9]*\) draft$/\1/p')
run --lang en -d p.db refuse "$draft" --reason 超过工伤认定申请时限
expect_rc "refuse: exit 0" 0
rno=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) not_accepted$/\1/p')
expect_out "refuse: says where the decision is" "^document: notices/$rno-refusal.pdf$"
rt=$(txt_of "notices/$rno-refusal.pdf")
has "refusal: 不予受理决定书 with its 文号" "$rt" '不予受理决定书瑶人社工不受字〔2026〕1号'
has "refusal: the reason" "$rt" '超过工伤认定申请时限'
has "refusal: the remedy names the 复议机关 and the court" "$rt" '人民政府申请行政复议.*人民法院提起行政诉讼'

# ---- the decision summary and reprints, on a demo case ----
fixture demo300 d.db
SRV=$(sql d.db "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.state =
  'decided' AND t.outcome = 'approved' AND t.amount_fen > 0 ORDER BY c.id LIMIT 1")
ntask=$(sql d.db "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$SRV'")
run -d d.db doc "$SRV" decision -o "$T/dec.pdf"
expect_rc "decision summary: exit 0" 0
dt=$(txt_of "$T/dec.pdf")
has "decision summary: its title and 文号 (the center's)" "$dt" '办理结果汇总瑶政服汇字〔2026〕1号'
expect_eq "decision summary: one line per item of the case" \
	"$(pdftotext "$T/dec.pdf" - | grep -Ec '^ *[0-9]+\. ')" "$ntask"
has "decision summary: RD's decision and basis in words" "$dt" '工伤认定申请（合肥市瑶海区人力资源和社会保障局）：认定为工伤.*依据：《工伤保险条例》第十七条'
has "decision summary: an approved sum in figures and in 大写" "$dt" '予以核准，核定金额[0-9,]+\.[0-9]{2}元（大写：[^）]*[元角分整]）'
has "decision summary: decision dates in Chinese" "$dt" '2026年[0-9]+月[0-9]+日作出'
lacks "decision summary: no codes or internal notes" "$dt" '(RD|YL|HS|JD)[：:;]|未核实|暂定|approved|recognised'
seq=$(sql d.db "SELECT group_concat(code || last) FROM doc_seq")
run -d d.db doc "$SRV" decision -o "$T/dec2.pdf"
expect_eq "decision summary again, unchanged: the same document, no new number" \
	"$(sql d.db "SELECT group_concat(code || last) FROM doc_seq")" "$seq"

ev() { sql d.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$SRV' AND e.kind = 'notice_printed' AND e.detail LIKE '$1'"; }
before=$(ev '补打 %')
run -d d.db doc "$SRV" decision --reprint -o "$T/re.pdf"
expect_rc "reprint: exit 0" 0
expect_out "reprint: says 补打" '^（补打）工伤保险“一件事”办理结果汇总 瑶政服汇字〔2026〕1号$'
rp=$(txt_of "$T/re.pdf")
has "reprint: marked 补打 above the title" "$rp" '^补打工伤保险“一件事”办理结果汇总瑶政服汇字〔2026〕1号'
expect_eq "reprint: the same text as the first print" "$(printf '%s' "$rp" | sed 's/^补打//')" "$dt"
expect_eq "reprint: no new 文号" "$(sql d.db "SELECT group_concat(code || last) FROM doc_seq")" "$seq"
expect_eq "reprint: recorded as an event" "$(ev '补打 %汇字〔2026〕1号')" $((before + 1))
if have zbarimg && have pdftoppm; then
	pdftoppm -r 300 -gray -png -f 1 -l 1 "$T/re.pdf" "$T/rr"
	qr=$(zbarimg -q --raw "$T"/rr-1.png 2>/dev/null | head -n 1)
	run -d d.db doc verify "$qr"
	expect_rc "reprint: its QR verifies" 0
	expect_out "reprint: as the document first issued" '汇字〔2026〕1号'
else
	skip "reprint: its QR verifies" "zbarimg or pdftoppm missing"
fi
run --lang en -d d.db doc "$SRV" refusal --reprint
expect_rc "reprint of a kind never issued: refused" 1
expect_err "reprint of a kind never issued: says so" 'was issued no refusal document'
run --lang en -d d.db doc "$SRV" form --reprint
expect_rc "reprint of the form: refused (made anew, as a reveal)" 1

# ---- the wording of the new kind is checked ----
cp -r "$YICI_FORMS" forms2
grep -v '^decision,title' "$YICI_FORMS/documents.csv" >forms2/documents.csv
run --lang en catalog --check --forms forms2
expect_rc "catalog --check: the decision summary needs its title" 1
expect_err "catalog --check: names the kind and the row" "kind 'decision' has no 'title' row"
