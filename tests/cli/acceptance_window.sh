#!/bin/sh
# tests/cli/acceptance_window.sh — an item accepted at the window (accepts=window) following
# a decided RD is accepted at F9 with its SMS, no receipt
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_acceptance.sh"

submit 340102198503121238 张三 'RD;YL'
setup "RD+YL submitted"
N1=$no
as zhaolei task accept "$N1" RD
setup "RD accepted by its office"
as zhaolei task decide "$N1" RD --outcome recognised --document-no '瑶人社工认字〔2026〕1号'
setup "RD decided"

# ---- a window-accepted item is accepted at once, as before ----
# shellcheck disable=SC2046
as chenjing apply $(form 340102198503121238 张三) --items YL --follows "$N1" --material all=received --submit
N4=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) accepted$/\1/p')
expect_eq "YL (accepts=window) following the decided RD: accepted at F9" "$(state "$N4" YL)" accepted
expect_eq "YL at F9: the acceptance SMS and its own, no receipt" \
	"$(q "SELECT group_concat(kind, ' ') FROM (SELECT n.kind FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N4' AND n.channel = 'sms' ORDER BY n.id)")" \
	"sms_accepted sms_pay_accepted"
verify_db
root_end
