#!/bin/sh
# tests/cli/host.sh — a service center's host (issue 20): the source install
# and uninstall (no file and no folder left that it made), the systemd
# units (systemd-analyze verify), the import of the inbox with --done, bash
# completion of commands, options, item codes and case numbers, and the
# Debian package: built with dpkg-buildpackage from a copy of the tree,
# checked with dpkg -c and lintian, unpacked into a throwaway root whose
# yici runs from there.
. "$(dirname "$0")/../lib.sh"

# ---- make install / uninstall ----
stage="$T/stage"
mkdir -p "$stage/usr/local/bin" "$stage/usr/local/share/man/man1"
touch "$stage/usr/local/bin/other-tool"
if make -s --no-print-directory -C "$top" install DESTDIR="$stage" PREFIX=/usr/local >inst.log 2>&1; then
	pass "make install: exit 0"
else
	fail "make install: exit 0" "$(tail -n 5 inst.log)"
fi
p=$stage/usr/local
for f in bin/yici share/yici/forms/items.csv share/man/man1/yici.1 share/man/man5/yici-exchange.5 \
	share/locale/zh_CN/LC_MESSAGES/yici.mo lib/systemd/system/yici-sync.service \
	lib/systemd/system/yici-sync.timer lib/systemd/system/yici-import.path \
	lib/systemd/system/yici-import.service lib/systemd/system/yici-backup.service \
	lib/systemd/system/yici-backup.timer share/bash-completion/completions/yici; do
	[ -f "$p/$f" ] && pass "make install: $f" || fail "make install: $f" "missing"
done
expect_eq "make install: the units run the installed yici" \
	"$(grep -h '^ExecStart=' $p/lib/systemd/system/yici-sync.service | cut -d' ' -f1)" "ExecStart=/usr/local/bin/yici"
make -s --no-print-directory -C "$top" uninstall DESTDIR="$stage" PREFIX=/usr/local >inst.log 2>&1
expect_eq "make uninstall: only the file that was there before" "$(cd "$stage" && find . -type f)" "./usr/local/bin/other-tool"
expect_eq "make uninstall: no empty folder it made" "$(cd "$stage" && find . -type d -empty)" "./usr/local/share/man/man1"
expect_eq "make uninstall: the folders that were there stay" "$(cd "$stage" && find . -type d | sort | tr '\n' ' ')" \
	". ./usr ./usr/local ./usr/local/bin ./usr/local/share ./usr/local/share/man ./usr/local/share/man/man1 "

