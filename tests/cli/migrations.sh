#!/bin/sh
# tests/cli/migrations.sh — migrations are recorded by number
# (schema_migration), so that files written on parallel branches may land
# in any order: a database that has had a later migration but not an
# earlier one gets the earlier one at its next open.  Files from before the
# record (user_version counted files) are adopted.  A record that names an
# unknown migration, or disagrees with user_version, is refused untouched.
. "$(dirname "$0")/../lib.sh"

nmig=$(ls "$top"/db/*.sql | wc -l)
num() { b=${1##*/}; expr "${b%%_*}" + 0; }

# ---- a fresh file records every migration by number ----
run --lang en -d f.db init
expect_rc "init: exit 0" 0
expect_eq "init: one record per db/*.sql" "$(sql f.db 'SELECT count(*) FROM schema_migration')" "$nmig"
want=$(for f in "$top"/db/*.sql; do num "$f"; done | tr '\n' ' ')
got=$(sql f.db 'SELECT number FROM schema_migration ORDER BY number' | tr '\n' ' ')
expect_eq "init: the numbers of the files" "$got" "$want"
expect_eq "init: names recorded" "$(sql f.db "SELECT name FROM schema_migration WHERE number = 1")" "001_init"

# ---- a file that missed a middle migration (landed later on main) ----
skip_f=$top/db/060_lookup_tails.sql
{
	echo "PRAGMA foreign_keys = OFF; BEGIN;"
	for f in "$top"/db/*.sql; do [ "$f" = "$skip_f" ] || cat "$f"; done
	echo "CREATE TABLE schema_migration (
    number     INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);"
	for f in "$top"/db/*.sql; do
		[ "$f" = "$skip_f" ] && continue
		b=${f##*/}
		echo "INSERT INTO schema_migration (number, name) VALUES ($(num "$f"), '${b%.sql}');"
	done
	echo "PRAGMA application_id = 1497973577; PRAGMA user_version = $((nmig - 1)); COMMIT;"
} > gap.sql
sqlite_t gap.db ".read gap.sql" >gap.out 2>&1
expect_eq "gap: built without 060" "$(sql gap.db "SELECT count(*) FROM sqlite_schema WHERE name = 'cases_no_seq'")" 0
run --lang en -d gap.db verify
expect_rc "gap: verify after the open: exit 0" 0
expect_eq "gap: 060 ran at the open" "$(sql gap.db "SELECT count(*) FROM sqlite_schema WHERE name = 'cases_no_seq'")" 1
expect_eq "gap: 060 recorded" "$(sql gap.db 'SELECT name FROM schema_migration WHERE number = 60')" "060_lookup_tails"
expect_eq "gap: user_version counts the records" "$(sql gap.db 'PRAGMA user_version')" "$nmig"
run --lang en -d gap.db verify
expect_rc "gap: a second open changes nothing: exit 0" 0

# ---- a file from before the record: its first user_version files ----
# built from the files of that era only (001-070): a file made by today's
# init has the later migrations (090 ...) applied already, and re-running
# them on it (ALTER TABLE ADD COLUMN) is not what a real legacy file sees
nold=$(for f in "$top"/db/*.sql; do [ "$(num "$f")" -le 70 ] && echo x; done | wc -l)
{
	echo "PRAGMA foreign_keys = OFF; BEGIN;"
	for f in "$top"/db/*.sql; do [ "$(num "$f")" -le 70 ] && cat "$f"; done
	echo "PRAGMA application_id = 1497973577; PRAGMA user_version = $nold; COMMIT;"
} > old.sql
sqlite_t old.db ".read old.sql" >old.out 2>&1
expect_eq "legacy: built from 001-070" "$(sql old.db 'PRAGMA user_version')" "$nold"
run --lang en -d old.db verify
expect_rc "legacy: opened" 0
expect_eq "legacy: adopted, every migration recorded" "$(sql old.db 'SELECT count(*) FROM schema_migration')" "$nmig"
run --lang en -d old.db verify
expect_rc "legacy: verify exit 0" 0

# a legacy file cannot claim more than the positional era had
cp f.db toomany.db
sql toomany.db "DROP TABLE schema_migration; PRAGMA user_version = $((nold + 1))"
if [ "$nold" -lt "$nmig" ]; then
	run --lang en -d toomany.db case list
	expect_rc "legacy beyond 070: refused" 1
	expect_err "legacy beyond 070: says why" "no record of its migrations"
else
	skip "legacy beyond 070: refused" "no migration above 070 yet"
fi

# ---- a record this yici cannot honour ----
cp f.db newer.db
sql newer.db "INSERT INTO schema_migration (number, name) VALUES (999, '999_future'); PRAGMA user_version = $((nmig + 1))"
run --lang en -d newer.db case list
expect_rc "newer file: refused" 1
# the same count as this yici's, but one of them unknown to it
sql newer.db "PRAGMA user_version = $nmig; DELETE FROM schema_migration WHERE number = 1"
run --lang en -d newer.db case list
expect_rc "unknown migration recorded: refused" 1
expect_err "unknown migration recorded: named" "migration 999.*newer yici"

cp f.db bad.db
sql bad.db "DELETE FROM schema_migration WHERE number = 2"
before=$(sha256sum bad.db | cut -d' ' -f1)
run --lang en -d bad.db config center_name X
expect_rc "record disagrees with user_version: refused" 1
expect_err "record disagrees: says damaged" "damaged.*does not match"
expect_eq "record disagrees: file untouched" "$(sha256sum bad.db | cut -d' ' -f1)" "$before"
run --lang en -d bad.db verify
expect_rc "record disagrees: verify exit 1" 1

# ---- two files may not share a number ----
d=$(mktemp -d)
mkdir -p "$d/db"
cp "$top"/db/*.sql "$d/db/"
cp "$top/db/001_init.sql" "$d/db/001_again.sql"
if make -s -C "$top" -f Makefile MIGRATIONS="$(ls "$d"/db/*.sql | tr '\n' ' ')" \
	check-migrations >"$d/out" 2>&1; then
	fail "two migrations with one number: refused by the build" "$(cat "$d/out")"
else
	expect_eq "two migrations with one number: refused by the build" \
		"$(grep -c 'two migrations share the number 001' "$d/out")" 1
fi
rm -rf "$d"
