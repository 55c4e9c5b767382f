#!/bin/sh
# tests/cli/foundation_deps.sh — the foundation commands: tests/deps.sh, with stand-ins for dpkg-query, apt-get and id.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"

# ---- tests/deps.sh, with stand-ins for dpkg-query, apt-get and id ----
mkdir fakebin
cat >fakebin/dpkg-query <<'SH'
#!/bin/sh
# every package is missing
exit 1
SH
cat >fakebin/apt-get <<'SH'
#!/bin/sh
echo "apt-get $*" >>"$FAKE_LOG"
case "$*" in
*update*) touch "$FAKE_DIR/updated"; exit 0 ;;
*install*) [ -f "$FAKE_DIR/updated" ] && exit 0; exit 100 ;;
esac
SH
cat >fakebin/id <<'SH'
#!/bin/sh
echo "${FAKE_UID:-0}"
SH
chmod +x fakebin/*
FAKE_DIR=$T; FAKE_LOG=$T/apt.log; export FAKE_DIR FAKE_LOG
: >apt.log
# Stale lists (present, but the install fails): one update, one retry.
# (Empty lists, as on a fresh machine, are updated first: then no retry.)
PATH="$T/fakebin:$PATH" sh "$top/tests/deps.sh" libfoo-dev >deps.out 2>&1
rc=$?
expect_rc "deps.sh: a failed install is retried after apt-get update" 0
seq=$(cut -d' ' -f2 apt.log | tr '\n' ' ')
case $seq in
"install update install " | "update install ") pass "deps.sh: update before the install that works" ;;
*) fail "deps.sh: update before the install that works" "apt-get calls: $seq" ;;
esac
rm -f updated
: >apt.log
FAKE_UID=1000 PATH="$T/fakebin:$PATH" sh "$top/tests/deps.sh" libfoo-dev >deps.out 2>&1
rc=$?
expect_rc "deps.sh as a user: exit 1" 1
expect_eq "deps.sh as a user: apt-get not run" "$(cat apt.log)" ""
if grep -q 'apt-get install -y libfoo-dev' deps.out; then pass "deps.sh as a user: prints the apt-get line"; else fail "deps.sh as a user: prints the apt-get line" "$(cat deps.out)"; fi
