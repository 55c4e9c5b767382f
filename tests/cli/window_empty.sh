#!/bin/sh
# tests/cli/window_empty.sh — an empty application is saved as a draft,
# and refusing it (it names neither applicant nor worker) is refused
# without taking a case number: no case number for nobody.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# ---- an empty application is not refused (no case number for nobody) ----
run --lang en -d w.db apply --field accident.date=2026-11-20
expect_rc "empty draft saved" 0
empty=$(printf '%s\n' "$out" | sed -n 's/^\(#[0-9]*\) draft$/\1/p')
nnum=$(sql w.db "SELECT count(case_no) FROM cases")
run --lang en -d w.db refuse "$empty" --reason 超过时限
expect_rc "refusing an application that names nobody: exit 1" 1
expect_err "refusing nobody: says why" "names neither the applicant nor the worker"
expect_eq "refusing nobody: no case number taken" "$(sql w.db "SELECT count(case_no) FROM cases")" "$nnum"
