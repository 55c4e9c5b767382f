#!/bin/sh
# tests/cli/exchange_usage.sh — the CSV exchange (yici-exchange(5)): usage
# errors of export and import exit 2 (no folder, an empty one, --all with
# --since, an unknown encoding, a bad --since, no PATH); --since with a
# timestamp is accepted.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# ---- usage ----
run --lang en -d x.db export
expect_rc "usage: export without -o exits 2" 2
run --lang en -d x.db export -o ''
expect_rc "usage: export -o '' exits 2" 2
expect_err "usage: export -o '' asks for a folder" "say where the batch goes"
run --lang en -d x.db export -o u --all --since last
expect_rc "usage: --all with --since exits 2" 2
run --lang en -d x.db export -o u --encoding latin1
expect_rc "usage: unknown encoding exits 2" 2
run --lang en -d x.db export -o u --since yesterday
expect_rc "usage: bad --since exits 2" 2
run --lang en -d x.db export -o u --since 2026-11-28
expect_rc "export --since TIMESTAMP: exit 0" 0

# ---- import ----
run --lang en -d x.db import
expect_rc "usage: import without PATH exits 2" 2
run --lang en -d x.db import --encoding latin1 x.csv
expect_rc "usage: unknown encoding exits 2" 2
