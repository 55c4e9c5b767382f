#!/bin/sh
# tests/cli/entitlements_prereq.sh — nothing is decided or paid without its
# legal basis (issue 14): a prerequisite counts only when ticked in
# the same case or decided in the case named by --follows (the window's
# form and the online import's "follows" column); a case's own "not
# recognised" closes what waited on it whatever older cases hold.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_entitlements.sh"
ent_init

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

