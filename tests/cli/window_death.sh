#!/bin/sh
# tests/cli/window_death.sh — a death case with notice-commitment: a
# commitment for M11 is refused where an item needs the material itself
# (GW, SZ) and accepted where the catalog allows it (FX); the death
# certificate M06 is produced, and FX waits for the case's RD.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# ---- death case with notice-commitment (FX allows it for M11) ----
# shellcheck disable=SC2086
run --lang en -d w.db apply $death --items 'RD;GW;SZ' --material all=received --material M11=committed --check
expect_rc "commitment where not allowed (GW, SZ need M11): exit 1" 1
expect_err "commitment refused names M11" "materials: M11"
# shellcheck disable=SC2086
run --lang en -d w.db apply $death --items 'RD;FX' --material all=received --material M11=committed --submit
expect_rc "death case with commitment: exit 0" 0
expect_out "death case accepted" "^GS340102-20261128-0001 accepted$"
id=$(case_id GS340102-20261128-0001)
expect_eq "death case: M11 committed, M06 produced" \
	"$(sql w.db "SELECT group_concat(material || '=' || status, ' ') FROM (SELECT * FROM case_material WHERE case_id=${id:-0} AND material IN ('M06','M11') ORDER BY material)")" \
	"M06=produced M11=committed"
expect_eq "death case: FX waits for RD" "$(sql w.db "SELECT state FROM task WHERE case_id=${id:-0} AND item='FX'")" waiting
