#!/bin/sh
# tests/cli/exchange_strict.sh — the CSV exchange (yici-exchange(5)): the
# import's --dry-run (counts what would apply, changes nothing), a clean
# file (exit 0) and --strict (a bad row rejects the whole file).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# clean file: 0; --dry-run and --strict
mkdir good
head -n 1 "$data"/applications.csv >good/applications.csv
sed -n '2p' "$data"/applications.csv | sed 's/WS-1/WS-G1/' >>good/applications.csv
run --lang en -d x.db import --dry-run good/applications.csv
expect_rc "--dry-run: exit 0" 0
expect_out "--dry-run: counts what would apply" "read 1, applied 1"
expect_eq "--dry-run: changes nothing" "$(sql x.db "SELECT count(*) FROM cases WHERE ext_id = 'WS-G1'")" 0
run --lang en -d x.db import good/applications.csv
expect_rc "clean file: exit 0" 0
mkdir strict
sed 's/WS-/WS-Z/' "$data"/applications.csv >strict/applications.csv
run --lang en -d x.db import --strict strict/applications.csv
expect_rc "--strict: a bad row rejects the file, exit 2" 2
expect_eq "--strict: nothing applied" "$(sql x.db "SELECT count(*) FROM cases WHERE ext_id LIKE 'WS-Z%'")" 0
