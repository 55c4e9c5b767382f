#!/bin/sh
# tests/cli/fuzz_replay.sh — every fuzz target of tests/fuzz/ (make fuzz
# runs them under libFuzzer) is built here with gcc, ASan and UBSan against
# the sanitizer library and replays its seed corpus (tests/fuzz/corpus_*)
# and every input that once crashed it (tests/fuzz/regress_*): a crash
# found by fuzzing stays a regression test.
. "$(dirname "$0")/../lib.sh"

lib=$top/build/san/libyici.a
if [ ! -f "$lib" ]; then
	fail "fuzz replay: $lib exists" "build it with make build/san/yici"
	exit 0
fi
cflags="-std=c17 -D_GNU_SOURCE -D_XOPEN_SOURCE_EXTENDED=1 -I$top/include -I$top/build/gen -I$top/tests/fuzz"
san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
libs="-lcsv $(pkg-config --libs sqlite3 openssl xlsxwriter) -lm"
export ASAN_OPTIONS=detect_leaks=1
for src in "$top"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	target=${name#fuzz_}
	# shellcheck disable=SC2086
	if ! cc $cflags -O1 -g $san -Wall -Wextra -Werror -Wno-unused-parameter -o "$T/$name" \
		"$top/tests/fuzz/replay.c" "$src" "$lib" $libs 2>"$T/cc.err"; then
		fail "fuzz replay $target: builds with gcc" "$(head -n 20 "$T/cc.err")"
		continue
	fi
	dirs=
	for d in corpus regress; do
		[ -d "$top/tests/fuzz/${d}_$target" ] && dirs="$dirs $top/tests/fuzz/${d}_$target"
	done
	if [ -z "$dirs" ]; then
		fail "fuzz replay $target: has a seed corpus" "no tests/fuzz/corpus_$target"
		continue
	fi
	# shellcheck disable=SC2086
	(cd "$T" && YICI_FORMS="$top/tests/data/forms" "./$name" $dirs) >"$T/out" 2>&1
	rc=$?
	n=$(sed -n 's/^replayed \([0-9]*\) inputs$/\1/p' "$T/out")
	if [ "$rc" -eq 0 ] && [ "${n:-0}" -gt 0 ]; then
		pass "fuzz replay $target: $n inputs, no crash, no sanitizer report"
	else
		fail "fuzz replay $target: corpus and regressions replay cleanly" "exit $rc" "$(tail -n 30 "$T/out")"
	fi
done
