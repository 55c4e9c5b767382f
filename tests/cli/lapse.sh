#!/bin/sh
# tests/cli/lapse.sh — a deficient case past its 补正期限: shown as lapsed
# in the intake, a late supplement refused until the window decides, and
# the decision: extend once with a reason (new deadline, SMS), or close it
# as 视为撤回 (state withdrawn, SMS, written notice).
. "$(dirname "$0")/../lib.sh"

"$YICI" -d l.db init >/dev/null 2>&1
rc=$?
expect_rc "init" 0
W1=340102198503121238
W2=11010519491231002X
C1=91110000100006485K
form() { injury_form "$1" 张三; }
# shellcheck disable=SC2046
run --lang en -d l.db apply $(form $W1) --items RD --material all=received --material M03=missing --submit
no1=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) deficient$/\1/p')
[ -n "$no1" ] && pass "first case deficient" || fail "first case deficient" "$out" "$err"
# shellcheck disable=SC2046
run --lang en -d l.db apply $(form $W2) --items RD --material all=received --material M03=missing --submit
no2=$(printf '%s\n' "$out" | sed -n 's/^\(GS[0-9-]*\) deficient$/\1/p')
due=$(sql l.db "SELECT supplement_due FROM cases WHERE case_no = '$no1'")
run --lang en -d l.db supplement "$no1" --withdraw
expect_rc "withdraw before the deadline passed: refused" 1
expect_err "withdraw early: says it has not lapsed" "has not lapsed"

# 37 days after the deadline
YICI_NOW="$(python3 -c 'import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1]) + datetime.timedelta(days=37))' "$due") 09:30"
run --lang en -d l.db intake
expect_out "intake: the lapsed cases counted" "^2 deficient cases lapsed"
expect_out "intake: each with its deadline and how long ago" "^$no1 +张三 +lapsed $due, 37 days ago"
run --lang en -d l.db supplement "$no1" --material M03=received --accept
expect_rc "late supplement: refused" 1
expect_err "late supplement: needs the decision first" "lapsed: its supplement deadline $due has passed"
expect_eq "late supplement: still deficient" "$(sql l.db "SELECT state FROM cases WHERE case_no = '$no1'")" deficient
run --lang en -d l.db supplement "$no1" --extend
expect_rc "extend without a reason: refused" 1
sms0=$(sql l.db "SELECT count(*) FROM notice WHERE kind = 'sms_deficient'")
run --lang en -d l.db supplement "$no1" --extend --reason "申请人住院，无法按期补正"
expect_rc "extend with a reason: exit 0" 0
new=$(sql l.db "SELECT supplement_due FROM cases WHERE case_no = '$no1'")
expect_out "extend: the new deadline" "supplement deadline extended to $new"
expect_eq "extend: 15 days from today" "$new" "$(python3 -c 'import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1][:10]) + datetime.timedelta(days=15))' "$YICI_NOW")"
expect_eq "extend: an event with the reason" "$(sql l.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$no1' AND e.kind = 'extended' AND instr(e.detail, '住院') > 0")" 1
expect_eq "extend: the applicant told by SMS" "$(sql l.db "SELECT count(*) FROM notice WHERE kind = 'sms_deficient'")" "$((sms0 + 1))"
run --lang en -d l.db supplement "$no1" --material M03=received --accept
expect_rc "supplement within the new deadline: accepted" 0
expect_out "supplement within the new deadline: accepted" "accepted"

# the second: extended once, lapsed again, then closed as withdrawn
run --lang en -d l.db supplement "$no2" --extend --reason "补充证明"
YICI_NOW="$(python3 -c 'import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1][:10]) + datetime.timedelta(days=20))' "$YICI_NOW") 09:30"
run --lang en -d l.db supplement "$no2" --extend --reason "again"
expect_rc "extend twice: refused" 1
expect_err "extend twice: once" "extended once already"
run --lang en -d l.db supplement "$no2" --withdraw
expect_rc "withdraw a lapsed case: exit 0" 0
expect_out "withdraw: state" "^$no2 withdrawn$"
expect_eq "withdraw: case withdrawn" "$(sql l.db "SELECT state FROM cases WHERE case_no = '$no2'")" withdrawn
expect_eq "withdraw: event" "$(sql l.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$no2' AND e.kind = 'withdrawn'")" 1
expect_eq "withdraw: SMS" "$(sql l.db "SELECT count(*) FROM notice n JOIN cases c ON c.id = n.case_id WHERE c.case_no = '$no2' AND n.kind = 'sms_withdrawn'")" 1
if grep -q "deemed withdrawn" "notices/$no2-withdrawal.txt" 2>/dev/null; then pass "withdraw: written notice"; else
	fail "withdraw: written notice" "$(ls notices)"; fi
run --lang en -d l.db intake
if printf '%s\n' "$out" | grep -q "lapsed"; then fail "intake: nothing lapsed any more" "$out"; else
	pass "intake: nothing lapsed any more"; fi

# ---- --help says how the window decides on a lapsed deadline ----
run --lang en supplement --help
expect_out "supplement --help: the synopsis names --extend --reason and --withdraw" \
	"supplement CASE_NO --extend --reason TEXT \| --withdraw"
expect_out "supplement --help: says what a lapsed deadline takes" "--withdraw closes the case as 视为撤回"
expect_out "notice --help: every kind --kind takes" "acceptance, deficiency, refusal, form, suspension, resumption, withdrawal or"
run --lang zh supplement --help
expect_out "supplement --help (zh): the lapsed deadline in Chinese" "将补正期限延长一次"
