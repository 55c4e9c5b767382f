#!/bin/sh
# tests/cli/actions.sh — the one table of task actions (issue 14): who may
# do what from which state comes from core_task's table through task_may,
# and what an item allows from its forms/items.csv columns.  条例 §31: a
# medical-cost task (YL, whose "suspend" column is empty) is not suspended
# for 复议/诉讼; JD only for the reasons its column names; editing the
# column in a copy of the catalog changes it with no code.  Read actions
# (show, calc) open the database read-only.  Runs on the fixture catalog.
. "$(dirname "$0")/../lib.sh"
export YICI_FORMS="$top/tests/data/forms"

# Every check here acts as other logins (YICI_USER: root, or a user namespace).
root_begin
as() { db=$1 u=$2; shift 2; YICI_USER=$u; export YICI_USER; run --lang en -d "$db" "$@"; unset YICI_USER; }
q() { sql "$1" "$2"; }
st() { q "$1" "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$2' AND t.item = '$3'"; }

W1=340102198503121238
C1=91110000100006485K
inj() {
	run --lang en -d "$1" apply --field applicant.type=worker --field applicant.name=张三 \
		--field applicant.id_number=$W1 --field applicant.phone=13812345678 \
		--field worker.name=张三 --field worker.id_number=$W1 --field employer.name=合肥某机械厂 \
		--field employer.credit_code=$C1 --field employer.insured=1 --field accident.kind=injury \
		--field accident.date=2026-11-10 --field accident.place=车间 --field accident.type=accident \
		--field accident.circumstance=work --field accident.description=操作机床时右手受伤 \
		--field accident.body_part=右手 --field accident.diagnosis=右手骨折 \
		--field delivery.method=window --items 'RD;JD;YL' --material all=received --submit
}
setup() { # setup DB [FORMS]
	if [ -n "$2" ]; then
		YICI_FORMS="$2" "$YICI" -d "$1" init >/dev/null 2>&1
	else
		"$YICI" -d "$1" init >/dev/null 2>&1
	fi
	for s in "rdoff admin" "jdoff appraisal" "pay1 agency"; do
		set -- "$1" $s
		"$YICI" -d "$1" staff add "$2" --name "$2" --role officer --category "$3" >/dev/null 2>&1
	done
}
C=GS340102-20261128-0001

setup a.db
inj a.db
expect_rc "injury case RD;JD;YL accepted" 0
# a task starts at version 1: 0 tells db_task "don't check", so a first change
# the workstation made on what it saw was never checked against another's
expect_eq "new tasks start at version 1" "$(q a.db 'SELECT group_concat(DISTINCT version) FROM task')" 1
as a.db pay1 task take "$C" YL --expect-version 0
expect_rc "--expect-version 0: refused (task show prints 1 or more)" 1
as a.db rdoff task accept "$C" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as a.db rdoff task decide "$C" RD --outcome recognised --document-no "瑶人社工认字〔2026〕1号"
expect_rc "RD recognised" 0
expect_eq "YL started" "$(st a.db "$C" YL)" accepted
expect_eq "JD started" "$(st a.db "$C" JD)" accepted

# ---- 条例 §31: YL keeps being paid during reconsideration or litigation ----
for r in litigation reconsideration judicial; do
	as a.db pay1 task suspend "$C" YL --reason $r --note 行政诉讼中
	expect_rc "YL suspend for $r: refused" 1
done
expect_err "YL: the refusal names the rule" "YL cannot be suspended: forms/items.csv allows it no suspension \(条例 §31"
expect_eq "YL: still accepted" "$(st a.db "$C" YL)" accepted
expect_eq "YL: no pause recorded" "$(q a.db "SELECT count(*) FROM task_pause p JOIN task t ON t.id = p.task_id WHERE t.item = 'YL'")" 0
as a.db pay1 task suspend "$C" YL --reason litigation --lang zh
expect_err "YL refusal in Chinese names §31" "条例 §31"

