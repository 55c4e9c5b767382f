#!/bin/sh
# tests/cli/limits.sh — the catalog's bounds are checked where the data
# enters (issue 19): forms/ may hold up to MAX_MATERIALS (128) materials and
# MAX_ITEMS items; the 129th material is refused by catalog --check and init
# with its file and line, instead of every apply writing past the array.  A
# 65th material (where the old bound of 64 overflowed) and a catalog at the
# bound load and apply, with a 15th item too.  Runs on copies of the
# fixture catalog tests/data/forms/.
. "$(dirname "$0")/../lib.sh"
export YICI_FORMS="$top/tests/data/forms"

# more DIR LAST: materials M21..MLAST added to the copy DIR, each required by RD
more() {
	cp -r "$YICI_FORMS" "$1"
	i=21
	while [ $i -le "$2" ]; do
		echo "M$i,测试材料$i," >>"$1/materials.csv"
		echo "RD,M$i,yes,no,," >>"$1/item_materials.csv"
		i=$((i + 1))
	done
}
noasan() { # noasan NAME: no sanitizer report on stderr
	if printf '%s\n' "$err" | grep -q 'Sanitizer'; then fail "$1" "$(printf '%s' "$err" | head -c 600)"
	else pass "$1"; fi
}

W1=340102198503121238
C1=91110000100006485K
inj() {
	echo "--field applicant.type=worker --field applicant.name=张三 --field applicant.id_number=$W1
 --field applicant.phone=13800138000 --field worker.name=张三 --field worker.id_number=$W1
 --field worker.phone=13800138000 --field employer.name=合肥众诚机械有限公司
 --field employer.credit_code=$C1 --field employer.insured=1
 --field accident.kind=injury --field accident.date=2026-11-20 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window"
}

# ---- 65 materials: past the old bound of 64, they load and apply ----
more f65 65
run --lang en catalog --check --forms f65
expect_rc "65 materials: catalog --check accepts them" 0
expect_out "65 materials: counted" "65 materials"
run --lang en -d m65.db init --forms f65
expect_rc "65 materials: init" 0
# shellcheck disable=SC2046
YICI_FORMS=$T/f65 run --lang en -d m65.db apply $(inj) --items 'RD' --material all=received --submit
expect_rc "65 materials: apply RD with every material accepted" 0
noasan "65 materials: apply without a sanitizer report"
expect_eq "65 materials: M65 among the case's materials" \
	"$(sql m65.db "SELECT count(*) FROM case_material WHERE material = 'M65'")" 1
YICI_TEST_FORMS=$T/f65 sh "$top/tests/run.sh" forms >"$T/.fo" 2>&1
rc=$?
expect_rc "65 materials: make test's check of forms/ passes with them" 0

# ---- 128 materials: the bound itself loads and applies ----
more f128 128
run --lang en catalog --check --forms f128
expect_rc "128 materials: catalog --check accepts them" 0
expect_out "128 materials: counted" "128 materials"
run --lang en -d m128.db init --forms f128
expect_rc "128 materials: init" 0
# shellcheck disable=SC2046
YICI_FORMS=$T/f128 run --lang en -d m128.db apply $(inj) --items 'RD' --material all=received --submit
expect_rc "128 materials: apply RD with every material accepted" 0
noasan "128 materials: apply without a sanitizer report"
expect_eq "128 materials: M21..M128 among the case's materials" \
	"$(sql m128.db "SELECT count(*) FROM case_material WHERE CAST(substr(material, 2) AS INT) > 20")" 108

# ---- 129 materials: refused where they enter ----
more f129 129
run --lang en catalog --check --forms f129
expect_rc "129 materials: catalog --check exits 1" 1
expect_err "129 materials: the 129th row named by file and line" "materials.csv:130: more than 128 materials"
noasan "129 materials: catalog --check without a sanitizer report"
run --lang en -d m129.db init --forms f129
expect_rc "129 materials: init refuses" 1
expect_err "129 materials: init names the row" "materials.csv:130: more than 128 materials"
noasan "129 materials: init without a sanitizer report"
if [ -f m129.db ] && [ "$(sql m129.db "SELECT count(*) FROM sqlite_master WHERE name = 'material'")" = 1 ] &&
   [ "$(sql m129.db "SELECT count(*) FROM material")" != 0 ]; then
	fail "129 materials: init leaves no catalog" "$(sql m129.db "SELECT count(*) FROM material")"
