#!/bin/sh
# tests/cli/tamper_files.sh — the rejects file, file modes, symlinks: FILE.rejects.csv
# 0640 under umask 000, no temporary left, a planted symlink at the
# temporary or the file itself never followed; an export file is 0640
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tamper.sh"

"$YICI" -d d.db export -o batches --all >/dev/null 2>&1
expect_rc "tamper_files: setup an export" 0
"$YICI" -d x.db init >/dev/null 2>&1
# ---- the rejects file, file modes, symlinks ----
mkapps() { mkdir -p "$(dirname "$2")"; { printf '%s\n' "$hdr"; printf '%s\n' "$good" | sed "s/^WS-1,/$1,/"; printf '%s\n' "$good" | sed "s/^WS-1,/$1B,/; s/11010519491231002X/123/g"; } >"$2"; }
umask 000
mkapps WS-M m/applications.csv
run --lang en -d x.db import m/applications.csv
expect_out "import with one bad row" "applied 1.*rejected 1"
expect_eq "FILE.rejects.csv is 0640 under umask 000" "$(stat -c %a m/applications.csv.rejects.csv)" 640
expect_eq "no temporary rejects file is left" "$(ls m/applications.csv.rejects.csv.tmp 2>/dev/null)" ""
umask 022
printf 'precious\n' >victim.txt
mkapps WS-S s/applications.csv
ln -s "$T/victim.txt" s/applications.csv.rejects.csv.tmp
run --lang en -d x.db import s/applications.csv
expect_out "a planted FILE.rejects.csv.tmp symlink: the import runs" "applied 1, .*rejected 1"
expect_eq "... the symlink's target is untouched" "$(cat victim.txt)" precious
expect_eq "... the rejects file is a regular 0640 file" "$(stat -c '%F %a' s/applications.csv.rejects.csv)" "regular file 640"
expect_eq "... the symlink is gone" "$(ls s/applications.csv.rejects.csv.tmp 2>/dev/null)" ""
mkapps WS-T s/applications.csv
rm -f s/applications.csv.rejects.csv
ln -s "$T/victim.txt" s/applications.csv.rejects.csv
run --lang en -d x.db import s/applications.csv
expect_out "a symlink at FILE.rejects.csv itself: the import runs" "applied 1, .*rejected 1"
expect_eq "... the symlink is replaced, its target untouched" "$(cat victim.txt)|$(test -L s/applications.csv.rejects.csv && echo link || echo file)" "precious|file"
exp=$(ls -d batches/*/ | head -1)
expect_eq "an export file is 0640" "$(stat -c %a "${exp}cases.csv")" 640
