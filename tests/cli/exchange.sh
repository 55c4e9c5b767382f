#!/bin/sh
# tests/cli/exchange.sh — the CSV exchange (yici-exchange(5)): the export
# batch read back field for field by Python's csv module, atomicity (a
# killed export and a failed write leave no complete-looking batch), the
# high-water mark, the lock, the profiles and encodings; the import of
# applications, results and shared materials with hostile files, rejects,
# --strict, --dry-run and idempotence.
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
data="$top/tests/data/exchange"
nlines() { printf '%s\n' "$1" | grep -c .; }
batches() { ls "$1" 2>/dev/null | grep -E '^[0-9]{6}-[0-9]{14}(-[0-9]+)?$'; }

"$YICI" -d x.db init --demo 200 --seed 7 >/dev/null 2>&1 || fail "setup: init --demo 200"

# ---- export: one complete batch, silent ----
run --lang en -d x.db export -o out
expect_rc "export: exit 0" 0
expect_eq "export: silent on stdout" "$out" ""
expect_eq "export: silent on stderr" "$err" ""
expect_eq "export: one batch named <region>-<YYYYMMDDHHMMSS>" "$(batches out)" "340102-20261128093000"
b=out/340102-20261128093000
expect_eq "export: the seven files and the anchor" "$(ls $b | tr '\n' ' ')" \
	"anchor.txt cases.csv evaluations.csv events.csv manifest.csv notices.csv pushes.csv tasks.csv "
expect_eq "export: no temporary folder left" "$(ls -a out | grep -c '^\.tmp-')" 0
expect_eq "export: folder mode 0770 (group-writable, shared)" "$(stat -c %a $b)" 770
expect_eq "export: file mode 0640" "$(stat -c %a $b/cases.csv)" 640

# An independent reader: Python's csv module against the database (sqlite3).
cat >check.py <<'EOF'
import csv, hashlib, os, sqlite3, sys
db, b = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
bad = []
def rows(name):
    raw = open(os.path.join(b, name), 'rb').read()
    if raw and not raw.endswith(b'\r\n'):
        bad.append(name + ': does not end in CRLF')
    if b'\n' in raw.replace(b'\r\n', b''):
        # a bare LF is allowed only inside quoted fields (descriptions)
        pass
    r = list(csv.reader(raw.decode('utf-8').splitlines(True) and open(os.path.join(b, name), newline='', encoding='utf-8')))
    return r[0], r[1:]
def s(v):
    return '' if v is None else str(v)
def compare(name, sql, key):
    hdr, data = rows(name)
    db_rows = {str(r[0]): [s(x) for x in r] for r in con.execute(sql)}
    if len(data) != len(db_rows):
        bad.append('%s: %d rows, database %d' % (name, len(data), len(db_rows)))
    for row in data:
        want = db_rows.get(row[hdr.index(key)])
        if want is None:
            bad.append('%s: row %s not in the database' % (name, row[0])); continue
        got = [row[hdr.index(c)] for c in COLS[name]]
        if got != want:
            bad.append('%s: row %s differs: %r != %r' % (name, row[0], got, want)); break
COLS = {
 'cases.csv': ['case_id', 'case_no', 'ext_id', 'kind', 'channel', 'state', 'worker_name', 'worker_id_number',
               'employer_credit_code', 'accident_date', 'description', 'consent_extended', 'items', 'updated_at'],
 'tasks.csv': ['task_id', 'case_id', 'item', 'category', 'state', 'assignee', 'due_on', 'outcome', 'grade',
               'amount_fen', 'document_no', 'reason', 'decided_on', 'version'],
 'events.csv': ['event_id', 'case_id', 'task_id', 'at', 'actor', 'actor_role', 'kind', 'detail'],
 'notices.csv': ['notice_id', 'case_id', 'kind', 'phone', 'body', 'created_at'],
}
compare('cases.csv', "SELECT c.id, c.case_no, c.ext_id, c.kind, c.channel, c.state, w.name, w.id_number, "
        "m.credit_code, c.accident_date, c.description, c.consent_extended, "
        "(SELECT group_concat(item, ';') FROM (SELECT item FROM task WHERE case_id = c.id ORDER BY item)), "
        "c.updated_at FROM cases c LEFT JOIN person w ON w.id = c.worker_id "
        "LEFT JOIN employer m ON m.id = c.employer_id", 'case_id')
