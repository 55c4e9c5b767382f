#!/bin/sh
# tests/cli/money_reappraisal.sh — issue 14, money: a benefit computed from a grade
# that a re-appraisal (再次鉴定) changed is flagged for recalculation and
# countersignature, in task show and the case view.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_money.sh"
money_setup

# ---- re-appraisal: a benefit computed from the old grade is flagged ----
"$YICI" -d m.db staff add jdoff --name jdoff --role officer --category appraisal >/dev/null 2>&1
W1=340102198503121238
C1=91110000100006485K
run --lang en -d m.db apply --field applicant.type=worker --field applicant.name=张三 \
	--field applicant.id_number=$W1 --field applicant.phone=13812345678 --field worker.name=张三 \
	--field worker.id_number=$W1 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 \
	--field employer.insured=1 --field accident.kind=injury --field accident.date=2026-11-20 \
	--field accident.place=车间 --field accident.type=accident --field accident.circumstance=work \
	--field accident.description=操作机床时右手受伤 --field accident.body_part=右手 \
	--field accident.diagnosis=右手骨折 --field delivery.method=window --items 'RD;JD;SC' \
	--material all=received --submit
expect_rc "injury case RD;JD;SC accepted" 0
J=$(newest)
as rdoff task accept "$J" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as rdoff task decide "$J" RD --outcome recognised --document-no "瑶人社工认字〔2026〕4号"
as jdoff task decide "$J" JD --outcome graded --grade 3 --document-no "皖劳鉴字〔2026〕1号"
expect_rc "JD grade 3" 0
as pay1 task decide "$J" SC --outcome approved --amount 149500 --wage 6500 --payment-ref ZF5
expect_rc "SC approved on grade 3 (23 × 6500.00)" 0
expect_eq "SC basis: grade 3" "$(col "$J" SC basis_grade)" 3
as "$me" task deliver "$J" JD --method window --recipient 张三
as jdoff task reappraise "$J" JD
expect_rc "re-appraisal requested" 0
as jdoff task decide "$J" JD --outcome graded --grade 6 --document-no "皖劳鉴字〔2026〕2号"
expect_rc "re-appraisal: grade 6" 0
expect_eq "SC flagged: recalculation due" "$(col "$J" SC basis_changed)" "grade 3 → 6 (JD $J): recalculation due"
expect_eq "basis_changed event" "$(q "SELECT count(*) FROM event WHERE kind = 'basis_changed'")" 1
as pay1 task show "$J" SC
expect_out "task show: basis changed" "^basis changed +grade 3 → 6"
run --lang en -d m.db case show "$J"
expect_out "case view: basis changed" "SC .*\[basis changed: grade 3 → 6"
expect_out "case view: awaiting countersignature" "SC .*\[awaiting countersignature\]"
root_end
