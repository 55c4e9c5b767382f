#!/bin/sh
# tests/cli/office_approve.sh — a benefit approved: malformed and out-of-bound amounts,
# the payment reference, an amount that is not task calc's, the
# countersignature above review_above_yuan, the timeline's details in the
# reader's language, and the payment SMS
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

path_c
as wugang task review "$C" SC
setup "SC of $C in review"

# ---- approve a benefit ----
as wugang task decide "$C" SC --outcome approved --amount 12a --payment-ref ZF1
expect_rc "approve with a malformed amount: exit 1" 1
as wugang task decide "$C" SC --outcome approved --amount 99999999999 --payment-ref ZF1
expect_rc "approve 99,999,999,999 yuan: exit 1" 1
expect_err "approve 99,999,999,999 yuan: names the bound" "at most 20000000\.00 yuan"
as wugang task decide "$C" SC --outcome approved --amount-fen 2000000001 --payment-ref ZF1
expect_rc "approve above the bound in fen: exit 1" 1
as wugang task decide "$C" SC --outcome approved --amount 1234.56
expect_rc "approve without payment reference: exit 1" 1
as wugang task decide "$C" SC --outcome approved --amount 1234.56 --payment-ref ZF20261128001
expect_rc "approve SC with an amount that is not task calc's: exit 1" 1
# grade 6 since the re-appraisal: 16 × 6500.00 from the fund (the 60%
# allowance is the employer's)
as wugang task decide "$C" SC --outcome approved --amount 104000 --wage 6500 --payment-ref ZF20261128001
expect_rc "approve SC: exit 0" 0
expect_eq "amount in fen" "$(col "$C" SC amount_fen)" 10400000
expect_eq "above review_above_yuan: awaiting countersignature" "$(col "$C" SC countersign)" pending
expect_eq "no SMS of the payment before the countersignature" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_paid'")" 0
as "$me" task countersign "$C" SC
expect_rc "countersign SC: exit 0" 0
# the details written under --lang en are codes and values: the Chinese
# timeline says them in Chinese, the English one in English
run --lang zh -d o.db case show "$C"
expect_out "timeline (zh): the countersignature after the payment reference in Chinese" \
	"支付单 ZF20261128001）；待复核"
if printf '%s\n' "$out" | grep -Eq "awaiting countersignature|override of calc"; then
	fail "timeline (zh): no English suffix of the decision" "$(printf '%s\n' "$out" | grep -E "awaiting|override")"
else
	pass "timeline (zh): no English suffix of the decision"
fi
expect_out "timeline (zh): the extension in Chinese" "延长 30 日：需补充专项检查"
expect_out "timeline (zh): the countersignature's detail in Chinese" "104000\.00 元（决定人 [a-z]+）"
run --lang en -d o.db case show "$C"
expect_out "timeline (en): the countersignature after the payment reference" \
	"payment ZF20261128001\); awaiting countersignature"
expect_out "timeline (en): the extension" "30 days longer: 需补充专项检查"
expect_eq "SMS of the payment" "$(q "SELECT count(*) FROM notice WHERE case_id = $cid AND kind = 'sms_paid'")" 1
as chenjing queue --state decided --format csv --limit 1000
expect_out "SC in the ready-for-delivery list" "\"$C\",.*\"SC\",\"decided\""
as zhoumin task show "$C" SC
expect_rc "task show: exit 0" 0
expect_out "task show: amount" "104000\.00 yuan"
