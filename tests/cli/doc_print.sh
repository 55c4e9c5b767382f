#!/bin/sh
# tests/cli/doc_print.sh — the papers the citizen takes home (issue 16): a
# paper printed through a private CUPS file printer (own socket, spool and
# configuration under $T; root only): lp asked for A4, the job's output
# A4 and rendering the page as the PDF does.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_doc.sh"

# ---- printing through a CUPS file printer ----
# A private cupsd (own socket, spool and configuration under $T) with a
# file: queue; lp is asked for A4; the job's output (PostScript from CUPS's
# filters) must be A4 and render the page as the PDF does.
if [ "$(id -u)" -ne 0 ]; then
	skip "print through CUPS" "needs root to run a private cupsd"
elif ! have cupsd || ! have lpadmin || ! have lp; then
	skip "print through CUPS" "cups, cups-client not installed"
elif ! getent passwd lp >/dev/null; then
	skip "print through CUPS" "no user lp for cupsd"
else
	C=$T/cups
	mkdir -p "$C/spool" "$C/tmp" "$C/cache" "$C/state" "$C/log" "$C/ppd"
	cat > "$C/cupsd.conf" <<CONF
Listen $C/cups.sock
LogLevel warn
DefaultAuthType None
WebInterface No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
	cat > "$C/cups-files.conf" <<CONF
ServerRoot $C
RequestRoot $C/spool
TempDir $C/tmp
CacheDir $C/cache
StateDir $C/state
ErrorLog $C/log/error_log
AccessLog $C/log/access_log
PageLog $C/log/page_log
FileDevice Yes
Sandboxing Relaxed
User lp
Group lp
CONF
	: > "$C/printed.out"
	chown lp "$C/printed.out"
	chgrp -R lp "$C"
	chmod 755 "$T"
	chmod -R g+rwX "$C"
	cupsd -f -c "$C/cupsd.conf" -s "$C/cups-files.conf" >"$C/log/out" 2>&1 &
	cupsd_pid=$!
	trap 'kill $cupsd_pid 2>/dev/null; rm -rf "$T"' EXIT
	export CUPS_SERVER="$C/cups.sock"
	poll test -S "$C/cups.sock"
	if lpadmin -p yicitest -E -v "file://$C/printed.out" -m drv:///sample.drv/generic.ppd 2>"$C/log/lpadmin"; then
		"$YICI" -d d.db config printer yicitest >/dev/null
		run -d d.db doc "$REF" refusal -o "$T/print.pdf" --print
		expect_rc "print: yici doc --print" 0
		expect_out "print: says where" '已送打印机 yicitest'
		TUI_POLLS=300 poll sh -c "lpstat -W completed -o yicitest 2>/dev/null | grep -q yicitest"
		if head -c 200 "$C/printed.out" | grep -q '^%!PS' &&
		   grep -aq 'HiResBoundingBox: 0 0 595.00 842.00' "$C/printed.out"; then
			pass "print: CUPS printed it on A4"
		else
			fail "print: CUPS printed it on A4" "$(head -c 300 "$C/printed.out")" "$(tail -5 "$C/log/error_log" 2>/dev/null)"
		fi
		if have gs; then
			gs -q -dNOPAUSE -dBATCH -sDEVICE=pgmraw -r30 -dFirstPage=1 -dLastPage=1 \
			   -o "$T/printed.pgm" "$C/printed.out" >/dev/null 2>&1
			pdftoppm -r 30 -gray -f 1 -l 1 -singlefile "$T/print.pdf" "$T/page-print"
			# Ghostscript draws without anti-aliasing: 10% of pixels may differ
			if res=$(cmp_page "$T/printed.pgm" "$T/page-print.pgm" 10); then
				pass "print: the printed page is the document ($res)"
			else
				fail "print: the printed page is the document" "$res"
			fi
		fi
	else
		skip "print through CUPS" "lpadmin failed: $(cat "$C/log/lpadmin")"
	fi
	kill "$cupsd_pid" 2>/dev/null
	wait "$cupsd_pid" 2>/dev/null
fi
