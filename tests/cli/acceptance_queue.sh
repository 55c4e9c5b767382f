#!/bin/sh
# tests/cli/acceptance_queue.sh — the office's queue shows the acceptance review with its
# deadline, yellow when due soon, red when overdue, among the open work
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_acceptance.sh"

submit 340102198503121238 张三 'RD;YL'
setup "RD+YL submitted"
N1=$no

# ---- the queue of the office shows it, with red/yellow ----
as zhaolei queue --category admin --state reviewing
expect_rc "queue --state reviewing: exit 0" 0
expect_out "queue: the reviewing RD with its review deadline" "^$N1 +张三 +RD +acceptan.* +2026-11-28 +2026-12-14"
YICI_NOW="2026-12-12 09:00"
as zhaolei queue --category admin --state reviewing
expect_out "queue: due soon is yellow (*)" "^$N1 .*2026-12-14 .*\\*"
YICI_NOW="2026-12-16 09:00"
as zhaolei queue --category admin --state reviewing
expect_out "queue: overdue is red (!)" "^$N1 .*!"
YICI_NOW="2026-11-28 09:30"
as zhaolei queue --category admin
expect_out "queue: open work includes acceptance review" "^$N1 +张三 +RD +acceptan"
verify_db
root_end
