#!/bin/sh
# tests/tui/form_inbox.sh — an imported application waits in the inbox
# (no case yet) until F7 lists it, the oldest submission first, and Enter
# opens it in the form as an online intake: its case is written then and
# the inbox row points at it.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

# setup: the injury and the death case stored (the persons and employers
# the import names), and a later online application WEB-77 in intake
form_case1
form_death_case GS340102-20261128-0002
run --lang en -d "$T/f.db" apply --online WEB-77 --field worker.name=钱七 \
	--field worker.id_number=340102198503121238 --items 'RD;YL'
expect_out "form_inbox: setup the online application WEB-77 in intake" "intake$"

open_form inbox

# ---- an imported application waits in the inbox until F7 opens it ----
mkdir -p "$T/in"
{ echo 'ext_id,submitted_at,kind,worker_name,worker_id_number,worker_phone,employer_name,employer_credit_code,accident_date,accident_place,description,items,materials,applicant_name,applicant_id_number,applicant_phone,applicant_relation'
  echo 'WS-T1,2026-11-20 09:00:00,injury,孙八,11010519491231002X,13800138000,合肥某某机械有限公司,91110000100006485K,2026-11-18,一号车间,操作车床时右手受伤,RD,M01,孙八,11010519491231002X,13800138000,本人'
} >"$T/in/applications.csv"
run --lang en -d "$T/f.db" import "$T/in/applications.csv"
expect_rc "import: exit 0" 0
expect_eq "import: the row waits in the inbox, no case yet" \
	"$(sql "$T/f.db" "SELECT count(*) FROM inbox WHERE ext_id = 'WS-T1' AND case_id IS NULL")/$(sql "$T/f.db" "SELECT count(*) FROM cases WHERE ext_id = 'WS-T1'")" "1/0"
k F7
check "F7: the inbox row is listed first (the oldest submission)" wait_for "$W" "WS-T1 .*孙八"
# first: above WEB-77, sent later (both listed)
expect_eq "F7: WS-T1 above WEB-77" "$(screen "$W" | grep -E -o 'WS-T1|WEB-77' | tr '\n' ' ')" "WS-T1 WEB-77 "
k Enter
check "Enter opens it in the form as an online intake" wait_for "$W" "online intake"
expect_eq "opened: its case is written now, and the inbox row points at it" \
	"$(sql "$T/f.db" "SELECT count(*) FROM inbox i JOIN cases c ON c.id = i.case_id WHERE i.ext_id = 'WS-T1' AND c.state = 'intake'")" 1
