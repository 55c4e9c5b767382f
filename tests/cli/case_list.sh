#!/bin/sh
# tests/cli/case_list.sh — yici case list: CSV contract columns, every case once, IDs masked,
# codes for kind and channel, the filters and their usage errors, on a demo database
# with the clock pinned.  Checks structure and key values, not whole outputs.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_case.sh"

# ---- case list ----
run --lang en -d d.db case list --format csv
expect_rc "list csv: exit 0" 0
hdr=$(printf '%s\n' "$out" | head -n 1 | tr -d '"\r')
case "$hdr" in
case_no,worker_name,worker_id_number,employer_name,kind,channel,accepted_at,state*)
	pass "list csv: header starts with the contract columns" ;;
*) fail "list csv: header starts with the contract columns" "got '$hdr'" ;;
esac
ncsv=$(printf '%s\n' "$out" | tail -n +2 | grep -c .)
expect_eq "list csv: every case once" "$ncsv" "$(sql d.db 'SELECT count(*) FROM cases')"
if printf '%s\n' "$out" | grep -Eq "$FULLID"; then
	fail "list csv: no full ID for the supervisor" "$(printf '%s\n' "$out" | grep -E "$FULLID" | head -n 2)"
else
	pass "list csv: no full ID for the supervisor"
fi
nmask=$(printf '%s\n' "$out" | tail -n +2 | grep -Ec "$MASK")
expect_eq "list csv: every ID masked" "$nmask" "$ncsv"
cols=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))
h = r[0]
bad = [row for row in r[1:] if len(row) != len(h) or row[h.index("kind")] not in ("injury", "death")
       or row[h.index("channel")] not in ("window", "online")]
print(len(bad))')
expect_eq "list csv: kind and channel are codes in every row" "$cols" 0

run --lang en -d d.db case list --state deficient --format csv
nd=$(printf '%s\n' "$out" | tail -n +2 | grep -c .)
expect_eq "list --state deficient: as many as in the database" "$nd" \
	"$(sql d.db "SELECT count(*) FROM cases WHERE state = 'deficient'")"
run --lang en -d d.db case list --kind death --channel online --format csv
bad=$(printf '%s\n' "$out" | tail -n +2 | grep -vc '"death","online"')
expect_eq "list --kind death --channel online: only those" "$bad" 0
run --lang en -d d.db case list --from 2026-11-01 --to 2026-11-28 --format csv
nr=$(printf '%s\n' "$out" | tail -n +2 | grep -c .)
expect_eq "list --from/--to: the accepted (else created) dates in range" "$nr" \
	"$(sql d.db "SELECT count(*) FROM cases WHERE substr(coalesce(accepted_at, created_at), 1, 10) BETWEEN '2026-11-01' AND '2026-11-28'")"
run --lang en -d d.db case list --limit 5
expect_rc "list table: exit 0" 0
expect_eq "list --limit 5: header, 5 rows, count" "$(printf '%s\n' "$out" | grep -c .)" 7
expect_out "list table: masked ID" "$MASK"
run --lang en -d d.db case list --state nonsense
expect_rc "list --state nonsense: usage error" 2
expect_err "list --state nonsense: names it" "nonsense"
run --lang en -d d.db case list --from 2026-13-01
expect_rc "list --from bad date: usage error" 2
