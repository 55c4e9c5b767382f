#!/bin/sh
# tests/tui/form_death.sh — a death case typed in the form, the applicant a
# relative: leaving a draft with unsaved changes (y) gives a clean form,
# Ctrl-R there has nothing to refuse, and the case is accepted with M11
# replaced by notice-commitment (c on the materials page).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

# setup: the injury case stored and a draft (#2): the death case is case 3,
# the second case number
form_case1
form_draft2

open_form death
k F6
check "form_death: setup F6 asks for the draft" wait_for "$W" "Open case:"
k C-u
t '#2'
k Enter
check "form_death: setup the draft #2 opened" wait_for "$W" "#2 draft"
k Tab End
t 五
check "form_death: setup the draft changed, unsaved" wait_for "$W" "李四五"

# ---- a death case with notice-commitment ----
k Escape y
check "Esc + y: a clean form" wait_for "$W" "new application"
n=$(sql "$T/f.db" "SELECT count(*) FROM cases")
k C-r
check "Ctrl-R on an empty form: nothing to refuse" wait_for "$W" "nothing to refuse"
expect_eq "Ctrl-R on an empty form: no case stored" "$(sql "$T/f.db" "SELECT count(*) FROM cases")" "$n"
k Right Right Tab                       # applicant: relative
t 李梅
k Tab
t 340102198705121244
k Tab
t 13912345678
k Tab
t 配偶
k Tab
t 王强
k Tab
t 11010519491231002X
tabs 5
t 合肥某建筑公司
k Tab
t 9144030071526726XG
tabs 5
k Right Tab                              # kind: death
t 2026-11-10
tabs 2
t 工地
tabs 3
t 高处坠落
k Tab
t 头部
tabs 2
t 颅脑损伤
tabs 3
t 2026-11-11
tabs 4                                  # the checklist
k Space Down Down Down Down Down Down Down Down Down Down Down Down Down Space
check "death case: RD and FX ticked" wait_for "$W" '\[x\] FX'
k PgDn a
k Down Down Down Down Down Down Down Down c
settle
check "death case: M11 replaced by notice-commitment" wait_for "$W" "M11 .*\[commitment\]"
k F9
check "death case accepted" wait_for "$W" "GS340102-20261128-0002 accepted"
expect_eq "death case: M11 committed in the database" \
	"$(sql "$T/f.db" "SELECT status FROM case_material WHERE case_id=3 AND material='M11'")" committed
