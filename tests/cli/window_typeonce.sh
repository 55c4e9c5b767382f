#!/bin/sh
# tests/cli/window_typeonce.sh — type once: an ID number and a credit
# code the database already knows (from case 1) fill the applicant's and
# the employer's other fields, as on the form, so --check finds nothing
# missing in the fields, and stores nothing.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# setup: case 1 accepted (张三 and 合肥某机械厂 known)
window_case1

# ---- type once: a known ID and credit code fill the rest, as on the form ----
run --lang en -d w.db apply --field applicant.type=worker --field applicant.id_number=$W1 \
	--field employer.credit_code=$C1 --field accident.kind=injury --field accident.date=2026-11-26 \
	--field accident.place=车间 --field accident.type=accident --field accident.circumstance=work \
	--field accident.description=搬运时砸伤脚 --field accident.body_part=左脚 \
	--field accident.diagnosis=左脚骨折 --field delivery.method=window --items RD --check
expect_rc "known ID and credit code: --check finds nothing missing in the fields" 0
expect_eq "type once: --check stored nothing" "$(sql w.db 'SELECT count(*) FROM cases')" 1
