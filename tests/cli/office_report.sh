#!/bin/sh
# tests/cli/office_report.sh — yici report: the table, the CSV (rows add up to the
# total, the database's count), bad dates, formats and logins
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

# ---- report ----
as "$me" report --from 2026-01-01 --to 2026-11-28
expect_rc "report: exit 0" 0
expect_out "report: header" "^Office +Item +Received +Accepted +Decided +Delivered +Overdue +Median"
expect_out "report: RD row, the office in words" "^Administrative +RD +[0-9]+ +[0-9]+ +[0-9]+"
expect_out "report: total row" "^all +\*"
run --lang zh -d o.db report --from 2026-01-01 --to 2026-11-28
expect_out "report (zh): the office in Chinese" "^行政 +RD "
expect_out "report (zh): the total 全部" "^全部 +\*"
if printf '%s\n' "$out" | grep -Eq "^(admin|appraisal|agency|all) "; then fail "report (zh): no office code" "$out"; else pass "report (zh): no office code"; fi
run --lang zh -d o.db queue --counts
expect_out "queue --counts (zh): the offices in Chinese" "^鉴定 +[0-9]+"
if printf '%s\n' "$out" | grep -Eq "^(admin|appraisal|agency) "; then fail "queue --counts (zh): no office code" "$out"; else pass "queue --counts (zh): no office code"; fi
as "$me" report --from 2026-01-01 --to 2026-11-28 --format csv
expect_eq "report csv: header + 14 items + 3 offices + total" "$(printf '%s\n' "$out" | grep -c .)" 19
dec=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.DictReader(sys.stdin))
items = sum(int(x["decided"]) for x in r if x["item"] != "*")
total = [int(x["decided"]) for x in r if x["office"] == "all"][0]
print(items == total and total > 0)')
expect_eq "report csv: items add up to the total" "$dec" "True"
want=$(q "SELECT count(*) FROM task WHERE decided_on BETWEEN '2026-01-01' AND '2026-11-28'")
expect_out "report csv: total decided = the database's" "^\"all\",\"\*\",\"[0-9]+\",\"[0-9]+\",\"$want\","
as "$me" report --from 2026-11-28 --to 2026-01-01
expect_rc "report with --to before --from: exit 2" 2
as "$me" report --from 2026-02-30 --to 2026-03-01
expect_rc "report with a bad date: exit 2" 2
expect_err "report with a bad date: hint to --help" "yici report --help"
as "$me" report --from 2026-01-01 --to 2026-03-01 --format xml
expect_rc "report with a bad format: exit 2" 2
as "$me" report --from 2026-01-01
expect_rc "report without --to: exit 2" 2
as nobody_here report --from 2026-01-01 --to 2026-11-28
expect_rc "report as unknown login: exit 1" 1
expect_eq "report as unknown login: recorded" "$(q "SELECT count(*) FROM denied WHERE login = 'nobody_here' AND action = 'report' AND role = 'none'")" 1
