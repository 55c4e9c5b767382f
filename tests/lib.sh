# tests/lib.sh — sourced by the shell suites.  Each check prints
# "PASS: name" or "FAIL: name" (with what was expected) for tests/run.sh.
top=$(cd "$(dirname "$0")/../.." && pwd)
YICI=${YICI:-$top/build/san/yici}
export YICI_FORMS="$top/forms"
export YICI_LOCALEDIR="$top/build/locale"
export YICI_NOW="2026-11-28 09:30"
export ASAN_OPTIONS=detect_leaks=1
export LANG=C.UTF-8
unset YICI_DB YICI_LANG
# The TUI suites poll the screen up to TUI_POLLS times, 0.1 s apart (5 s);
# tests/tui/valgrind.sh raises it, as yici runs 20-50 times slower there.
TUI_POLLS=${TUI_POLLS:-50}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2

pass() { echo "PASS: $1"; }
# poll CMD...: true as soon as CMD succeeds, trying TUI_POLLS times 0.1 s apart.
poll() {
	_n=0
	while [ $_n -lt "$TUI_POLLS" ]; do
		"$@" && return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}
fail() { echo "FAIL: $1"; shift; for l in "$@"; do echo "  $l"; done; }

# run CMD...: runs yici with the arguments; sets $out, $err, $rc.
run() {
	"$YICI" "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# expect_rc NAME CODE
expect_rc() {
	if [ "$rc" -eq "$2" ]; then pass "$1"; else fail "$1" "exit $rc, expected $2" "stderr: $err"; fi
}
# expect_out NAME PATTERN (grep -E on stdout)
expect_out() {
	if printf '%s\n' "$out" | grep -Eq -- "$2"; then pass "$1"; else fail "$1" "stdout lacks /$2/" "stdout: $(printf '%s' "$out" | head -c 600)" "stderr: $err"; fi
}
expect_err() {
	if printf '%s\n' "$err" | grep -Eq -- "$2"; then pass "$1"; else fail "$1" "stderr lacks /$2/" "stderr: $err"; fi
}
# sql DB QUERY: prints the result through the sqlite3 shell.
sql() { sqlite3 -batch "$1" "$2"; }
expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2'" "expected '$3'"; fi
}
