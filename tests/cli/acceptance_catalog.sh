#!/bin/sh
# tests/cli/acceptance_catalog.sh — the catalog says per item who accepts (items.csv accepts,
# review_rule): the bundled forms, and catalog --check refusing an office
# item without a review rule, another value, a rule rules.csv lacks
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_acceptance.sh"

# ---- the catalog says who accepts ----
run --lang en catalog --check
expect_rc "catalog --check: the bundled forms with accepts and review_rule" 0
run --lang en -d a.db catalog --format csv
expect_rc "catalog csv" 0
expect_out "catalog: RD accepted by its office within accept_review" '^"1","RD",.*,"office","accept_review"'
expect_out "catalog: YL accepted at the window" '^"4","YL",.*,"window",""'
mkdir -p bad
cp "$YICI_FORMS"/*.csv bad/
sed -i '2s/,office,accept_review,$/,office,,/' bad/items.csv
run --lang en --forms bad catalog --check
expect_rc "catalog --check: an office item without review_rule refused" 1
expect_err "catalog --check: says the review rule is needed" "items\.csv:2: .*review_rule"
cp "$YICI_FORMS"/items.csv bad/
sed -i '2s/,office,accept_review,$/,officer,accept_review,/' bad/items.csv
run --lang en --forms bad catalog --check
expect_rc "catalog --check: accepts neither window nor office refused" 1
expect_err "catalog --check: names the bad value" "items\.csv:2: accepts is 'window' or 'office', not 'officer'"
cp "$YICI_FORMS"/items.csv bad/
sed -i '/^accept_review,/d' bad/rules.csv
run --lang en --forms bad catalog --check
expect_rc "catalog --check: a review_rule missing from rules.csv refused" 1
expect_err "catalog --check: review_rule names no rule" "review_rule 'accept_review' is not a rule"
root_end
