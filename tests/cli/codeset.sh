#!/bin/sh
# tests/cli/codeset.sh — a terminal whose locale is not UTF-8 (issue 20:
# many centers' SSH clients are GBK/GB18030): the commands print in the
# locale's codeset, the workstation refuses with one clear line (it draws
# UTF-8 only), and a locale that is not installed is named once while the
# output stays UTF-8.  The GB18030 locale is compiled into a private
# LOCPATH with localedef, so nothing on the host changes.
. "$(dirname "$0")/../lib.sh"

"$YICI" -d c.db init --demo 20 --seed 3 >/dev/null 2>&1
# not installed (no LOCPATH, and Debian ships no zh_CN.GBK by default)
if locale -a 2>/dev/null | grep -qi '^zh_CN\.gbk$'; then
	skip "a GBK locale that is not installed" "zh_CN.GBK is installed on this host"
else
	out=$(LANG=zh_CN.GBK LC_ALL= "$YICI" --lang en --version 2>gbk.err)
	err=$(cat gbk.err)
	expect_out "GBK not installed: the command still runs, in UTF-8" "^yici "
	expect_err "GBK not installed: one line names the codeset" "codeset GBK is not installed"
fi
LANG=C.UTF-8 LC_ALL= "$YICI" --version >/dev/null 2>utf8.err
expect_eq "UTF-8 locale: nothing said" "$(cat utf8.err)" ""

if ! command -v localedef >/dev/null 2>&1 || [ ! -f /usr/share/i18n/locales/zh_CN ]; then
	skip "GB18030 output (the help, case list, the workstation's refusal)" "localedef or the zh_CN locale source is missing (package locales)"
	exit 0
fi
mkdir loc
localedef -i zh_CN -f GB18030 loc/zh_CN.GB18030 >/dev/null 2>&1
gb() { LOCPATH=$T/loc LANG=zh_CN.GB18030 LC_ALL= "$YICI" "$@"; }
gb --help >help.gb 2>help.err
expect_eq "GB18030: --help is GB18030 (用法 as D3C3 B7A8)" "$(head -c 4 help.gb | od -An -tx1 | tr -d ' ')" "d3c3b7a8"
expect_eq "GB18030: it decodes to the Chinese help" "$(iconv -f GB18030 -t UTF-8 help.gb | head -n 1 | grep -c "^用法：yici")" 1
expect_eq "GB18030: nothing on stderr" "$(cat help.err)" ""
gb -d c.db case list --limit 3 >list.gb 2>&1
if iconv -f GB18030 -t UTF-8 list.gb >list.u8 2>/dev/null && ! iconv -f UTF-8 -t UTF-8 list.gb >/dev/null 2>&1; then
	pass "GB18030: case list is GB18030, not UTF-8"
else
	fail "GB18030: case list is GB18030, not UTF-8" "$(head -c 300 list.gb | od -c | head -5)"
fi
expect_eq "GB18030: case list, decoded, is the UTF-8 one" "$(cat list.u8)" "$("$YICI" -d c.db case list --limit 3 2>&1)"
gb -d c.db </dev/null >tui.out 2>tui.err
expect_eq "GB18030: the workstation refuses, exit 2" "$?" 2
expect_eq "GB18030: one line, in the terminal's codeset, says to use UTF-8" \
	"$(iconv -f GB18030 -t UTF-8 tui.err | grep -c 'UTF-8')" 1
