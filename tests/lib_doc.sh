# tests/lib_doc.sh — sourced by the doc_*.sh suites after tests/lib.sh:
# the demo database of 300 cases (fixture demo300, seed 1) copied to d.db,
# a case of each kind the papers need, and the checks of a paper's text
# (pdftotext), its page (A4, the CJK font) and its golden first page.
golden="$top/tests/cli/doc_golden"
have() { command -v "$1" >/dev/null 2>&1; }
# skip NAME REASON (tests/lib.sh may have its own)
command -v skip >/dev/null 2>&1 || skip() { echo "SKIP: $1 ($2)"; }

fixture demo300 d.db
rc=$?
expect_rc "$(basename "$0" .sh): the demo database for the documents" 0

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
RES_ITEM=${RES#* }
RES=${RES% *}
CLERK=$(sql d.db "SELECT created_by FROM cases WHERE case_no = '$SRV'")
# doc_cases: a check that the demo has a case of each kind (one suite runs it)
doc_cases() {
	for v in DEF REF ACC SUS RES COM SRV; do
		eval "x=\$$v"
		if [ -n "$x" ]; then pass "demo has a case for $v"; else fail "demo has a case for $v"; fi
	done
}

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

# cmp_page PGM GOLDEN [PERCENT]: at most PERCENT (2) % of the pixels may
# differ by more than a quarter of the grey scale (the QR code differs
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

# golden KIND [FILE]: the first page of $T/KIND.pdf (or FILE) at 30 dpi in
# grey against tests/cli/doc_golden/KIND.pgm; GENERATE=1 rewrites it.
golden() {
	_k=$1 _f=${2:-$T/$1.pdf}
	if ! have pdftoppm || ! have python3; then
		skip "golden $_k" "pdftoppm or python3 missing"
		return
	fi
	pdftoppm -r 30 -gray -f 1 -l 1 -singlefile "$_f" "$T/page-$_k"
	_g="$golden/$_k.pgm"
	if [ -n "$GENERATE" ]; then
		cp "$T/page-$_k.pgm" "$_g"
		pass "golden $_k: written"
	elif [ ! -f "$_g" ]; then
		fail "golden $_k" "no $_g (GENERATE=1 sh tests/run.sh doc writes it)"
	elif res=$(cmp_page "$T/page-$_k.pgm" "$_g"); then
		pass "golden $_k: first page as expected ($res)"
	else
		fail "golden $_k: first page differs" "$res"
	fi
}
