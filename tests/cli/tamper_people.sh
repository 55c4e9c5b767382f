#!/bin/sh
# tests/cli/tamper_people.sh — personal data in the excel batch: no full ID number or
# phone, IDs masked; --unmasked only by a supervisor with a reason, recorded
# (disclosure) under the ledger, and its record deleted around yici caught
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tamper.sh"

# ---- personal data in the excel batch ----
run -d d.db export -o people --all --for excel -v
expect_rc "export --for excel" 0
b=$(ls -d people/*/ | head -1)
full=$(sql d.db "SELECT count(*) FROM person WHERE id_number IS NOT NULL")
ids=$(python3 - "${b}cases.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
# columns H worker_id_number, K worker_phone, N applicant_id_number, O applicant_phone
cells = re.findall(r'<c r="([HKNO])[0-9]+"[^>]*><is><t>([^<]*)</t>', text)
full = sum(1 for c, v in cells if c in "HN" and re.fullmatch(r'[0-9]{17}[0-9X]', v))
phones = sum(1 for c, v in cells if c in "KO" and re.fullmatch(r'1[0-9]{10}', v))
masked = any(c == "H" and re.fullmatch(r'[0-9]{6}\*{8}[0-9]{3}[0-9X]', v) for c, v in cells)
print(full, phones, masked)
PY
)
expect_eq "excel batch: no full ID number nor phone, IDs masked" "$ids" "0 0 True"
run --lang en -d d.db export -o people --all --for excel --unmasked
expect_rc "--unmasked without --reason: usage error" 2
root_begin
YICI_USER=chenjing run --lang en -d d.db export -o people --all --for excel --unmasked --reason test
expect_rc "--unmasked by a clerk: refused" 1
root_end
run --lang en -d d.db export -o people --all --for excel --unmasked --reason "court order 12" -v
expect_rc "--unmasked by a supervisor with a reason" 0
b2=$(printf '%s\n' "$out" | head -1)
n=$(python3 -c "
import re, zipfile
z = zipfile.ZipFile('$b2/cases.xlsx')
text = ''.join(z.read(n).decode('utf-8') for n in z.namelist() if n.endswith('.xml'))
print(any(re.fullmatch(r'[0-9]{17}[0-9X]', v) for v in re.findall(r'<c r=.H[0-9]+.[^>]*><is><t>([^<]*)</t>', text)))")
expect_eq "--unmasked: full ID numbers" "$n" True
expect_eq "--unmasked is recorded with who and why" \
	"$(sql d.db "SELECT login || '|' || role || '|' || reason FROM disclosure")" "$(id -un)|supervisor|court order 12"
run --lang en -d d.db verify
expect_rc "the disclosure is under the ledger: verify ok" 0
fresh t18.db
with_trigger_off t18.db disclosure_no_delete "DELETE FROM disclosure"
caught "the record of an unmasked export deleted" t18.db "disclosure 1: deleted around yici"

figures "plain verify, disclosure"
