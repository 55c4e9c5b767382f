# tests/lib_money.sh — sourced by the money_*.sh suites after tests/lib.sh:
# the officers of each office, a death case of the form (death), and
# money_setup, the start every file needs: m.db with death case 1
# (RD;GW;SZ;FX, insured) accepted and its RD recognised, so SZ has started.
# Every check here acts as other logins (YICI_USER: root, or a user
# namespace): this begins root_begin, each suite ends with root_end.
root_begin
me=$(id -un)
as() { u=$1; shift; YICI_USER=$u; export YICI_USER; run --lang en -d m.db "$@"; unset YICI_USER; }
q() { sql m.db "$1"; }
col() { q "SELECT coalesce(t.$3, '') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }
W2=11010519491231002X
R1=340102198705121244
C2=9144030071526726XG
# death NO INSURED(1|0) CIRCUMSTANCE: a death case RD;GW;SZ;FX, accepted
death() {
	run --lang en -d m.db apply --field applicant.type=relative --field applicant.relation=配偶 \
		--field applicant.name=李梅 --field applicant.id_number=$R1 --field applicant.phone=13912345678 \
		--field worker.name=王强 --field worker.id_number="$4" --field employer.name="合肥某建筑公司$1" \
		--field employer.credit_code=$C2 --field employer.insured="$2" --field accident.kind=death \
		--field accident.date=2026-11-10 --field accident.death_date=2026-11-11 --field accident.place=工地 \
		--field accident.type=accident --field accident.circumstance="$3" \
		--field accident.description=高处坠落 --field accident.body_part=头部 \
		--field accident.diagnosis=颅脑损伤 --field delivery.method=window \
		--items 'RD;GW;SZ;FX' --material all=received --submit
}
death 1 1 work $W2
# newest: the number of the case filed last
newest() { q "SELECT case_no FROM cases WHERE case_no IS NOT NULL ORDER BY id DESC LIMIT 1"; }

money_setup() {
	_p=$(basename "$0" .sh)
	"$YICI" -d m.db init >/dev/null 2>&1
	rc=$?
	expect_rc "$_p: init" 0
	for s in "rdoff admin" "pay1 agency" "pay2 agency" "pay3 admin"; do
		set -- $s
		"$YICI" -d m.db staff add "$1" --name "$1" --role officer --category "$2" >/dev/null 2>&1
	done
	death 1 1 work $W2
	expect_rc "$_p: death case accepted" 0
	C=GS340102-20261128-0001
	as rdoff task accept "$C" RD # the 行政 office accepts RD first (工伤认定办法 §8)
	as rdoff task decide "$C" RD --outcome recognised --document-no "瑶人社工认字〔2026〕1号"
	expect_rc "$_p: RD recognised" 0
	expect_eq "$_p: SZ started" "$(col "$C" SZ state)" accepted
}