# JD: only the reasons of its column (judicial;reappraisal)
as a.db jdoff task suspend "$C" JD --reason litigation
expect_rc "JD suspend for litigation: refused" 1
expect_err "JD: names the reasons it allows" "JD cannot be suspended for administrative litigation: forms/items.csv allows only awaiting a judicial or administrative conclusion or re-appraisal"
as a.db jdoff task suspend "$C" JD --reason judicial --note 等待劳动关系确认判决
expect_rc "JD suspend for judicial: allowed" 0
expect_eq "JD suspended" "$(st a.db "$C" JD)" suspended

# ---- the extend column: YL has none ----
as a.db pay1 task extend "$C" YL --reason 材料复杂
expect_rc "YL extend: refused" 1
expect_err "YL extend: the catalog column" "YL cannot be extended: forms/items.csv gives it no extension"

# ---- the column, not the code: a copy of the catalog lets YL be suspended for litigation ----
cp -r "$YICI_FORMS" forms2
# YL suspended for litigation; RD with no simple-case track; JD not re-appraised
awk -F, 'BEGIN { OFS = "," } $2 == "YL" { $17 = "litigation" } $2 == "RD" { $19 = "" }
	$2 == "JD" { $20 = "" } { print }' "$YICI_FORMS/items.csv" >forms2/items.csv
run --lang en --forms forms2 catalog --check
expect_rc "b: a rules.csv row no item names any more: refused" 1
expect_err "b: rd_simple is read by nothing" "rule 'rd_simple' is read by nothing"
grep -v '^rd_simple,\|^jd_reappraisal_request,' "$YICI_FORMS/rules.csv" >forms2/rules.csv
setup b.db "$PWD/forms2"
YICI_FORMS="$PWD/forms2" inj b.db
expect_rc "b: injury case accepted on the edited catalog" 0
YICI_FORMS="$PWD/forms2" as b.db rdoff task accept "$C" RD # by its office first (工伤认定办法 §8)
YICI_FORMS="$PWD/forms2" as b.db rdoff task review "$C" RD --simple
expect_rc "b: RD review --simple with no simple column: refused" 1
expect_err "b: says the column is empty" "RD has no simple-case track \(forms/items.csv simple is empty\)"
as a.db rdoff task review "$C" JD --simple
expect_rc "a: JD review --simple: refused (no simple column)" 1
YICI_FORMS="$PWD/forms2" as b.db rdoff task decide "$C" RD --outcome recognised --document-no "瑶人社工认字〔2026〕1号"
YICI_FORMS="$PWD/forms2" as b.db pay1 task suspend "$C" YL --reason reconsideration
expect_rc "b: YL suspend for reconsideration: still refused" 1
expect_err "b: names the one reason allowed" "allows only administrative litigation"
YICI_FORMS="$PWD/forms2" as b.db pay1 task suspend "$C" YL --reason litigation
expect_rc "b: YL suspend for litigation, as the edited column allows" 0
expect_eq "b: YL suspended" "$(st b.db "$C" YL)" suspended
as b.db jdoff task decide "$C" JD --outcome graded --grade 5 --document-no "皖劳鉴字〔2026〕9号"
expect_rc "b: JD graded" 0
as b.db jdoff task reappraise "$C" JD
expect_rc "b: JD with an empty reappraise column: re-appraisal refused" 1
expect_err "b: names the column" "JD cannot be re-appraised: forms/items.csv gives it no re-appraisal rule"

# ---- the SMS and delivery columns, not the code: a copy of the catalog where JD
# sends nothing when it starts, YL's approval takes the item's sms_decide and YL
# is delivered by jd_delivery's 15 days (the shipped rows: sms_jd_accepted,
# sms_paid, rd_delivery's 20), and YL's task calc is hospital_food's daily rate
# (its formula column, empty in the shipped rows) ----
cp -r "$YICI_FORMS" forms3
awk -F, 'BEGIN { OFS = "," } $2 == "JD" { $14 = "" } $2 == "YL" { $16 = "jd_delivery"; $23 = "hospital_food" } { print }' \
	"$YICI_FORMS/items.csv" >forms3/items.csv
