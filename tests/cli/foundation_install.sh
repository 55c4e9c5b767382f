#!/bin/sh
# tests/cli/foundation_install.sh — the foundation commands: make install into a staging folder, and yici run from there.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_foundation.sh"

# ---- make install into a staging folder, run from there ----
# The PREFIX of the build, so that build/gen/paths.h (and every object)
# stays as built.
stage="$T/stage"
if make -s --no-print-directory -C "$top" install DESTDIR="$stage" >inst.log 2>&1; then
	pass "make install DESTDIR: exit 0"
else
	fail "make install DESTDIR: exit 0" "$(tail -n 5 inst.log)"
fi
# PREFIX may come from the make that runs the tests (MAKEFLAGS).
p=$(find "$stage" -path '*/bin/yici' | sed 's|/bin/yici$||')
p=${p:-$stage/usr/local}
for f in bin/yici share/yici/forms/items.csv share/yici/forms/form.csv share/man/man1/yici.1 \
	share/man/man5/yici-exchange.5 share/locale/zh_CN/LC_MESSAGES/yici.mo; do
	if [ -f "$p/$f" ]; then pass "make install: $f"; else fail "make install: $f" "missing under $p"; fi
done
# The staged binary finds its own share folder: no --forms, no YICI_FORMS,
# no YICI_LOCALEDIR, run from a folder without forms/.
mkdir inst && cd inst || exit 2
env -u YICI_FORMS -u YICI_LOCALEDIR "$p/bin/yici" -d i.db init >../inst.out 2>../inst.err
rc=$?
err=$(cat ../inst.err)
expect_rc "installed binary: init finds the installed forms" 0
env -u YICI_FORMS -u YICI_LOCALEDIR "$p/bin/yici" -d i.db catalog >../inst.out 2>&1
if grep -q '^共 14 个事项' ../inst.out; then
	pass "installed binary: Chinese catalog from the installed message catalog"
else
	fail "installed binary: Chinese catalog from the installed message catalog" "$(head -n 3 ../inst.out)"
fi
cd .. || exit 2
make -s --no-print-directory -C "$top" uninstall DESTDIR="$stage" >inst.log 2>&1
left=$(find "$stage" -type f | head -n 5)
expect_eq "make uninstall DESTDIR: no file left" "$left" ""
