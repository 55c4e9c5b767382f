#!/bin/sh
# tests/cli/doc_notices.sh — the papers the citizen takes home (issue 16): the
# window's and the offices' notices of a demo case as A4 PDF with the CJK
# font embedded (pdfinfo, pdffonts): receipt (the center's), deficiency
# (the accepting office's), acceptance (one per office), refusal (remedy,
# no time limit); their text (pdftotext: issuer, 文号, Chinese date, legal
# basis in words, no internal notes or codes); 文号 kept for a reprint and
# gap-free per issuer; each first page against its golden image.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_doc.sh"

doc_cases

# ---- receipt: the center's paper ----
doc "deficient demo case" "$DEF" receipt
a4_and_font receipt
has "receipt: issued by the service center" '合肥市瑶海区政务服务中心2026年11月28日'
has "receipt: 文号 of the center" '瑶政服收字〔2026〕1号'
has "receipt: names who reviews each item" '工伤认定申请——合肥市瑶海区人力资源和社会保障局'
has "receipt: legal basis in words" '《工伤认定办法》第八条'
has "receipt: center address and hours" '长江东路1158号.*办公时间'
clean receipt

# ---- deficiency: the office that accepts, not the center ----
doc "deficient demo case" "$DEF" deficiency
a4_and_font deficiency
has "deficiency: issued by the 人社局" '合肥市瑶海区人力资源和社会保障局2026年11月28日'
lacks "deficiency: not issued by the center" '政务服务中心2026年11月28日'
has "deficiency: cites 《工伤认定办法》第八条" '根据《工伤认定办法》第八条的规定'
has "deficiency: where and by when to bring them" '请于2026年[0-9]+月[0-9]+日前将上述材料送至合肥市瑶海区政务服务中心综合窗口'
has "deficiency: 文号" '瑶人社工补字〔2026〕1号'
clean deficiency

# ---- acceptance: one per accepting office ----
doc "case with tasks of three offices" "$ACC" acceptance
n=$(printf '%s\n' "$out" | grep -c '^受理通知书 ')
expect_eq "acceptance: one notice per office" "$n" 3
has "acceptance: 人社局 issues its own" '瑶人社工受字〔2026〕1号'
has "acceptance: 鉴定委员会 issues its own" '合劳鉴工受字〔2026〕1号'
has "acceptance: 经办机构 issues its own" '瑶社保工受字〔2026〕1号'
has "acceptance: RD's basis in words" '根据《工伤保险条例》第十七条、第十八条和《工伤认定办法》第八条的规定'
has "acceptance: what to bring to collect the result" '领取结果时，请携带本通知书和申请人身份证件原件'
has "acceptance: dates in Chinese" '依法应于20[0-9][0-9]年[0-9]+月[0-9]+日前办结'
lacks "acceptance: no ISO dates" '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
clean acceptance

# ---- refusal: remedy with the bodies named, no time limit, no progress query ----
doc "refused demo case" "$REF" refusal
has "refusal: 不予受理 by the 人社局" '不予受理决定书.*合肥市瑶海区人力资源和社会保障局2026年11月28日'
has "refusal: cites a provision" '根据《工伤保险条例》第十七条'
has "refusal: 复议机关 and court named" '向合肥市瑶海区人民政府申请行政复议.*向合肥市瑶海区人民法院提起行政诉讼'
lacks "refusal: no time limit" '办结|承诺|时限|工作日'
lacks "refusal: no progress query" '查询'
clean refusal

# ---- 文号: kept for a reprint, gap-free per issuer and year ----
nref=$(sql d.db "SELECT count(*) FROM document WHERE kind = 'refusal'")
run -d d.db doc "$REF" refusal -o "$T/refusal2.pdf"
expect_out "reprint: same 文号" '瑶人社工不受字〔2026〕1号'
expect_eq "reprint: no number taken" "$(sql d.db "SELECT last FROM doc_seq WHERE code = '瑶人社工不受字'")" 1
expect_eq "reprint: no new document row" "$(sql d.db "SELECT count(*) FROM document WHERE kind = 'refusal'")" "$nref"
expect_eq "文号 gap-free: 1..N for each issuer's 代字" \
	"$(sql d.db "SELECT count(*) FROM doc_seq s WHERE s.last <> (SELECT count(*) FROM document d WHERE d.code = s.code AND d.year = s.year) OR s.last <> (SELECT max(seq) FROM document d WHERE d.code = s.code AND d.year = s.year)")" 0
expect_eq "each document has its event" \
	"$(sql d.db "SELECT count(*) FROM document d JOIN event e ON e.id = d.event_id WHERE e.kind = 'notice_printed' AND e.detail LIKE '%' || d.doc_no")" \
	"$(sql d.db "SELECT count(*) FROM document")"


golden receipt
golden deficiency
golden acceptance
golden refusal "$T/refusal2.pdf"
