# tests/lib_exchange.sh — sourced by the exchange_*.sh suites after
# tests/lib.sh: the demo database of 200 cases with seed 7 (fixture
# demo200s7) as x.db, the Python that reads the files back ($PY), the
# test files ($data, tests/data/exchange/), and helpers: nlines TEXT,
# batches DIR (the batch folders of an export), rejects FILE (the line and
# field of each row of a .rejects.csv), ws_sh (the online application
# WS-SH imported and opened, and shared_materials.csv for its first missing
# material) and results_csv (results.csv for the first agency task in
# review: one row applied, three rejected).
PY=/usr/bin/python3
data="$top/tests/data/exchange"
nlines() { printf '%s\n' "$1" | grep -c .; }
batches() { ls "$1" 2>/dev/null | grep -E '^[0-9]{6}-[0-9]{14}(-[0-9]+)?$'; }
# rejects FILE: "line:field ..." of the rows of a rejects file
rejects() {
	$PY - "$1" <<'PYEOF'
import csv, sys
r = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
print(' '.join('%s:%s' % (x[-3], x[-2]) for x in r[1:]))
PYEOF
}

fixture demo200s7 x.db
rc=$?
expect_rc "$(basename "$0" .sh): the demo database" 0

# ws_sh: the online application WS-SH (gbk_utf8.csv's row under another
# ext_id) imported into x.db and opened at the window; sets $case_id,
# $idn (its worker's ID number) and $mat (its first missing material), and
# writes shared_materials.csv sharing that material.  The import's result
# is left in $rc, $out and $err.
ws_sh() {
	mkdir -p sh
	sed 's/WS-GBK/WS-SH/' "$data/gbk_utf8.csv" >sh/applications.csv
	run --lang en -d x.db import sh/applications.csv
	_ws_rc=$rc _ws_out=$out _ws_err=$err
	open_inbox x.db
	case_id=$(sql x.db "SELECT id FROM cases WHERE ext_id = 'WS-SH'")
	idn=34010219800101001X
	mat=$(sql x.db "SELECT material FROM case_material WHERE case_id = $case_id AND status = 'missing' ORDER BY material LIMIT 1")
	printf 'share_id,id_number,material,source,document_no,issued_at\r\nSH-1,%s,%s,省数据共享交换平台,DOC-77,2026-11-20\r\n' "$idn" "$mat" >shared_materials.csv
	rc=$_ws_rc out=$_ws_out err=$_ws_err
}

# results_csv: results.csv for x.db's first agency task accepted or in
# review ($cno, $item): R-1 decides it, R-2 to R-4 are rejected (R-2 names
# a case that does not exist).
results_csv() {
	tk=$(sql x.db "SELECT c.case_no || ' ' || t.item FROM task t JOIN cases c ON c.id = t.case_id WHERE t.state IN ('accepted', 'in_review') AND t.category = 'agency' ORDER BY t.id LIMIT 1")
	cno=${tk% *}; item=${tk#* }
	cat >results.csv <<RESEOF
result_id,case_no,item,decided_at,outcome,grade,care_level,amount_fen,document_no,officer,note
R-1,$cno,$item,2026-11-27,approved,,,123456,ZF-2026-1,省经办 王芳,
R-2,GS340102-20260101-9999,YL,2026-11-27,approved,,,100,ZF-2,王芳,
R-3,$cno,$item,2027-11-27,approved,,,100,ZF-3,王芳,
R-4,$cno,$item,2026-11-27,graded,3,,,,王芳,
RESEOF
}
