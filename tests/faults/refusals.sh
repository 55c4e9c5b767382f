#!/bin/sh
# tests/faults/refusals.sh — conditions yici must refuse clearly, without
# touching the file: a read-only database file, a read-only folder (the
# -wal and -shm files cannot be created), a read-only file system, a
# missing forms folder or file, and a database from a newer yici.  A clear
# refusal is exit status 1 with one message that names the cause.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/faults/lib.sh"

MNT=$T/mnt
trap 'chattr -i "$T/ro.db" "$T/rodir" 2>/dev/null; umount "$MNT" 2>/dev/null; rm -rf "$T"' EXIT
is_root=0
[ "$(id -u)" -eq 0 ] && is_root=1
sum() { sha256sum "$1" | cut -d' ' -f1; }
"$YICI" -d base.db init --demo 30 >/dev/null 2>&1 || fail "refusals: base database"
RO='[Rr]ead-only|read only|[Pp]ermission denied|[Oo]peration not permitted'

# make_ro PATH: read-only for this user: chattr +i as root (root ignores
# modes), chmod a-w otherwise.  Fails when neither works.
make_ro() {
	if [ $is_root = 1 ]; then chattr +i "$1" 2>/dev/null; else chmod a-w "$1"; fi
}
undo_ro() { if [ $is_root = 1 ]; then chattr -i "$1"; else chmod u+w "$1"; fi; }

# ---- a read-only database file in a writable folder ----
cp base.db ro.db
"$YICI" -d ro.db queue --limit 1 >/dev/null 2>&1 # leaves -wal and -shm as a clerk would
if make_ro ro.db; then
	before=$(sum ro.db)
	run --lang en -d ro.db staff add bob --name Bob --role clerk
	expect_rc "read-only file: a write exits 1" 1
	expect_err "read-only file: the message names the file and the cause" "ro\.db.*($RO)|($RO).*ro\.db"
	run --lang en -d ro.db queue --limit 1
	expect_rc "read-only file: reading still works" 0
	undo_ro ro.db
	expect_eq "read-only file: unchanged" "$(sum ro.db)" "$before"
else
	skip "read-only file checks" "chattr +i not supported here"
fi

# ---- a read-only folder: the -wal and -shm files cannot be created ----
mkdir rodir
cp base.db rodir/x.db
if make_ro rodir; then
	run --lang en -d rodir/x.db staff add bob --name Bob --role clerk
	expect_rc "read-only folder: a write exits 1" 1
	expect_err "read-only folder: the message says the folder cannot be written" "rodir.*($RO|cannot create|cannot write)|($RO).*rodir"
	if printf '%s' "$err" | grep -q 'not an SQLite database'; then
		fail "read-only folder: not mistaken for a foreign file" "stderr: $err"
	else
		pass "read-only folder: not mistaken for a foreign file"
	fi
	run --lang en -d rodir/x.db queue --limit 1
	if [ "$rc" -eq 0 ] || printf '%s' "$err" | grep -Eq "$RO|cannot create"; then
		pass "read-only folder: reading works or is refused naming the cause"
	else
		fail "read-only folder: reading works or is refused naming the cause" "exit $rc" "stderr: $err"
	fi
	undo_ro rodir
else
	skip "read-only folder checks" "chattr +i not supported here"
fi

# ---- a read-only file system ----
# (a tmpfs remounted read-only.  As root, one mount for the section.  As
# an ordinary user, each command runs in its own user and mount namespace
# (unshare -rm), where it may mount a tmpfs, copy the database in and
# remount it read-only; yici there acts as the invoking login.)
rofs_yici=$YICI
if [ $is_root = 1 ] && mkdir -p "$MNT" && mount -t tmpfs -o size=8m tmpfs "$MNT" 2>/dev/null; then
	cp base.db "$MNT/x.db"
	mount -o remount,ro "$MNT"
elif [ $is_root = 0 ] && mkdir -p "$MNT" && unshare -rm sh -c \
	'mount -t tmpfs -o size=8m tmpfs "$1" && mount -o remount,ro -t tmpfs tmpfs "$1"' sh "$MNT" 2>/dev/null; then
	cat >"$T/.rofs-yici" <<ROFS
#!/bin/sh
exec unshare -rm sh -c 'mount -t tmpfs -o size=8m tmpfs "\$1" && cp "\$2" "\$1/x.db" &&
	mount -o remount,ro -t tmpfs tmpfs "\$1" || exit 99; shift 2; exec "\$@"' \\
	sh "$MNT" "$T/base.db" env YICI_USER=$(id -un) "$YICI" "\$@"
ROFS
	chmod +x "$T/.rofs-yici"
	YICI=$T/.rofs-yici
else
	skip_begin "mount -t tmpfs failed (as root, or in a user namespace): cannot make a read-only file system"
fi
run --lang en -d "$MNT/x.db" staff add bob --name Bob --role clerk
expect_rc "read-only file system: a write exits 1" 1
expect_err "read-only file system: the message says read-only" "$RO"
run --lang en -d "$MNT/x.db" queue --limit 1
if [ "$rc" -eq 0 ] || printf '%s' "$err" | grep -Eq "$RO"; then
	pass "read-only file system: reading works or is refused as read-only"
else
	fail "read-only file system: reading works or is refused as read-only" "exit $rc" "stderr: $err"
fi
run --lang en -d "$MNT/x.db" </dev/null
expect_rc "read-only file system: the workstation exits 1 before curses" 1
expect_err "read-only file system: the workstation says read-only" "$RO"
[ -n "$_skip_why" ] || [ $is_root = 0 ] || umount "$MNT"
skip_end
YICI=$rofs_yici

# ---- missing forms ----
run --lang en --forms "$T/noforms" -d n.db init
expect_rc "missing forms folder: init exits 1" 1
expect_err "missing forms folder: the message names it" "noforms"
if [ ! -e n.db ]; then pass "missing forms folder: no database created"; else fail "missing forms folder: no database created" "n.db exists"; fi
cp -r "$top/tests/data/forms" part
rm part/items.csv
run --lang en catalog --check --forms part
expect_rc "missing items.csv: catalog --check exits 1" 1
expect_err "missing items.csv: the message names the file" "part/items\.csv"
run --lang en --forms part -d n2.db init
expect_rc "missing items.csv: init exits 1" 1
if [ ! -e n2.db ]; then pass "missing items.csv: no database created"; else fail "missing items.csv: no database created" "n2.db exists"; fi
run --lang en --forms "$T/noforms" -d base.db queue --limit 1
expect_rc "missing forms folder: a database with its own catalog still works" 0

# ---- a database from a newer yici ----
cp base.db new.db
sqlite_t new.db 'PRAGMA user_version = 99'
before=$(sum new.db)
for c in "queue --limit 1" "staff add bob --name Bob --role clerk" "verify" "export -o out"; do
	# shellcheck disable=SC2086
	run --lang en -d new.db $c
	expect_rc "newer database: '${c%% *}' exits 1" 1
	expect_err "newer database: '${c%% *}' says it is newer" "newer"
done
run --lang en -d new.db </dev/null
expect_rc "newer database: the workstation exits 1" 1
expect_err "newer database: the workstation says it is newer" "newer"
expect_eq "newer database: the file is untouched" "$(sum new.db)" "$before"