compare('tasks.csv', "SELECT id, case_id, item, category, state, assignee, due_on, outcome, grade, amount_fen, "
        "document_no, reason, decided_on, version FROM task", 'task_id')
compare('events.csv', "SELECT id, case_id, task_id, at, actor, actor_role, kind, detail FROM event", 'event_id')
compare('notices.csv', "SELECT id, case_id, kind, recipient, body, created_at FROM notice "
        "WHERE channel = 'sms' AND (state = 'queued' OR file = '%s')" % os.path.basename(b), 'notice_id')
hdr, man = rows('manifest.csv')
if hdr != ['file', 'rows', 'bytes', 'sha256', 'chain_head']:
    bad.append('manifest header %r' % hdr)
for f, n, size, sha, head in man:
    raw = open(os.path.join(b, f), 'rb').read()
    if int(size) != len(raw): bad.append('manifest: %s bytes %s != %d' % (f, size, len(raw)))
    if sha != hashlib.sha256(raw).hexdigest(): bad.append('manifest: %s sha256 differs' % f)
    if int(n) != len(rows(f)[1]): bad.append('manifest: %s rows %s' % (f, n))
if len(man) != 6: bad.append('manifest: %d files' % len(man))
print('\n'.join(bad) if bad else 'ok')
EOF
res=$($PY check.py x.db $b 2>&1)
expect_eq "export: Python's csv reads every file back field for field" "$res" "ok"
hdr=$(head -n 1 $b/cases.csv)
case "$hdr" in
'"case_id","case_no","ext_id","kind","channel","state","worker_name","worker_id_number"'*) pass "export: cases.csv header, every field quoted" ;;
*) fail "export: cases.csv header, every field quoted" "got $hdr" ;;
esac
expect_eq "export: CRLF line ends" "$(head -n 1 $b/tasks.csv | od -An -c | tr -d ' \n' | tail -c 4)" '\r\n'
expect_eq "export: high-water mark recorded" \
	"$(sql x.db "SELECT count(*) FROM exchange_log WHERE direction = 'export' AND status = 'ok' AND hw_event = (SELECT max(id) FROM event)")" 1
expect_eq "export: the SMS of the batch leave the outbox" "$(sql x.db "SELECT count(*) FROM notice WHERE state = 'queued'")" 0
ids=$(grep -c '[0-9]\{17\}[0-9X]' $b/events.csv $b/notices.csv $b/tasks.csv | grep -v ':0$')
expect_eq "export: ID numbers only in cases.csv" "$ids" ""

# ---- twice: nothing new the second time ----
run --lang en -d x.db export -o out
expect_rc "export again: exit 0" 0
expect_eq "export again: a second batch" "$(batches out | wc -l)" 2
b2=out/340102-20261128093000-2
rows2=$($PY -c 'import csv,sys; print(" ".join(r[1] for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]))' $b2/manifest.csv)
expect_eq "export again: exports nothing new" "$rows2" "0 0 0 0 0 0"

# ---- a change since: only that case ----
mkdir sh
sed 's/WS-GBK/WS-SH/' "$data/gbk_utf8.csv" >sh/applications.csv
run --lang en -d x.db import sh/applications.csv
expect_rc "an online application: exit 0" 0
open_inbox x.db
run --lang en -d x.db export -o out
case_id=$(sql x.db "SELECT id FROM cases WHERE ext_id = 'WS-SH'")
idn=34010219800101001X
mat=$(sql x.db "SELECT material FROM case_material WHERE case_id = $case_id AND status = 'missing' ORDER BY material LIMIT 1")
printf 'share_id,id_number,material,source,document_no,issued_at\r\nSH-1,%s,%s,省数据共享交换平台,DOC-77,2026-11-20\r\n' "$idn" "$mat" >shared_materials.csv
run --lang en -d x.db import shared_materials.csv
expect_rc "shared_materials: exit 0" 0
expect_out "shared_materials: summary line" "shared_materials.csv: read 1, applied 1, skipped 0 \(already present\), rejected 0"
expect_eq "shared_materials: the missing material becomes shared with the document number" \
	"$(sql x.db "SELECT status || ' ' || document_no FROM case_material WHERE case_id = $case_id AND material = '$mat'")" "shared DOC-77"
