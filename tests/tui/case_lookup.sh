#!/bin/sh
# tests/tui/case_lookup.sh — the lookup (F5) in tmux: the newest cases with an empty
# box, masked IDs, pinyin initials, a Chinese name, a bad ID with a precise
# message, the case number
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_caseview.sh"

W=main
start $W
tm send-keys -t $W F5
check "F5 opens the lookup with its search box" wait_for $W "Search:"
check "lookup: the newest cases with an empty box" wait_for $W "$CASE"
check "lookup: masked IDs" wait_for $W "$MASK"

type_text "$ini"
tm send-keys -t $W Enter
check "lookup: pinyin initials '$ini' find $no" wait_for $W "$no"
check "lookup: the status line says how it searched" wait_for $W "as pinyin initials"

tm send-keys -t $W Escape
type_text "$wname"
check "lookup: the Chinese name is in the box" wait_for $W "Search: $wname"
tm send-keys -t $W Enter
check "lookup: the name finds the case" wait_for $W "$no"
check "lookup: the name search is named" wait_for $W "as name or employer"

tm send-keys -t $W Escape
type_text "110105194912310021"
tm send-keys -t $W Enter
check "lookup: a bad ID gets a precise message" wait_for $W "not a valid citizen ID"

tm send-keys -t $W Escape
type_text "$no"
tm send-keys -t $W Enter
check "lookup: the case number finds it" wait_for $W "^ *$no"
tm send-keys -t $W F10
