#!/bin/sh
# tests/cli/holidays.sh — years whose 调休 are not published yet count the
# statutory days off of the 放假办法 (2024 revision: 元旦, 劳动节 ×2, 国庆 ×3
# fixed; 除夕, 春节 ×3, 清明, 端午, 中秋 from `statutory` rows of
# forms/holidays.csv), and a deadline in such a year carries a warning in
# task show, the queue and the case view.
. "$(dirname "$0")/../lib.sh"

# accepted on Sun 2026-11-22: RD's 40 promised calendar days end on
# Fri 2027-01-01, 元旦, which counted as a workday before
export YICI_NOW="2026-11-22 09:30"
"$YICI" -d h.db init >/dev/null 2>&1
rc=$?
expect_rc "holidays: init" 0
W1=340102198503121238
C1=91110000100006485K
# shellcheck disable=SC2086
run --lang en -d h.db apply --field applicant.type=worker --field applicant.name=张三 \
	--field applicant.id_number=$W1 --field applicant.phone=13812345678 --field worker.name=张三 \
	--field worker.id_number=$W1 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 \
	--field employer.insured=1 --field accident.kind=injury --field accident.date=2026-11-20 \
	--field accident.place=车间 --field accident.type=accident --field accident.circumstance=work \
	--field accident.description=操作机床时右手受伤 --field accident.body_part=右手 \
	--field accident.diagnosis=右手骨折 --field delivery.method=window --items RD \
	--material all=received --submit
expect_rc "holidays: case accepted" 0
CASE=GS340102-20261122-0001
run --lang en -d h.db task accept "$CASE" RD # the 行政 office accepts it (工伤认定办法 §8)
expect_rc "holidays: the office accepts RD the same day" 0
expect_eq "RD promised on 2027-01-01 (元旦) moves to Mon 2027-01-04" \
	"$(sql h.db "SELECT due_on FROM task WHERE item = 'RD'")" 2027-01-04
expect_eq "statutory rows are stored as such" \
	"$(sql h.db "SELECT type || ' ' || name FROM holiday WHERE day = '2027-02-05'")" "statutory 除夕"
expect_eq "statutory rows do not publish 2027 (no work rows)" \
	"$(sql h.db "SELECT count(*) FROM holiday WHERE day LIKE '2027%' AND type <> 'statutory'")" 0

run --lang en -d h.db task show "$CASE" RD
expect_rc "task show: exit 0" 0
expect_out "task show: warns of the unpublished year" "^warning +2027: the State Council's holiday arrangement .* not published"
run --lang en -d h.db queue --category admin
expect_out "queue: '?' on the row" "^$CASE .* 2027-01-04 +[0-9]+\?"
expect_out "queue: footnote" "^\? the deadline falls in a year whose holiday arrangement"
run --lang en -d h.db queue --category admin --format csv
expect_out "queue csv: calendar column" '"urgency","calendar"'
# (the calendar column by its name: later columns may follow it)
cal=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
print(" ".join(sorted({r["calendar"] for r in rows})))')
expect_eq "queue csv: unpublished" "$cal" "unpublished"
run --lang en -d h.db case show "$CASE"
expect_out "case show: warning" "^  \? RD 2027-01-04: 2027: the State Council's holiday arrangement"
run --lang en -d h.db catalog
expect_out "catalog: 2027 counts its statutory days" "2027: not yet published; working days count the statutory days off \(7 dated\)"

# a year that is published has no warning
export YICI_NOW="2026-09-01 09:30"
# shellcheck disable=SC2086
run --lang en -d h.db apply --field applicant.type=worker --field applicant.name=张三 \
	--field applicant.id_number=$W1 --field applicant.phone=13812345678 --field worker.name=张三 \
	--field worker.id_number=$W1 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 \
	--field employer.insured=1 --field accident.kind=injury --field accident.date=2026-08-30 \
	--field accident.place=车间 --field accident.type=accident --field accident.circumstance=work \
	--field accident.description=操作机床时右手受伤 --field accident.body_part=右手 \
	--field accident.diagnosis=右手骨折 --field delivery.method=window --items RD \
	--material all=received --submit
run --lang en -d h.db task show GS340102-20260901-0001 RD
if printf '%s\n' "$out" | grep -q '^warning'; then fail "published 2026: no warning" "$out"; else pass "published 2026: no warning"; fi
