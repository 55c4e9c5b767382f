#!/bin/sh
# tests/cli/exchange_export.sh — the CSV exchange (yici-exchange(5)):
# one complete export batch, silent, read back field for field by Python's
# csv module against the database (CRLF, quoting, the manifest), the
# high-water mark recorded, the SMS leaving the outbox, ID numbers only in
# cases.csv.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

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
