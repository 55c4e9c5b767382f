#!/bin/sh
# tests/cli/entitlements_materials.sh — nothing is decided or paid without its
# legal basis (issue 14): materials that depend on the case (death,
# a relative or an agent files, a missing worker, a commuting accident) are
# required, at the window and in the online import, and a plain injury
# asks for none of them; the import refuses what the window refuses.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_entitlements.sh"
ent_init

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
