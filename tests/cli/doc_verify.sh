#!/bin/sh
# tests/cli/doc_verify.sh — the papers the citizen takes home (issue 16): the QR
# code of an issued paper decoded (zbarimg) and checked by `yici doc
# verify` (valid; an altered digest, a number never issued and a record
# changed after issue are not), and bad input: an unknown kind, a refusal
# of a case not refused, --print with no printer, an unknown placeholder
# in forms/documents.csv.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_doc.sh"

# setup: the refusal of the refused demo case, issued
run -d d.db doc "$REF" refusal -o "$T/refusal.pdf"
expect_rc "setup: the refusal issued" 0

# ---- the QR code and yici doc verify ----
if have zbarimg && have pdftoppm; then
	pdftoppm -r 300 -gray -png -f 1 -l 1 "$T/refusal.pdf" "$T/qr"
	code=$(zbarimg -q --raw "$T"/qr-1.png 2>/dev/null | head -n 1)
	case "$code" in
	"YICI-DOC|$REF|瑶人社工不受字〔2026〕1号|"*) pass "QR: case number, 文号 and digest" ;;
	*) fail "QR: case number, 文号 and digest" "decoded '$code'" ;;
	esac
	run -d d.db doc verify "$code"
	expect_rc "verify: the issued document" 0
	expect_out "verify: says what it is" '^valid：不予受理决定书 瑶人社工不受字〔2026〕1号'
	run -d d.db doc verify "$(printf '%s' "$code" | sed 's/|[0-9a-f]*$/|0123456789abcdef/')"
	expect_rc "verify: an altered digest" 1
	expect_out "verify: altered says NOT valid" '^NOT valid'
	run -d d.db doc verify "YICI-DOC|$REF|瑶人社工不受字〔2026〕99号|0123456789abcdef"
	expect_rc "verify: a number never issued" 1
	sqlite3 d.db "UPDATE document SET body = replace(body, '不予受理', '予以受理') WHERE kind = 'refusal'"
	run -d d.db doc verify "$code"
	expect_rc "verify: a record changed after issue" 1
	expect_out "verify: says it was changed" '出具后被改动'
else
	skip "QR decoded and verified" "zbarimg or pdftoppm missing"
fi
run -d d.db doc verify "hello"
expect_rc "verify: not a yici code" 1

# ---- bad input ----
run -d d.db doc "$DEF" letter
expect_rc "doc: unknown kind is a usage error" 2
expect_err "doc: names the kinds" 'receipt, deficiency, acceptance'
run -d d.db doc "$DEF" refusal -o "$T/x.pdf"
expect_rc "doc: refusal of a case not refused" 1
run -d d.db doc "$DEF" receipt --print -o "$T/x.pdf"
expect_rc "doc --print without a printer" 1
expect_err "doc --print: names the setting" 'config printer'
mkdir -p "$T/badforms" && cp "$top"/tests/data/forms/*.csv "$T/badforms/"
printf 'receipt,para,,你好{nosuch}。,\n' >> "$T/badforms/documents.csv"
run --forms "$T/badforms" catalog --check
expect_rc "catalog --check: an unknown placeholder fails" 1
expect_err "catalog --check: names file, line, field" 'forms/documents.csv:[0-9]+: text：未知的占位符 \{nosuch\}'
run catalog --check
expect_out "catalog --check: documents OK" 'documents OK'

