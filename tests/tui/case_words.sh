#!/bin/sh
# tests/tui/case_words.sh — event details in the reader's language: codes and values
# written by an English session read in Chinese in the Chinese timeline
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_tui.sh"
. "$top/tests/lib_caseview.sh"

# ---- event details in the reader's language ----
# details are codes and values whoever wrote them (here as an English
# session's writers store them): the Chinese timeline says them in Chinese
sql "$T/d.db" "INSERT INTO event (case_id, at, actor, actor_role, kind, detail)
 SELECT c.id, '2027-02-01 09:00:00', 'system', 'system', 'supplemented', 'materials: M03=received'
 FROM cases c WHERE c.case_no = '$no';
 INSERT INTO event (case_id, at, actor, actor_role, kind, detail)
 SELECT c.id, '2027-02-01 09:01:00', 'system', 'system', 'extended', '30 days: 需补充专项检查'
 FROM cases c WHERE c.case_no = '$no'" 2>/dev/null
tm new-session -d -s zh -x 120 -y 30 -e LANG=C.UTF-8 -e YICI_NOW="$YICI_NOW" \
	-e YICI_FORMS="$YICI_FORMS" -e YICI_LOCALEDIR="$YICI_LOCALEDIR" \
	-e ASAN_OPTIONS=detect_leaks=0 "$YICI --lang zh -d $T/d.db"
tm send-keys -t zh F5
check "zh: the lookup" wait_for zh "(查找|搜索|查询)"
tm send-keys -t zh -l "$no"
tm send-keys -t zh Enter
check "zh: the case found" wait_for zh "^ *$no"
tm send-keys -t zh Enter
check "zh timeline: the supplement's materials in Chinese" wait_for zh "材料：M03 已收取"
check "zh timeline: the extension in Chinese" wait_for zh "延长 30 日：需补充专项检查"
if screen zh | grep -Eq "=received|30 days"; then
	fail "zh timeline: no English detail" "$(screen zh | grep -E "=received|30 days")"
else
	pass "zh timeline: no English detail"
fi
tm send-keys -t zh F10
