#!/bin/sh
# tests/cli/acceptance_accept.sh — task accept: the office's 受理通知书 as A4 PDF, the decision
# clock from the acceptance day, the RD acceptance SMS then, once only, in
# the timeline, and the decision after it starting what waits
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_acceptance.sh"

submit 340102198503121238 张三 'RD;YL'
setup "RD+YL submitted"
N1=$no
YICI_NOW="2026-12-02 10:00"

# ---- accept: the decision clock starts that day; the SMS moves here ----
as zhaolei task accept "$N1" RD
expect_rc "accept: exit 0" 0
expect_out "accept: accepted" "$N1 RD accepted"
expect_out "accept: the office's acceptance notice, as A4 PDF" "notice: .*$N1-accepted-RD\.pdf"
txt=$(pdftotext "notices/$N1-accepted-RD.pdf" - 2>/dev/null | tr -d ' \n')
case "$txt" in
*受理通知书*工伤认定申请*) pass "accept: the notice is RD's 受理通知书" ;;
*) fail "accept: the notice is RD's 受理通知书" "$txt" ;;
esac
expect_eq "accept: the decision clock from the acceptance (40 promised, 60 legal)" \
	"$(col "$N1" RD started_on) $(col "$N1" RD due_on) $(col "$N1" RD legal_due_on)" "2026-12-02 2027-01-11 2027-02-01"
expect_eq "accept: the RD acceptance SMS now, with the legal date" \
	"$(q "SELECT count(*) FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.kind = 'sms_rd_accepted' AND n.body LIKE '%2027-02-01%'")" 1
as zhaolei task accept "$N1" RD
expect_rc "accept twice: refused" 1
expect_err "accept twice: names the state" "is accepted"
as zhaolei case show "$N1"
expect_out "timeline: received for review" "RD +submitted .*review until 2026-12-14"
expect_out "timeline: accepted by the office" "RD +item accepted .*by the office"
as zhaolei task decide "$N1" RD --outcome recognised --document-no '瑶人社工认字〔2026〕1号'
expect_rc "after acceptance the office decides" 0
expect_eq "the decision starts the waiting YL" "$(state "$N1" YL)" accepted
verify_db
root_end
