#!/bin/sh
# tests/cli/exchange_shared.sh — the CSV exchange (yici-exchange(5)): the
# import of shared_materials.csv: a material the online case misses
# becomes shared with its document number, one event, remembered for later
# applications; imported again it is skipped and changes nothing.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# setup: an online application (WS-SH) opened at the window
ws_sh
expect_rc "an online application: exit 0" 0

# ---- shared materials ----
run --lang en -d x.db import shared_materials.csv
expect_rc "shared_materials: exit 0" 0
expect_out "shared_materials: summary line" "shared_materials.csv: read 1, applied 1, skipped 0 \(already present\), rejected 0"
expect_eq "shared_materials: the missing material becomes shared with the document number" \
	"$(sql x.db "SELECT status || ' ' || document_no FROM case_material WHERE case_id = $case_id AND material = '$mat'")" "shared DOC-77"
expect_eq "shared_materials: one material event" \
	"$(sql x.db "SELECT count(*) FROM event WHERE case_id = $case_id AND kind = 'material'")" 1
expect_eq "shared_materials: remembered for later applications" "$(sql x.db "SELECT document_no FROM shared_doc WHERE id_number = '$idn'")" "DOC-77"

# ---- again: already present ----
before=$(sql x.db "SELECT count(*) FROM event")
run --lang en -d x.db import shared_materials.csv
expect_rc "shared_materials again: exit 0" 0
expect_out "shared_materials again: skipped as already present" "read 1, applied 0, skipped 1 \(already present\), rejected 0"
expect_eq "shared_materials again: changes nothing" "$(sql x.db "SELECT count(*) FROM event")" "$before"
