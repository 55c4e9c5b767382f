# tests/lib.sh — sourced by the shell suites.  Each check prints
# "PASS: name" or "FAIL: name" (with what was expected) for tests/run.sh,
# or "SKIP: name [reason]" when it cannot run here (skip, skip_begin).
top=$(cd "$(dirname "$0")/../.." && pwd)
YICI=${YICI:-$top/build/san/yici}
# every suite reads the fixture catalog, a copy of forms/ that a province
# editing forms/ does not change; forms/ itself is checked by tests/run.sh
# (yici catalog --check) and tests/cli/runner.sh
export YICI_FORMS="$top/tests/data/forms"
export YICI_LOCALEDIR="$top/build/locale"
export YICI_NOW="2026-11-28 09:30"
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
export LANG=C.UTF-8
unset YICI_DB YICI_LANG
# The TUI suites poll the screen up to TUI_POLLS times, 0.1 s apart (5 s);
# tests/tui/valgrind.sh raises it, as yici runs 20-50 times slower there.
TUI_POLLS=${TUI_POLLS:-50}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2

# While skip_begin is in force ($_skip_why set), every check prints SKIP
# with its own name instead of PASS or FAIL, and run and sql do nothing.
pass() {
	if [ -n "$_skip_why" ]; then skip "$1" "$_skip_why"; else echo "PASS: $1"; fi
}
# poll CMD...: true as soon as CMD succeeds, trying TUI_POLLS times 0.1 s apart.
poll() {
	_n=0
	while [ $_n -lt "$TUI_POLLS" ]; do
		"$@" && return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}
fail() {
	if [ -n "$_skip_why" ]; then skip "$1" "$_skip_why"; return; fi
	echo "FAIL: $1"
	shift
	for l in "$@"; do echo "  $l"; done
}
# skip NAME REASON: a check that cannot run here, named and counted.
skip() { echo "SKIP: $1 [$2]"; }
# skip_begin REASON ... skip_end: the checks between them are skipped, each
# listed by its name (yici and the sqlite3 shell are not called).
skip_begin() { _skip_why=$1; _skip_yici=$YICI; YICI=false; }
skip_end() { [ -z "$_skip_why" ] || YICI=$_skip_yici; _skip_why=; }

# run CMD...: runs yici with the arguments; sets $out, $err, $rc.
run() {
	if [ -n "$_skip_why" ]; then out= err= rc=0; return 0; fi
	"$YICI" "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# expect_rc NAME CODE
expect_rc() {
	if [ "$rc" -eq "$2" ]; then pass "$1"; else fail "$1" "exit $rc, expected $2" "stderr: $err"; fi
}
# expect_out NAME PATTERN (grep -E on stdout)
expect_out() {
	if printf '%s\n' "$out" | grep -Eq -- "$2"; then pass "$1"; else fail "$1" "stdout lacks /$2/" "stdout: $(printf '%s' "$out" | head -c 600)" "stderr: $err"; fi
}
expect_err() {
	if printf '%s\n' "$err" | grep -Eq -- "$2"; then pass "$1"; else fail "$1" "stderr lacks /$2/" "stderr: $err"; fi
}
# sqlite_t DB ARGS...: the sqlite3 shell with a 5 s busy timeout.  Every
# sqlite3 call of the tests goes through it (or sql): a yici that is still
# closing holds the lock for a few ms, and a check must not read
# "database is locked" from that.
sqlite_t() { [ -n "$_skip_why" ] || sqlite3 -batch -cmd '.timeout 5000' "$@"; }
# sql DB QUERY: prints the result through the sqlite3 shell.
sql() { sqlite_t "$1" "$2"; }
# open_inbox DB: the window opens every online application still waiting
# in the inbox (yici intake open), as a clerk would with F7, so that a
# check can look at their cases.
open_inbox() {
	for _x in $(sql "$1" "SELECT ext_id FROM inbox WHERE case_id IS NULL ORDER BY id"); do
		"$YICI" -d "$1" intake open "$_x" >/dev/null 2>&1 || fail "setup: intake open $_x" "in $1"
	done
}
expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2'" "expected '$3'"; fi
}

# ---- checks that need root ----
# yici honours YICI_USER (acting as another login) only for root, and only
# root mounts a tmpfs.  as_root: true when such checks can run here: as
# root, or as an ordinary user in a user namespace (unshare -r: root
# there, the invoking user outside).  As an ordinary user it then points
# YICI at a wrapper that runs it that way and keeps the invoking login
# when YICI_USER is unset; asroot_bin BIN gives such a wrapper for another
# binary.  False otherwise, with the reason in $no_root for skip_begin.
# YICI_NO_USERNS=1 forces false, to see what an ordinary user without
# user namespaces gets.
as_root() {
	[ "$(id -u)" -eq 0 ] && return 0
	no_root="not root, and no user namespace (unshare -r) to act as other logins"
	if [ -n "$YICI_NO_USERNS" ]; then
		no_root="not root (YICI_NO_USERNS set): other logins through YICI_USER need root"
		return 1
	fi
	unshare -r true 2>/dev/null || return 1
	YICI=$(asroot_bin "$YICI")
	return 0
}
# root_begin ... root_end: checks that need root: run as root, or in a user
# namespace, or else skipped by name (the reason printed once per group).
root_begin() {
	_root_yici=$YICI
	as_root || skip_begin "$no_root"
}
root_end() {
	skip_end
	YICI=$_root_yici
}
asroot_bin() {
	if [ "$(id -u)" -eq 0 ]; then echo "$1"; return 0; fi
	case $1 in "$T"/.asroot-*) echo "$1"; return 0 ;; esac
	_w=$T/.asroot-$(basename "$1")
	cat >"$_w" <<EOF
