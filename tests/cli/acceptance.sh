#!/bin/sh
# tests/cli/acceptance.sh — the window receives, the offices accept (issue
# 15; 160号 四(二), 工伤认定办法 §8).  The catalog says per item who accepts
# (items.csv accepts, review_rule); F9 / apply --submit gives the receipt and
# puts an office item in 'reviewing' (受理审核) with its review deadline; the
# office accepts (task accept: the decision clock starts that day, the SMS of
# acceptance goes out then), refuses (task reject: 不予受理 with the remedy)
# or asks for a supplement (task request: one notice, the review clock stands
# still until the window records it).  Officers of that office only.
. "$(dirname "$0")/../lib.sh"

root_begin
as() { u=$1; shift; YICI_USER=$u; export YICI_USER; run --lang en -d a.db "$@"; unset YICI_USER; }
q() { sql a.db "$1"; }
state() { q "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }
col() { q "SELECT coalesce(t.$3, '') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }

"$YICI" -d a.db init --demo 5 >/dev/null 2>&1
rc=$?
expect_rc "init" 0
C1=91110000100006485K
form() {
	echo "--field applicant.type=worker --field applicant.name=$2 --field applicant.id_number=$1
 --field applicant.phone=13812345678 --field worker.name=$2 --field worker.id_number=$1
 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 --field employer.insured=1
 --field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window"
}
submit() { # ID NAME ITEMS: sets no to the new case number
	# shellcheck disable=SC2046
	as chenjing apply $(form "$1" "$2") --items "$3" --material all=received --submit
	no=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p')
}

# ---- the catalog says who accepts ----
run --lang en catalog --check
expect_rc "catalog --check: the bundled forms with accepts and review_rule" 0
run --lang en -d a.db catalog --format csv
expect_rc "catalog csv" 0
expect_out "catalog: RD accepted by its office within accept_review" '^"1","RD",.*,"office","accept_review"'
expect_out "catalog: YL accepted at the window" '^"4","YL",.*,"window",""'
mkdir -p bad
cp "$YICI_FORMS"/*.csv bad/
sed -i '2s/,office,accept_review,$/,office,,/' bad/items.csv
run --lang en --forms bad catalog --check
expect_rc "catalog --check: an office item without review_rule refused" 1
expect_err "catalog --check: says the review rule is needed" "items\.csv:2: .*review_rule"
cp "$YICI_FORMS"/items.csv bad/
sed -i '2s/,office,accept_review,$/,officer,accept_review,/' bad/items.csv
run --lang en --forms bad catalog --check
expect_rc "catalog --check: accepts neither window nor office refused" 1
expect_err "catalog --check: names the bad value" "items\.csv:2: accepts is 'window' or 'office', not 'officer'"
cp "$YICI_FORMS"/items.csv bad/
sed -i '/^accept_review,/d' bad/rules.csv
run --lang en --forms bad catalog --check
expect_rc "catalog --check: a review_rule missing from rules.csv refused" 1
expect_err "catalog --check: review_rule names no rule" "review_rule 'accept_review' is not a rule"

# ---- F9 gives the receipt; the office item waits in review ----
submit 340102198503121238 张三 'RD;YL'
expect_rc "submit RD+YL: exit 0" 0
N1=$no
expect_eq "submit: RD in acceptance review, YL waiting for RD" \
	"$(q "SELECT group_concat(item || ':' || state, ' ') FROM (SELECT t.* FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$N1' ORDER BY t.id)")" \
	"RD:reviewing YL:waiting"
expect_eq "submit: the review deadline is 15 days (工伤认定办法 §8), next working day" \
	"$(col "$N1" RD started_on) $(col "$N1" RD due_on) $(col "$N1" RD legal_due_on)" "2026-11-28 2026-12-14 2026-12-14"
expect_eq "submit: the receipt SMS, not the RD acceptance SMS" \
	"$(q "SELECT group_concat(n.kind, ' ') FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.channel = 'sms'")" \
	"sms_received"
body=$(q "SELECT body FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.kind = 'sms_received'")
if printf '%s' "$body" | grep -q "收件" && printf '%s' "$body" | grep -q "2026-12-14" && printf '%s' "$body" | grep -q "工伤认定申请"; then
	pass "receipt SMS: 收件, the item and its review deadline"
else
	fail "receipt SMS: 收件, the item and its review deadline" "$body"
fi
# F9 gave the receipt; no acceptance notice of RD (its office has not accepted)
txt=$(pdftotext "notices/$N1-accepted.pdf" - 2>/dev/null | tr -d ' \n')
# (YL, accepted at the window, has the agency's notice)
case "$txt" in
*工伤认定申请：*) fail "F9: no RD acceptance notice before its office accepts" "$txt" ;;
*收件凭证*受理通知书*工伤医疗*) pass "F9: no RD acceptance notice before its office accepts" ;;
*) fail "F9: the receipt and the agency's acceptance notice" "$txt" ;;
esac
f=notices/$N1-acceptance.txt
if grep -q "Receipt" "$f" && grep -q "decides whether to accept it by 2026-12-14" "$f"; then
	pass "receipt: which office reviews what and by when"
else
	fail "receipt: which office reviews what and by when" "$(cat "$f" 2>&1)"
fi

# a case whose every item is in its office's review has no acceptance notice
# yet: doc says so (it crashed on the empty set)
submit 110105194912310070 王强 'RD'
N0=$no
as chenjing doc "$N0" acceptance -o n0.pdf
expect_rc "doc acceptance, every item in review: refused" 1
expect_err "doc acceptance, every item in review: says who issues it" "every item is still in its office's acceptance review"
if printf '%s' "$err" | grep -q Sanitizer; then fail "doc acceptance, every item in review: no crash" "$err"; else pass "doc acceptance, every item in review: no crash"; fi

# ---- the queue of the office shows it, with red/yellow ----
as zhaolei queue --category admin --state reviewing
expect_rc "queue --state reviewing: exit 0" 0
expect_out "queue: the reviewing RD with its review deadline" "^$N1 +张三 +RD +acceptan.* +2026-11-28 +2026-12-14"
YICI_NOW="2026-12-12 09:00"
as zhaolei queue --category admin --state reviewing
expect_out "queue: due soon is yellow (*)" "^$N1 .*2026-12-14 .*\\*"
YICI_NOW="2026-12-16 09:00"
as zhaolei queue --category admin --state reviewing
expect_out "queue: overdue is red (!)" "^$N1 .*!"
YICI_NOW="2026-11-28 09:30"
as zhaolei queue --category admin
expect_out "queue: open work includes acceptance review" "^$N1 +张三 +RD +acceptan"

# ---- only an officer of that office ----
n0=$(q "SELECT count(*) FROM event")
as wugang task accept "$N1" RD
expect_rc "an agency officer cannot accept RD" 1
as chenjing task accept "$N1" RD
expect_rc "a clerk cannot accept RD" 1
expect_eq "refusals change nothing (only the denied record)" "$(state "$N1" RD)" reviewing
as zhaolei task decide "$N1" RD --outcome recognised --document-no 'X〔2026〕1号'
expect_rc "no decision before acceptance" 1
expect_err "decide in review: says the state" "acceptance review"

# ---- request: one notice, the clock stands still ----
as zhaolei task request "$N1" RD
expect_rc "request without --material: refused" 1
as zhaolei task request "$N1" RD --material M99
expect_rc "request with an unknown material: refused" 1
as zhaolei task request "$N1" RD --material M03 --material M04
expect_rc "request M03 M04: exit 0" 0
expect_out "request: still in review" "$N1 RD acceptance review"
expect_eq "request: the review deadline is open while paused" "$(col "$N1" RD due_on)" ""
expect_eq "request: the materials are missing again" \
	"$(q "SELECT group_concat(material || '=' || status, ' ') FROM (SELECT m.* FROM case_material m JOIN cases c ON c.id = m.case_id WHERE c.case_no = '$N1' AND m.material IN ('M03','M04') ORDER BY m.material)")" \
	"M03=missing M04=missing"
expect_eq "request: one notice of every missing material" \
	"$(q "SELECT count(*) FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.kind = 'deficiency' AND n.body LIKE '%M03%' AND n.body LIKE '%M04%'")" 1
expect_eq "request: the SMS lists them" \
	"$(q "SELECT count(*) FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.kind = 'sms_deficient'")" 1
as zhaolei task accept "$N1" RD
expect_rc "accept while the supplement is awaited: refused" 1
expect_err "accept while awaited: says what is awaited" "waits for the supplement .*M03;M04"
YICI_NOW="2026-12-01 10:00"
as chenjing supplement "$N1" --material M03=received
expect_rc "supplement M03 only: recorded" 0
expect_eq "half the supplement: the clock still stands" "$(col "$N1" RD due_on)" ""
as chenjing supplement "$N1" --material M05=received
expect_rc "supplement of a material nobody asked for: refused" 1
as chenjing supplement "$N1" --material M04=received
expect_rc "supplement M04: recorded" 0
expect_eq "supplement complete: the review clock resumes (29th and 30th paused)" "$(col "$N1" RD due_on)" "2026-12-15"
YICI_NOW="2026-12-02 10:00"

# ---- accept: the decision clock starts that day; the SMS moves here ----
as zhaolei task accept "$N1" RD
expect_rc "accept: exit 0" 0
expect_out "accept: accepted" "$N1 RD accepted"
expect_out "accept: the office's acceptance notice, as A4 PDF" "notice: .*$N1-accepted-RD\.pdf"
txt=$(pdftotext "notices/$N1-accepted-RD.pdf" - 2>/dev/null | tr -d ' \n')
case "$txt" in
*受理通知书*工伤认定申请*) pass "accept: the notice is RD's 受理通知书" ;;
*) fail "accept: the notice is RD's 受理通知书" "$txt" ;;
esac
expect_eq "accept: the decision clock from the acceptance (40 promised, 60 legal)" \
	"$(col "$N1" RD started_on) $(col "$N1" RD due_on) $(col "$N1" RD legal_due_on)" "2026-12-02 2027-01-11 2027-02-01"
expect_eq "accept: the RD acceptance SMS now, with the legal date" \
	"$(q "SELECT count(*) FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.kind = 'sms_rd_accepted' AND n.body LIKE '%2027-02-01%'")" 1
as zhaolei task accept "$N1" RD
expect_rc "accept twice: refused" 1
expect_err "accept twice: names the state" "is accepted"
as zhaolei case show "$N1"
expect_out "timeline: received for review" "RD +submitted .*review until 2026-12-14"
expect_out "timeline: the supplement asked for" "RD +deficiency notice +RD: M03;M04"
expect_out "timeline: supplemented" "RD +materials supplemented"
expect_out "timeline: accepted by the office" "RD +item accepted .*by the office"
as zhaolei task decide "$N1" RD --outcome recognised --document-no '瑶人社工认字〔2026〕1号'
expect_rc "after acceptance the office decides" 0
expect_eq "the decision starts the waiting YL" "$(state "$N1" YL)" accepted

# ---- a window-accepted item is accepted at once, as before ----
# shellcheck disable=SC2046
as chenjing apply $(form 340102198503121238 张三) --items YL --follows "$N1" --material all=received --submit
N4=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p')
expect_eq "YL (accepts=window) following the decided RD: accepted at F9" "$(state "$N4" YL)" accepted
expect_eq "YL at F9: the acceptance SMS and its own, no receipt" \
	"$(q "SELECT group_concat(kind, ' ') FROM (SELECT n.kind FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N4' AND n.channel = 'sms' ORDER BY n.id)")" \
	"sms_accepted sms_pay_accepted"

# ---- reject: 不予受理 with the remedy; what waits for it closes ----
submit 11010519491231002X 王五 'RD;JD'
N3=$no
as zhaolei task reject "$N3" RD
expect_rc "reject without --reason: refused" 1
as zhaolei task reject "$N3" RD --reason '不属于本机关管辖'
expect_rc "reject: exit 0" 0
expect_out "reject: not accepted" "$N3 RD not accepted"
expect_eq "reject: the reason kept" "$(col "$N3" RD reason)" "不属于本机关管辖"
expect_eq "reject: JD, waiting for RD, closes" "$(state "$N3" JD)" closed
letter=$(q "SELECT body FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N3' AND n.kind = 'refusal' AND n.channel = 'letter'")
if printf '%s' "$letter" | grep -q "不属于本机关管辖" && printf '%s' "$letter" | grep -q "reconsideration"; then
	pass "reject: the refusal notice with the ground and the remedy"
else
	fail "reject: the refusal notice with the ground and the remedy" "$letter"
fi
expect_eq "reject: sms_not_accepted queued" \
	"$(q "SELECT count(*) FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N3' AND n.kind = 'sms_not_accepted'")" 1
expect_eq "reject: the event" \
	"$(q "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$N3' AND e.kind = 'not_accepted' AND e.task_id IS NOT NULL")" 1

run --lang en -d a.db verify
expect_rc "verify: the chain, the ledger and the task counts agree" 0
root_end

