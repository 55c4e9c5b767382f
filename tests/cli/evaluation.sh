#!/bin/sh
# tests/cli/evaluation.sh — 好差评 come from the applicant: evaluate records
# the channel (pad at the window, SMS reply, online); a user who served the
# case at the window may not enter its rating; the platform's
# evaluations.csv is imported and applied (idempotent by eval_id), and the
# channel is exported.
. "$(dirname "$0")/../lib.sh"

# Every check here acts as other logins (YICI_USER: root, or a user namespace).
root_begin
as_user() { YICI_USER=$1; export YICI_USER; shift; run "$@"; unset YICI_USER; }

fixture demo200s7 e.db
rc=$?
expect_rc "demo database" 0
# cases with a result delivered and no rating yet, and who served them
pick() {
	sql e.db "SELECT c.case_no || ' ' || (SELECT e.actor FROM event e WHERE e.case_id = c.id AND e.kind = 'accepted' LIMIT 1) FROM cases c WHERE c.state IN ('accepted', 'closed') AND EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.state = 'delivered') AND NOT EXISTS (SELECT 1 FROM evaluation v WHERE v.case_id = c.id) ORDER BY c.id LIMIT 1 OFFSET $1"
}
set -- $(pick 0); c1=$1; served1=$2
set -- $(pick 1); c2=$1
set -- $(pick 2); c3=$1
set -- $(pick 3); c4=$1
other=$(sql e.db "SELECT login FROM staff WHERE role = 'clerk' AND login <> '$served1' LIMIT 1")
[ -n "$c4" ] && [ -n "$other" ] && pass "demo has delivered cases and two clerks" || \
	fail "demo has delivered cases and two clerks" "c1=$c1 c4=$c4 other=$other"
# make sure the other clerk did not serve c1 either
expect_eq "the other clerk did not serve $c1" \
	"$(sql e.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$c1' AND e.actor = '$other'")" 0

# ---- the clerk being rated cannot type the rating ----
as_user "$served1" --lang en -d e.db evaluate "$c1" --rating 5
expect_rc "the serving clerk enters a rating: refused" 1
expect_err "the serving clerk: says why" "served case $c1 and may not enter its rating"
expect_eq "the serving clerk: nothing stored" "$(sql e.db "SELECT count(*) FROM evaluation v JOIN cases c ON c.id = v.case_id WHERE c.case_no = '$c1'")" 0

# ---- from the pad, by someone else ----
as_user "$other" --lang en -d e.db evaluate "$c1" --rating 4 --channel pad
expect_rc "pad rating entered by another clerk: exit 0" 0
expect_eq "pad rating: channel and who entered it" \
	"$(sql e.db "SELECT v.channel || ' ' || v.entered_by FROM evaluation v JOIN cases c ON c.id = v.case_id WHERE c.case_no = '$c1'")" "pad $other"
as_user "$other" --lang en -d e.db evaluate "$c2" --rating 3 --channel fax
expect_rc "--channel fax: usage error" 2
expect_err "--channel fax: names the channels" "pad, sms or online"
run --lang en -d e.db evaluate "$c2" --rating 2 --channel sms --comment 回复短信
expect_rc "sms rating typed by the supervisor: exit 0" 0
expect_eq "sms rating: channel stored" "$(sql e.db "SELECT v.channel FROM evaluation v JOIN cases c ON c.id = v.case_id WHERE c.case_no = '$c2'")" sms
expect_out "sms rating: event names the channel" "rated 2"
expect_eq "event detail names the channel" \
	"$(sql e.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$c2' AND e.kind = 'evaluated' AND instr(e.detail, 'sms') > 0")" 1

# ---- evaluations.csv from the platform ----
mkdir in
printf 'eval_id,case_no,rating,channel,comment\r\nEV-1,%s,5,online,办得快\r\nEV-2,%s,1,sms,\r\nEV-3,%s,4,fax,\r\nEV-4,%s,4,online,\r\nEV-5,GS340102-20261128-0999,3,sms,\r\n' \
	"$c3" "$c4" "$c4" "$c1" >in/evaluations.csv
run --lang en -d e.db import in/evaluations.csv
expect_rc "import evaluations.csv: some rows rejected (exit 1)" 1
expect_out "import evaluations.csv: two applied" "applied 2"
expect_eq "imported: online rating applied, no clerk as its author" \
	"$(sql e.db "SELECT v.rating || ' ' || v.channel || ' ' || coalesce(v.entered_by, '-') || ' ' || v.ext_id FROM evaluation v JOIN cases c ON c.id = v.case_id WHERE c.case_no = '$c3'")" "5 online - EV-1"
expect_eq "imported: a poor SMS rating opens the follow-up" \
	"$(sql e.db "SELECT v.channel || ' ' || (v.followup_due IS NOT NULL) FROM evaluation v JOIN cases c ON c.id = v.case_id WHERE c.case_no = '$c4'")" "sms 1"
rej=in/evaluations.csv.rejects.csv
expect_eq "rejects: bad channel, already rated, unknown case" \
	"$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))); print(";".join(x["eval_id"]+":"+x["field"] for x in r))' "$rej")" \
	"EV-3:channel;EV-4:case_no;EV-5:case_no"
expect_eq "imported rating: its event, with the channel" \
	"$(sql e.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$c3' AND e.kind = 'evaluated' AND instr(e.detail, 'online') > 0")" 1
run --lang en -d e.db import in/evaluations.csv
expect_out "import again: skipped, nothing new" "applied 0, skipped 2"

# ---- exported with the channel ----
run --lang en -d e.db export -o out --all
b=$(ls -d out/*/ | head -n 1)
expect_eq "evaluations.csv export: channel column" \
	"$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))); print(sorted(set(x["channel"] for x in r if x["case_no"] in sys.argv[2:])))' "$b/evaluations.csv" "$c1" "$c2" "$c3")" \
	"['online', 'pad', 'sms']"
root_end
