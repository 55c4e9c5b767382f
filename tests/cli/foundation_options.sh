#!/bin/sh
# tests/cli/foundation_options.sh — the foundation commands: the global options (-d, --lang, --forms, --help,
# --version) before or after the command, and usage errors.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"
foundation_db

# ---- global options, usage ----
run --lang en frobnicate
expect_rc "unknown command: exit 2" 2
expect_err "unknown command: usage hint" "--help"
expect_err "unknown command: usage message" "^Usage: yici \[-d FILE\]"
run --lang en --frobnicate
expect_rc "unknown option: exit 2" 2
expect_err "unknown option: usage hint" "--help"
expect_err "unknown option: usage message" "^Usage: yici \[-d FILE\]"
run --lang en -d x.db init --frobnicate
expect_err "init unknown option: its usage message" "^Usage: yici init \[-d FILE\]"
run --lang en -d x.db config --frobnicate
expect_rc "config unknown option: exit 2" 2
run --lang en -d x.db catalog --frobnicate
expect_rc "catalog unknown option: exit 2" 2
run --lang en help init
expect_rc "help init: exit 0" 0
expect_out "help init: init's usage" "^Usage: yici init "
run --lang en help frobnicate
expect_rc "help frobnicate: exit 2" 2
run -dx.db config region_code
expect_rc "-dFILE: exit 0" 0
expect_eq "-dFILE: the database given" "$out" "340102"
run --version
expect_rc "--version: exit 0" 0
expect_out "--version: prints version" "^yici [0-9]+\.[0-9]+"
run --lang en --help
expect_rc "--help: exit 0" 0
expect_out "--help: usage" "^Usage: yici"
# Every command of the global help, each with its own usage line first.
cmds=$(printf '%s\n' "$out" | sed -n 's/^  yici \([a-z-]*\).*/\1/p')
ncmd=$(grep -c '^	{ "[a-z-]*", cmd_' "$top/src/cli.c")
expect_eq "--help: lists every command of the table ($ncmd)" "$(printf '%s\n' "$cmds" | grep -c .)" "$ncmd"
for c in $cmds; do
	run --lang en "$c" --help
	expect_rc "$c --help: exit 0" 0
	expect_eq "$c --help: first line is its usage" "$(printf '%s\n' "$out" | head -n 1 | cut -d' ' -f1-3)" "Usage: yici $c"
done
