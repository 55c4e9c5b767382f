#!/bin/sh
# tests/tui/valgrind.sh — the end-to-end TUI suites (tests/tui/*.sh) once
# more, with every yici they start running under valgrind memcheck: the
# release ./yici (no ASan), --leak-check=full, errors and definite or
# indirect leaks counted; tests/valgrind.supp silences what ncurses and
# libc keep on purpose.  No valgrind log may show an error or a leak, and
# every check of every suite must still pass: the screen is polled for up
# to a minute here (TUI_POLLS=600) instead of 5 s, as yici runs 20-50 times
# slower under memcheck.  VALGRIND_SUITES narrows the suites (paths from
# the top folder; default: all but this one).
. "$(dirname "$0")/../lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	fail "valgrind is installed" "valgrind not found (make deps-test)"
	exit 0
fi
if [ ! -x "$top/yici" ]; then
	fail "release ./yici is built" "run make yici"
	exit 0
fi
mkdir -p "$T/vg"
{
	echo '#!/bin/sh'
	echo '# the workstation (no command word) under memcheck; commands run plain'
	echo 'for a; do case $skip$a in'
	echo '	-d|--db|--lang|--forms) skip=1 ;;'
	echo '	1*) skip= ;;'
	echo "	-*) ;;"
	echo "	*) exec '$top/yici' \"\$@\" ;;"
	echo 'esac; done'
	echo "exec valgrind -q --tool=memcheck --num-callers=${VALGRIND_CALLERS:-12} --error-exitcode=99 --leak-check=full \\"
	echo "	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \\"
	echo "	--suppressions='$top/tests/valgrind.supp' --log-file='$T/vg/%p.log' \\"
	echo "	'$top/yici' \"\$@\""
} >"$T/yici-vg"
chmod +x "$T/yici-vg"
suites=${VALGRIND_SUITES:-$(ls "$top"/tests/tui/*.sh | grep -v '/valgrind\.sh$')}
for s in $suites; do
	case $s in /*) ;; *) s=$top/$s ;; esac
	name=$(basename "$s" .sh)
	YICI="$T/yici-vg" TUI_POLLS=${VALGRIND_POLLS:-600} sh "$s" >"$T/suite.out" 2>&1
	p=$(grep -c '^PASS: ' "$T/suite.out")
	f=$(grep -c '^FAIL: ' "$T/suite.out")
	if [ "$p" -gt 0 ] && [ "$f" -eq 0 ]; then
		pass "valgrind $name: the suite drives the workstation ($p checks pass under valgrind)"
	else
		fail "valgrind $name: every check of the suite passes under valgrind" "$p passed, $f failed:" \
			"$(grep -A3 '^FAIL: ' "$T/suite.out" | head -n 40)"
	fi
done
nlogs=$(ls "$T/vg" | grep -c .)
# With -q valgrind writes only errors and leaks: any non-empty log is one.
bad=$(find "$T/vg" -name '*.log' -size +0 | sort)
if [ "$nlogs" -gt 0 ] && [ -z "$bad" ]; then
	pass "valgrind: $nlogs yici runs, no memory error, no leak"
elif [ "$nlogs" -eq 0 ]; then
	fail "valgrind: yici ran under valgrind" "no valgrind log was written"
else
	fail "valgrind: no memory error, no leak in $nlogs yici runs" \
		"$(for f in $bad; do echo "--- $f"; head -n 60 "$f"; done | head -n 120)"
fi
