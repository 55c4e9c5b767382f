#!/bin/sh
# tests/cli/entitlements_death.sh — nothing is decided or paid without its
# legal basis (issue 14): death items need a recognised death (an
# injury case's RD is not one); a once-per-accident benefit (GW) is refused
# the second time, a recurring one (FX) is not.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_entitlements.sh"
ent_init

# setup: case 1, an old injury of W1, RD recognised, JD graded 3
# shellcheck disable=SC2046
"$YICI" --lang en -d e.db apply $(inj 2026-03-02) --items 'RD;JD' --material all=received --submit >/dev/null 2>&1
K1=$(no 1)
"$YICI" --lang en -d e.db task accept "$K1" RD >/dev/null 2>&1
decide "$K1" RD --outcome recognised --document-no RD1
decide "$K1" JD --outcome graded --grade 3 --document-no JD1
expect_eq "setup: case 1 recognised, JD graded 3" "$(st "$K1" RD) $(st "$K1" JD)" "decided decided"

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
K4=$(last_case)
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
K5=$(last_case)
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
