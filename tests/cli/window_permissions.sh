#!/bin/sh
# tests/cli/window_permissions.sh — who may take applications: an officer
# may not, and the refusal names the action (acts as another login through
# YICI_USER: root, or a user namespace).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_window.sh"

# ---- permissions ----
root_begin
"$YICI" -d w.db staff add offi --name 官员 --role officer --category admin >/dev/null 2>&1
YICI_USER=offi
export YICI_USER
# shellcheck disable=SC2086
run --lang en -d w.db apply $base --items RD
unset YICI_USER
expect_rc "an officer may not take applications" 1
expect_err "officer refusal names the action" "may not take applications"
root_end
