#!/bin/sh
# tests/cli/money_payer.sh — issue 14, money: who pays: an uninsured employer pays
# itself and the fund nothing (条例 §62 ¶2), no override either; the 50%
# advance is for 下落不明 (§41).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_money.sh"
money_setup

# ---- uninsured employer: the employer pays (条例 §62 ¶2) ----
death 2 0 work 110105194912310038
U=$(newest)
as rdoff task accept "$U" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as rdoff task decide "$U" RD --outcome recognised --document-no "瑶人社工认字〔2026〕2号"
as pay1 task calc "$U" SZ
expect_rc "calc, uninsured: exit 0" 0
expect_out "calc, uninsured: the employer pays" "payer: the employer, not insured .*42000\.00 yuan; the fund pays nothing"
expect_out "calc, uninsured: fund 0" "fund pays: one-off 0\.00 yuan"
as pay1 task decide "$U" SZ --outcome approved --amount 42000 --payment-ref ZF4
expect_rc "approval from the fund, uninsured: refused" 1
expect_err "uninsured refusal cites §62" "条例 §62 ¶2"
as pay1 task decide "$U" SZ --outcome approved --amount 1 --payment-ref ZF4 --override-reason x
expect_rc "uninsured: no override either" 1

# ---- missing worker: the advance ----
death 3 1 missing 110105194912310054
M=$(newest)
as rdoff task accept "$M" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as rdoff task decide "$M" RD --outcome recognised --document-no "瑶人社工认字〔2026〕3号"
as pay1 task calc "$M" GW --advance
expect_rc "advance for 下落不明: exit 0" 0
expect_out "advance: 50% of 1130040.00" "50% × .*1130040\.00 = 565020\.00"
root_end
