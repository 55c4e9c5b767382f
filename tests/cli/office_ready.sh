#!/bin/sh
# tests/cli/office_ready.sh — the ready-for-delivery list: --state decided --overdue
# lists exactly the decided rows late for delivery
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

# ---- the ready-for-delivery list: overdue means late for delivery ----
now0=$YICI_NOW
YICI_NOW="2026-12-21 09:30"; export YICI_NOW
as chenjing queue --state decided --category all --format csv --limit 5000
all_ready=$out
as chenjing queue --state decided --category all --overdue --format csv --limit 5000
late=$(printf '%s\n%s\n' "$all_ready" "$out" | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
h = rows[0]
split = [i for i, r in enumerate(rows) if i and r == h][0]
ready, over = rows[1:split], rows[split + 1:]
red = sorted(r[0] + r[2] for r in ready if r[10] == "overdue")
print(len(red) > 0, sorted(r[0] + r[2] for r in over) == red, all(int(r[6]) < 0 for r in over))')
expect_eq "queue --state decided --overdue: exactly the rows late for delivery" "$late" "True True True"
YICI_NOW=$now0; export YICI_NOW
