#!/bin/sh
# tests/cli/exchange_people.sh — the CSV exchange (yici-exchange(5)): a
# batch for people (--for excel) is not fed to the machines: it shows the
# queued SMS but leaves them and the high-water mark to the next batch for
# the province (a demo of 60 cases, seed 5, with a decision imported).
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# A batch for people (--for excel) is not fed to the machines: it leaves the
# high-water marks and the SMS outbox to the next batch for the province.
"$YICI" -d p.db init --demo 60 --seed 5 >/dev/null 2>&1 || fail "exchange_people: setup: init --demo 60"
run --lang en -d p.db export -o prov
ptk=$(sql p.db "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.state IN ('accepted', 'in_review') AND t.item = 'RD' AND t.started_on <= '2026-11-27' ORDER BY t.id LIMIT 1")
printf 'result_id,case_no,item,decided_at,outcome,grade,care_level,amount_fen,document_no,officer,note\r\nP-1,%s,RD,2026-11-27,recognised,,,,皖人社工认〔2026〕1号,王芳,\r\n' "$ptk" >results.csv
run --lang en -d p.db import results.csv
expect_rc "people's batch: a decision with its SMS" 0
ev=$(sql p.db "SELECT count(*) FROM event WHERE id > (SELECT max(hw_event) FROM exchange_log WHERE status = 'ok')")
sms=$(sql p.db "SELECT count(*) FROM notice WHERE state = 'queued'")
expect_eq "people's batch: SMS queued" "$([ "$sms" -ge 1 ] && echo yes)" yes
run --lang en -d p.db export -o people --all --for excel
expect_rc "people's batch: exit 0" 0
expect_eq "people's batch: shows the queued SMS" "$($PY -c 'import re,sys,zipfile; print(len(re.findall(r"<row ", zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())) - 1)' people/$(batches people)/notices.xlsx)" "$sms"
expect_eq "people's batch: the SMS stays in the outbox" "$(sql p.db "SELECT count(*) FROM notice WHERE state = 'queued'")" "$sms"
run --lang en -d p.db export -o prov
pb=prov/$(batches prov | sort | tail -n 1)
expect_eq "people's batch: the next batch for the province has the new events" "$(sed 1d $pb/events.csv | wc -l)" "$ev"
expect_eq "people's batch: and the SMS" "$(sed 1d $pb/notices.csv | wc -l)" "$sms"
rm -f results.csv
