# tests/bench/lib.sh — helpers of tests/bench.sh: wall-clock timing of
# commands repeated REPS times (median and spread), peak resident memory,
# and a private tmux server that drives the workstation headless.
# Sourced; never part of `make test` (timings stay out of tests).

# now_ns: monotonic enough for runs of milliseconds to minutes.
now_ns() { date +%s%N; }

# stats FILE: "median min max n" of the numbers in FILE, one per line.
stats() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan nan nan 0"; exit }
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.6g %.6g %.6g %d\n", m, v[1], v[NR], NR }'
}

# fmt_ms LABEL FILE [NOTE]: one result line in milliseconds.
fmt_ms() {
	set -- "$1" "$(stats "$2")" "$3"
	echo "$2" | awk -v l="$1" -v n="$3" '{
		printf "  %-44s %9.2f ms  (min %.2f, max %.2f, n=%d)%s\n", l, $1, $2, $3, $4, (n == "" ? "" : "  " n) }'
}

# time_cmd OUT N CMD...: runs CMD N times, appending each wall time in ms
# to OUT; stdout and stderr of CMD are discarded.  Fails when CMD fails.
time_cmd() {
	_out=$1
	_n=$2
	shift 2
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		_t0=$(now_ns)
		"$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; return 1; }
		_t1=$(now_ns)
		echo "$(((_t1 - _t0) / 1000))" | awk '{ printf "%.3f\n", $1 / 1000 }' >>"$_out"
		_i=$((_i + 1))
	done
}

# rss_kb FILE CMD...: runs CMD under /usr/bin/time; peak RSS (KiB) into FILE.
rss_kb() {
	_f=$1
	shift
	/usr/bin/time -f %M -o "$_f" "$@" >/dev/null 2>&1
}

# ---- the workstation in a private tmux server ----
TMS=yb$$
tm() { tmux -L "$TMS" "$@"; }
tm_screen() { tm capture-pane -p -t "$1" 2>/dev/null; }
# tm_start NAME CMD: a 100x30 session in English running CMD.
tm_start() {
	tm new-session -d -s "$1" -x 100 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
		-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" "$2"
	tm set-option -t "$1" remain-on-exit on >/dev/null 2>&1
}
# tm_wait NAME ERE [TENTHS]: polls until the screen matches; 1 on timeout.
tm_wait() {
	_n=0
	while [ "$_n" -lt "${3:-300}" ]; do
		tm_screen "$1" | grep -Eq -- "$2" && return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	echo "bench: timed out waiting for /$2/ in the $1 session" >&2
	return 1
}
# tm_wait_fast NAME ERE...: polls without sleeping until every ERE matches
# the same capture (for timings); gives up after 60 s.
tm_wait_fast() {
	_s=$1
	shift
	_t=$(($(date +%s) + 60))
	while [ "$(date +%s)" -lt "$_t" ]; do
		_scr=$(tm_screen "$_s")
		_ok=1
		for _re in "$@"; do
			printf '%s\n' "$_scr" | grep -Eq -- "$_re" || { _ok=0; break; }
		done
		[ "$_ok" = 1 ] && return 0
	done
	return 1
}
tm_stop() { tm kill-session -t "$1" >/dev/null 2>&1; }
