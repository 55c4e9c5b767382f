#!/bin/sh
# tests/tui/form_deficient.sh — a deficient case: typed with M03 marked
# missing, F9 gives the one-time notice (一次性告知书) and the state
# deficient; Esc gives a new form; later F6 opens the case by its number
# with what was typed, and the material received then (r, F9) accepts it
# with its task.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

# setup: the injury and the death case stored: this one is the third
# case number
form_case1
form_death_case GS340102-20261128-0002

open_form def

# ---- a deficient case, supplemented later ----
k Right Tab
t 赵六
k Tab
t 340104199001013015
k Tab
t 13700000000
tabs 8
t 合肥某建筑公司
k Tab
t 9144030071526726XG
tabs 6
t 2026-11-25
tabs 2
t 仓库
tabs 3
t 搬运货物时扭伤
k Tab
t 腰部
tabs 2
t 腰椎间盘突出
tabs 7
k Space PgDn a Down Down m
settle
check "deficient: M03 marked missing" wait_for "$W" "M03 .*\[missing\]"
k F9
check "deficient: the one-time notice" wait_for "$W" "一次性告知书"
check "deficient: case number and state" wait_for "$W" "GS340102-20261128-0003 deficient"
expect_eq "deficient in the database" "$(sql "$T/f.db" "SELECT state FROM cases WHERE case_no='GS340102-20261128-0003'")" deficient
k Escape
check "Esc after a notice: a new application" wait_for "$W" "new application"
k F6
check "F6 asks for the case" wait_for "$W" "Open case:"
k C-u
t GS340102-20261128-0003
k Enter
check "F6 opens the deficient case" wait_for "$W" "GS340102-20261128-0003 deficient"
check "the opened case keeps the typed name" wait_for "$W" "赵六"
k PgDn PgDn PgDn PgDn PgDn PgDn
check "materials of the opened case" wait_for "$W" "M03 .*\[missing\]"
k Down Down r F9
check "supplemented case accepted" wait_for "$W" "GS340102-20261128-0003 accepted"
expect_eq "supplemented: tasks created" "$(sql "$T/f.db" "SELECT count(*) FROM task WHERE case_id=(SELECT id FROM cases WHERE case_no='GS340102-20261128-0003')")" 1