awk -F, 'BEGIN { OFS = "," } $1 == "YL" && $2 == "approved" { $9 = "" } { print }' \
	"$YICI_FORMS/outcomes.csv" >forms3/outcomes.csv
run --lang en --forms forms3 catalog --check
expect_rc "c: the edited catalog passes catalog --check" 0
kinds() { q "$1" "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM notice WHERE channel = 'sms' ORDER BY id)"; }
for v in a c; do
	f=$top/tests/data/forms
	[ $v = c ] && f=$PWD/forms3
	db=${v}3.db
	setup $db "$f"
	YICI_FORMS="$f" inj $db
	YICI_FORMS="$f" as $db rdoff task accept "$C" RD
	YICI_FORMS="$f" as $db rdoff task decide "$C" RD --outcome recognised --document-no "瑶人社工认字〔2026〕1号"
	YICI_FORMS="$f" as $db pay1 task calc "$C" YL
	[ $v = a ] && expect_out "a: YL has no formula column: paid as invoiced" "YL is reimbursed as invoiced"
	[ $v = c ] && expect_err "c: YL with formula hospital_food: task calc computes it by the daily rate" "YL needs the days in hospital"
	# (c: 3 days × 30.00, task calc's reference)
	YICI_FORMS="$f" as $db pay1 task decide "$C" YL --outcome approved --payment-ref P1 \
		$([ $v = c ] && echo --days 3 --amount 90 || echo --amount 100)
	expect_rc "$v: YL approved" 0
done
expect_out_of() { case " $2 " in *" $3 "*) pass "$1" ;; *) fail "$1" "SMS kinds: $2" "expected $3 among them" ;; esac; }
expect_out_of "a: JD's start sends the item's sms_start" "$(kinds a3.db)" sms_jd_accepted
expect_out_of "a: YL's approval sends its outcome's sms" "$(kinds a3.db)" sms_paid
case " $(kinds c3.db) " in *" sms_jd_accepted "*) fail "c: JD with an empty sms_start sends nothing when it starts" "$(kinds c3.db)" ;;
*) pass "c: JD with an empty sms_start sends nothing when it starts" ;; esac
case " $(kinds c3.db) " in *" sms_paid "*) fail "c: YL's approval with an empty outcome sms sends the item's sms_decide" "$(kinds c3.db)" ;;
*) expect_out_of "c: YL's approval with an empty outcome sms sends the item's sms_decide" "$(kinds c3.db)" sms_ready ;; esac
# 18 days after the decision: late for rd_delivery's 15? no, 20; late for jd_delivery's 15
late() { YICI_NOW="2026-12-16 09:30" YICI_FORMS="$2" as "$1" pay1 queue --category agency --state decided --overdue --format csv; }
late a3.db "$top/tests/data/forms"
case $out in *"$C"*YL*) fail "a: YL decided 18 days ago is not late for rd_delivery (20 days)" "$out" ;;
*) pass "a: YL decided 18 days ago is not late for rd_delivery (20 days)" ;; esac
late c3.db "$PWD/forms3"
expect_out "c: YL decided 18 days ago is late for its delivery column's jd_delivery (15 days)" "$C.*YL"

# ---- who may: the table's permission, recorded when refused ----
as a.db rdoff task take "$C" YL
expect_rc "an officer of another office takes YL: refused" 1
expect_err "names the office" "works in other offices"
expect_eq "refusal recorded as 'task take'" "$(q a.db "SELECT role || ' ' || action FROM denied WHERE login = 'rdoff' ORDER BY id DESC LIMIT 1")" "officer task take"
as a.db pay1 task take "$C" YL
expect_rc "pay1 takes YL" 0
as a.db pay1 task take "$C" YL
expect_rc "take again: refused" 1
expect_err "already yours" "is already yours"