expect_eq "shared_materials: one material event" \
	"$(sql x.db "SELECT count(*) FROM event WHERE case_id = $case_id AND kind = 'material'")" 1
expect_eq "shared_materials: remembered for later applications" "$(sql x.db "SELECT document_no FROM shared_doc WHERE id_number = '$idn'")" "DOC-77"
run --lang en -d x.db export -o out
b3=$(batches out | sort | tail -n 1)
expect_eq "export after a change: only the changed case" "$(sed 1d out/$b3/cases.csv | cut -d, -f1)" "\"$case_id\""
expect_eq "export after a change: only its new event" "$(sed 1d out/$b3/events.csv | wc -l)" 1
before=$(sql x.db "SELECT count(*) FROM event")
run --lang en -d x.db import shared_materials.csv
expect_rc "shared_materials again: exit 0" 0
expect_out "shared_materials again: skipped as already present" "read 1, applied 0, skipped 1 \(already present\), rejected 0"
expect_eq "shared_materials again: changes nothing" "$(sql x.db "SELECT count(*) FROM event")" "$before"

# ---- the lock ----
# (held until the check is done, not for a fixed time: under load the
# export may start late; at most 60 s)
flock out/.yici-export.lock sh -c 'i=0; while [ ! -f release1 ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done' &
# (polled, not slept: under load the holder may take longer to start)
held() { ! flock -n "$1" true; }
poll held out/.yici-export.lock || fail "lock: the holder took the lock" "not held after 5 s"
run --lang en -d x.db export -o out
expect_rc "lock: a second export at once exits 3" 3
expect_err "lock: says another export is running" "another export"
touch release1
wait
# a database that stays busy (a long import holding the write lock) is 3 too
nb=$(ls out | wc -l)
# (held until the check is done: the export waits its 10 s busy timeout
# first, then exits 3; at most 60 s)
# (the holder waits for the lock itself: a BEGIN refused at once by a yici
# still closing would leave nothing held)
sqlite3 -cmd '.timeout 10000' x.db "BEGIN EXCLUSIVE; SELECT 1;" \
	".shell i=0; while [ ! -f release2 ] && [ \$i -lt 600 ]; do sleep 0.1; i=\$((i + 1)); done" \
	"COMMIT;" >/dev/null 2>&1 &
# the write lock is held once a writer without a busy timeout is refused
wlocked() { ! sqlite3 -batch "$1" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1; }
poll wlocked x.db || fail "busy database: the holder took the write lock" "not held after 5 s"
run --lang en -d x.db export -o out
expect_rc "busy database: export exits 3, as the man page says" 3
expect_err "busy database: says so" "busy"
expect_eq "busy database: no batch folder" "$(ls out | wc -l)" "$nb"
touch release2
wait

