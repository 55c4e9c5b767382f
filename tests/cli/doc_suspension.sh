#!/bin/sh
# tests/cli/doc_suspension.sh — the papers the citizen takes home (issue 16): the
# written notice of a suspension and of a resumption (条例 §20), and the
# 告知承诺书 of a committed material (refused when nothing was promised),
# with their text and golden first pages.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_doc.sh"

# ---- suspension and resumption (条例 §20: in writing) ----
doc "RD suspended in the demo" "$SUS" suspension
has "suspension: basis 第二十条第三款" '根据《工伤保险条例》第二十条第三款的规定，本机关决定自20[0-9]+年[0-9]+月[0-9]+日起中止办理'
has "suspension: the reason in words" '司法机关'
clean suspension
run -d d.db task resume "$RES" "$RES_ITEM" --confirmation "申请人来电确认复议已结束"
expect_rc "resume a suspended task of the demo" 0
doc "task resumed" "$RES" resumption
has "resumption: from today, new limit" '本机关自2026年11月28日起恢复办理.*依法应于20[0-9]+年[0-9]+月[0-9]+日前办结'
clean resumption

# ---- commitment ----
run -d d.db doc "$COM" commitment -o "$T/none.pdf"
expect_rc "commitment: refused when nothing was promised" 1
expect_err "commitment: says why" '没有以告知承诺代替的材料'
run -d d.db commit "$COM" M11 --method authority
expect_rc "commit M11 on the FX case" 0
doc "M11 committed" "$COM" commitment
has "commitment: consequences of a false promise" '不实承诺的法律后果.*记入信用记录'
has "commitment: how and by when it is verified" '向有关机关核实，20[0-9]+年[0-9]+月[0-9]+日前完成核查'
has "commitment: the applicant signs" '承诺人（签名）'
has "commitment: issued by the office of FX" '合肥市瑶海区社会保险经办中心2026年11月28日'
clean commitment


golden suspension
golden resumption
golden commitment
