# tests/lib_tamper.sh — sourced by the tamper_*.sh suites after tests/lib.sh
# (issue 17): an attacker with write access to the database file (the
# sqlite3 shell on a copy), then `yici verify`.  The demo database of 200
# cases with seed 3 (fixture demo200s3) as d.db, checked untouched first;
# fresh NAME (an untouched copy), tamper NAME SQL (a copy changed),
# with_trigger_off DB TRIGGER SQL, caught NAME DB PATTERN (verify must exit
# 1 naming the row; counted in tried/caught), figures (the counts, printed
# as "tamper figures: WHAT: N tried, N caught", quoted in README), and the
# header and a good row of tests/data/exchange/applications.csv (hdr, good).
fresh() { rm -f "$1" "$1-wal" "$1-shm"; cp d.db "$1"; }
tamper() { fresh "$1"; sqlite3 -batch "$1" "$2" >/dev/null 2>&1; }
tried=0
caught=0
# caught NAME DB PATTERN: verify must exit 1 with PATTERN (the row) on stderr.
caught() {
	tried=$((tried + 1))
	run --lang en -d "$2" verify
	if [ "$rc" -eq 1 ] && printf '%s\n' "$err" | grep -Eq -- "$3"; then
		caught=$((caught + 1))
		pass "tamper caught: $1"
	else
		fail "tamper caught: $1" "exit $rc" "stderr: $err" "stdout: $out"
	fi
}
# with_trigger_off DB TRIGGER SQL: runs SQL with TRIGGER dropped and put back
# exactly as it was (the schema check cannot see it).
with_trigger_off() {
	_t=$(sqlite3 -batch "$1" "SELECT sql FROM sqlite_schema WHERE name = '$2'")
	sqlite3 -batch "$1" "DROP TRIGGER $2; $3; $_t;" >/dev/null 2>&1
}
# figures WHAT: the counts of this file
figures() { echo "tamper figures: $1: $tried tried, $caught caught"; }
data="$top/tests/data/exchange"
hdr=$(head -1 "$data/applications.csv")
good=$(sed -n 2p "$data/applications.csv")

fixture demo200s3 d.db
run --lang en -d d.db verify
expect_rc "$(basename "$0" .sh): untouched demo verifies" 0
