#!/bin/sh
# tests/cli/foundation.sh — the foundation commands: init (file mode, schema,
# pragmas, refusals), catalog, config, staff, permissions, demo data, the
# append-only history, global options and the default language.
. "$(dirname "$0")/../lib.sh"

nmig=$(ls "$top"/db/*.sql | wc -l)
me=$(id -un)
sum() { sha256sum "$1" | cut -d' ' -f1; }
# as_user LOGIN ARGS...: run with YICI_USER=LOGIN (honoured for root only).
as_user() { YICI_USER=$1; export YICI_USER; shift; run "$@"; unset YICI_USER; }
nlines() { printf '%s\n' "$1" | grep -c .; }

# ---- init: a new database ----
run --lang en -d x.db init
expect_rc "init: exit 0" 0
if [ -f x.db ]; then pass "init: creates the file"; else fail "init: creates the file" "no x.db"; fi
expect_eq "init: user_version = number of db/*.sql" "$(sql x.db 'PRAGMA user_version')" "$nmig"
expect_eq "init: journal_mode wal" "$(sql x.db 'PRAGMA journal_mode')" "wal"
appid=$(sql x.db 'PRAGMA application_id')
if [ -n "$appid" ] && [ "$appid" != 0 ]; then pass "init: application_id nonzero"; else fail "init: application_id nonzero" "got '$appid'"; fi
expect_eq "init: prints nothing on stdout" "$out" ""

for m in 077 000; do
	(umask $m; "$YICI" -d "u$m.db" init >/dev/null 2>&1)
	expect_eq "init: mode 0660 under umask $m" "$(stat -c %a "u$m.db" 2>&1)" "660"
done

run --lang en -d x.db staff list
expect_rc "staff list: exit 0" 0
expect_out "init: invoking user '$me' is supervisor" "^$me +.*supervisor"

# ---- catalog ----
run --lang en -d x.db catalog
expect_rc "catalog: exit 0" 0
expect_out "catalog: 14 items in 3 categories" "^14 items in 3 categories"
nitem=$(printf '%s\n' "$out" | grep -Ec '^ *[0-9]+  [A-Z]{2} ')
expect_eq "catalog: 14 item lines" "$nitem" 14

# --lang is global but also taken after the command
run -d x.db catalog --lang en
expect_rc "catalog --lang en (after the command): exit 0" 0
expect_out "catalog --lang en: English" "^14 items in 3 categories"
run -d x.db catalog --lang=en
expect_out "catalog --lang=en: English" "^14 items in 3 categories"
run -d x.db catalog --lang fr
expect_rc "catalog --lang fr: usage error" 2
run -d x.db catalog --lang
expect_rc "catalog --lang without a value: usage error" 2

run -d x.db catalog --format csv
expect_rc "catalog csv: exit 0" 0
expect_eq "catalog csv: header + 14 rows" "$(printf '%s\n' "$out" | grep -c .)" 15
expect_out "catalog csv: header" '^"?seq"?,"?code"?,"?name"?,"?category"?'
cats=$(printf '%s\n' "$out" | python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))
i = r[0].index("category")
print(" ".join(sorted({row[i] for row in r[1:]})))')
expect_eq "catalog csv: categories exactly admin/appraisal/agency" "$cats" "admin agency appraisal"

run --lang en catalog --check
expect_rc "catalog --check on the fixture catalog: exit 0" 0
expect_out "catalog --check: forms OK" "forms OK: 14 items"

cp -r "$top/tests/data/forms" bad
sed '7s/,agency,/,amdin,/' "$top/tests/data/forms/items.csv" >bad/items.csv
if [ "$(sed -n 7p bad/items.csv | grep -c ',amdin,')" = 1 ]; then
	pass "bad forms: line 7 edited"
else
	fail "bad forms: line 7 edited" "line 7 of the fixture items.csv has no ',agency,': $(sed -n 7p "$top/tests/data/forms/items.csv")"
fi
run --lang en catalog --check --forms bad
expect_rc "catalog --check bad category: exit 1" 1
expect_err "catalog --check bad category: items.csv:7:" "items\.csv:7:"
expect_err "catalog --check bad category: names amdin" "amdin"
run --lang en --forms bad -d b.db init
expect_rc "init with bad forms: exit 1" 1
expect_err "init with bad forms: items.csv:7: amdin" "items\.csv:7:.*amdin"
if [ ! -e b.db ]; then pass "init with bad forms: no database created"; else fail "init with bad forms: no database created" "b.db exists"; fi

# ---- refusals ----
before=$(sum x.db)
run --lang en -d x.db init
expect_rc "init on existing file: exit 1" 1
expect_err "init on existing file: says it exists" "already exists"
expect_eq "init on existing file: file untouched" "$(sum x.db)" "$before"

echo "this is not a database" >txt.db
before=$(sum txt.db)
run --lang en -d txt.db config
expect_rc "not SQLite: exit 1" 1
expect_err "not SQLite: clear message" "txt\.db.*not an SQLite database"
expect_eq "not SQLite: one line on stderr" "$(nlines "$err")" 1
expect_eq "not SQLite: file untouched" "$(sum txt.db)" "$before"
if ls txt.db-* >/dev/null 2>&1; then fail "not SQLite: no -wal/-shm left beside it" "$(ls txt.db-*)"; else pass "not SQLite: no -wal/-shm left beside it"; fi
run --lang en -d txt.db config region_code 340104
expect_rc "not SQLite, writing command: exit 1" 1
expect_eq "not SQLite, writing command: file untouched" "$(sum txt.db)" "$before"
run --lang en -d txt.db init
expect_rc "init over non-SQLite file: exit 1" 1
expect_eq "init over non-SQLite file: untouched" "$(sum txt.db)" "$before"

"$YICI" -d v.db init >/dev/null 2>&1
sqlite_t v.db 'PRAGMA user_version=99'
run --lang en -d v.db config
expect_rc "newer schema: exit 1" 1
expect_err "newer schema: names version 99" "99"
expect_eq "newer schema: user_version left alone" "$(sql v.db 'PRAGMA user_version')" 99

# An older schema is brought up to date on open, by a reading command too.
sqlite_t old.db <"$top/db/001_init.sql"
sqlite_t old.db "PRAGMA application_id = 0x59494349; PRAGMA user_version = 1;
INSERT INTO staff (login, name, role, created_at) VALUES ('$me', 'Me', 'supervisor', '2026-01-01 08:00:00')"
run --lang en -d old.db config
expect_rc "older schema, reading command: exit 0" 0
expect_eq "older schema, reading command: migrated to the latest" "$(sql old.db 'PRAGMA user_version')" "$nmig"

sqlite_t foreign.db 'CREATE TABLE foo (a); INSERT INTO foo VALUES (1);'
before=$(sum foreign.db)
run --lang en -d foreign.db config
expect_rc "foreign SQLite database: exit 1" 1
expect_err "foreign SQLite database: not a yici database" "not a yici database"
expect_eq "foreign SQLite database: untouched" "$(sum foreign.db)" "$before"
run --lang en -d foreign.db config region_code 340104
expect_rc "foreign SQLite database, writing command: exit 1" 1
expect_err "foreign SQLite database, writing command: not a yici database" "not a yici database"
expect_eq "foreign SQLite database, writing command: untouched" "$(sum foreign.db)" "$before"
expect_eq "foreign SQLite database, writing command: journal_mode kept" "$(sql foreign.db 'PRAGMA journal_mode')" "delete"

: >empty.db
run --lang en -d empty.db config
expect_rc "empty file: exit 1" 1
expect_err "empty file: says to remove it first (init refuses an existing file)" "empty file: remove it"
expect_eq "empty file: one line on stderr" "$(nlines "$err")" 1
expect_eq "empty file: still empty" "$(stat -c %s empty.db)" 0
run --lang en -d empty.db init
expect_rc "init over an empty file: exit 1" 1
expect_eq "init over an empty file: still empty" "$(stat -c %s empty.db)" 0

run --lang en -d missing.db config
expect_rc "missing database: exit 1" 1
expect_err "missing database: does not exist" "does not exist"
if [ ! -e missing.db ]; then pass "missing database: not created"; else fail "missing database: not created" "missing.db exists"; fi

run --lang en -d /nonexistent/dir/x.db init
expect_rc "init in missing folder: exit 1" 1
expect_eq "init in missing folder: one line on stderr" "$(nlines "$err")" 1
expect_err "init in missing folder: names the path" "/nonexistent/dir"
run --lang en -d /proc/yici-test.db init
expect_rc "init under /proc: exit 1" 1
expect_eq "init under /proc: one line on stderr" "$(nlines "$err")" 1

# An empty file name would be SQLite's temporary database: init "succeeded"
# and wrote nothing anywhere.
for a in -d --forms; do
	run --lang en init $a ""
	expect_rc "init $a '': usage error" 2
	expect_err "init $a '': needs a value" "needs a value"
	run --lang en $a "" init
	expect_rc "yici $a '' init: usage error" 2
	expect_err "yici $a '' init: needs a value" "needs a value"
done
run --lang en config -d ""
expect_rc "config -d '': exit 1" 1
expect_err "config -d '': the file name is empty" "file name is empty"

# The workstation without a terminal (cron, a pipe): one line, not a busy
# loop on end-of-file.
timeout 60 "$YICI" --lang en -d x.db </dev/null >ws.out 2>ws.err
rc=$?
err=$(cat ws.err)
expect_rc "workstation without a terminal: exit 1" 1
expect_err "workstation without a terminal: says so" "needs a terminal"

# ---- global options, usage ----
run --lang en frobnicate
expect_rc "unknown command: exit 2" 2
expect_err "unknown command: usage hint" "--help"
expect_err "unknown command: usage message" "^Usage: yici \[-d FILE\]"
run --lang en --frobnicate
expect_rc "unknown option: exit 2" 2
expect_err "unknown option: usage hint" "--help"
expect_err "unknown option: usage message" "^Usage: yici \[-d FILE\]"
run --lang en -d x.db init --frobnicate
expect_err "init unknown option: its usage message" "^Usage: yici init \[-d FILE\]"
run --lang en -d x.db config --frobnicate
expect_rc "config unknown option: exit 2" 2
run --lang en -d x.db catalog --frobnicate
expect_rc "catalog unknown option: exit 2" 2
run --lang en help init
expect_rc "help init: exit 0" 0
expect_out "help init: init's usage" "^Usage: yici init "
run --lang en help frobnicate
expect_rc "help frobnicate: exit 2" 2
run -dx.db config region_code
expect_rc "-dFILE: exit 0" 0
expect_eq "-dFILE: the database given" "$out" "340102"
run --version
expect_rc "--version: exit 0" 0
expect_out "--version: prints version" "^yici [0-9]+\.[0-9]+"
run --lang en --help
expect_rc "--help: exit 0" 0
expect_out "--help: usage" "^Usage: yici"
# Every command of the global help, each with its own usage line first.
cmds=$(printf '%s\n' "$out" | sed -n 's/^  yici \([a-z-]*\).*/\1/p')
ncmd=$(grep -c '^	{ "[a-z-]*", cmd_' "$top/src/cli.c")
expect_eq "--help: lists every command of the table ($ncmd)" "$(printf '%s\n' "$cmds" | grep -c .)" "$ncmd"
for c in $cmds; do
	run --lang en "$c" --help
	expect_rc "$c --help: exit 0" 0
	expect_eq "$c --help: first line is its usage" "$(printf '%s\n' "$out" | head -n 1 | cut -d' ' -f1-3)" "Usage: yici $c"
done

# ---- config ----
run --lang en -d x.db config
expect_rc "config: exit 0" 0
for k in region_code center_name windows; do
	expect_out "config: lists $k" "^$k "
done
run -d x.db config region_code 340104
expect_rc "config region_code 340104: exit 0" 0
run -d x.db config region_code
expect_eq "config region_code: reads back 340104" "$out" "340104"
run --lang en -d x.db config region_code 12345
expect_rc "config region_code 12345: exit 1" 1
expect_err "config region_code 12345: names the value" "12345"
run -d x.db config region_code
expect_eq "config region_code: unchanged after refusal" "$out" "340104"
for w in 0 3-1 1, 1-; do
	run --lang en -d x.db config windows "$w"
	expect_rc "config windows '$w': refused" 1
	expect_err "config windows '$w': names the value" "got '$w'"
done
run -d x.db config windows 1-4,7
expect_rc "config windows 1-4,7: exit 0" 0
run -d x.db config windows
expect_eq "config windows: reads back 1-4,7" "$out" "1-4,7"
run --lang en -d x.db config nosuchkey
expect_rc "config nosuchkey: exit 2" 2
expect_err "config nosuchkey: names it" "nosuchkey"

# ---- staff ----
run --lang en -d x.db staff add someclerk --name "Zhang San" --role clerk
expect_rc "staff add clerk: exit 0" 0
run --lang en -d x.db staff add offadmin --name "Li Si" --role officer --category admin
expect_rc "staff add officer --category admin: exit 0" 0
run --lang en -d x.db staff add offnone --name "Wang Wu" --role officer
expect_rc "staff add officer without category: exit 1" 1
expect_err "staff add officer without category: message" "category"
run --lang en -d x.db staff add boss1 --name "Zhao Liu" --role boss
expect_rc "staff add unknown role: exit 1" 1
expect_err "staff add unknown role: names it" "boss"
run --lang en -d x.db staff add gone1 --name "Qian Qi" --role clerk
run --lang en -d x.db staff disable gone1
expect_rc "staff disable: exit 0" 0
run --lang en -d x.db staff disable nosuchlogin
expect_rc "staff disable unknown login: exit 1" 1
run --lang en -d x.db staff list
expect_out "staff list: clerk" "^someclerk +Zhang San +clerk .*active"
expect_out "staff list: officer with admin" "^offadmin +Li Si +officer +admin "
expect_out "staff list: disabled" "^gone1 .*disabled"
if printf '%s\n' "$out" | grep -Eq '^(offnone|boss1) '; then
	fail "staff list: refused logins absent" "$out"
else
	pass "staff list: refused logins absent"
fi

# ---- permissions (YICI_USER is honoured only for root) ----
root_begin
as_user someclerk --lang en -d x.db config region_code 340102
expect_rc "clerk cannot change config: exit 1" 1
expect_err "clerk cannot change config: message" "someclerk"
run -d x.db config region_code
expect_eq "clerk cannot change config: value unchanged" "$out" "340104"
as_user someclerk --lang en -d x.db config
expect_rc "clerk can read config: exit 0" 0
as_user someclerk --lang en -d x.db staff add x2 --name X --role clerk
expect_rc "clerk cannot add staff: exit 1" 1
as_user nobody_here --lang en -d x.db config
expect_rc "unknown login cannot read config: exit 1" 1
expect_err "unknown login cannot read config: names login" "nobody_here"
as_user gone1 --lang en -d x.db config
expect_rc "disabled login cannot read config: exit 1" 1
root_end

# ---- demo data ----
run -d d1.db init --demo 300 --seed 7
expect_rc "init --demo 300 --seed 7: exit 0" 0
run -d d2.db init --demo 300 --seed 7
expect_rc "init --demo 300 --seed 7 again: exit 0" 0
run -d d3.db init --demo 300 --seed 8
sqlite_t d1.db .dump >d1.sql
sqlite_t d2.db .dump >d2.sql
sqlite_t d3.db .dump >d3.sql
if [ -s d1.sql ] && cmp -s d1.sql d2.sql; then pass "demo: same seed, identical dump"; else fail "demo: same seed, identical dump" "$(diff d1.sql d2.sql | head -5)"; fi
if cmp -s d1.sql d3.sql; then fail "demo: another seed changes the data" "seed 7 and 8 dumps are equal"; else pass "demo: another seed changes the data"; fi
expect_eq "demo: 300 cases" "$(sql d1.db 'SELECT count(*) FROM cases')" 300
for s in waiting accepted in_review suspended decided delivered closed; do
	n=$(sql d1.db "SELECT count(*) FROM task WHERE state = '$s'")
	if [ "${n:-0}" -gt 0 ]; then pass "demo: tasks in state $s"; else fail "demo: tasks in state $s" "none"; fi
done
expect_eq "demo: all three categories" "$(sql d1.db 'SELECT group_concat(category, " ") FROM (SELECT DISTINCT category FROM task ORDER BY 1)')" "admin agency appraisal"
n=$(sql d1.db "SELECT count(*) FROM task WHERE due_on < '2026-11-28' AND state IN ('waiting','accepted','in_review','suspended')")
if [ "${n:-0}" -gt 0 ]; then pass "demo: some tasks overdue ($n)"; else fail "demo: some tasks overdue" "none"; fi
expect_eq "demo: a task closed while it waited has no deadline (case show printed 1970-01-01)" \
	"$(sql d1.db "SELECT count(*) FROM task WHERE due_on < '2000-01-01' OR legal_due_on < '2000-01-01'")" 0
for k in injury death; do
	n=$(sql d1.db "SELECT count(*) FROM cases WHERE kind = '$k'")
	if [ "${n:-0}" -gt 0 ]; then pass "demo: $k cases"; else fail "demo: $k cases" "none"; fi
done
n=$(sql d1.db "SELECT count(*) FROM cases WHERE created_at > '2026-11-28 09:30:00' OR accepted_at > '2026-11-28 09:30:00'")
expect_eq "demo: no case created or accepted after YICI_NOW" "$n" 0
n=$(sql d1.db "SELECT count(*) FROM event WHERE at > '2026-11-28 09:30:00'")
expect_eq "demo: no event after YICI_NOW" "$n" 0
sql d1.db "SELECT p.id_number FROM cases c JOIN person p ON p.id = c.worker_id" >ids.txt
bad=$(python3 - ids.txt <<'EOF'
import re, sys
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
n = bad = 0
for line in open(sys.argv[1]):
    s = line.strip()
    n += 1
    if not re.fullmatch(r"[0-9]{17}[0-9X]", s) or \
       "10X98765432"[sum(int(a) * b for a, b in zip(s, w)) % 11] != s[17]:
        bad += 1
        print("bad id", s, file=sys.stderr)
print(bad if n >= 300 else "only %d ids" % n)
EOF
)
expect_eq "demo: every worker ID passes the GB 11643 check digit" "$bad" 0
n=$(sql d1.db "SELECT count(*) FROM event")
if [ "${n:-0}" -gt 300 ]; then pass "demo: history has events"; else fail "demo: history has events" "got $n"; fi

# The history is append-only, even through the sqlite_t shell.
before=$(sql d1.db "SELECT count(*), sum(length(detail)) FROM event")
e=$(sqlite_t d1.db "UPDATE event SET detail = 'x' WHERE id = (SELECT min(id) FROM event)" 2>&1)
if [ $? -ne 0 ] && printf '%s' "$e" | grep -q 'append-only'; then pass "events refuse UPDATE"; else fail "events refuse UPDATE" "got: $e"; fi
e=$(sqlite_t d1.db "DELETE FROM event WHERE id = (SELECT min(id) FROM event)" 2>&1)
if [ $? -ne 0 ] && printf '%s' "$e" | grep -q 'append-only'; then pass "events refuse DELETE"; else fail "events refuse DELETE" "got: $e"; fi
expect_eq "events unchanged after refused writes" "$(sql d1.db "SELECT count(*), sum(length(detail)) FROM event")" "$before"

run --lang en -d d4.db init --demo abc
expect_rc "init --demo abc: exit 2" 2
if [ ! -e d4.db ]; then pass "init --demo abc: no file"; else fail "init --demo abc: no file" "d4.db exists"; fi
# strtoull took "-1" (wrapped) and an overflow (ULLONG_MAX): the same data
# under three seeds nobody asked for.
for a in "--demo -5" "--demo ' 5'" "--seed -1" "--seed 99999999999999999999999" "--seed ' 3'"; do
	eval "run --lang en -d d5.db init --demo 5 $a"
	expect_rc "init $a: exit 2" 2
	if [ ! -e d5.db ]; then pass "init $a: no file"; else fail "init $a: no file" "d5.db exists"; rm -f d5.db; fi
done

YICI_NOW="2026-13-45 9h"
run --lang en -d x.db config
YICI_NOW="2026-11-28 09:30"
expect_rc "malformed YICI_NOW: exit 1" 1
expect_err "malformed YICI_NOW: names YICI_NOW" "YICI_NOW"

# ---- the default language is Chinese ----
"$YICI" --help >zh.txt 2>&1
"$YICI" --lang en --help >en.txt 2>&1
if head -n 1 zh.txt | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
	pass "default language: --help usage line is Chinese"
else
	fail "default language: --help usage line is Chinese" "first line: $(head -n 1 zh.txt)" \
		"(needs po/zh_CN.po built into $YICI_LOCALEDIR)"
fi
if cmp -s zh.txt en.txt; then fail "default language: differs from --lang en" "identical output"; else pass "default language: differs from --lang en"; fi

# ---- make install into a staging folder, run from there ----
# The PREFIX of the build, so that build/gen/paths.h (and every object)
# stays as built.
stage="$T/stage"
if make -s --no-print-directory -C "$top" install DESTDIR="$stage" >inst.log 2>&1; then
	pass "make install DESTDIR: exit 0"
else
	fail "make install DESTDIR: exit 0" "$(tail -n 5 inst.log)"
fi
# PREFIX may come from the make that runs the tests (MAKEFLAGS).
p=$(find "$stage" -path '*/bin/yici' | sed 's|/bin/yici$||')
p=${p:-$stage/usr/local}
for f in bin/yici share/yici/forms/items.csv share/yici/forms/form.csv share/man/man1/yici.1 \
	share/man/man5/yici-exchange.5 share/locale/zh_CN/LC_MESSAGES/yici.mo; do
	if [ -f "$p/$f" ]; then pass "make install: $f"; else fail "make install: $f" "missing under $p"; fi
done
# The staged binary finds its own share folder: no --forms, no YICI_FORMS,
# no YICI_LOCALEDIR, run from a folder without forms/.
mkdir inst && cd inst || exit 2
env -u YICI_FORMS -u YICI_LOCALEDIR "$p/bin/yici" -d i.db init >../inst.out 2>../inst.err
rc=$?
err=$(cat ../inst.err)
expect_rc "installed binary: init finds the installed forms" 0
env -u YICI_FORMS -u YICI_LOCALEDIR "$p/bin/yici" -d i.db catalog >../inst.out 2>&1
if grep -q '^共 14 个事项' ../inst.out; then
	pass "installed binary: Chinese catalog from the installed message catalog"
else
	fail "installed binary: Chinese catalog from the installed message catalog" "$(head -n 3 ../inst.out)"
fi
cd .. || exit 2
make -s --no-print-directory -C "$top" uninstall DESTDIR="$stage" >inst.log 2>&1
left=$(find "$stage" -type f | head -n 5)
expect_eq "make uninstall DESTDIR: no file left" "$left" ""

# ---- tests/deps.sh, with stand-ins for dpkg-query, apt-get and id ----
mkdir fakebin
cat >fakebin/dpkg-query <<'SH'
#!/bin/sh
# every package is missing
exit 1
SH
cat >fakebin/apt-get <<'SH'
#!/bin/sh
echo "apt-get $*" >>"$FAKE_LOG"
case "$*" in
*update*) touch "$FAKE_DIR/updated"; exit 0 ;;
*install*) [ -f "$FAKE_DIR/updated" ] && exit 0; exit 100 ;;
esac
SH
cat >fakebin/id <<'SH'
#!/bin/sh
echo "${FAKE_UID:-0}"
SH
chmod +x fakebin/*
FAKE_DIR=$T; FAKE_LOG=$T/apt.log; export FAKE_DIR FAKE_LOG
: >apt.log
# Stale lists (present, but the install fails): one update, one retry.
# (Empty lists, as on a fresh machine, are updated first: then no retry.)
PATH="$T/fakebin:$PATH" sh "$top/tests/deps.sh" libfoo-dev >deps.out 2>&1
rc=$?
expect_rc "deps.sh: a failed install is retried after apt-get update" 0
seq=$(cut -d' ' -f2 apt.log | tr '\n' ' ')
case $seq in
"install update install " | "update install ") pass "deps.sh: update before the install that works" ;;
*) fail "deps.sh: update before the install that works" "apt-get calls: $seq" ;;
esac
rm -f updated
: >apt.log
FAKE_UID=1000 PATH="$T/fakebin:$PATH" sh "$top/tests/deps.sh" libfoo-dev >deps.out 2>&1
rc=$?
expect_rc "deps.sh as a user: exit 1" 1
expect_eq "deps.sh as a user: apt-get not run" "$(cat apt.log)" ""
if grep -q 'apt-get install -y libfoo-dev' deps.out; then pass "deps.sh as a user: prints the apt-get line"; else fail "deps.sh as a user: prints the apt-get line" "$(cat deps.out)"; fi
