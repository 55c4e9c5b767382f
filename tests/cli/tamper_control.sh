#!/bin/sh
# tests/cli/tamper_control.sh — control characters: refused at the import and the form
# naming the field and the character; stored around yici, printed by yici
# with ? for each; an error never echoes one
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tamper.sh"

"$YICI" -d x.db init >/dev/null 2>&1
rc=$?
expect_rc "tamper_control: setup x.db" 0
# ---- control characters: import, form, terminal ----
mkdir -p c1 c2
esc=$(printf '\033')
bel=$(printf '\007')
{ printf '%s\n' "$hdr"; printf '%s\n' "$good" | sed "s/^WS-1,/WS-C1,/; s/合肥某某机械有限公司/合肥${esc}[2J${esc}]0;pwned${bel}机械/"; } >c1/applications.csv
run --lang en -d x.db import c1/applications.csv
expect_err "import: an ESC in employer_name is refused, naming the field" "c1/applications.csv:2: employer_name: character 3 is a control character \(U\+001B\)"
expect_eq "import: the row is not stored" "$(sql x.db "SELECT count(*) FROM cases WHERE ext_id = 'WS-C1'")" 0
rlo=$(printf '\342\200\256')
{ printf '%s\n' "$hdr"; printf '%s\n' "$good" | sed "s/^WS-1,/WS-C2,/; s/一号车间/一号${rlo}车间/"; } >c2/applications.csv
run --lang en -d x.db import c2/applications.csv
expect_err "import: a bidi override (U+202E) is refused" "accident_place: character 3 is a control character \(U\+202E\)"
run --lang en -d x.db apply --field applicant.type=worker --field "applicant.name=张${esc}[2J三" --check
expect_rc "form: an ESC in a name is refused" 1
expect_err "form: ... naming the field" "applicant.name: character 2 is a control character \(U\+001B\)"
# stored around yici, printed by yici: made safe
fresh c.db
sqlite3 -batch c.db "UPDATE employer SET name = 'A${esc}[2J${esc}]0;t${bel}B' WHERE id = (SELECT employer_id FROM cases WHERE id = 1)"
run --lang en -d c.db case list
case "$out" in *"$esc"*|*"$bel"*) fail "case list: no raw ESC or BEL reaches the terminal" "$(printf '%s' "$out" | od -c | head -3)";; *) pass "case list: no raw ESC or BEL reaches the terminal";; esac
no=$(sql c.db "SELECT case_no FROM cases WHERE id = 1")
run --lang en -d c.db case show "$no"
case "$out" in *"$esc"*|*"$bel"*) fail "case show: no raw ESC or BEL";; *) expect_out "case show: the name with ? for each control" "A\?\[2J\?\]0;t\?B";; esac
run --lang en -d d.db staff add "a${esc}[2Jb" --name x --role clerk
case "$err" in *"$esc"*) fail "staff add: the error does not echo the ESC" "$err";; *) expect_err "staff add: the error does not echo the ESC" "a\?\[2Jb";; esac
