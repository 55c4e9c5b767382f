#!/bin/sh
# tests/tui/form_typeonce.sh — type once: on a new form, the ID number of a
# person the database knows fills the applicant's name and phone, and the
# applicant being the worker fills the worker's too.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_form.sh"

# setup: the injury case stored (张三 known by his ID number and phone)
form_case1

open_form once

# ---- type once: a known ID, the applicant being the worker ----
check "a new form: new application" wait_for "$W" "new application"
k Right Tab Tab                         # applicant type: worker
t 340102198503121238
k Tab
check "a known ID fills the applicant's name" wait_for "$W" "Applicant name +张三"
check "a known ID fills the applicant's phone" wait_for "$W" "Applicant phone +13812345678"
k PgDn
check "the applicant is the worker: the worker's name is filled too" wait_for "$W" "Worker name +张三"
check "the applicant is the worker: the worker's phone is filled too" wait_for "$W" "Worker phone +13812345678"
k Escape y
check "Esc + y: the filled form is left for a new one" wait_gone "$W" "张三"
