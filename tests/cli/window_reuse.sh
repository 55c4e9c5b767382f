#!/bin/sh
# tests/cli/window_reuse.sh — prerequisite reuse: JD needs RD; with RD
# decided in case 1, JD alone is refused (naming RD and --follows: another
# case may be another accident), allowed with --follows case 1, and for
# another worker RD must be ticked.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# setup: case 1 accepted, its RD decided
window_case1
window_rd_decided

# ---- prerequisite reuse: RD decided in case 1 ----
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items 'JD' --check
expect_rc "JD without RD ticked and no --follows: refused (another case may be another accident)" 1
expect_err "JD without RD: names RD and --follows" "items: RD .*--follows"
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items 'JD' --follows "$CASE1" --check
expect_rc "JD --follows case 1: allowed, RD decided there" 0
expect_eq "JD check stored nothing" "$(sql w.db 'SELECT count(*) FROM cases')" 1
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --field worker.id_number=$R1 --field applicant.id_number=$R1 --items 'JD' --check
expect_rc "JD for another worker: RD must be ticked" 1
expect_err "JD for another worker: names RD" "items: RD"
