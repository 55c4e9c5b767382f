#!/bin/sh
# tests/cli/foundation_lang.sh — the foundation commands: the default language is Chinese.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"
foundation_db

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
