# tests/faults/lib.sh — sourced by the fault-injection scripts after
# tests/lib.sh.  ROUNDS (FAULT_ROUNDS; tests/cli/faults.sh sets few, make
# faults many); FY the binary that is killed and raced (the release ./yici
# when built, since rounds must be quick; the sanitizer build otherwise);
# genapps (valid online applications, from tests/bench/bench_drv.c);
# integrity and chain checks.
ROUNDS=${FAULT_ROUNDS:-3}
FY=$YICI
[ -x "$top/yici" ] && [ -z "$FAULT_SAN" ] && FY=$top/yici
ASAN_OPTIONS=detect_leaks=0
export ASAN_OPTIONS
# Decisions as other logins (YICI_USER) need root: as an ordinary user FY
# runs in a user namespace (tests/lib.sh as_root), or those parts are
# skipped (faults_root is 0, the reason in $no_root).
# (YICI itself stays as it is: tests/faults/refusals.sh needs modes to hold.)
faults_root=1
_y=$YICI
if as_root; then FY=$(asroot_bin "$FY"); else faults_root=0; fi
YICI=$_y

# genapps N SEED PREFIX > FILE: N applications with ext_id PREFIX-1 ... N.
genapps() {
	if [ ! -x "$T/bench_drv" ]; then
		san="-fsanitize=address,undefined -fno-omit-frame-pointer"
		# shellcheck disable=SC2046
		cc -std=c17 -D_GNU_SOURCE -D_XOPEN_SOURCE_EXTENDED=1 -I"$top/include" -I"$top/build/gen" \
			-O1 $san -o "$T/bench_drv" "$top/tests/bench/bench_drv.c" "$top/build/san/libyici.a" \
			-lcsv $(pkg-config --libs sqlite3 openssl xlsxwriter) -lm || return 1
	fi
	"$T/bench_drv" genapps "$@"
}

# integrity DB: "ok" when PRAGMA integrity_check and foreign_key_check pass
# (the sqlite3 shell with a busy timeout: tests/lib.sh sqlite_t).
integrity() {
	r=$(sqlite_t "$1" 'PRAGMA integrity_check' 2>&1)
	fk=$(sqlite_t "$1" 'PRAGMA foreign_key_check' 2>&1)
	if [ "$r" = ok ] && [ -z "$fk" ]; then echo ok; else echo "$r $fk" | head -c 300; fi
}

# verify_ok DB: yici verify (chain, schema, task states against events);
# its output in $T/verify.out, written afresh by every call.
verify_ok() {
	"$FY" --lang en -d "$1" verify >"$T/verify.out" 2>&1
}

# db_ok DB WHAT: integrity and yici verify, both run every time.  On a
# failure, what each call printed this time (and WHAT: which round) is
# kept in $T/db_bad (the first failure only), for db_bad_report.
db_ok() {
	_i=$(integrity "$1")
	verify_ok "$1"
	_v=$?
	[ "$_i" = ok ] && [ $_v = 0 ] && return 0
	[ -s "$T/db_bad" ] || {
		echo "$2:"
		echo "integrity_check / foreign_key_check: $_i"
		echo "yici verify (exit $_v): $(head -c 600 "$T/verify.out")"
	} >"$T/db_bad"
	return 1
}
# db_bad_report: prints the failure db_ok kept, under the FAIL line.
db_bad_report() {
	[ -s "$T/db_bad" ] && sed 's/^/  /' "$T/db_bad"
	rm -f "$T/db_bad"
}

# rand N: a pseudo-random number in [0, N).
rand() { awk -v n="$1" -v s="$(od -An -N4 -tu4 /dev/urandom)" 'BEGIN { srand(s); print int(rand() * n) }'; }
# msleep MS
msleep() { sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"; }

# The state an import leaves, without ids or the import it came with: what
# a second run must reach.  The inbox rows of the file (db/140).


import_state() {
	sqlite_t "$1" "SELECT ext_id, submitted_at, line, fields, digest, case_id IS NULL
		FROM inbox WHERE ext_id LIKE '$2-%' ORDER BY ext_id" | sha256sum | cut -c1-16
}
