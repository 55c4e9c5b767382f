#!/bin/sh
# tests/cli/tour.sh — the README's source tour matches the tree (issue 19):
# every src/*.c is named in its table (by name or a pattern such as
# db_application*.c), every name and pattern there matches a file of src/,
# and every header of include/ belongs to a file the table names.
. "$(dirname "$0")/../lib.sh"

out=$(python3 - "$top" <<'PY'
import fnmatch, os, re, sys
top = sys.argv[1]
readme = open(os.path.join(top, "README.md"), encoding="utf-8").read()
start = readme.index("### Source tour")
table = readme[start:readme.index("\n\n", readme.index("| layer", start))]
named = set(re.findall(r"`([a-z0-9_*]+\.c)`", table))
headers = set(re.findall(r"`([a-z0-9_]+\.h)`", table))
src = sorted(f for f in os.listdir(os.path.join(top, "src")) if f.endswith(".c"))
missing = [f for f in src if not any(fnmatch.fnmatch(f, n) for n in named)]
stale = sorted(n for n in named if not fnmatch.filter(src, n))
inc = sorted(f for f in os.listdir(os.path.join(top, "include")) if f.endswith(".h"))
# the layers' own headers (the view contract, the db internals) go with their layer
covered = {f[:-2] for f in src} | {"ui_view", "ui", "db_internal", "db_task_internal"}
orphans = [h for h in inc if h[:-2] not in covered and h not in headers and not any(fnmatch.fnmatch(h[:-2] + ".c", n) for n in named)]
print(len(src), "missing:" + ",".join(missing), "stale:" + ",".join(stale), "headers:" + ",".join(orphans))
PY
)
n=${out%% *}
if [ "${n:-0}" -gt 50 ]; then pass "source tour: read the table and src/ ($n files)"; else fail "source tour: read the table and src/" "$out"; fi
expect_eq "source tour: every src/*.c named in the table" "$(printf '%s' "$out" | sed 's/.*missing:\([^ ]*\).*/\1/')" ""
expect_eq "source tour: every name in the table is a file of src/" "$(printf '%s' "$out" | sed 's/.*stale:\([^ ]*\).*/\1/')" ""
expect_eq "source tour: every header of include/ belongs to a named file" "$(printf '%s' "$out" | sed 's/.*headers:\([^ ]*\).*/\1/')" ""
