#!/bin/sh
# tests/faults/diskfull.sh — a full disk (a small tmpfs, mounted as root)
# during an export, an import and a form submit, from the shell and in the
# workstation: one clear message, no partial batch, nothing half applied,
# the database intact (integrity_check, yici verify), the typed form still
# on the screen, and the same action succeeding once there is room again.
# As an ordinary user it runs in a user namespace (unshare -rm); without
# one, or when mounting fails, every check is listed as skipped.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/faults/lib.sh"

MNT=$T/mnt
S=yfull$$
# its own tmux socket folder: in a user namespace /tmp/tmux-0 is not ours
export TMUX_TMPDIR="$T"
# unmount: retried while the workstation that tmux ran is still exiting.
unmount() {
	n=0
	while ! umount "$MNT" 2>/dev/null && [ $n -lt 50 ]; do
		mountpoint -q "$MNT" || return 0
		sleep 0.1
		n=$((n + 1))
	done
	mountpoint -q "$MNT" && umount -l "$MNT"
}
trap 'tmux -L "$S" kill-server >/dev/null 2>&1; unmount; rm -rf "$T"' EXIT
# An ordinary user mounts the tmpfs in a user and mount namespace of its
# own (unshare -rm: root there, the user outside) when the kernel allows.
if [ "$(id -u)" -ne 0 ] && [ -z "$YICI_NO_USERNS" ] && unshare -rm true 2>/dev/null; then
	rm -rf "$T"
	cd / && exec unshare -rm sh "$top/tests/faults/diskfull.sh"
fi
FULL='[Nn]o space left|disk is full|[Dd]isk full'
# remount SIZE_KB: an empty tmpfs of that size at $MNT.
remount() { unmount; mount -t tmpfs -o "size=${1}k,mode=0755" tmpfs "$MNT"; }
# fill_up KB: fills $MNT, then frees KB kilobytes.
fill_up() {
	dd if=/dev/zero of="$MNT/fill" bs=4k >/dev/null 2>&1
	truncate -s "-${1}K" "$MNT/fill"
}
mkdir -p "$MNT"
why=
if [ "$(id -u)" -ne 0 ]; then
	why="not root, and no user namespace (unshare -rm) to mount a small tmpfs"
elif ! mount -t tmpfs -o size=256k,mode=0755 tmpfs "$MNT" 2>"$T/mount.err"; then
	why="mount -t tmpfs failed: $(cat "$T/mount.err")"
fi
if [ -n "$why" ]; then
	# Every check below is listed as skipped; nothing is filled or mounted
	# ($MNT is then a plain folder on the real disk).
	skip_begin "$why"
	remount() { :; }
	fill_up() { :; }
	unmount() { :; }
	tm() { :; }
	wait_for() { return 0; }
	MNT=$T/nomount
fi

"$YICI" -d x.db init --demo 300 --seed 4 >/dev/null 2>&1 || fail "disk full: base database"
dbkb=$(du -k x.db | cut -f1)

# ---- export into a folder on a full disk ----
run --lang en -d x.db export -o "$MNT/out" --all
expect_rc "disk full, export: exit 1" 1
expect_err "disk full, export: says no space" "$FULL"
nb=$(ls "$MNT/out" 2>/dev/null | grep -Ec '^[0-9]{6}-[0-9]{14}')
expect_eq "disk full, export: no batch folder" "$nb" 0
expect_eq "disk full, export: no temporary folder left" "$(ls -a "$MNT/out" 2>/dev/null | grep -c '^\.tmp-')" 0
expect_eq "disk full, export: database intact" "$(integrity x.db)" ok
expect_eq "disk full, export: no batch recorded" \
	"$(sql x.db "SELECT count(*) FROM exchange_log WHERE direction = 'export' AND status = 'ok'")" 0
remount 65536
run --lang en -d x.db export -o "$MNT/out" -v
expect_rc "room again, export: exit 0" 0
expect_out "room again, export: the batch carries every case (marks did not move)" "cases\.csv +300$"

# ---- import into a database on a full disk ----
# (room for the ledger's records of the 800 applications too)
remount $((dbkb + 8192))
cp x.db "$MNT/i.db"
mkdir -p in
genapps 800 21 DF >in/applications.csv || fail "disk full: generate applications"
fill_up 48
run --lang en -d "$MNT/i.db" import in/applications.csv
expect_rc "disk full, import: exit 3 (nothing applied)" 3
expect_err "disk full, import: says the disk is full" "$FULL"
rm -f "$MNT/fill"
expect_eq "disk full, import: database intact" "$(integrity "$MNT/i.db")" ok
expect_eq "disk full, import: no row applied" "$(sql "$MNT/i.db" "SELECT count(*) FROM cases WHERE ext_id LIKE 'DF-%'")" 0
if verify_ok "$MNT/i.db"; then pass "disk full, import: yici verify ok"; else fail "disk full, import: yici verify ok" "$(cat "$T/verify.out")"; fi
run --lang en -d "$MNT/i.db" import in/applications.csv
expect_rc "room again, import: exit 0" 0
expect_out "room again, import: every row applied" "applied 800,"