else
	pass "129 materials: init leaves no catalog"
fi

# ---- a 15th item with the 128 materials (entitlements_item15.sh applies one) ----
add_item15 f128
printf 'BZ,M01,yes,no,,\nBZ,M128,yes,no,,\n' >>f128/item_materials.csv
run --lang en catalog --check --forms f128
expect_rc "15 items and 128 materials: catalog --check accepts them" 0
expect_out "15 items and 128 materials: counted" "15 items, 128 materials"

# ---- names are shown whole by case show (no silent cut inside a row) ----
# A 100-character employer name (form.csv's limit) and a 100-character
# worker name (a copy of the catalog whose form allows it).
cp -r "$YICI_FORMS" f100
sed -i 's/^\(6,worker,worker.name,Worker name,text,yes,\)50$/\1100/' f100/form.csv
EMP=$(python3 -c 'print(("安徽省合肥市瑶海区众诚精密机械制造与汽车零部件加工有限责任公司" * 4)[:100])')
WKR=$(python3 -c 'print(("欧阳" + "一二三四五六七八九十" * 10)[:100])')
expect_eq "the employer name has 100 characters" "$(printf '%s' "$EMP" | python3 -c 'import sys; print(len(sys.stdin.read()))')" 100
"$YICI" -d n.db init --forms f100 >/dev/null 2>&1
# shellcheck disable=SC2046
YICI_FORMS=$T/f100 run --lang en -d n.db apply $(inj | sed "s/employer.name=[^ ]*/employer.name=$EMP/; s/worker.name=[^ ]*/worker.name=$WKR/") \
	--items 'RD' --material all=received --submit
expect_rc "100-character names: accepted" 0
NO=$(sql n.db "SELECT case_no FROM cases LIMIT 1")
YICI_FORMS=$T/f100 run --lang en -d n.db case show "$NO"
expect_rc "case show: exit 0" 0
if printf '%s\n' "$out" | grep -F "$EMP" | grep -q '^Employer'; then pass "case show: the 100-character employer name whole"
else fail "case show: the 100-character employer name whole" "$(printf '%s\n' "$out" | grep '^Employer')"; fi
if printf '%s\n' "$out" | grep -F "$WKR" | grep -q '^Worker'; then pass "case show: the 100-character worker name whole"
else fail "case show: the 100-character worker name whole" "$(printf '%s\n' "$out" | grep '^Worker')"; fi
YICI_FORMS=$T/f100 run --lang en -d n.db case list
if printf '%s\n' "$out" | grep -qF "$EMP"; then pass "case list: the 100-character employer name whole"
else fail "case list: the 100-character employer name whole" "$out"; fi
YICI_FORMS=$T/f100 run --lang en -d n.db case list --format csv
if printf '%s\n' "$out" | grep -F "$EMP" | grep -qF "$WKR"; then pass "case list csv: both names whole"
else fail "case list csv: both names whole" "$out"; fi

# ---- one case-number shape (case_no_parse) for every command ----
run --lang en -d n.db task show GS340102-20261399-0001 RD
expect_rc "task show: a number with no real date is refused" 1
expect_err "task show: says the date is not real" "case number 'GS340102-20261399-0001' has no real date"
run --lang en -d n.db task show GS34-bad RD
expect_err "task show: not a case number" "'GS34-bad' is not a case number"
YICI_FORMS=$T/f100 run --lang en -d n.db case show "$(printf '%s' "$NO" | tr 'GS' 'gs')"
expect_rc "case show: the number in lower case opens the case" 0
expect_out "case show: lower case, the same case" "^Case $NO"
run --lang en -d n.db case show GS340102-20261399-0001
expect_err "case show: the same message as task show" "case number 'GS340102-20261399-0001' has no real date"
