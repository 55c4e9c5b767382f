#!/bin/sh
# tests/cli/doc_deliver.sh — the papers the citizen takes home (issue 16): the
# application form with the full ID numbers for the clerk of the case (a
# recorded reveal, refused to another clerk), `yici deliver` (every ready
# result, one event each, one 送达回证 with the sum in 大写, then nothing
# left), and the decision summary; their golden first pages.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_doc.sh"

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

# ---- the decision summary (its golden page below) ----
doc "the decision summary of the delivered case" "$SRV" decision
has "decision: every item's decision, in words" '认定为工伤|予以核准'


golden service
if [ -n "$form_skipped" ]; then
	skip "golden form" "$form_skipped"
else
	golden form
fi
golden decision
