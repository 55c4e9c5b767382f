#!/bin/sh
# tests/tui/form_online.sh — an online application from the intake list:
# F7 lists it, Enter opens it in the form as an online intake, prefilled
# with the worker's name it was sent with.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

# setup: the injury case stored (its worker known by the ID the online
# application gives)
form_case1

open_form web

# ---- an online application from the intake list ----
run --lang en -d "$T/f.db" apply --online WEB-77 --field worker.name=钱七 \
	--field worker.id_number=340102198503121238 --items 'RD;YL'
expect_rc "the online application WEB-77 saved" 0
k F7
check "F7: the intake list shows the online application" wait_for "$W" "WEB-77 .*钱七"
k Enter
check "the online application opens in the form" wait_for "$W" "online intake"
k Tab Tab Tab Tab Tab
check "prefilled: the worker's name" wait_for "$W" "钱七"
