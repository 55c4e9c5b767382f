#!/bin/sh
# tests/cli/exchange_refused.sh — the CSV exchange (yici-exchange(5)): a
# row the database refuses after the import began writing (a test trigger)
# is rejected alone, reported once, the other rows applied and the chain
# whole; again, the good rows are skipped.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# A row the database refuses after it began writing (a test trigger on
# cases): the import runs again with a savepoint per row, so the row alone
# is rejected, each reject is reported once and the chain holds.
mkdir refuse
head -n 1 "$data"/applications.csv >refuse/applications.csv
for id in WS-R1 WS-RB WS-R2 WS-R3; do
	if [ $id = WS-RB ]; then sed -n '6p' "$data"/applications.csv; else sed -n '2p' "$data"/applications.csv; fi |
		sed "s/^WS-[0-9]*,/$id,/" >>refuse/applications.csv
done
fixture init refuse.db
rc=$?
expect_rc "exchange_refused: setup: a new database (fixture init)" 0
sql refuse.db "CREATE TRIGGER refuse_r2 BEFORE INSERT ON inbox WHEN new.ext_id = 'WS-R2'
	BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
run --lang en -d refuse.db import refuse/applications.csv
expect_rc "refused row: exit 1" 1
expect_out "refused row: the others applied" "read 4, applied 2, skipped 0 \(already present\), rejected 2"
expect_eq "refused row: each reject reported once" "$(printf '%s\n' "$err" | grep -c 'applications\.csv:[34]: ')" 2
expect_err "refused row: the database's reason" "applications\.csv:4: ext_id: .*refused by the test"
rej=$(rejects refuse/applications.csv.rejects.csv)
expect_eq "refused row: rejects file" "$rej" "3:worker_id_number 4:ext_id"
expect_eq "refused row: the good rows in the inbox" "$(sql refuse.db "SELECT group_concat(ext_id, ' ') FROM (SELECT ext_id FROM inbox ORDER BY id)")" "WS-R1 WS-R3"
open_inbox refuse.db
expect_eq "refused row: opened, one event each, no gap" "$(sql refuse.db "SELECT count(*) || ' ' || max(id) FROM event")" "2 2"
run --lang en -d refuse.db verify
expect_rc "refused row: verify passes" 0
run --lang en -d refuse.db case find 张三
expect_out "refused row: the person is found" "2 cases match"
run --lang en -d refuse.db import refuse/applications.csv
expect_out "refused row: again, the good rows are skipped" "read 4, applied 0, skipped 2 \(already present\), rejected 2"
