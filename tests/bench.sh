#!/bin/sh
# tests/bench.sh — `make bench`: the figures behind yici's claims about
# speed and memory, each measured here and now, as the median of several
# runs with the spread, and where a reference exists as a ratio against the
# sqlite3 shell measured in the same run.  Timings never appear in `make
# test` (machines are noisy).  The demo database of BENCH_CASES (1,000,000)
# cases is built once and cached under build/bench/, keyed by a hash of
# db/*.sql, forms/*.csv and the demo generator (src/db_demo.c,
# src/core_demo.c); a change to any of them rebuilds it.
#
# Knobs (environment): BENCH_CASES (1000000), BENCH_IMPORT (rows imported
# in each of the repeated runs, 50000), BENCH_IMPORT_BIG (rows imported
# once more in one run, 1000000; 0 skips it), BENCH_IMPORT_FLOOR_BIG (1: the
# SQL floor of that million too, about 90 s more), BENCH_REPS (runs of the heavy measurements, 3), BENCH_QREPS
# (repetitions of the in-process ones, 21), BENCH_TUI_REPS (5),
# BENCH_SINCE (the --since time of the timed exports, 2026-09-01 00:00:00;
# the clock is pinned to 2026-11-28 09:30, the demo spans two years),
# BENCH_SECTIONS (a subset of: export import queue tui_first rss keystroke sync;
# wal, not run by default: BENCH_WAL_N commands per way of closing the WAL;
# demo_floor, not run by default, times SQLite alone storing the demo rows).
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
. "$top/tests/bench/lib.sh"

BIG=${BENCH_CASES:-1000000}
NIMP=${BENCH_IMPORT:-50000}
NIMPBIG=${BENCH_IMPORT_BIG:-1000000}
REPS=${BENCH_REPS:-3}
QREPS=${BENCH_QREPS:-21}
TREPS=${BENCH_TUI_REPS:-5}
SINCE=${BENCH_SINCE:-2026-09-01 00:00:00}
SMALL=1000
Y=$top/yici
B=$top/build/bench
W=$B/work
export YICI_NOW="2026-11-28 09:30"
export YICI_FORMS="$top/forms"
export YICI_LOCALEDIR="$top/build/locale"
export LANG=C.UTF-8
unset YICI_DB YICI_LANG YICI_USER
start_all=$(date +%s)
mkdir -p "$B"
rm -rf "$W"
mkdir -p "$W"
trap 'tmux -L "$TMS" kill-server >/dev/null 2>&1; rm -rf "$W"' EXIT
LOG=$B/latest.txt
exec 3>&1
exec >"$LOG.tmp"
say() { echo "$@"; echo "$@" >&3; }
# Every printed line goes to the terminal and to build/bench/latest.txt.
out() { while IFS= read -r l; do say "$l"; done; }
fail() { say "bench: $*"; exit 1; }

[ -x "$Y" ] || fail "build ./yici first (make bench does)"
for t in sqlite3 tmux valgrind callgrind_control /usr/bin/time; do
	command -v "$t" >/dev/null 2>&1 || fail "'$t' is missing (make deps-test installs it)"
done

# ---- the in-process driver, against the release library ----
cc -std=c17 -D_GNU_SOURCE -D_XOPEN_SOURCE_EXTENDED=1 -Iinclude -Ibuild/gen -O2 \
	-o "$B/bench_drv" tests/bench/bench_drv.c build/rel/libyici.a \
	-lcsv $(pkg-config --libs sqlite3 openssl xlsxwriter) -lm || fail "cannot build tests/bench/bench_drv.c"
DRV=$B/bench_drv

# ---- the machine ----
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
say "yici bench — $(date '+%Y-%m-%d %H:%M') — $("$Y" -V 2>/dev/null | head -n 1), $(git -C "$top" rev-parse --short HEAD 2>/dev/null)$(git -C "$top" diff --quiet 2>/dev/null || echo '+changes')"
say "machine: $(nproc) cores, ${cpu:-unknown CPU}, $mem RAM; $(uname -sr); sqlite3 shell $(sqlite3 --version | cut -d' ' -f1)"
say "method: wall-clock medians of repeated runs (min, max, n); YICI_NOW pinned to $YICI_NOW"

# ---- the databases ----
# (not built when only the wal or lock section runs: they make their own)
if [ "${BENCH_SECTIONS:-}" != wal ] && [ "${BENCH_SECTIONS:-}" != lock ]; then
key=$(cat db/*.sql forms/*.csv src/db_demo.c src/core_demo.c | sha256sum | cut -c1-16)
BIGDB=$B/demo-$BIG-$key.db
if [ -f "$BIGDB" ] && [ -f "$BIGDB.secs" ]; then
	say "demo database: $BIG cases, cached ($(basename "$BIGDB"), built in $(cat "$BIGDB.secs") s, $(du -m "$BIGDB" | cut -f1) MB)"
else
	rm -f "$B"/demo-"$BIG"-*.db "$B"/demo-"$BIG"-*.db-wal "$B"/demo-"$BIG"-*.db-shm "$B"/demo-"$BIG"-*.db.secs
	say "demo database: building $BIG cases (cached afterwards; rebuilt when db/, forms/ or the demo code change) ..."
	t0=$(now_ns)
	"$Y" -d "$BIGDB.tmp" init --demo "$BIG" --seed 1 >/dev/null 2>"$W/init.err" ||
		{ rm -f "$BIGDB.tmp"*; fail "yici init --demo $BIG failed: $(cat "$W/init.err")"; }
	secs=$(( ($(now_ns) - t0) / 1000000000 ))
	mv "$BIGDB.tmp" "$BIGDB" && echo "$secs" >"$BIGDB.secs"
	say "demo database: $BIG cases built in $secs s ($(du -m "$BIGDB" | cut -f1) MB)"
fi
SMALLDB=$W/demo-$SMALL.db
"$Y" -d "$SMALLDB" init --demo "$SMALL" --seed 1 >/dev/null 2>&1 || fail "yici init --demo $SMALL failed"
# The first lookup by initials indexes the people the triggers queued.
"$Y" -d "$BIGDB" case reindex >/dev/null 2>&1
"$Y" -d "$SMALLDB" case reindex >/dev/null 2>&1

# Output on tmpfs when there is room, so the disk's mood does not decide.
OUTFS=$W
if [ -d /dev/shm ] && [ "$(df -Pm /dev/shm | awk 'NR == 2 { print $4 }')" -gt $((BIG / 200 + 1024)) ]; then
	OUTFS=/dev/shm/yici-bench-$$
	mkdir -p "$OUTFS"
	trap 'tmux -L "$TMS" kill-server >/dev/null 2>&1; rm -rf "$W" "$OUTFS"' EXIT
fi

fi

. "$top/tests/bench/sections.sh"
measure_start=$(date +%s)
for section in ${BENCH_SECTIONS:-export import lock queue tui_first rss keystroke sync}; do
	s0=$(date +%s)
	"bench_$section"
	say "  [$(($(date +%s) - s0)) s]"
done

total=$(($(date +%s) - start_all))
measured=$(($(date +%s) - measure_start))
say ""
say "total: $total s, of which $measured s measuring$( [ "$total" -gt "$measured" ] && echo " and $((total - measured)) s preparing (building or checking the demo database, the driver)")$( [ "$measured" -ge 600 ] && echo ' — the measurements are OVER the 10-minute budget')"
exec >&3
mv "$LOG.tmp" "$LOG"
echo "(figures saved in build/bench/latest.txt)"