# ---- profiles and encodings ----
sqlite_t x.db "UPDATE cases SET description = '=HYPERLINK(\"http://x\")', accident_place = '-2+3' WHERE id = 1"
run --lang en -d x.db export -o exact --all
run --lang en -d x.db export -o excel --all --for excel
run --lang en -d x.db export -o gb --all --encoding gb18030
e1=exact/$(batches exact); e2=excel/$(batches excel); e3=gb/$(batches gb)
cell() { $PY -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))); print(r[1][r[0].index(sys.argv[2])])' "$1" "$2"; }
expect_eq "profile default: values exact" "$(cell $e1/cases.csv description)" '=HYPERLINK("http://x")'
expect_eq "profile default: no BOM" "$(head -c 3 $e1/cases.csv | od -An -tx1 | tr -d ' ')" "226361"
# --for excel writes workbooks (tests/cli/xlsx.sh): a formula-like text is a
# text cell there, inert without a quote
xcell() { $PY -c '
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
row = re.search(r"<row r=\"2\".*?</row>", x, re.S).group(0)
print("formula" if "<f>" in row else "ok" if sys.argv[2] in row.replace("&quot;", "\"") else "missing")' "$1" "$2"; }
expect_eq "profile excel: a workbook, no CSV" "$(ls $e2 | grep -c '\.csv$') $(ls $e2 | grep -c '\.xlsx$')" "1 6"
expect_eq "profile excel: = kept as text, no formula" "$(xcell $e2/cases.xlsx '=HYPERLINK("http://x")')" ok
expect_eq "profile excel: - kept as text" "$(xcell $e2/cases.xlsx '>-2+3<')" ok
if iconv -f GB18030 -t UTF-8 $e3/cases.csv | cmp -s - $e1/cases.csv; then
	pass "encoding gb18030: the same text as UTF-8"
else
	fail "encoding gb18030: the same text as UTF-8" "iconv -f GB18030 differs"
fi
if cmp -s $e3/cases.csv $e1/cases.csv; then fail "encoding gb18030: bytes differ from UTF-8" "identical"; else pass "encoding gb18030: bytes differ from UTF-8"; fi

# A batch for people (--for excel) is not fed to the machines: it leaves the
# high-water marks and the SMS outbox to the next batch for the province.
"$YICI" -d p.db init --demo 60 --seed 5 >/dev/null 2>&1 || fail "setup: init --demo 60"
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

# ---- a failed write leaves nothing that looks complete ----
hw=$(sql x.db "SELECT count(*) FROM exchange_log WHERE status = 'ok'")
(ulimit -f 64; trap '' XFSZ; "$YICI" --lang en -d x.db export -o full --all >full.out 2>full.err)
rc=$?
err=$(cat full.err)
expect_rc "write failure: exit 1" 1
expect_err "write failure: one line naming the file" "cannot write"
expect_eq "write failure: one line on stderr" "$(nlines "$err")" 1
expect_eq "write failure: no batch" "$(batches full)" ""
expect_eq "write failure: no temporary folder left" "$(ls -a full | grep -c '^\.tmp-')" 0
expect_eq "write failure: high-water mark stays" "$(sql x.db "SELECT count(*) FROM exchange_log WHERE status = 'ok'")" "$hw"

# ---- killed part-way on a 20,000-case demo ----
"$YICI" -d big.db init --demo 20000 --seed 3 >/dev/null 2>&1
"$YICI" -d big.db export -o kill --all 2>/dev/null &
pid=$!
i=0
while [ $i -lt 20000 ] && ! ls -a kill 2>/dev/null | grep -q '^\.tmp-'; do i=$((i + 1)); done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
tmpseen=$(ls -a kill 2>/dev/null | grep -c '^\.tmp-')
if [ "$tmpseen" -ge 1 ]; then pass "killed export: killed while writing"; else fail "killed export: killed while writing" "the export finished first: $(ls -a kill)"; fi
expect_eq "killed export: no complete-looking batch" "$(batches kill)" ""
expect_eq "killed export: high-water mark not advanced" "$(sql big.db "SELECT count(*) FROM exchange_log WHERE direction = 'export' AND status = 'ok'")" 0
run --lang en -d big.db export -o kill
expect_rc "killed export: the next run succeeds" 0
expect_eq "killed export: the next run cleans up" "$(ls -a kill | grep -c '^\.tmp-')" 0
expect_eq "killed export: the next batch carries everything" \
	"$(sed 1d kill/$(batches kill)/cases.csv | wc -l)" 20000

# ---- import: applications ----
cp "$data"/applications.csv .
run --lang en -d x.db import applications.csv
expect_rc "applications: some rows rejected, exit 1" 1
expect_out "applications: summary line" "applications.csv: read 12, applied 3, skipped 0 \(already present\), rejected 9"
# into the inbox only: one row each, nothing else until the window opens them
expect_eq "applications: three rows in the inbox, no case, person or employer written" \
	"$(sql x.db "SELECT (SELECT group_concat(ext_id, ' ') FROM (SELECT ext_id FROM inbox WHERE case_id IS NULL AND ext_id LIKE 'WS-_' ORDER BY ext_id)) || ' ' || (SELECT count(*) FROM cases WHERE ext_id IN ('WS-1', 'WS-2', 'WS-3'))")" "WS-1 WS-2 WS-3 0"
_o=$out; _e=$err
run --lang en -d x.db intake
expect_out "applications: the intake lists them with how long they waited" "WS-1 +2026-11-27 10:00:00 +23h 30m"
run --lang en -d x.db case show WS-2
expect_rc "applications: case show takes an online id still in the inbox" 0
expect_out "applications: case show says it waits at the window" "WS-2: waiting at the window"
out=$_o; err=$_e
open_inbox x.db
expect_eq "applications: intake cases with channel online" \
	"$(sql x.db "SELECT count(*) FROM cases WHERE channel = 'online' AND state = 'intake' AND ext_id IN ('WS-1', 'WS-2', 'WS-3')")" 3
expect_eq "applications: an imported event each" \
	"$(sql x.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.ext_id IN ('WS-1', 'WS-2', 'WS-3') AND e.kind = 'imported'")" 3
