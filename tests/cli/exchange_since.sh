#!/bin/sh
# tests/cli/exchange_since.sh — the CSV exchange (yici-exchange(5)): the
# high-water mark: an export run twice exports nothing new the second
# time; after a change (a shared material on an online case) the next
# batch has only the changed case and its new event.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# setup: the first batch
run --lang en -d x.db export -o out
expect_rc "exchange_since: setup: the first export, exit 0" 0

# ---- twice: nothing new the second time ----
run --lang en -d x.db export -o out
expect_rc "export again: exit 0" 0
expect_eq "export again: a second batch" "$(batches out | wc -l)" 2
b2=out/340102-20261128093000-2
rows2=$($PY -c 'import csv,sys; print(" ".join(r[1] for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]))' $b2/manifest.csv)
expect_eq "export again: exports nothing new" "$rows2" "0 0 0 0 0 0"

# ---- a change since: only that case ----
# setup: an online application opened and exported, then a shared
# material for it
ws_sh
expect_rc "exchange_since: setup: an online application, exit 0" 0
run --lang en -d x.db export -o out
expect_rc "exchange_since: setup: its export, exit 0" 0
run --lang en -d x.db import shared_materials.csv
expect_rc "exchange_since: setup: shared_materials, exit 0" 0
expect_out "exchange_since: setup: the shared material applied" "shared_materials.csv: read 1, applied 1, skipped 0 \(already present\), rejected 0"
run --lang en -d x.db export -o out
b3=$(batches out | sort | tail -n 1)
expect_eq "export after a change: only the changed case" "$(sed 1d out/$b3/cases.csv | cut -d, -f1)" "\"$case_id\""
expect_eq "export after a change: only its new event" "$(sed 1d out/$b3/events.csv | wc -l)" 1
