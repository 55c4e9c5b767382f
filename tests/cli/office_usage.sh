#!/bin/sh
# tests/cli/office_usage.sh — yici task's usage errors (exit 2) and --help
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

# ---- usage ----
as "$me" task
expect_rc "task without action: exit 2" 2
as "$me" task frobnicate "$C" RD
expect_rc "task unknown action: exit 2" 2
as "$me" task decide "$C"
expect_rc "task decide without ITEM: exit 2" 2
as "$me" task take "$C" RD --outcome x
expect_rc "task take with a decide option: exit 2" 2
as "$me" task --help
expect_rc "task --help: exit 0" 0
expect_out "task --help: names deliver" "deliver --method window\|post"