expect_eq "applications: embedded newline kept" \
	"$(sql x.db "SELECT instr(description, char(10)) > 0 FROM cases WHERE ext_id = 'WS-2'")" 1
expect_eq "applications: listed materials received" \
	"$(sql x.db "SELECT status FROM case_material m JOIN cases c ON c.id = m.case_id WHERE c.ext_id = 'WS-1' AND material = 'M04'")" "received"
if [ -f applications.csv.rejects.csv ]; then pass "applications: rejects file written"; else fail "applications: rejects file written" "missing"; fi
rej=$($PY - <<'EOF'
import csv
r = list(csv.reader(open('applications.csv.rejects.csv', newline='', encoding='utf-8')))
h = r[0]
print(h[-3:] == ['line', 'field', 'reason'], len(r) - 1,
      ' '.join('%s:%s' % (x[h.index('line')], x[h.index('field')]) for x in r[1:]))
EOF
)
expect_eq "applications: rejects carry line and field" "$rej" \
	"True 9 6:worker_id_number 7:employer_credit_code 8:items 9:materials 10:kind 11:accident_date 12:submitted_at 13:ext_id 14:worker_phone"
expect_err "applications: a reject on stderr as file:line: field: reason" "applications\.csv:6: worker_id_number: "
# a choice the platform did not send is not exported as chosen (the column's default)
mkdir -p onl && run --lang en -d x.db export -o onl
ob=$(ls onl | sort | tail -n 1)
unsent=$($PY - "onl/$ob/cases.csv" <<'EOF'
import csv, sys
r = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
w = [x for x in r if x['ext_id'] == 'WS-1']
print(len(w), w[0]['accident_type'] == '', w[0]['circumstance'] == '', w[0]['delivery_method'] == '')
EOF
)
expect_eq "export: WS-1's unsent 伤害类型, 认定情形 and delivery are empty in cases.csv, not the defaults" "$unsent" "1 True True True"
cases0=$(sql x.db "SELECT count(*) FROM cases"); ev0=$(sql x.db "SELECT count(*) FROM event")
dump0=$(sql x.db "SELECT * FROM cases ORDER BY id" | sha256sum)
run --lang en -d x.db import applications.csv
expect_out "applications again: skipped as already present" "read 12, applied 0, skipped 4 \(already present\), rejected 8"
expect_eq "applications again: no new case" "$(sql x.db "SELECT count(*) FROM cases")" "$cases0"
expect_eq "applications again: no new event" "$(sql x.db "SELECT count(*) FROM event")" "$ev0"
expect_eq "applications again: cases unchanged" "$(sql x.db "SELECT * FROM cases ORDER BY id" | sha256sum)" "$dump0"

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

# A row the database refuses after it began writing (a test trigger on
# cases): the import runs again with a savepoint per row, so the row alone
# is rejected, each reject is reported once and the chain holds.
mkdir refuse
head -n 1 "$data"/applications.csv >refuse/applications.csv
for id in WS-R1 WS-RB WS-R2 WS-R3; do
	if [ $id = WS-RB ]; then sed -n '6p' "$data"/applications.csv; else sed -n '2p' "$data"/applications.csv; fi |
		sed "s/^WS-[0-9]*,/$id,/" >>refuse/applications.csv
done
"$YICI" -d refuse.db init >/dev/null 2>&1 || fail "setup: init refuse.db"
sql refuse.db "CREATE TRIGGER refuse_r2 BEFORE INSERT ON inbox WHEN new.ext_id = 'WS-R2'
	BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
