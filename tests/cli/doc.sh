#!/bin/sh
# tests/cli/doc.sh — the papers the citizen takes home (issue 16): every
# kind of `yici doc` from a real case of the demo as an A4 PDF with the CJK
# font embedded (pdfinfo, pdffonts), its content (pdftotext: issuer, 文号,
# Chinese date, legal basis in words, no internal notes or codes), the QR
# code decoded (zbarimg) and checked by `yici doc verify`, 文号 gap-free per
# issuer and kept for a reprint, the form's full ID numbers as a reveal,
# `yici deliver` (one event per result, one 送达回证 with the sum in 大写),
# one page per kind against a golden image (pdftoppm -r 30 -gray;
# GENERATE=1 rewrites them) and a print through a CUPS file printer.
. "$(dirname "$0")/../lib.sh"

golden="$top/tests/cli/doc_golden"
have() { command -v "$1" >/dev/null 2>&1; }
# skip NAME REASON (tests/lib.sh may have its own)
command -v skip >/dev/null 2>&1 || skip() { echo "SKIP: $1 ($2)"; }

"$YICI" -d d.db init --demo 300 --seed 1 >/dev/null 2>&1
rc=$?
expect_rc "init --demo 300 for the documents" 0

# A case of each kind the demo has: the first match, by the seed.
pick() { sql d.db "$1" | head -n 1; }
DEF=$(pick "SELECT case_no FROM cases WHERE state = 'deficient' ORDER BY id")
REF=$(pick "SELECT case_no FROM cases WHERE state = 'not_accepted' ORDER BY id")
ACC=$(pick "SELECT c.case_no FROM cases c WHERE c.state = 'accepted' AND (SELECT count(DISTINCT
  category) FROM task t WHERE t.case_id = c.id) = 3 ORDER BY c.id")