# ---- a form submit on a full disk (yici apply --submit) ----
W1=340102198503121238
C1=91110000100006485K
form="--field applicant.type=worker --field applicant.name=张三 --field applicant.id_number=$W1
 --field applicant.phone=13812345678 --field worker.name=张三 --field worker.id_number=$W1
 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 --field employer.insured=1
 --field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window --items RD;YL;HS --material all=received"
remount $((dbkb + 2048))
cp x.db "$MNT/a.db"
n0=$(sql "$MNT/a.db" "SELECT count(*) FROM cases")
fill_up 48
# shellcheck disable=SC2086
run --lang en -d "$MNT/a.db" apply $form --submit
expect_rc "disk full, apply --submit: exit 1" 1
expect_err "disk full, apply --submit: says the disk is full" "$FULL"
rm -f "$MNT/fill"
expect_eq "disk full, apply --submit: no case written" "$(sql "$MNT/a.db" "SELECT count(*) FROM cases")" "$n0"
expect_eq "disk full, apply --submit: database intact" "$(integrity "$MNT/a.db")" ok
# shellcheck disable=SC2086
run --lang en -d "$MNT/a.db" apply $form --submit
expect_rc "room again, apply --submit: exit 0" 0
# Not one byte left: the -shm file of a fresh open cannot be created.
rm -f "$MNT/a.db-wal" "$MNT/a.db-shm"
fill_up 0
# shellcheck disable=SC2086
run --lang en -d "$MNT/a.db" apply $form --submit
rm -f "$MNT/fill"
expect_rc "disk full before opening: apply --submit exits 1" 1
if printf '%s' "$err" | grep -Eq "$FULL|cannot open"; then
	pass "disk full before opening: the message says why (not 'not an SQLite database')"
else
	fail "disk full before opening: the message says why (not 'not an SQLite database')" "stderr: $err"
fi

# ---- the same in the workstation: the typed form survives ----
if ! command -v tmux >/dev/null 2>&1; then
	fail "tmux is installed" "tmux not found (make deps-test)"
	exit 0
fi
tm() { tmux -L "$S" "$@"; }
screen() { tm capture-pane -p -t w 2>/dev/null; }
wait_for() {
	n=0
	while [ $n -lt 100 ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
[ -z "$why" ] || { tm() { :; }; wait_for() { return 0; }; }
k() { for key in "$@"; do tm send-keys -t w "$key"; sleep 0.05; done; }
t() { tm send-keys -t w -l "$1"; sleep 0.1; }
tabs() { i=0; while [ $i -lt "$1" ]; do k Tab; i=$((i + 1)); done; }
check() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "screen:" "$(screen)"; fi
}
remount $((dbkb + 2048))
"$YICI" -d "$MNT/f.db" init >/dev/null 2>&1 || fail "disk full: form database"
W3=340102199001011236
tm new-session -d -s w -x 160 -y 24 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" -e YICI_FORMS="$YICI_FORMS" \
	-e YICI_LOCALEDIR="$YICI_LOCALEDIR" -e ASAN_OPTIONS=detect_leaks=0 \
	"cd $T && $YICI --lang en -d $MNT/f.db; echo \$? >$T/rc.w"
tm set-option -t w remain-on-exit on >/dev/null 2>&1
wait_for "F10" || fail "workstation starts" "$(screen)"
k F2
check "workstation: the form is up" wait_for "Applicant type"
# As tests/tui/form_injury.sh types an injury case (applicant = worker).
k Tab
t 王小明
k BTab Right Tab Tab
t "$W3"
k Tab
t 13812345678
tabs 8
t 合肥某机械厂
k Tab
t "$C1"
tabs 6
t 2026-11-20
tabs 2
t 车间
tabs 3
t 操作机床时右手受伤
k Tab
t 右手
tabs 2
t 右手骨折
tabs 7
k Space
k PgDn a
sleep 0.3
fill_up 48
k F9
check "disk full, F9: the status line says the disk is full" wait_for "$FULL"
rm -f "$MNT/fill"
k PgUp PgUp PgUp PgUp PgUp PgUp PgUp PgUp
sleep 0.3
check "disk full, F9: the typed name is still in the form" wait_for "王小明"
check "disk full, F9: the typed ID is still in the form" wait_for "$W3"
expect_eq "disk full, F9: no case written" "$(sql "$MNT/f.db" "SELECT count(*) FROM cases WHERE state = 'accepted'")" 0
expect_eq "disk full, F9: database intact" "$(integrity "$MNT/f.db")" ok
k F9
check "room again, F9: the case is accepted" wait_for "GS340102-20261128-[0-9]{4} accepted"