run --lang en -d refuse.db import refuse/applications.csv
expect_rc "refused row: exit 1" 1
expect_out "refused row: the others applied" "read 4, applied 2, skipped 0 \(already present\), rejected 2"
expect_eq "refused row: each reject reported once" "$(printf '%s\n' "$err" | grep -c 'applications\.csv:[34]: ')" 2
expect_err "refused row: the database's reason" "applications\.csv:4: ext_id: .*refused by the test"
rej=$($PY - <<'EOF'
import csv
r = list(csv.reader(open('refuse/applications.csv.rejects.csv', newline='', encoding='utf-8')))
print(' '.join('%s:%s' % (x[-3], x[-2]) for x in r[1:]))
EOF
)
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

# ---- round trip: our own batch, turned into applications.csv, re-imported ----
# into a fresh database gives the same cases field for field (quotes, an
# embedded line break, CRLF, Chinese text and the ;-lists survive).
"$YICI" -d rt1.db init >/dev/null 2>&1 && "$YICI" -d rt2.db init >/dev/null 2>&1 || fail "setup: init rt1/rt2"
mkdir rt
sed -n '1,5p' "$data"/applications.csv >rt/applications.csv
sed -n '2p' "$data"/gbk_utf8.csv >>rt/applications.csv
run --lang en -d rt1.db import rt/applications.csv
expect_out "round trip: the first database takes the applications" "read 4, applied 4"
open_inbox rt1.db
run --lang en -d rt1.db export -o rt1 --all
cat >rt.py <<'EOF'
import csv, sys
src, dst = sys.argv[1], sys.argv[2]
need = ['ext_id', 'submitted_at', 'kind', 'worker_name', 'worker_id_number', 'worker_phone',
        'employer_name', 'employer_credit_code', 'accident_date', 'accident_place',
        'description', 'items', 'materials', 'applicant_name', 'applicant_id_number',
        'applicant_phone', 'applicant_relation']
