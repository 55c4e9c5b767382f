#!/bin/sh
# tests/cli/exchange_accepted.sh — the CSV exchange (yici-exchange(5)):
# applications.csv files that are accepted: GBK and GB18030 with
# --encoding (the names decoded, one outside GBK), a UTF-8 BOM with CRLF,
# an extra column.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_exchange.sh"

# ---- accepted: BOM, CRLF, extra column, GBK and GB18030 text ----
mkdir enc
iconv -f UTF-8 -t GBK "$data/gbk_utf8.csv" >enc/applications.csv
run --lang en -d x.db import --encoding gbk enc/applications.csv
expect_rc "GBK with --encoding gbk: exit 0" 0
open_inbox x.db
expect_eq "GBK: the name decoded" "$(sql x.db "SELECT p.name FROM cases c JOIN person p ON p.id = c.worker_id WHERE c.ext_id = 'WS-GBK'")" "欧阳锋"
sed 's/WS-GBK/WS-GB18030/; s/欧阳锋/欧阳𠀀/g; s/34010219800101001X/340102198001010028/g' "$data/gbk_utf8.csv" | iconv -f UTF-8 -t GB18030 >enc/applications.csv
run --lang en -d x.db import --encoding gb18030 enc/applications.csv
expect_rc "GB18030 with a character outside GBK: exit 0" 0
open_inbox x.db
expect_eq "GB18030: the name decoded" "$(sql x.db "SELECT p.name FROM cases c JOIN person p ON p.id = c.worker_id WHERE c.ext_id = 'WS-GB18030'")" "欧阳𠀀"
mkdir bom
{ printf '\357\273\277'; sed 's/WS-GBK/WS-BOM/; s/$/\r/' "$data/gbk_utf8.csv"; } >bom/applications.csv
run --lang en -d x.db import bom/applications.csv
expect_rc "UTF-8 BOM and CRLF: exit 0" 0
mkdir extra
{ sed -n 1p "$data/gbk_utf8.csv" | sed 's/$/,platform_note/'; sed -n 2p "$data/gbk_utf8.csv" | sed 's/WS-GBK/WS-EXTRA/; s/$/,hello/'; } >extra/applications.csv
run --lang en -d x.db import extra/applications.csv
expect_rc "extra column: ignored, exit 0" 0
