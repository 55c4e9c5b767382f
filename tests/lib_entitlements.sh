# tests/lib_entitlements.sh — sourced by the entitlements_*.sh suites after
# tests/lib.sh: the workers, relatives and employers of the cases, the
# form of an injury (inj) and of a death (dth), and ent_init, a new
# database on the fixture catalog tests/data/forms/ (a copy of forms/), so
# a province editing forms/ does not change what these tests mean.
export YICI_FORMS="$top/tests/data/forms"

# ent_init: e.db, new
ent_init() {
	"$YICI" -d e.db init >/dev/null 2>&1
	rc=$?
	expect_rc "$(basename "$0" .sh): init on the fixture catalog" 0
}

W1=340102198503121238   # the injured worker
W2=11010519491231002X   # another worker, who dies at work
R1=340102198705121244   # a relative of W2
C1=91110000100006485K
C2=9144030071526726XG
inj() { # inj ACCIDENT_DATE: the injury form of W1
	echo "--field applicant.type=worker --field applicant.name=张三 --field applicant.id_number=$W1
 --field applicant.phone=13812345678 --field worker.name=张三 --field worker.id_number=$W1
 --field employer.name=合肥某机械厂 --field employer.credit_code=$C1 --field employer.insured=1
 --field accident.kind=injury --field accident.date=$1 --field accident.place=车间
 --field accident.type=accident --field accident.circumstance=work
 --field accident.description=操作机床时右手受伤 --field accident.body_part=右手
 --field accident.diagnosis=右手骨折 --field delivery.method=window"
}
dth() { # dth WORKER ACCIDENT_DATE CIRCUMSTANCE: a death case filed by a relative
	echo "--field applicant.type=relative --field applicant.relation=配偶 --field applicant.name=李梅
 --field applicant.id_number=$R1 --field applicant.phone=13912345678 --field worker.name=王强
 --field worker.id_number=$1 --field employer.name=合肥某建筑公司 --field employer.credit_code=$C2
 --field employer.insured=1 --field accident.kind=death --field accident.date=$2
 --field accident.death_date=$2 --field accident.place=工地 --field accident.type=accident
 --field accident.circumstance=$3 --field accident.description=高处坠落 --field accident.body_part=头部
 --field accident.diagnosis=颅脑损伤 --field delivery.method=window"
}
st() { sql e.db "SELECT t.state FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$1' AND t.item = '$2'"; }
decide() { run --lang en -d e.db task decide "$@"; }
no() { printf 'GS340102-20261128-%04d' "$1"; }
# the number of the case filed last
last_case() { sql e.db "SELECT case_no FROM cases WHERE case_no IS NOT NULL ORDER BY id DESC LIMIT 1"; }
