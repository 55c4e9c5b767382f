#!/bin/sh
# tests/cli/tamper_staff.sh — staff add of a disabled login is refused, pointing to
# staff enable; the staff changes are under the ledger
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tamper.sh"

# ---- staff add of a disabled login ----
fresh s.db
"$YICI" -d s.db staff disable chenjing >/dev/null 2>&1
run --lang en -d s.db staff add chenjing --name 陈静 --role clerk
expect_rc "staff add of a disabled login: refused" 1
expect_err "... pointing to staff enable" "disabled; enable it first with 'yici staff enable chenjing'"
expect_eq "... still disabled" "$(sql s.db "SELECT active FROM staff WHERE login = 'chenjing'")" 0
run --lang en -d s.db staff enable chenjing
expect_rc "staff enable" 0
expect_eq "... enabled" "$(sql s.db "SELECT active FROM staff WHERE login = 'chenjing'")" 1
run --lang en -d s.db verify
expect_rc "staff changes are under the ledger: verify ok" 0