# ---- read actions open read-only: they work on a read-only file ----
cp a.db ro.db
chmod 0444 ro.db
as ro.db pay1 task show "$C" YL
expect_rc "task show on a read-only file: exit 0" 0
expect_out "task show: the task" "YL"
# ---- the demo suspends only what the catalog allows ----
fixture demo300 demo.db
expect_eq "demo: no suspension for a reason the item's suspend column does not allow (条例 §31)" \
	"$(q demo.db "SELECT count(*) FROM task_pause p JOIN task t ON t.id = p.task_id JOIN item i ON i.code = t.item WHERE instr(';' || i.suspend || ';', ';' || p.reason || ';') = 0")" 0
expect_eq "demo: it still has suspended tasks" \
	"$(q demo.db "SELECT count(*) > 0 FROM task WHERE state = 'suspended'")" 1

# ---- the queue's flags: awaiting countersignature, basis changed ----
setup c.db "$top/tests/data/forms" # its rates (minimum_wage_month) for task calc
"$YICI" -d c.db staff add pay2 --name pay2 --role officer --category agency >/dev/null 2>&1
me=$(id -un)
run --lang en -d c.db apply --field applicant.type=worker --field applicant.name=张三 \
	--field applicant.id_number=$W1 --field applicant.phone=13812345678 --field worker.name=张三 \
	--field worker.id_number=$W1 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 \
	--field employer.insured=1 --field accident.kind=injury --field accident.date=2026-11-20 \
	--field accident.place=车间 --field accident.type=accident --field accident.circumstance=work \
	--field accident.description=操作机床时右手受伤 --field accident.body_part=右手 \
	--field accident.diagnosis=右手骨折 --field delivery.method=window --items 'RD;JD;SC' \
	--material all=received --submit
expect_rc "c: injury case RD;JD;SC accepted" 0
as c.db rdoff task accept "$C" RD # the 行政 office accepts RD first (工伤认定办法 §8)
as c.db rdoff task decide "$C" RD --outcome recognised --document-no "瑶人社工认字〔2026〕4号"
as c.db jdoff task decide "$C" JD --outcome graded --grade 3 --document-no "皖劳鉴字〔2026〕1号"
as c.db pay1 task decide "$C" SC --outcome approved --amount 149500 --wage 6500 --payment-ref ZF5
expect_rc "c: SC approved above review_above_yuan" 0
as c.db pay1 queue --category agency --state decided
expect_out "queue table: SC awaiting countersignature" "$C +张三 +SC +to cosign"
as c.db pay1 queue --category agency --state decided --format csv
expect_out "queue CSV: the countersign and basis_changed columns" '^"case_no",.*,"countersign","basis_changed"'
expect_out "queue CSV: SC countersign pending" "^\"$C\",.*,\"SC\",\"decided\",.*,\"pending\",\"\""
as c.db pay1 queue --category agency --state decided --lang zh
expect_out "queue in Chinese: 待复核" "SC +待复核"
as c.db pay2 task countersign "$C" SC
expect_rc "c: pay2 countersigns" 0
as c.db pay1 queue --category agency --state decided
expect_out "queue: countersigned SC is decided again" "$C +张三 +SC +decided"
as c.db "$me" task deliver "$C" JD --method window --recipient 张三
as c.db jdoff task reappraise "$C" JD
as c.db jdoff task decide "$C" JD --outcome graded --grade 6 --document-no "皖劳鉴字〔2026〕2号"
expect_rc "c: re-appraisal grade 6" 0
as c.db pay1 queue --category agency --state decided
expect_out "queue table: SC recalculation due" "$C +张三 +SC +to recalc"
as c.db pay1 queue --category agency --state decided --format csv
expect_out "queue CSV: basis_changed says why" "^\"$C\",.*,\"SC\",\"decided\",.*,\"\",\"grade 3 → 6 \(JD $C\): recalculation due\""
root_end
