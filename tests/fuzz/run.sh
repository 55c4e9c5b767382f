#!/bin/sh
# tests/fuzz/run.sh SECONDS BINARY... — `make fuzz`: runs each libFuzzer
# target (built by the Makefile with clang, ASan and UBSan) for SECONDS,
# starting from its seed corpus tests/fuzz/corpus_<target> (read-only; new
# inputs go to build/fuzz/work_<target>).  A crash is copied into
# tests/fuzz/regress_<target>/, which `make test` replays from then on
# (tests/cli/fuzz_replay.sh); the run then fails.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
secs=$1
shift
export YICI_FORMS="$top/tests/data/forms" YICI_NOW="2026-11-28 09:30" LANG=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	target=${name#fuzz_}
	work=build/fuzz/work_$target
	art=build/fuzz/artifacts_$target
	rm -rf "$art"
	mkdir -p "$work" "$art"
	# The first crash ends the target's run (fix it, then fuzz on).
	"$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art/" "$work" "tests/fuzz/corpus_$target" >"build/fuzz/$target.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)/\1 inputs/p' "build/fuzz/$target.log")
	cov=$(grep -o 'cov: [0-9]*' "build/fuzz/$target.log" | tail -n 1)
	ncrash=$(ls "$art" | grep -c .)
	if [ "$rc" -eq 0 ] && [ "$ncrash" -eq 0 ]; then
		echo "fuzz $target: ${secs}s, $cov, ${execs:-?}, no crash"
	else
		failed=$((failed + 1))
		mkdir -p "tests/fuzz/regress_$target"
		for a in "$art"/*; do
			[ -f "$a" ] && cp "$a" "tests/fuzz/regress_$target/" && echo "  saved $a as a regression input in tests/fuzz/regress_$target/"
		done
		echo "fuzz $target: FAILED: $ncrash crashing inputs (exit $rc); see build/fuzz/$target.log:"
		grep -E 'property failed|ERROR: AddressSanitizer|runtime error' "build/fuzz/$target.log" |
			sort | uniq -c | sort -rn | head -n 5 | sed 's/^/  /'
	fi
done
[ "$failed" -eq 0 ] && echo "fuzz: every target ran ${secs}s without a crash"
[ "$failed" -eq 0 ]
