#!/bin/sh
# tests/cli/shared.sh — the multi-clerk set-up of yici(1) EXAMPLES, run
# literally with real Unix users (issue 20): one group, the supervisor and
# two clerks in it by usermod, a service login, the shared folders made
# 2770 root:GROUP by install -d, every user working under umask 077.  Two
# clerks accept cases and reprint each other's notices, the supervisor
# exports, the service login syncs; every folder yici makes keeps the group
# and the setgid bit and is group-writable, every file belongs to the group.
# Root only (useradd); the users and the group are removed at the end.
. "$(dirname "$0")/../lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	skip "multi-clerk set-up (yici(1) EXAMPLES with real users)" "not root: it creates Unix users with useradd"
	exit 0
fi
for c in useradd usermod groupadd runuser; do
	if ! command -v $c >/dev/null 2>&1; then
		skip "multi-clerk set-up (yici(1) EXAMPLES with real users)" "$c not installed"
		exit 0
	fi
done
# names of this run only (engineers share the machine)
s=$$
G=ycg$s SUP=ycsup$s C1=ycca$s C2=yccb$s SVC=ycsvc$s
cleanup() {
	for u in $SUP $C1 $C2 $SVC; do userdel "$u" >/dev/null 2>&1; done
	groupdel "$G" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
chmod 711 "$T"
# The users must reach the program, its catalog and its messages: a clone can
# sit in a folder only root may enter (CI's mktemp -d is 0700), so run a copy.
# (the sanitizer build reads its leak suppressions at exit: a copy of those too)
mkdir -p "$T/opt/locale" && cp "$YICI" "$T/opt/yici" && cp -r "$YICI_FORMS" "$T/opt/forms" &&
	cp -r "$YICI_LOCALEDIR/." "$T/opt/locale/" && cp "$top/tests/lsan.supp" "$T/opt/lsan.supp" &&
	chmod -R a+rX "$T/opt" ||
	fail "setup: a copy of yici the users can run"
YICI=$T/opt/yici YICI_FORMS=$T/opt/forms YICI_LOCALEDIR=$T/opt/locale
LSAN_OPTIONS=suppressions=$T/opt/lsan.supp:print_suppressions=0
export YICI_FORMS YICI_LOCALEDIR LSAN_OPTIONS
# existing accounts, as at a center
for u in $SUP $C1 $C2; do useradd -M -N -s /bin/sh "$u" || fail "setup: useradd $u"; done

# ---- as root, as yici(1) EXAMPLES says ----
D=$T/var/lib/yici
mkdir -p "$T/var/lib" && chmod 755 "$T/var" "$T/var/lib"
groupadd "$G"
useradd --system --gid "$G" --home-dir "$D" --no-create-home --shell /usr/sbin/nologin "$SVC"
usermod -aG "$G" "$SUP"
usermod -aG "$G" "$C1"
usermod -aG "$G" "$C2"
install -d -m 2770 -o root -g "$G" "$D" "$D/notices" "$D/exchange" "$D/exchange/out" \
	"$D/exchange/inbox" "$D/exchange/done" "$D/backup"
# (a new login picks up the group: runuser starts one)
as() { u=$1; shift; runuser -u "$u" -- sh -c 'umask 077; exec "$@"' sh "$YICI" --lang en -d "$D/yici.db" "$@" >"$T/.out" 2>"$T/.err"; rc=$?; out=$(cat "$T/.out"); err=$(cat "$T/.err"); }

# ---- as the supervisor ----
as $SUP init --region 340102
expect_rc "supervisor: init under umask 077" 0
expect_eq "database: 0660, the group's" "$(stat -c '%a %G' "$D/yici.db")" "660 $G"
as $SUP config center_name 合肥市瑶海区政务服务中心
as $SUP staff add $C1 --name 王芳 --role clerk --window 3
expect_rc "supervisor: staff add clerk 1" 0
as $SUP staff add $C2 --name 陈静 --role clerk --window 4
as $SUP staff add $SVC --name 同步服务 --role service
expect_rc "supervisor: staff add the service login" 0

# ---- two clerks accept cases ----
app() {
	as "$1" apply --field applicant.type=worker --field applicant.name="$2" --field applicant.id_number="$3" \
		--field applicant.phone=13812345678 --field worker.name="$2" --field worker.id_number="$3" \
		--field employer.name=合肥某机械厂 --field employer.credit_code=91110000100006485K --field employer.insured=1 \
		--field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间 \
		--field accident.type=accident --field accident.circumstance=work \
		--field accident.description=操作机床时右手受伤 --field accident.body_part=右手 \
		--field accident.diagnosis=右手骨折 --field delivery.method=window --items 'RD' --material all=received --submit
}
rm -rf "$D/notices"   # the first clerk makes it, as when the folder was forgotten
app $C1 张三 11010519491231002X
expect_rc "clerk 1: accepts a case, umask 077" 0
K1=$(printf '%s\n' "$out" | awk 'NR == 1 { print $1 }')
expect_eq "notices/: made by clerk 1, 2770 and the group's" "$(stat -c '%a %G' "$D/notices")" "2770 $G"
app $C2 李四 110105194912310038
expect_rc "clerk 2: accepts a case (writes its notice in clerk 1's folder)" 0
K2=$(printf '%s\n' "$out" | awk 'NR == 1 { print $1 }')
f1=$D/notices/$K1-acceptance.txt f2=$D/notices/$K2-acceptance.txt
expect_eq "clerk 1's notice: 0660 and the group's" "$(stat -c '%a %G %U' "$f1")" "660 $G $C1"
expect_eq "clerk 2's notice: 0660 and the group's" "$(stat -c '%a %G %U' "$f2")" "660 $G $C2"
as $C2 notice "$K1" --kind acceptance
expect_rc "clerk 2 reprints clerk 1's notice" 0
expect_eq "the reprint: clerk 2's file now, still 0660 and the group's" "$(stat -c '%a %G %U' "$f1")" "660 $G $C2"
as $C1 notice "$K2" --kind acceptance
expect_rc "clerk 1 reprints clerk 2's notice" 0
grep -q "$K2" "$f2" && pass "the reprint has the case" || fail "the reprint has the case" "$(head -n 3 "$f2")"

# ---- the supervisor exports, the service login syncs ----
as $SUP export -o "$D/exchange/out"
expect_rc "supervisor: export" 0
b=$(ls "$D/exchange/out" | head -n 1)
expect_eq "export batch: 2770 and the group's" "$(stat -c '%a %G' "$D/exchange/out/$b")" "2770 $G"
expect_eq "export lock: usable by the service login too" "$(stat -c '%a %G' "$D/exchange/out/.yici-export.lock")" "660 $G"
expect_eq "export files: 0640 and the group's" "$(stat -c '%a %G' "$D/exchange/out/$b/cases.csv")" "640 $G"
app $C1 王五 110105194912310011
as $SVC sync -o "$D/exchange/out" -v
expect_rc "service login: sync" 0
expect_out "service login: a batch with the new case" "cases.csv +1$"
as $SVC sync -o "$D/exchange/out/sub/new" -v
expect_rc "service login: sync into a new folder" 0
expect_eq "new folders of the service login: 2770 and the group's" "$(stat -c '%a %G' "$D/exchange/out/sub" "$D/exchange/out/sub/new" | sort -u)" "2770 $G"
as $SVC backup "$D/backup/yici-1.db"
expect_rc "service login: backup" 0
expect_eq "backup: the group's" "$(stat -c '%G' "$D/backup/yici-1.db")" "$G"
as $SVC case list
expect_rc "service login: may not read cases" 1
bad=$(find "$D" ! -group "$G" | head -n 3)
expect_eq "every file and folder belongs to the group" "$bad" ""
bad=$(find "$D" -type d ! -perm -2070 | head -n 3)
expect_eq "every folder group-writable and setgid" "$bad" ""