SUS=$(pick "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.state =
  'suspended' AND t.item = 'RD' ORDER BY c.id")
RES=$(pick "SELECT c.case_no || ' ' || t.item FROM cases c JOIN task t ON t.case_id = c.id
  WHERE t.state = 'suspended' AND t.item <> 'RD' ORDER BY c.id")
COM=$(pick "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.item = 'FX'
  AND t.state IN ('waiting', 'accepted', 'in_review') ORDER BY c.id")
SRV=$(pick "SELECT c.case_no FROM cases c JOIN task t ON t.case_id = c.id WHERE t.state =
  'decided' AND t.outcome = 'approved' AND t.amount_fen > 0 ORDER BY c.id")
for v in DEF REF ACC SUS RES COM SRV; do
	eval "x=\$$v"
	if [ -n "$x" ]; then pass "demo has a case for $v"; else fail "demo has a case for $v"; fi
done
RES_ITEM=${RES#* }
RES=${RES% *}
CLERK=$(sql d.db "SELECT created_by FROM cases WHERE case_no = '$SRV'")

# doc NAME CASE KIND [args]: writes $T/KIND.pdf and its text $T/KIND.txt
doc() {
	_n=$1 _c=$2 _k=$3
	shift 3
	run -d d.db doc "$_c" "$_k" -o "$T/$_k.pdf" "$@"
	expect_rc "doc $_k: $_n" 0
	pdftotext -layout "$T/$_k.pdf" "$T/$_k.txt" 2>/dev/null
	txt=$(cat "$T/$_k.txt" 2>/dev/null)
}
has() {
	if printf '%s' "$txt" | tr -d ' \n' | grep -Eq -- "$2"; then pass "$1"
	else fail "$1" "text lacks /$2/" "$(printf '%s' "$txt" | head -c 800)"; fi
}
lacks() {
	if printf '%s' "$txt" | tr -d ' \n' | grep -Eq -- "$2"; then
		fail "$1" "text has /$2/" "$(printf '%s' "$txt" | tr -d ' ' | grep -E -- "$2" | head -3)"
	else pass "$1"; fi
}
# Internal notes, codes and office tags never reach citizen paper.
clean() {
	lacks "$1: no internal notes" '未核实|暂定|南宁|天津|本系统设置|办事指南'
	lacks "$1: no item or material codes" '(^|[^A-Z])(RD|JD|FJ|YL|KF|HS|M[0-9][0-9])([^A-Z0-9]|$)|§'
	lacks "$1: no office tags" '\[(行政|鉴定|经办)\]|用于|联办内部'
}
a4_and_font() {
	pdfinfo "$T/$1.pdf" 2>/dev/null | grep -q 'Page size: *595.* x 841.* pts (A4)' &&
		pass "$1: A4 (595 x 842 pt)" || fail "$1: A4 (595 x 842 pt)" "$(pdfinfo "$T/$1.pdf" 2>&1)"
	pdffonts "$T/$1.pdf" 2>/dev/null | grep -E 'NotoSerifCJK' | grep -q ' yes yes yes' &&
		pass "$1: CJK font embedded as a subset" || fail "$1: CJK font embedded" "$(pdffonts "$T/$1.pdf")"
}

# ---- receipt: the center's paper ----
doc "deficient demo case" "$DEF" receipt
a4_and_font receipt
has "receipt: issued by the service center" '合肥市瑶海区政务服务中心2026年11月28日'
has "receipt: 文号 of the center" '瑶政服收字〔2026〕1号'
has "receipt: names who reviews each item" '工伤认定申请——合肥市瑶海区人力资源和社会保障局'
has "receipt: legal basis in words" '《工伤认定办法》第八条'
has "receipt: center address and hours" '长江东路1158号.*办公时间'
clean receipt

# ---- deficiency: the office that accepts, not the center ----
doc "deficient demo case" "$DEF" deficiency
a4_and_font deficiency
has "deficiency: issued by the 人社局" '合肥市瑶海区人力资源和社会保障局2026年11月28日'
lacks "deficiency: not issued by the center" '政务服务中心2026年11月28日'
has "deficiency: cites 《工伤认定办法》第八条" '根据《工伤认定办法》第八条的规定'
has "deficiency: where and by when to bring them" '请于2026年[0-9]+月[0-9]+日前将上述材料送至合肥市瑶海区政务服务中心综合窗口'
has "deficiency: 文号" '瑶人社工补字〔2026〕1号'
clean deficiency

# ---- acceptance: one per accepting office ----
doc "case with tasks of three offices" "$ACC" acceptance
n=$(printf '%s\n' "$out" | grep -c '^受理通知书 ')
expect_eq "acceptance: one notice per office" "$n" 3
has "acceptance: 人社局 issues its own" '瑶人社工受字〔2026〕1号'
has "acceptance: 鉴定委员会 issues its own" '合劳鉴工受字〔2026〕1号'
has "acceptance: 经办机构 issues its own" '瑶社保工受字〔2026〕1号'
has "acceptance: RD's basis in words" '根据《工伤保险条例》第十七条、第十八条和《工伤认定办法》第八条的规定'
has "acceptance: what to bring to collect the result" '领取结果时，请携带本通知书和申请人身份证件原件'
has "acceptance: dates in Chinese" '依法应于20[0-9][0-9]年[0-9]+月[0-9]+日前办结'
lacks "acceptance: no ISO dates" '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
clean acceptance

# ---- refusal: remedy with the bodies named, no time limit, no progress query ----
doc "refused demo case" "$REF" refusal
has "refusal: 不予受理 by the 人社局" '不予受理决定书.*合肥市瑶海区人力资源和社会保障局2026年11月28日'
has "refusal: cites a provision" '根据《工伤保险条例》第十七条'
has "refusal: 复议机关 and court named" '向合肥市瑶海区人民政府申请行政复议.*向合肥市瑶海区人民法院提起行政诉讼'
lacks "refusal: no time limit" '办结|承诺|时限|工作日'
lacks "refusal: no progress query" '查询'
clean refusal

# ---- 文号: kept for a reprint, gap-free per issuer and year ----
nref=$(sql d.db "SELECT count(*) FROM document WHERE kind = 'refusal'")
run -d d.db doc "$REF" refusal -o "$T/refusal2.pdf"
expect_out "reprint: same 文号" '瑶人社工不受字〔2026〕1号'
expect_eq "reprint: no number taken" "$(sql d.db "SELECT last FROM doc_seq WHERE code = '瑶人社工不受字'")" 1
expect_eq "reprint: no new document row" "$(sql d.db "SELECT count(*) FROM document WHERE kind = 'refusal'")" "$nref"
expect_eq "文号 gap-free: 1..N for each issuer's 代字" \
	"$(sql d.db "SELECT count(*) FROM doc_seq s WHERE s.last <> (SELECT count(*) FROM document d WHERE d.code = s.code AND d.year = s.year) OR s.last <> (SELECT max(seq) FROM document d WHERE d.code = s.code AND d.year = s.year)")" 0
expect_eq "each document has its event" \
	"$(sql d.db "SELECT count(*) FROM document d JOIN event e ON e.id = d.event_id WHERE e.kind = 'notice_printed' AND e.detail LIKE '%' || d.doc_no")" \
	"$(sql d.db "SELECT count(*) FROM document")"

# ---- suspension and resumption (条例 §20: in writing) ----
doc "RD suspended in the demo" "$SUS" suspension
has "suspension: basis 第二十条第三款" '根据《工伤保险条例》第二十条第三款的规定，本机关决定自20[0-9]+年[0-9]+月[0-9]+日起中止办理'
has "suspension: the reason in words" '司法机关'
clean suspension
run -d d.db task resume "$RES" "$RES_ITEM" --confirmation "申请人来电确认复议已结束"
expect_rc "resume a suspended task of the demo" 0
doc "task resumed" "$RES" resumption
has "resumption: from today, new limit" '本机关自2026年11月28日起恢复办理.*依法应于20[0-9]+年[0-9]+月[0-9]+日前办结'
clean resumption

# ---- commitment ----
run -d d.db doc "$COM" commitment -o "$T/none.pdf"
expect_rc "commitment: refused when nothing was promised" 1
expect_err "commitment: says why" '没有以告知承诺代替的材料'
run -d d.db commit "$COM" M11 --method authority
expect_rc "commit M11 on the FX case" 0
doc "M11 committed" "$COM" commitment
has "commitment: consequences of a false promise" '不实承诺的法律后果.*记入信用记录'
has "commitment: how and by when it is verified" '向有关机关核实，20[0-9]+年[0-9]+月[0-9]+日前完成核查'
has "commitment: the applicant signs" '承诺人（签名）'
has "commitment: issued by the office of FX" '合肥市瑶海区社会保险经办中心2026年11月28日'
clean commitment

# ---- form: full ID numbers for the clerk of the case, as a reveal ----
# (acting as the clerk through YICI_USER: root, or a user namespace)
root_begin
form_skipped=$_skip_why
WID=$(sql d.db "SELECT p.id_number FROM cases c JOIN person p ON p.id = c.worker_id WHERE c.case_no = '$SRV'")
before=$(sql d.db "SELECT count(*) FROM event WHERE kind = 'revealed'")
YICI_USER=$CLERK doc "the clerk of the case" "$SRV" form
has "form: the full worker ID number" "$WID"
has "form: declaration above the signature" '声明与承诺.*申请人（签名或盖章）'
after=$(sql d.db "SELECT count(*) FROM event WHERE kind = 'revealed'")
[ "$after" -gt "$before" ] && pass "form: recorded as a reveal" || fail "form: recorded as a reveal" "$before -> $after"
other=$(sql d.db "SELECT login FROM staff WHERE role = 'clerk' AND login <> '$CLERK' LIMIT 1")
YICI_USER=$other run -d d.db doc "$SRV" form -o "$T/other.pdf"
expect_rc "form: refused to a clerk who does not work the case" 1
clean form

# ---- deliver: every result ready, one event each, one 送达回证 ----
ready=$(sql d.db "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$SRV' AND t.state = 'decided'")
ev0=$(sql d.db "SELECT count(*) FROM event WHERE kind = 'delivered'")
YICI_USER=$CLERK run -d d.db deliver "$SRV" --recipient 张三 --id-shown -o "$T/service.pdf"
expect_rc "deliver: every ready result of the case" 0
expect_out "deliver: says how many" "的 $ready 项结果送达 张三"
ev1=$(sql d.db "SELECT count(*) FROM event WHERE kind = 'delivered'")
expect_eq "deliver: one event per task" "$((ev1 - ev0))" "$ready"
expect_eq "deliver: none left ready" "$(sql d.db "SELECT count(*) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$SRV' AND t.state = 'decided'")" 0
pdftotext -layout "$T/service.pdf" "$T/service.txt"
txt=$(cat "$T/service.txt")
has "service: the recipient, identity checked" '受送达人：张三（已核验身份证件）'
has "service: the sum in figures and in 大写" '核定金额[0-9,]+\.[0-9][0-9]元（大写：[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+）'
has "service: the signature" '受送达人（签名）'
clean service
YICI_USER=$CLERK run -d d.db deliver "$SRV" --recipient 张三
expect_rc "deliver: nothing left to deliver" 1
expect_err "deliver: says so" '没有待送达的结果'
root_end

# ---- the QR code and yici doc verify ----
if have zbarimg && have pdftoppm; then
	pdftoppm -r 300 -gray -png -f 1 -l 1 "$T/refusal.pdf" "$T/qr"
	code=$(zbarimg -q --raw "$T"/qr-1.png 2>/dev/null | head -n 1)
	case "$code" in
	"YICI-DOC|$REF|瑶人社工不受字〔2026〕1号|"*) pass "QR: case number, 文号 and digest" ;;
	*) fail "QR: case number, 文号 and digest" "decoded '$code'" ;;
	esac
	run -d d.db doc verify "$code"
	expect_rc "verify: the issued document" 0
	expect_out "verify: says what it is" '^valid：不予受理决定书 瑶人社工不受字〔2026〕1号'
	run -d d.db doc verify "$(printf '%s' "$code" | sed 's/|[0-9a-f]*$/|0123456789abcdef/')"
	expect_rc "verify: an altered digest" 1
	expect_out "verify: altered says NOT valid" '^NOT valid'
	run -d d.db doc verify "YICI-DOC|$REF|瑶人社工不受字〔2026〕99号|0123456789abcdef"
	expect_rc "verify: a number never issued" 1
	sqlite3 d.db "UPDATE document SET body = replace(body, '不予受理', '予以受理') WHERE kind = 'refusal'"
	run -d d.db doc verify "$code"
	expect_rc "verify: a record changed after issue" 1
	expect_out "verify: says it was changed" '出具后被改动'
else
	skip "QR decoded and verified" "zbarimg or pdftoppm missing"
fi
run -d d.db doc verify "hello"
expect_rc "verify: not a yici code" 1

# ---- bad input ----
run -d d.db doc "$DEF" letter
expect_rc "doc: unknown kind is a usage error" 2
expect_err "doc: names the kinds" 'receipt, deficiency, acceptance'
run -d d.db doc "$DEF" refusal -o "$T/x.pdf"
expect_rc "doc: refusal of a case not refused" 1
run -d d.db doc "$DEF" receipt --print -o "$T/x.pdf"
expect_rc "doc --print without a printer" 1
expect_err "doc --print: names the setting" 'config printer'
mkdir -p "$T/badforms" && cp "$top"/tests/data/forms/*.csv "$T/badforms/"
printf 'receipt,para,,你好{nosuch}。,\n' >> "$T/badforms/documents.csv"
run --forms "$T/badforms" catalog --check
expect_rc "catalog --check: an unknown placeholder fails" 1
expect_err "catalog --check: names file, line, field" 'forms/documents.csv:[0-9]+: text：未知的占位符 \{nosuch\}'
run catalog --check
expect_out "catalog --check: documents OK" 'documents OK'

# ---- the decision summary (its golden page below) ----
doc "the decision summary of the delivered case" "$SRV" decision
has "decision: every item's decision, in words" '认定为工伤|予以核准'

# ---- one page per kind against its golden image ----
# pdftoppm -r 30 -gray, compared pixel by pixel: at most 2% of the pixels
# may differ by more than a quarter of the grey scale (the QR code differs
# from database to database: its digest is keyed per database).
cmp_page() {
	python3 - "$1" "$2" "${3:-2}" <<'PY'
import sys
def pgm(p):
    d = open(p, 'rb').read()
    parts, i = [], 0
    while len(parts) < 4:
        while d[i:i+1].isspace(): i += 1
        if d[i:i+1] == b'#':
            while d[i:i+1] != b'\n': i += 1
            continue
        j = i
        while not d[j:j+1].isspace(): j += 1
        parts.append(d[i:j]); i = j
    return int(parts[1]), int(parts[2]), d[i+1:]
w1, h1, a = pgm(sys.argv[1]); w2, h2, b = pgm(sys.argv[2])
if abs(w1 - w2) > 2 or abs(h1 - h2) > 2:
    print("size %dx%d, golden %dx%d" % (w1, h1, w2, h2)); sys.exit(1)
# a rounding pixel more or less at the edge (a printer's rendering) is fine
w, h = min(w1, w2), min(h1, h2)
bad = sum(1 for r in range(h) for c in range(w) if abs(a[r * w1 + c] - b[r * w2 + c]) > 64)
print("%.2f%% of pixels differ" % (100.0 * bad / (w * h)))
sys.exit(0 if bad <= float(sys.argv[3]) / 100 * w * h else 1)
PY
}
if have pdftoppm && have python3; then
	for k in receipt deficiency acceptance refusal2 suspension resumption commitment service form \
		decision; do
		f="$T/$k.pdf"
		[ "$k" = refusal2 ] && f="$T/refusal2.pdf"
		if [ "$k" = form ] && [ -n "$form_skipped" ]; then
			skip "golden form" "$form_skipped"
			continue
		fi
		pdftoppm -r 30 -gray -f 1 -l 1 -singlefile "$f" "$T/page-$k"
		g="$golden/${k%2}.pgm"
		if [ -n "$GENERATE" ]; then
			cp "$T/page-$k.pgm" "$g"
			pass "golden ${k%2}: written"
		elif [ ! -f "$g" ]; then
			fail "golden ${k%2}" "no $g (GENERATE=1 sh tests/cli/doc.sh writes it)"
		elif res=$(cmp_page "$T/page-$k.pgm" "$g"); then
			pass "golden ${k%2}: first page as expected ($res)"
		else
			fail "golden ${k%2}: first page differs" "$res"
		fi
	done
else
	skip "golden pages" "pdftoppm or python3 missing"
fi

# ---- printing through a CUPS file printer ----
# A private cupsd (own socket, spool and configuration under $T) with a
# file: queue; lp is asked for A4; the job's output (PostScript from CUPS's
# filters) must be A4 and render the page as the PDF does.
if [ "$(id -u)" -ne 0 ]; then
	skip "print through CUPS" "needs root to run a private cupsd"
elif ! have cupsd || ! have lpadmin || ! have lp; then
	skip "print through CUPS" "cups, cups-client not installed"
elif ! getent passwd lp >/dev/null; then
	skip "print through CUPS" "no user lp for cupsd"
else
	C=$T/cups
	mkdir -p "$C/spool" "$C/tmp" "$C/cache" "$C/state" "$C/log" "$C/ppd"
	cat > "$C/cupsd.conf" <<CONF
Listen $C/cups.sock
LogLevel warn
DefaultAuthType None
WebInterface No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
	cat > "$C/cups-files.conf" <<CONF
ServerRoot $C
RequestRoot $C/spool
TempDir $C/tmp
CacheDir $C/cache
StateDir $C/state
ErrorLog $C/log/error_log
AccessLog $C/log/access_log
PageLog $C/log/page_log
FileDevice Yes
Sandboxing Relaxed
User lp
Group lp
CONF
	: > "$C/printed.out"
	chown lp "$C/printed.out"
	chgrp -R lp "$C"
	chmod 755 "$T"
	chmod -R g+rwX "$C"
	cupsd -f -c "$C/cupsd.conf" -s "$C/cups-files.conf" >"$C/log/out" 2>&1 &
	cupsd_pid=$!
	trap 'kill $cupsd_pid 2>/dev/null; rm -rf "$T"' EXIT
	export CUPS_SERVER="$C/cups.sock"
	poll test -S "$C/cups.sock"
	if lpadmin -p yicitest -E -v "file://$C/printed.out" -m drv:///sample.drv/generic.ppd 2>"$C/log/lpadmin"; then
		"$YICI" -d d.db config printer yicitest >/dev/null
		run -d d.db doc "$REF" refusal -o "$T/print.pdf" --print
		expect_rc "print: yici doc --print" 0
		expect_out "print: says where" '已送打印机 yicitest'
		TUI_POLLS=300 poll sh -c "lpstat -W completed -o yicitest 2>/dev/null | grep -q yicitest"
		if head -c 200 "$C/printed.out" | grep -q '^%!PS' &&
		   grep -aq 'HiResBoundingBox: 0 0 595.00 842.00' "$C/printed.out"; then
			pass "print: CUPS printed it on A4"
		else
			fail "print: CUPS printed it on A4" "$(head -c 300 "$C/printed.out")" "$(tail -5 "$C/log/error_log" 2>/dev/null)"
		fi
		if have gs; then
			gs -q -dNOPAUSE -dBATCH -sDEVICE=pgmraw -r30 -dFirstPage=1 -dLastPage=1 \
			   -o "$T/printed.pgm" "$C/printed.out" >/dev/null 2>&1
			pdftoppm -r 30 -gray -f 1 -l 1 -singlefile "$T/print.pdf" "$T/page-print"
			# Ghostscript draws without anti-aliasing: 10% of pixels may differ
			if res=$(cmp_page "$T/printed.pgm" "$T/page-print.pgm" 10); then
				pass "print: the printed page is the document ($res)"
			else
				fail "print: the printed page is the document" "$res"
			fi
		fi
	else
		skip "print through CUPS" "lpadmin failed: $(cat "$C/log/lpadmin")"
	fi
	kill "$cupsd_pid" 2>/dev/null
	wait "$cupsd_pid" 2>/dev/null
fi
