#!/bin/sh
# tests/cli/exchange_folder.sh — the CSV exchange (yici-exchange(5)): the
# import of a folder (each file it knows, named once, with or without a
# trailing slash) and of a file whose name import does not read.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# setup: shared_materials.csv for the online case WS-SH, results.csv for
# an agency task in review
ws_sh
expect_rc "exchange_folder: setup: an online application, exit 0" 0
results_csv

# ---- a folder ----
mkdir inbox
cp shared_materials.csv results.csv inbox/
run --lang en -d x.db import inbox
expect_out "folder: results.csv imported" "inbox/results.csv: read 4"
expect_out "folder: shared_materials.csv imported" "inbox/shared_materials.csv: read 1"
run --lang en -d x.db import inbox/
expect_out "folder with a trailing slash: its files named once" "^inbox/results\.csv: read 4"

# ---- a file import does not read ----
cp results.csv other.csv
run --lang en -d x.db import other.csv
expect_rc "unknown file: exit 2" 2
expect_err "unknown file: says which names import reads" "'other\.csv': import reads applications\.csv, results\.csv, shared_materials\.csv or evaluations\.csv"
expect_eq "unknown file: no summary for a file never read" "$out" ""
