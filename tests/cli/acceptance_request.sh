#!/bin/sh
# tests/cli/acceptance_request.sh — task request: one notice of every missing material, the
# review clock stands still until the window records the whole supplement,
# no acceptance meanwhile, and the timeline says so
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_acceptance.sh"

submit 340102198503121238 张三 'RD;YL'
setup "RD+YL submitted"
N1=$no

# ---- request: one notice, the clock stands still ----
as zhaolei task request "$N1" RD
expect_rc "request without --material: refused" 1
as zhaolei task request "$N1" RD --material M99
expect_rc "request with an unknown material: refused" 1
as zhaolei task request "$N1" RD --material M03 --material M04
expect_rc "request M03 M04: exit 0" 0
expect_out "request: still in review" "$N1 RD acceptance review"
expect_eq "request: the review deadline is open while paused" "$(col "$N1" RD due_on)" ""
expect_eq "request: the materials are missing again" \
	"$(q "SELECT group_concat(material || '=' || status, ' ') FROM (SELECT m.* FROM case_material m JOIN cases c ON c.id = m.case_id WHERE c.case_no = '$N1' AND m.material IN ('M03','M04') ORDER BY m.material)")" \
	"M03=missing M04=missing"
expect_eq "request: one notice of every missing material" \
	"$(q "SELECT count(*) FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.kind = 'deficiency' AND n.body LIKE '%M03%' AND n.body LIKE '%M04%'")" 1
expect_eq "request: the SMS lists them" \
	"$(q "SELECT count(*) FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$N1' AND n.kind = 'sms_deficient'")" 1
as zhaolei task accept "$N1" RD
expect_rc "accept while the supplement is awaited: refused" 1
expect_err "accept while awaited: says what is awaited" "waits for the supplement .*M03;M04"
YICI_NOW="2026-12-01 10:00"
as chenjing supplement "$N1" --material M03=received
expect_rc "supplement M03 only: recorded" 0
expect_eq "half the supplement: the clock still stands" "$(col "$N1" RD due_on)" ""
as chenjing supplement "$N1" --material M05=received
expect_rc "supplement of a material nobody asked for: refused" 1
as chenjing supplement "$N1" --material M04=received
expect_rc "supplement M04: recorded" 0
expect_eq "supplement complete: the review clock resumes (29th and 30th paused)" "$(col "$N1" RD due_on)" "2026-12-15"
YICI_NOW="2026-12-02 10:00"

as zhaolei case show "$N1"
expect_out "timeline: received for review" "RD +submitted .*review until 2026-12-14"
expect_out "timeline: the supplement asked for" "RD +deficiency notice +RD: M03;M04"
expect_out "timeline: supplemented" "RD +materials supplemented"
verify_db
root_end
