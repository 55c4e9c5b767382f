#!/bin/sh
# tests/cli/foundation_staff.sh — the foundation commands: yici staff (add, list, disable) and the
# permissions of each role; YICI_USER is honoured only for root.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"
foundation_db

# ---- staff ----
run --lang en -d x.db staff add someclerk --name "Zhang San" --role clerk
expect_rc "staff add clerk: exit 0" 0
run --lang en -d x.db staff add offadmin --name "Li Si" --role officer --category admin
expect_rc "staff add officer --category admin: exit 0" 0
run --lang en -d x.db staff add offnone --name "Wang Wu" --role officer
expect_rc "staff add officer without category: exit 1" 1
expect_err "staff add officer without category: message" "category"
run --lang en -d x.db staff add boss1 --name "Zhao Liu" --role boss
expect_rc "staff add unknown role: exit 1" 1
expect_err "staff add unknown role: names it" "boss"
run --lang en -d x.db staff add gone1 --name "Qian Qi" --role clerk
run --lang en -d x.db staff disable gone1
expect_rc "staff disable: exit 0" 0
run --lang en -d x.db staff disable nosuchlogin
expect_rc "staff disable unknown login: exit 1" 1
run --lang en -d x.db staff list
expect_out "staff list: clerk" "^someclerk +Zhang San +clerk .*active"
expect_out "staff list: officer with admin, in words" "^offadmin +Li Si +officer +Administrative "
expect_out "staff list: disabled" "^gone1 .*disabled"
if printf '%s\n' "$out" | grep -Eq '^(offnone|boss1) '; then
	fail "staff list: refused logins absent" "$out"
else
	pass "staff list: refused logins absent"
fi

# ---- permissions (YICI_USER is honoured only for root) ----
# setup: a region code set by the supervisor, which a clerk then may not change
"$YICI" -d x.db config region_code 340104 >/dev/null 2>&1
root_begin
as_user someclerk --lang en -d x.db config region_code 340102
expect_rc "clerk cannot change config: exit 1" 1
expect_err "clerk cannot change config: message" "someclerk"
run -d x.db config region_code
expect_eq "clerk cannot change config: value unchanged" "$out" "340104"
as_user someclerk --lang en -d x.db config
expect_rc "clerk can read config: exit 0" 0
as_user someclerk --lang en -d x.db staff add x2 --name X --role clerk
expect_rc "clerk cannot add staff: exit 1" 1
as_user nobody_here --lang en -d x.db config
expect_rc "unknown login cannot read config: exit 1" 1
expect_err "unknown login cannot read config: names login" "nobody_here"
as_user gone1 --lang en -d x.db config
expect_rc "disabled login cannot read config: exit 1" 1
root_end

# ---- staff list: every cell whole ----
run --lang en -d x.db staff add longname --name "Alexandra Konstantinopoulou" --role officer --category admin --category agency
expect_rc "staff add with a 27-character name" 0
run --lang en -d x.db staff list
expect_out "staff list: the long name and both categories whole" "^longname +Alexandra Konstantinopoulou +officer +Administrative;Agency +- +active$"
