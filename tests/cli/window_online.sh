#!/bin/sh
# tests/cli/window_online.sh — online intake: an online application is
# saved in intake (without renaming a person the database knows), is
# idempotent by its ext_id, is listed by yici intake, and accepted at the
# window gets a case number and keeps its channel, leaving intake empty.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# setup: case 1 accepted (张三 known by his ID number)
window_case1

# ---- online intake ----
run --lang en -d w.db apply --online WEB-0001 --submitted-at "2026-11-27 20:00" --field worker.name=钱七 --field worker.id_number=$W1 --items 'RD;YL'
expect_rc "online application saved" 0
expect_out "online application: intake state" "intake$"
expect_eq "online application does not rename a known person" "$(sql w.db "SELECT name FROM person WHERE id_number='$W1'")" 张三
run --lang en -d w.db apply --online WEB-0001 --field worker.name=钱七 --items 'RD'
expect_rc "same ext_id again: exit 0" 0
expect_out "same ext_id again: already imported" "already imported: WEB-0001"
expect_eq "same ext_id again: one case" "$(sql w.db "SELECT count(*) FROM cases WHERE ext_id='WEB-0001'")" 1
run --lang en -d w.db intake
expect_rc "intake: exit 0" 0
expect_out "intake: lists the online application" "WEB-0001 .*钱七"
expect_out "intake: count" "^1 online application waiting"
# shellcheck disable=SC2086
run --lang en -d w.db apply --case WEB-0001 $base --items 'RD;YL' --material all=received --submit
expect_rc "online application accepted at the window" 0
expect_out "online application: numbered and accepted" "^GS340102-20261128-0002 accepted$"
expect_eq "online application keeps its channel" "$(sql w.db "SELECT channel FROM cases WHERE ext_id='WEB-0001'")" online
run --lang en -d w.db intake
expect_out "intake empty after acceptance" "^0 online applications waiting"
