#!/bin/sh
# tests/cli/entitlements.sh — nothing is decided or paid without its legal
# basis (issue 14): a prerequisite counts only when ticked in the same case
# or decided in the case named by --follows; a case's own "not recognised"
# closes what waited on it whatever older cases hold; death items need a
# recognised death; a once-per-accident benefit is refused the second
# time; materials that depend on the case (death, agent, relative, commute,
# missing) are required; every rules.csv row is read by the code that
# applies it; a 15th item added by editing a copy of forms/ alone works.
# Runs on the fixture catalog tests/data/forms/ (a copy of forms/), so a
# province editing forms/ does not change what these tests mean.
. "$(dirname "$0")/../lib.sh"
export YICI_FORMS="$top/tests/data/forms"

"$YICI" -d e.db init >/dev/null 2>&1
rc=$?
expect_rc "init on the fixture catalog" 0

W1=340102198503121238   # the injured worker
W2=11010519491231002X   # another worker, who dies at work
R1=340102198705121244   # a relative of W2
C1=91110000100006485K
C2=9144030071526726XG
inj() { # inj ACCIDENT_DATE: the injury form of W1
	echo "--field applicant.type=worker --field applicant.name=张三 --field applicant.id_number=$W1
 --field applicant.phone=13812345678 --field worker.name=张三 --field worker.id_number=$W1
 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 --field employer.insured=1
 --field accident.kind=injury --field accident.date=$1 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window"
}
dth() { # dth WORKER ACCIDENT_DATE CIRCUMSTANCE: a death case filed by a relative
	echo "--field applicant.type=relative --field applicant.relation=配偶 --field applicant.name=李梅
 --field applicant.id_number=$R1 --field applicant.phone=13912345678 --field worker.name=王强
 --field worker.id_number=$1 --field employer.name=合肥某建筑公司 --field employer.credit_code=$C2
 --field employer.insured=1 --field accident.kind=death --field accident.date=$2
 --field accident.death_date=$2 --field accident.place=工地 --field accident.type=accident
 --field accident.circumstance=$3 --field accident.description=高处坠落 --field accident.body_part=头部
 --field accident.diagnosis=颅脑损伤 --field delivery.method=window"
}
st() { sql e.db "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }
decide() { run --lang en -d e.db task decide "$@"; }
no() { printf 'GS340102-20261128-%04d' "$1"; }

# ---- case 1: an old injury, RD recognised, JD grade 3 ----
# shellcheck disable=SC2046
run --lang en -d e.db apply $(inj 2026-03-02) --items 'RD;JD' --material all=received --submit
expect_rc "case 1 accepted" 0
K1=$(no 1)
run --lang en -d e.db task accept "$K1" RD # the 行政 office accepts RD first (工伤认定办法 §8)
decide "$K1" RD --outcome recognised --document-no RD1
decide "$K1" JD --outcome graded --grade 3 --document-no JD1
expect_eq "case 1: JD graded 3" "$(sql e.db "SELECT grade FROM task WHERE item='JD' AND case_id=1")" 3

# ---- a new accident: its prerequisites are ticked in it or named ----
# shellcheck disable=SC2046
run --lang en -d e.db apply $(inj 2026-11-20) --items 'JD;SC' --check
expect_rc "new accident, JD and SC without RD: refused (case 1's RD is another accident)" 1
expect_err "new accident, JD and SC without RD: names RD and --follows" "items: RD .*must be ticked.*--follows"

# ---- a case whose own RD is not recognised: nothing that waited on it is paid ----
# shellcheck disable=SC2046
run --lang en -d e.db apply $(inj 2026-11-20) --items 'RD;YL;HS;JD;SC' --material all=received --submit
expect_rc "case 2 (RD;YL;HS;JD;SC) accepted" 0
K2=$(no 2)
for it in YL HS JD SC; do
	expect_eq "case 2: $it waits for its own RD (not case 1's)" "$(st "$K2" $it)" waiting
done
expect_eq "case 2: no payment SMS while RD is open" \
	"$(sql e.db "SELECT count(*) FROM notice WHERE case_id=2 AND kind='sms_pay_accepted'")" 0
run --lang en -d e.db task accept "$K2" RD # the 行政 office accepts RD first (工伤认定办法 §8)
decide "$K2" RD --outcome not_recognised --reason 非因工作原因 --document-no RD2
expect_rc "case 2: RD not recognised" 0
for it in YL HS JD SC; do
	expect_eq "case 2: $it closed by its own RD" "$(st "$K2" $it)" closed
done
decide "$K2" YL --outcome approved --amount 100 --payment-ref P1
expect_rc "case 2: YL cannot be paid after its RD was not recognised" 1

# ---- --follows: the earlier case's accident and decisions count ----
# shellcheck disable=SC2046
run --lang en -d e.db apply $(inj 2026-03-02) --items 'YB' --follows "$K1" --check
expect_rc "YB on case 1's grade-3 JD: refused (条例 §36-37: grades 5-10)" 1
expect_err "YB on grade 3: names the grade rule and the case" "YB needs JD .*grade 5-10: case $K1 decided .*grade 3"
run --lang en -d e.db apply --field applicant.type=worker --field applicant.name=张三 \
	--field applicant.id_number=$W1 --field applicant.phone=13812345678 \
	--field delivery.method=window --items 'SC' --follows "$K1" --material all=received --submit
expect_rc "SC --follows case 1 (grade 3): accepted, the accident taken from case 1" 0
K3=$(no 3)
expect_eq "case 3 follows case 1" "$(sql e.db "SELECT follows_id FROM cases WHERE case_no='$K3'")" 1
expect_eq "case 3: accident date inherited" "$(sql e.db "SELECT accident_date FROM cases WHERE case_no='$K3'")" 2026-03-02
expect_eq "case 3: worker inherited" "$(sql e.db "SELECT p.id_number FROM cases c JOIN person p ON p.id=c.worker_id WHERE case_no='$K3'")" $W1
expect_eq "case 3: SC starts at once on case 1's JD" "$(st "$K3" SC)" accepted
expect_eq "case 3: M07 (JD conclusion) produced, not asked" \
	"$(sql e.db "SELECT count(*) FROM case_material WHERE case_id=3 AND material='M07' AND status<>'produced'")" 0
decide "$K3" SC --outcome approved --amount 1000 --payment-ref P3 --override-reason 按核定金额
expect_rc "case 3: SC approved" 0

# the one-off grant, a second time
# shellcheck disable=SC2046
run --lang en -d e.db apply $(inj 2026-03-02) --items 'SC' --follows "$K1" --check
expect_rc "SC a second time --follows case 1: refused" 1
expect_err "SC a second time: names the earlier approval" "once per accident.*case $K3 on 2026-11-28"
# shellcheck disable=SC2046
run --lang en -d e.db apply $(inj 2026-03-02) --items 'SC' --follows "$K3" --check
expect_rc "SC --follows case 3 (which follows case 1): refused too" 1
# shellcheck disable=SC2046
run --lang en -d e.db apply $(inj 2026-03-02) --items 'RD;JD;SC' --check
expect_rc "SC filed again for the same accident without --follows: refused" 1
expect_err "SC for the same accident: names the earlier approval" "once per accident.*case $K3"

run --lang en -d e.db apply --field worker.id_number=$W2 --items 'SC' --follows "$K1" --check
expect_rc "--follows another worker's case: refused" 1
expect_err "--follows another worker's case: says so" "another worker"
run --lang en -d e.db apply --items 'SC' --follows GS340102-20261128-0999 --check
expect_rc "--follows an unknown case: refused" 1
expect_err "--follows an unknown case: names it" "no case GS340102-20261128-0999"
# ---- the online import names the case it follows too (applications.csv "follows") ----
{
	echo 'ext_id,submitted_at,kind,worker_name,worker_id_number,worker_phone,employer_name,employer_credit_code,accident_date,accident_place,description,items,materials,applicant_name,applicant_id_number,applicant_phone,applicant_relation,follows'
	for r in "WS-F1,$K1" "WS-F2," "WS-F3,GS340102-20261128-0999" "WS-F4,GS-1"; do
		echo "${r%%,*},2026-11-27 10:00:00,injury,张三,$W1,13812345678,合肥某机械厂,$C1,2026-03-02,车间,操作机床时右手受伤,YL,M01,张三,$W1,13812345678,本人,${r#*,}"
	done
} >fol.csv
mkdir -p fol && cp fol.csv fol/applications.csv
run --lang en -d e.db import fol/applications.csv
expect_out "import follows: one applied, three rejected" "read 4, applied 1, skipped 0 \(already present\), rejected 3"
open_inbox e.db
expect_eq "import follows: WS-F1 follows case 1" "$(sql e.db "SELECT follows_id FROM cases WHERE ext_id = 'WS-F1'")" 1
expect_err "import follows: YL with neither RD nor follows refused, as apply" "applications\.csv:3: items: .*RD"
expect_err "import follows: an unknown case named in follows" "applications\.csv:4: follows: no case GS340102-20261128-0999"
expect_err "import follows: not a case number" "applications\.csv:5: follows: 'GS-1' is not a case number"

# ---- death items need a recognised death ----
# shellcheck disable=SC2046
run --lang en -d e.db apply $(dth $W1 2026-11-25 work) --items 'GW;SZ;FX' --follows "$K1" --check
expect_rc "death at home --follows the injury case: GW/SZ/FX refused" 1
expect_err "death items: an injury RD is not a recognised death" "GW needs RD .*in a death case: case $K1 decided .* in an? injury case"
# shellcheck disable=SC2046
run --lang en -d e.db apply $(dth $W1 2026-11-25 work) --items 'GW;SZ;FX' --check
expect_rc "death without RD ticked: refused" 1
# shellcheck disable=SC2046
run --lang en -d e.db apply $(dth $W1 2026-11-25 work) --items 'RD;GW;SZ;FX' --material all=received --submit
expect_rc "death case with its own RD: accepted" 0
K4=$(no 4)
for it in GW SZ FX; do
	expect_eq "death case: $it waits for the death's own RD (not the old injury RD)" "$(st "$K4" $it)" waiting
done
run --lang en -d e.db task accept "$K4" RD # the 行政 office accepts RD first (工伤认定办法 §8)
decide "$K4" RD --outcome not_recognised --reason 在家中因病死亡 --document-no RD4
for it in GW SZ FX; do
	expect_eq "death not recognised: $it closed" "$(st "$K4" $it)" closed
done
decide "$K4" GW --outcome approved --amount 1000000 --payment-ref P4
expect_rc "death not recognised: GW cannot be paid" 1

# GW once per accident
# shellcheck disable=SC2046
run --lang en -d e.db apply $(dth $W2 2026-11-10 work) --items 'RD;GW;SZ' --material all=received --submit
expect_rc "a death at work: accepted" 0
K5=$(no 5)
run --lang en -d e.db task accept "$K5" RD # the 行政 office accepts RD first (工伤认定办法 §8)
decide "$K5" RD --outcome recognised --document-no RD5
expect_eq "death recognised: GW starts" "$(st "$K5" GW)" accepted
decide "$K5" GW --outcome approved --amount 1130040 --payment-ref P5
expect_rc "GW approved once" 0
# shellcheck disable=SC2046
run --lang en -d e.db apply $(dth $W2 2026-11-10 work) --items 'GW' --follows "$K5" --check
expect_rc "GW a second time --follows the death case: refused" 1
expect_err "GW a second time: names the case and date of the approval" "GW .*once per accident.*case $K5 on 2026-11-28"
# shellcheck disable=SC2046
run --lang en -d e.db apply $(dth $W2 2026-11-10 work) --items 'FX' --follows "$K5" --material all=received --check
expect_rc "FX --follows the recognised death: allowed (not once per accident)" 0

# ---- materials that depend on the case (issue 14 item 4) ----
mat_case() { # mat_case NAME MATERIAL ARGS...: required, so its absence is a deficiency
	name=$1 m=$2
	shift 2
	run --lang en -d e.db apply "$@" --material all=received --material "$m=missing" --submit
	if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -q " deficient$"; then
		pass "$name: $m required, the case is deficient without it"
	else
		fail "$name: $m required, the case is deficient without it" "rc $rc" "$out" "$err"
	fi
	n=$(sql e.db "SELECT count(*) FROM cases WHERE state='deficient'")
	f=$(ls -t notices/*-deficiency.txt 2>/dev/null | head -n 1)
	if [ -n "$f" ] && grep -q "$m" "$f"; then pass "$name: the one-time notice lists $m"; else fail "$name: the one-time notice lists $m" "$f"; fi
	: "$n"
}
# shellcheck disable=SC2046
mat_case "death case RD;GW" M10 $(dth $W2 2026-11-12 work) --items 'RD;GW'
# shellcheck disable=SC2046
mat_case "relative files" M11 $(dth $W2 2026-11-13 work) --items 'RD'
# shellcheck disable=SC2046
mat_case "missing worker (下落不明)" M17 $(dth $W2 2026-11-14 missing) --items 'RD;GW'
# shellcheck disable=SC2046
mat_case "commuting accident" M20 $(inj 2026-11-15 | sed 's/circumstance=work/circumstance=commute/') --items 'RD'
# shellcheck disable=SC2046
mat_case "an agent files" M18 $(inj 2026-11-16 | sed 's/applicant.type=worker/applicant.type=agent/') --items 'RD;YL'
# shellcheck disable=SC2046
run --lang en -d e.db apply $(inj 2026-11-17) --items 'RD' --material all=received --check
expect_rc "the worker files an injury at work: complete without M10/M11/M17/M18/M20" 0
expect_out "plain injury: no conditional material asked" "no problems: 0 materials missing"

# the online import: the same refusals, the same conditional materials
mkdir -p imp
cat >imp/applications.csv <<EOF
ext_id,submitted_at,kind,worker_name,worker_id_number,worker_phone,employer_name,employer_credit_code,accident_date,accident_place,description,items,materials,applicant_name,applicant_id_number,applicant_phone,applicant_relation
WS-E1,2026-11-27 10:00:00,injury,张三,$W1,13800138000,合肥某机械厂,$C1,2026-11-21,车间,砸伤,JD;SC,M01;M04,张三,$W1,13800138000,本人
WS-E2,2026-11-27 10:00:00,injury,张三,$W1,13800138000,合肥某机械厂,$C1,2026-11-21,车间,砸伤,RD;YL,M01;M04,张三,$W1,13800138000,本人
EOF
run --lang en -d e.db import imp/applications.csv
expect_out "import: JD;SC without RD rejected, RD;YL applied" "read 2, applied 1, skipped 0 \(already present\), rejected 1"
expect_err "import: the rejection is apply's message" "applications.csv:2: .*RD .*must be ticked"

# ---- every rules.csv row is read by the code that applies it ----
cp -r "$YICI_FORMS" f30
sed -i 's/^rd_decide,工伤认定决定,60,day,calendar,/rd_decide,工伤认定决定,30,day,working,/' f30/rules.csv
sed -i 's/,rd_decide,40,/,rd_decide,20,/' f30/items.csv
YICI_FORMS=$T/f30 "$YICI" -d r.db init >/dev/null 2>&1
# shellcheck disable=SC2046
YICI_FORMS=$T/f30 run --lang en -d r.db apply $(inj 2026-11-20) --items 'RD' --material all=received --submit
expect_rc "rd_decide = 30 working days: RD accepted" 0
# the 行政 office accepts RD (工伤认定办法 §8); its decision clock starts then
YICI_FORMS=$T/f30 run --lang en -d r.db task accept "$(sql r.db "SELECT case_no FROM cases WHERE case_no IS NOT NULL LIMIT 1")" RD
expect_rc "rd_decide = 30 working days: the office accepts RD" 0
# 30 working days from Saturday 2026-11-28: 2026-11-30 is the first, 2027-01-01
# (元旦) is off, 2027-01-11 the 30th
expect_eq "rd_decide = 30 working days: RD's legal limit is 2027-01-11" \
	"$(sql r.db "SELECT limit_days || ' ' || day_kind || ' ' || legal_due_on FROM task WHERE item='RD'")" \
	"30 working 2027-01-11"
YICI_FORMS=$T/f30 run --lang en catalog --forms "$T/f30"
expect_out "rd_decide = 30 working days: catalog prints RD's limit from the rule" "RD .*30 working days \(promised 20\)"
cp -r "$YICI_FORMS" fu
echo 'rd_unused,没人读的规则,5,day,calendar,x' >>fu/rules.csv
run --lang en catalog --check --forms fu
expect_rc "catalog --check: a row read by nothing is an error" 1
expect_err "catalog --check: names the unused row" "rules.csv: rule 'rd_unused' is read by nothing"

# ---- a 15th item, added by editing a copy of forms/ alone ----
cp -r "$YICI_FORMS" f15
add_item15 f15
printf 'BZ,M01,yes,no,,\nBZ,M07,yes,no,JD,\nBZ,M14,yes,no,,\n' >>f15/item_materials.csv
run --lang en catalog --check --forms f15
expect_rc "15th item: the edited copy of forms/ loads" 0
expect_out "15th item: 15 items" "15 items"
YICI_FORMS=$T/f15 "$YICI" -d n.db init >/dev/null 2>&1
# shellcheck disable=SC2046
YICI_FORMS=$T/f15 run --lang en -d n.db apply $(inj 2026-11-20) --items 'RD;JD;BZ' --material all=received --submit
expect_rc "15th item: apply RD;JD;BZ accepted" 0
N1=$(no 1)
expect_eq "15th item: BZ waits for JD" "$(sql n.db "SELECT state || ' ' || category FROM task WHERE item='BZ'")" "waiting agency"
YICI_FORMS=$T/f15 run --lang en -d n.db queue --category agency --state waiting --format csv
if printf '%s\n' "$out" | grep -q "BZ"; then pass "15th item: in the agency queue"; else fail "15th item: in the agency queue" "$out" "$err"; fi
YICI_FORMS=$T/f15 run --lang en -d n.db task accept "$N1" RD # by its office first (工伤认定办法 §8)
YICI_FORMS=$T/f15 run --lang en -d n.db task decide "$N1" RD --outcome recognised --document-no R
YICI_FORMS=$T/f15 run --lang en -d n.db task decide "$N1" JD --outcome graded --grade 6 --document-no J
expect_eq "15th item: BZ starts on JD grade 6" "$(sql n.db "SELECT state FROM task WHERE item='BZ'")" accepted
YICI_FORMS=$T/f15 run --lang en -d n.db task decide "$N1" BZ --outcome approved --amount 42000 --payment-ref B1
expect_rc "15th item: BZ decided" 0
expect_eq "15th item: BZ approved" "$(sql n.db "SELECT state || ' ' || outcome FROM task WHERE item='BZ'")" "decided approved"
# shellcheck disable=SC2046
YICI_FORMS=$T/f15 run --lang en -d n.db apply $(inj 2026-11-20) --items 'BZ' --follows "$N1" --check
expect_rc "15th item: once per accident, as its row says" 1
expect_err "15th item: the second BZ names the first" "BZ .*once per accident.*case $N1"
