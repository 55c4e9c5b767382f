#!/bin/sh
# tests/cli/window_locked.sh — an accepted case cannot change at the
# window: supplement on it is refused and says why.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# setup: case 1 accepted
window_case1

# ---- accepted cases cannot change at the window ----
run --lang en -d w.db supplement "$CASE1" --material M03=received
expect_rc "accepted case: supplement refused" 1
expect_err "accepted case: says it can no longer change" "no longer be changed"