#!/bin/sh
[ -n "\$YICI_USER" ] || YICI_USER=$(id -un)
export YICI_USER
exec unshare -r "$1" "\$@"
EOF
	chmod +x "$_w"
	echo "$_w"
}

# gone PID...: waits (up to 10 s) until none of the processes is left;
# gone_group PGID: until no process of the group is left.  A killed
# process holds its locks until it is really gone: look only after.  (A
# zombie holds nothing and counts as gone.)
_live() { ps -o stat= -p "$1" 2>/dev/null | grep -qv '^Z'; }
gone() {
	_n=0
	while [ $_n -lt 1000 ]; do
		_alive=0
		for _p in "$@"; do _live "$_p" && _alive=1; done
		[ $_alive = 0 ] && return 0
		sleep 0.01
		_n=$((_n + 1))
	done
	echo "still running after 10 s: $*" >&2
	return 1
}
_group_live() { ps -e -o pgid=,pid=,stat=,args= | awk -v g="$1" '$1 == g && $3 !~ /^Z/'; }
gone_group() {
	_n=0
	while [ $_n -lt 1000 ]; do
		[ -z "$(_group_live "$1")" ] && return 0
		sleep 0.01
		_n=$((_n + 1))
	done
	echo "process group $1 still running after 10 s: $(_group_live "$1")" >&2
	return 1
}

# fixture NAME FILE: FILE becomes a copy of the fixture database NAME,
# which tests/fixtures/NAME.sh builds (given the file to write, with $YICI
# and the suites' environment).  tests/run.sh builds each fixture once per
# run, in $YICI_FIXTURES, however many suites start from it; a suite run
# alone builds its own.  So each suite holds one behaviour and starts from
# the same known database, not from the state earlier checks left.
fixture() {
	_fd=${YICI_FIXTURES:-$T/.fixtures}
	mkdir -p "$_fd" || return 2
	if [ ! -f "$_fd/$1.db" ]; then
		if [ ! -f "$top/tests/fixtures/$1.sh" ]; then
			echo "fixture $1: no tests/fixtures/$1.sh" >&2
			exit 2
		fi
		rm -f "$_fd/$1.new" "$_fd/$1.new-wal" "$_fd/$1.new-shm"
		if ! (cd "$_fd" && YICI=$YICI sh "$top/tests/fixtures/$1.sh" "$_fd/$1.new") >"$_fd/$1.log" 2>&1 ||
			[ ! -s "$_fd/$1.new" ]; then
			echo "fixture $1: tests/fixtures/$1.sh failed:" >&2
			cat "$_fd/$1.log" >&2
			exit 2
		fi
		# one file, with nothing left in a WAL beside it
		sqlite3 -batch -cmd '.timeout 5000' "$_fd/$1.new" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null &&
			rm -f "$_fd/$1.new-wal" "$_fd/$1.new-shm" &&
			mv "$_fd/$1.new" "$_fd/$1.db" || exit 2
		echo "$1" >>"$_fd/built"
	fi
	rm -f "$2" "$2-wal" "$2-shm"
	cp "$_fd/$1.db" "$2" && chmod 660 "$2"
}

# injury_form ID NAME: the --field options of the standard injury case the
# window suites submit (the worker applying for himself, employer 合肥某机械厂
# 91110000100006485K insured, an accident at work on 2026-11-20), one
# definition for lib_window.sh, lib_form.sh, lib_acceptance.sh, papers.sh,
# querycode.sh and lapse.sh; unquoted in the call ($(injury_form ...)) on purpose.
injury_form() {
	echo "--field applicant.type=worker --field applicant.name=$2 --field applicant.id_number=$1
 --field applicant.phone=13812345678 --field worker.name=$2 --field worker.id_number=$1
 --field employer.name=合肥某机械厂 --field employer.credit_code=91110000100006485K --field employer.insured=1
 --field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window"
}

# death_form: the --field options of the standard death case (王强
# 11010519491231002X died at work on 2026-11-11, his spouse 李梅
# 340102198705121244 applying; employer 合肥某建筑公司 9144030071526726XG),
# one definition for lib_window.sh and lib_form.sh.
death_form() {
	echo "--field applicant.type=relative --field applicant.relation=配偶 --field applicant.name=李梅
 --field applicant.id_number=340102198705121244 --field applicant.phone=13912345678 --field worker.name=王强
 --field worker.id_number=11010519491231002X --field employer.name=合肥某建筑公司 --field employer.credit_code=9144030071526726XG
 --field employer.insured=1 --field accident.kind=death --field accident.date=2026-11-10
 --field accident.death_date=2026-11-11 --field accident.place=工地 --field accident.type=accident
 --field accident.circumstance=work --field accident.description=高处坠落 --field accident.body_part=头部
 --field accident.diagnosis=颅脑损伤 --field delivery.method=window"
}

# add_item15 DIR: appends the 15th item BZ (一次性伤残就业补助金确认, an agency
# payment waiting on JD graded 5-10) to the items.csv and outcomes.csv of a
# copy of a catalog; its materials are the caller's (item_materials.csv).
add_item15() {
	echo '15,BZ,一次性伤残就业补助金确认,agency,injury,,JD:grade=5-10,伤残等级5–10级且解除劳动关系,reimburse,15,条例 §36–37（测试项目）,yes,sms_pay_accepted,sms_pay_accepted,sms_ready,rd_delivery,judicial,,,,window,,' >>"$1/items.csv"
	printf 'BZ,approved,核准支付,yes,no,no,no,yes,sms_paid,\nBZ,refused,不予支付,no,no,yes,no,no,,\n' >>"$1/outcomes.csv"
}
