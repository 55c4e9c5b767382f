#!/bin/sh
# tests/tui/form_editing.sh — Chinese text editing in a field of the form
# with the cursor: two columns per character for the cursor, Left and
# Right, insertion between characters, Home, End, Delete and Backspace of
# whole characters.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

open_form edit

# ---- Chinese text editing with the cursor ----
k Tab                                   # applicant name: label column 30
t 张三丰
settle
expect_cursor "cursor after 张三丰 is 6 columns into the field" "36,4"
k Left Left
settle
expect_cursor "Left, Left moves two columns per character" "32,4"
t X
settle
check "insertion between Chinese characters: 张X三丰" wait_for "$W" "张X三丰"
expect_cursor "cursor after X" "33,4"
k End
settle
expect_cursor "End after CJK text lands after the last glyph (not col 18+)" "37,4"
k Home DC
settle
check "Home, Delete removes the first character" wait_for "$W" "Applicant name +X三丰"
k End BSpace BSpace BSpace
settle
expect_cursor "Backspace deletes whole characters" "30,4"