# ---- the systemd units ----
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir units
	for u in "$top"/contrib/systemd/*.service "$top"/contrib/systemd/*.timer "$top"/contrib/systemd/*.path; do
		sed "s|/usr/bin/yici|$YICI|g" "$u" >units/$(basename "$u")
	done
	v=$(cd units && systemd-analyze verify --man=no ./*.service ./*.timer ./*.path 2>&1)
	expect_eq "systemd-analyze verify: the units are clean" "$v" ""
else
	skip "systemd-analyze verify" "systemd-analyze not installed"
fi
u=$top/contrib/systemd
expect_eq "sync timer: every minute" "$(grep '^OnCalendar=' $u/yici-sync.timer)" "OnCalendar=minutely"
expect_eq "units run as the service login" "$(grep -h '^User=' $u/*.service | sort -u)" "User=yici"
expect_eq "import.path watches the inbox" "$(grep '^PathChanged=' $u/yici-import.path)" "PathChanged=/var/lib/yici/exchange/inbox"
expect_eq "backup timer: nightly" "$(grep '^OnCalendar=' $u/yici-backup.timer)" "OnCalendar=*-*-* 02:30:00"

# ---- import --done: the inbox is emptied ----
"$YICI" -d h.db init --demo 20 --seed 2 >/dev/null 2>&1
mkdir -p inbox
C=$(sql h.db "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state IN ('accepted', 'in_review') AND r.started_on <= '2026-11-28' ORDER BY c.id LIMIT 1")
printf 'result_id,case_no,item,decided_at,outcome,grade,care_level,amount_fen,document_no,officer,note\r\nH-1,%s,RD,2026-11-28,recognised,,,,D-1,王芳,\r\nH-2,GS-NONE,RD,2026-11-27,recognised,,,,D-2,王芳,\r\n' "$C" >inbox/results.csv
run --lang en -d h.db import --done done inbox
expect_rc "import --done: some rows rejected, exit 1" 1
expect_eq "import --done: the inbox is empty" "$(ls -A inbox)" ""
expect_eq "import --done: the file and its rejects in done/" "$(ls done | sed 's/^[0-9]*-//' | sort | tr '\n' ' ')" "results.csv results.csv.rejects.csv "
expect_eq "import --done: done/ is group-writable" "$(stat -c %a done)" 770
# online applications: the replies for the platform go beside the file and its rejects
rm -rf done2 && cp "$top/tests/data/exchange/applications.csv" inbox/
run --lang en -d h.db import --done done2 inbox
expect_eq "import --done: applications leave no replies.csv in the inbox" "$(ls -A inbox)" ""
expect_eq "import --done: applications, its rejects and replies.csv in done/" \
	"$(ls done2 | sed 's/^[0-9]*-//' | sort | tr '\n' ' ')" "applications.csv applications.csv.rejects.csv replies.csv "

# ---- bash completion ----
if command -v bash >/dev/null 2>&1; then
	cat >comp.sh <<'SH'
. "$1"
shift
COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_yici
printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
SH
	c() { bash comp.sh "$top/contrib/bash-completion/yici" "$YICI" "$@"; }
	expect_eq "completion: commands" "$(c sy)" "sync "
	expect_eq "completion: commands with a prefix" "$(c ca)" "case catalog "
	expect_eq "completion: options of a command" "$(c sync --e)" "--every "
	expect_eq "completion: task actions" "$(c -d h.db task dec)" "decide "
	expect_eq "completion: item codes" "$(c -d h.db task decide "$C" R)" "RD "
	n=$(c -d h.db case show GS | wc -w)
	expect_eq "completion: case numbers of the database" "$n" 20
	expect_eq "completion: one case number" "$(c -d h.db case show "$C" | tr -d ' ')" "$C"
	expect_eq "completion: roles" "$(c staff add x --role se)" "service "
else
	skip "bash completion" "no bash"
fi

# ---- the Debian package ----
if [ "$(id -u)" -ne 0 ]; then
	skip "Debian package (dpkg-buildpackage, lintian, postinst, the unpacked binary)" "not root: dpkg-buildpackage needs its build dependencies installed"
	exit 0
fi
if ! command -v dpkg-buildpackage >/dev/null 2>&1 || ! command -v dh >/dev/null 2>&1; then
	skip "Debian package (dpkg-buildpackage, lintian, postinst, the unpacked binary)" "dpkg-buildpackage or debhelper not installed"
	exit 0
fi
mkdir -p deb/yici
(cd "$top" && git ls-files -co --exclude-standard | grep -v '^debian/files$' | tar -cf - -T -) | tar -C deb/yici -xf -
(cd deb/yici && DEB_BUILD_OPTIONS="parallel=2 nocheck" dpkg-buildpackage -us -uc -b >../build.log 2>&1)
rc=$?
expect_rc "dpkg-buildpackage -us -uc -b: exit 0" 0
[ $rc -eq 0 ] || tail -n 20 deb/build.log
deb=$(ls deb/yici_*_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] && pass "the package: $(basename "$deb")" || fail "the package" "no yici_*.deb"
dpkg -c "$deb" | awk '{ print $6 }' >contents
for f in ./usr/bin/yici ./usr/share/yici/forms/items.csv ./usr/share/man/man1/yici.1.gz \
	./usr/share/man/man5/yici-exchange.5.gz ./usr/share/locale/zh_CN/LC_MESSAGES/yici.mo \
	./lib/systemd/system/yici-sync.timer ./lib/systemd/system/yici-sync.service \
	./lib/systemd/system/yici-import.path ./lib/systemd/system/yici-backup.timer \
	./usr/share/bash-completion/completions/yici ./usr/share/doc/yici/copyright ./etc/default/yici; do
	grep -qx "$f" contents && pass "package holds $f" || fail "package holds $f" "not in dpkg -c"
done
dpkg-deb -e "$deb" ctl
grep -q 'adduser --system' ctl/postinst && grep -q 'chmod 2770' ctl/postinst && grep -q 'chown root:yici' ctl/postinst &&
	pass "postinst: service login, group and /var/lib/yici 2770 root:yici" || fail "postinst: service login, group and /var/lib/yici 2770 root:yici" "$(cat ctl/postinst)"
grep -q 'yici-sync.timer' ctl/postinst && pass "postinst: enables and starts the sync timer" || fail "postinst: enables and starts the sync timer" "no yici-sync.timer in postinst"
if command -v lintian >/dev/null 2>&1; then
	l=$(lintian "$deb" 2>&1 | grep '^E:')
	expect_eq "lintian: no error" "$l" ""
else
	skip "lintian" "lintian not installed"
fi
dpkg -x "$deb" root
mkdir pk && cd pk || exit 2
env -u YICI_FORMS -u YICI_LOCALEDIR "$T/root/usr/bin/yici" -d p.db init >/dev/null 2>../pk.err
rc=$?
err=$(cat ../pk.err)
expect_rc "packaged yici: init with its own forms" 0
env -u YICI_FORMS -u YICI_LOCALEDIR "$T/root/usr/bin/yici" -d p.db catalog >../pk.out 2>&1
grep -q '^共 14 个事项' ../pk.out && pass "packaged yici: its Chinese messages" || fail "packaged yici: its Chinese messages" "$(head -n 2 ../pk.out)"

# ---- the package installed on this host, its service run as systemd runs it ----
# Only where the host is a throwaway (CI, or YICI_SYSTEM_TESTS=1) and has no
# yici of its own: dpkg -i changes the system (a login, a group, /var/lib/yici),
# and everything it made is removed after.  No systemd runs here (no PID 1 of
# its own), so the timer cannot fire: the test runs yici-sync.service's
# ExecStart with the unit's User, Group, UMask and Environment, which is what
# the timer starts every minute.
cd "$T" || exit 2
if [ "${CI:-}" != true ] && [ -z "${YICI_SYSTEM_TESTS:-}" ]; then
	skip "the installed package and its service (dpkg -i on this host)" "not a throwaway host: set CI=true or YICI_SYSTEM_TESTS=1"
elif [ -e /var/lib/yici ] || getent passwd yici >/dev/null || dpkg -s yici >/dev/null 2>&1; then
	skip "the installed package and its service (dpkg -i on this host)" "this host has a yici of its own"
else
	dpkg -i "$deb" >dpkg-i.log 2>&1
	expect_rc "dpkg -i: the package installs" 0
	expect_eq "postinst: /var/lib/yici 2770 root:yici" "$(stat -c '%a %U %G' /var/lib/yici)" "2770 root yici"
	expect_eq "postinst: the service login yici in group yici" "$(id -gn yici 2>/dev/null)" yici
	Y() { env -u YICI_FORMS -u YICI_LOCALEDIR -u YICI_NOW YICI_DB=/var/lib/yici/yici.db /usr/bin/yici --lang en "$@"; }
	# the center's set-up (yici(1) EXAMPLES): the supervisor makes the database
	# and registers the service login
	Y init --demo 40 --seed 4 >sys.out 2>&1
	expect_rc "installed yici: the center's database" 0
	Y staff add yici --name 同步服务 --role service >>sys.out 2>&1
	expect_rc "installed yici: the service login registered" 0
	unit=/lib/systemd/system/yici-sync.service
	[ -f "$unit" ] || unit=/usr/lib/systemd/system/yici-sync.service
	service() { # runs the unit's ExecStart as its User with its UMask and Environment
		envs=$(sed -n 's/^Environment=//p' "$unit" | tr '\n' ' ')
		cmd=$(sed -n 's/^ExecStart=//p' "$unit" | sed 's/\${YICI_OUTBOX}/$YICI_OUTBOX/; s/\${YICI_DB}/$YICI_DB/')
		runuser -u "$(sed -n 's/^User=//p' "$unit")" -g "$(sed -n 's/^Group=//p' "$unit")" -- \
			sh -c "umask $(sed -n 's/^UMask=//p' "$unit"); export $envs; $cmd -v" >svc.out 2>&1
	}
	service
	expect_rc "yici-sync.service as the login yici: the first batch" 0
	n1=$(ls /var/lib/yici/exchange/out | wc -l)
	expect_eq "the first batch is written" "$n1" 1
	# a clerk's colleague in the 行政 office decides an RD at the window's request
	rd=$(sqlite3 /var/lib/yici/yici.db "SELECT c.case_no FROM task t JOIN cases c ON c.id = t.case_id WHERE t.item = 'RD' AND t.state IN ('accepted', 'in_review') AND c.state = 'accepted' ORDER BY t.id LIMIT 1")
	YICI_USER=sunli Y task decide "$rd" RD --outcome recognised --document-no "瑶人社工认字〔2026〕90号" >>sys.out 2>&1
	expect_rc "an officer decides RD of $rd" 0
	service
	expect_rc "yici-sync.service: the next minute's batch" 0
	b=$(ls -t /var/lib/yici/exchange/out | head -n 1)
	expect_eq "a second batch" "$(ls /var/lib/yici/exchange/out | wc -l)" 2
	grep -q "$rd.*RD.*recognised" "/var/lib/yici/exchange/out/$b/tasks.csv" 2>/dev/null &&
		pass "the batch holds the decision" || fail "the batch holds the decision" "$(head -c 600 "/var/lib/yici/exchange/out/$b/tasks.csv" 2>&1)"
	grep -q "$rd" "/var/lib/yici/exchange/out/$b/notices.csv" 2>/dev/null &&
		pass "the batch holds its SMS" || fail "the batch holds its SMS" "$(head -c 600 "/var/lib/yici/exchange/out/$b/notices.csv" 2>&1)"
	expect_eq "the batch belongs to the group" "$(stat -c %G "/var/lib/yici/exchange/out/$b")" yici
	service
	expect_rc "yici-sync.service with nothing new" 0
	expect_eq "nothing new: no batch" "$(ls /var/lib/yici/exchange/out | wc -l)" 2
	dpkg --purge yici >dpkg-p.log 2>&1
	expect_rc "dpkg --purge" 0
	rm -rf /var/lib/yici
	deluser --system --quiet yici >/dev/null 2>&1
	delgroup --system --quiet yici >/dev/null 2>&1
	if getent passwd yici >/dev/null || [ -e /usr/bin/yici ]; then fail "the host as it was" "yici login or /usr/bin/yici left"; else pass "the host as it was"; fi
fi
