#!/bin/sh
# tests/cli/office_race.sh — two officers deciding the same task at once: one wins,
# the other is refused and told why, one decided event
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_office.sh"

# ---- two officers at once: one wins, the other is told ----
R=$(q "SELECT c.case_no FROM cases c JOIN task r ON r.case_id = c.id AND r.item = 'RD' AND r.state = 'in_review' ORDER BY c.id DESC LIMIT 1")
(YICI_USER=zhaolei "$YICI" --lang en -d o.db task decide "$R" RD --outcome recognised --document-no A1 >a.out 2>a.err; echo $? >a.rc) &
(YICI_USER=sunli "$YICI" --lang en -d o.db task decide "$R" RD --outcome deemed --document-no B1 >b.out 2>b.err; echo $? >b.rc) &
wait
rcs=$(cat a.rc b.rc | sort | tr '\n' ' ')
expect_eq "race: one wins, one is refused" "$rcs" "0 1 "
loser=$(cat a.err b.err)
if printf '%s' "$loser" | grep -Eq "decided|meanwhile"; then pass "race: the loser is told why"; else fail "race: the loser is told why" "$loser"; fi
expect_eq "race: one decided event" "$(q "SELECT count(*) FROM event e JOIN task t ON t.id = e.task_id JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$R' AND t.item = 'RD' AND e.kind = 'decided'")" 1
