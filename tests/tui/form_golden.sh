#!/bin/sh
# tests/tui/form_golden.sh — the layout of the combined form (F2): the
# empty first page at 80x24 matches the golden screen form_page1.golden
# (GENERATE=1 rewrites it).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

open_form gold

# ---- golden screen of the empty first page (layout) ----
got=$(screen | sed -n '1,22p')
if [ -n "$GENERATE" ]; then
	printf '%s\n' "$got" >"$golden"
	pass "golden screen written"
elif [ -f "$golden" ] && [ "$got" = "$(cat "$golden")" ]; then
	pass "80x24 first page matches the golden screen"
else
	fail "80x24 first page matches the golden screen" "$(printf '%s\n' "$got" | diff "$golden" - 2>&1 | head -20)"
fi