rows = list(csv.DictReader(open(src, newline='', encoding='utf-8')))
with open(dst, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(need)
    for r in rows:
        w.writerow([r.get(c, '') for c in need])
EOF
$PY rt.py rt1/$(batches rt1)/cases.csv rt2-applications.csv
mkdir rt2in && mv rt2-applications.csv rt2in/applications.csv
run --lang en -d rt2.db import rt2in/applications.csv
expect_rc "round trip: our batch re-imported, exit 0" 0
expect_out "round trip: every case applied" "read 4, applied 4, skipped 0 \(already present\), rejected 0"
open_inbox rt2.db
run --lang en -d rt2.db export -o rt2 --all
cat >rtcmp.py <<'EOF'
import csv, sys
cols = ['ext_id', 'kind', 'channel', 'state', 'worker_name', 'worker_id_number', 'worker_sex',
        'worker_birth_date', 'worker_phone', 'applicant_type', 'applicant_name',
        'applicant_id_number', 'applicant_phone', 'applicant_relation', 'employer_name',
        'employer_credit_code', 'accident_date', 'accident_place', 'description', 'items',
        'submitted_at']
a, b = ([[r[c] for c in cols] for r in csv.DictReader(open(p, newline='', encoding='utf-8'))]
        for p in sys.argv[1:3])
print('ok' if a == b and len(a) == 4 else 'differ:\n%r\n%r' % (a, b))
EOF
expect_eq "round trip: the same cases field for field" \
	"$($PY rtcmp.py rt1/$(batches rt1)/cases.csv rt2/$(batches rt2)/cases.csv 2>&1)" ok

# ---- hostile files: the whole file is rejected with file:line: ----
hostile() { # NAME FILE PATTERN [ENCODING]
	mkdir -p "h/$1"
	cp "$2" "h/$1/applications.csv"
	n0=$(sql x.db "SELECT count(*) FROM cases")/$(sql x.db "SELECT count(*) FROM inbox")
	if [ -n "$4" ]; then run --lang en -d x.db import --encoding "$4" "h/$1/applications.csv"
	else run --lang en -d x.db import "h/$1/applications.csv"; fi
	expect_rc "hostile $1: exit 2" 2
	expect_err "hostile $1: file:line: reason" "$3"
	expect_eq "hostile $1: nothing applied" "$(sql x.db "SELECT count(*) FROM cases")/$(sql x.db "SELECT count(*) FROM inbox")" "$n0"
}
hostile unterminated "$data/unterminated.csv" "applications\.csv:[0-9]+: malformed CSV"
hostile stray-quote "$data/stray_quote.csv" "applications\.csv:3: malformed CSV"
hostile field-count "$data/field_count.csv" "applications\.csv:3: expected 17 fields but found 16"
hostile missing-column "$data/missing_column.csv" "applications\.csv:1: required column 'worker_phone' is missing"
printf '\377\376bad' | cat "$data/header.csv" - >inv.csv
hostile invalid-utf8 inv.csv "applications\.csv:2: .*not valid UTF-8"
{ cat "$data/header.csv"; printf 'WS-N,2026-11-27,injury,a\000b,11010519491231002X,13800138000,x,91110000100006485K,2026-11-20,p,d,RD,M01,a,11010519491231002X,13800138000,本人\r\n'; } >nul.csv
hostile nul-byte nul.csv "applications\.csv:2: .*NUL"
$PY -c 'import sys; sys.stdout.write(open(sys.argv[1]).read() + "WS-BIG,2026-11-27,injury,a,11010519491231002X,13800138000,x,91110000100006485K,2026-11-20,p,\"" + "长" * 3500000 + "\",RD,M01,a,11010519491231002X,13800138000,本人\r\n")' "$data/header.csv" >big.csv
hostile 10MB-field big.csv "applications\.csv:2: field .*longer than"
iconv -f UTF-8 -t GBK "$data/gbk_utf8.csv" >gbk.csv
hostile gbk-as-utf8 gbk.csv "applications\.csv:2: .*not valid UTF-8"
: >empty.csv
hostile empty empty.csv "applications\.csv:1: .*empty"

# ---- accepted: BOM, CRLF, extra column, GBK and GB18030 text ----
mkdir enc
iconv -f UTF-8 -t GBK "$data/gbk_utf8.csv" >enc/applications.csv
run --lang en -d x.db import --encoding gbk enc/applications.csv
expect_rc "GBK with --encoding gbk: exit 0" 0
open_inbox x.db
expect_eq "GBK: the name decoded" "$(sql x.db "SELECT p.name FROM cases c JOIN person p ON p.id = c.worker_id WHERE c.ext_id = 'WS-GBK'")" "欧阳锋"
sed 's/WS-GBK/WS-GB18030/; s/欧阳锋/欧阳𠀀/g; s/34010219800101001X/340102198001010028/g' "$data/gbk_utf8.csv" | iconv -f UTF-8 -t GB18030 >enc/applications.csv
run --lang en -d x.db import --encoding gb18030 enc/applications.csv
expect_rc "GB18030 with a character outside GBK: exit 0" 0
open_inbox x.db
expect_eq "GB18030: the name decoded" "$(sql x.db "SELECT p.name FROM cases c JOIN person p ON p.id = c.worker_id WHERE c.ext_id = 'WS-GB18030'")" "欧阳𠀀"
mkdir bom
{ printf '\357\273\277'; sed 's/WS-GBK/WS-BOM/; s/$/\r/' "$data/gbk_utf8.csv"; } >bom/applications.csv
run --lang en -d x.db import bom/applications.csv
expect_rc "UTF-8 BOM and CRLF: exit 0" 0
mkdir extra
{ sed -n 1p "$data/gbk_utf8.csv" | sed 's/$/,platform_note/'; sed -n 2p "$data/gbk_utf8.csv" | sed 's/WS-GBK/WS-EXTRA/; s/$/,hello/'; } >extra/applications.csv
run --lang en -d x.db import extra/applications.csv
expect_rc "extra column: ignored, exit 0" 0

# ---- results ----
tk=$(sql x.db "SELECT c.case_no || ' ' || t.item FROM task t JOIN cases c ON c.id = t.case_id WHERE t.state IN ('accepted', 'in_review') AND t.category = 'agency' ORDER BY t.id LIMIT 1")
cno=${tk% *}; item=${tk#* }
cat >results.csv <<EOF
result_id,case_no,item,decided_at,outcome,grade,care_level,amount_fen,document_no,officer,note
R-1,$cno,$item,2026-11-27,approved,,,123456,ZF-2026-1,省经办 王芳,
R-2,GS340102-20260101-9999,YL,2026-11-27,approved,,,100,ZF-2,王芳,
R-3,$cno,$item,2027-11-27,approved,,,100,ZF-3,王芳,
R-4,$cno,$item,2026-11-27,graded,3,,,,王芳,
EOF
run --lang en -d x.db import results.csv
expect_rc "results: some rejected, exit 1" 1
expect_out "results: summary" "results.csv: read 4, applied 1, skipped 0 \(already present\), rejected 3"
expect_err "results: a case that does not exist" "results\.csv:3: case_no: no case GS340102-20260101-9999 in this database"
expect_eq "results: the task is decided" \
	"$(sql x.db "SELECT t.state || ' ' || t.amount_fen FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno' AND t.item = '$item'")" "decided 123456"
expect_eq "results: an amount task calc cannot check (HS: no days in the file) waits for a second officer" \
	"$(sql x.db "SELECT t.countersign || ' ' || (instr(t.override_reason, 'results.csv') > 0) FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno' AND t.item = '$item'")" "pending 1"
expect_eq "results: its decided event" \
	"$(sql x.db "SELECT count(*) FROM event e JOIN task t ON t.id = e.task_id JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno' AND t.item = '$item' AND e.kind = 'decided'")" 1
run --lang en -d x.db import results.csv
expect_out "results again: skipped" "read 4, applied 0, skipped 1 \(already present\), rejected 3"
# a decision the back-office rules refuse names the column at fault
mkdir rfield
other=$(sql x.db "SELECT code FROM item WHERE category = 'agency' AND code NOT IN (SELECT t.item FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno') ORDER BY code LIMIT 1")
cat >rfield/results.csv <<EOF
result_id,case_no,item,decided_at,outcome,grade,care_level,amount_fen,document_no,officer,note
F-1,$cno,$item,2026-11-27,approved,,,,ZF-9,王芳,
F-2,$cno,RD,2026-11-27,recognised,,,,,王芳,
F-3,$cno,JD,2026-11-27,graded,,,,JD-9,王芳,
F-4,$cno,$item,2026-11-27,refused,,,,ZF-9,王芳,
F-5,$cno,JD,2026-11-27,no_grade,,2,,JD-9,王芳,
F-6,$cno,$item,2026-11-27,refused,,,500,ZF-9,王芳,不符合
F-7,$cno,$other,2026-11-27,approved,,,100,ZF-9,王芳,
EOF
run --lang en -d x.db import rfield/results.csv
expect_rc "results, fields: exit 1" 1
rej=$($PY - <<'EOF'
import csv
r = list(csv.reader(open('rfield/results.csv.rejects.csv', newline='', encoding='utf-8')))
print(' '.join('%s:%s' % (x[-3], x[-2]) for x in r[1:]))
EOF
)
expect_eq "results, fields: each reject names its column" "$rej" \
	"2:amount_fen 3:document_no 4:grade 5:note 6:care_level 7:amount_fen 8:item"
expect_err "results, fields: file:line: field: reason" "rfield/results\.csv:2: amount_fen: an approval needs the amount paid"

# ---- a folder ----
mkdir inbox
cp shared_materials.csv results.csv inbox/
run --lang en -d x.db import inbox
expect_out "folder: results.csv imported" "inbox/results.csv: read 4"
expect_out "folder: shared_materials.csv imported" "inbox/shared_materials.csv: read 1"
run --lang en -d x.db import inbox/
expect_out "folder with a trailing slash: its files named once" "^inbox/results\.csv: read 4"
run --lang en -d x.db import
expect_rc "usage: import without PATH exits 2" 2
run --lang en -d x.db import --encoding latin1 x.csv
expect_rc "usage: unknown encoding exits 2" 2
cp results.csv other.csv
run --lang en -d x.db import other.csv
expect_rc "unknown file: exit 2" 2
expect_err "unknown file: says which names import reads" "'other\.csv': import reads applications\.csv, results\.csv, shared_materials\.csv or evaluations\.csv"
expect_eq "unknown file: no summary for a file never read" "$out" ""
