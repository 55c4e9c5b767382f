#!/bin/sh
# tests/cli/foundation_config.sh — the foundation commands: yici config: list, show and set a setting,
# supervisors only, bad values refused.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"
foundation_db

# ---- config ----
run --lang en -d x.db config
expect_rc "config: exit 0" 0
for k in region_code center_name windows; do
	expect_out "config: lists $k" "^$k "
done
run -d x.db config region_code 340104
expect_rc "config region_code 340104: exit 0" 0
run -d x.db config region_code
expect_eq "config region_code: reads back 340104" "$out" "340104"
run --lang en -d x.db config region_code 12345
expect_rc "config region_code 12345: exit 1" 1
expect_err "config region_code 12345: names the value" "12345"
run -d x.db config region_code
expect_eq "config region_code: unchanged after refusal" "$out" "340104"
for w in 0 3-1 1, 1-; do
	run --lang en -d x.db config windows "$w"
	expect_rc "config windows '$w': refused" 1
	expect_err "config windows '$w': names the value" "got '$w'"
done
run -d x.db config windows 1-4,7
expect_rc "config windows 1-4,7: exit 0" 0
run -d x.db config windows
expect_eq "config windows: reads back 1-4,7" "$out" "1-4,7"
run --lang en -d x.db config nosuchkey
expect_rc "config nosuchkey: exit 2" 2
expect_err "config nosuchkey: names it" "nosuchkey"

# ---- a long value whole, the help below it ----
long=/srv/yici/$(python3 -c 'print("a-very-long-folder-name/" * 3)')notices
run --lang en -d x.db config notices_dir "$long"
expect_rc "config: a 90-character notices_dir is taken" 0
run --lang en -d x.db config
expect_out "config: the long value shown whole" "^notices_dir +$long\$"
expect_out "config: its help on the next line" "^ +folder where printed notices are written\$"
