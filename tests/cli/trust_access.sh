#!/bin/sh
# tests/cli/trust_access.sh — the tamper-evident history and who sees what:
# who sees what: ID masking in every listing, reveals, and the
# record of refused actions
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_trust.sh"

# ---- who sees what ----
if has_id "x $(head -n 1 ids.txt) y" && ! has_id "340102********123X"; then
	pass "the ID detector finds a full ID and not a masked one"
else
	fail "the ID detector finds a full ID and not a masked one" "ids.txt: $(head -n 1 ids.txt)"
fi
for c in "catalog" "staff list" "config" "verify"; do
	run --lang en -d d.db $c
	if has_id "$out$err"; then
		fail "no full ID number in '$c'" "$(printf '%s\n' "$out" | grep -Ff ids.txt | head -3)"
	else
		pass "no full ID number in '$c'"
	fi
done
cno=$(sql d.db "SELECT case_no FROM cases WHERE state = 'accepted' LIMIT 1")
# Listings other issues add, when this build has them.
for c in "case list" "case show $cno" "queue" "outbox" "report --from 2024-01-01 --to 2026-12-31"; do
	set -- $c
	"$YICI" --lang en --help 2>/dev/null | grep -q "yici $1 " || continue
	run --lang en -d d.db $c
	if has_id "$out"; then
		fail "no full ID number in '$1'" "$(printf '%s\n' "$out" | grep -Ff ids.txt | head -3)"
	else
		pass "no full ID number in '$1'"
	fi
done
if has_id "$(sql d.db 'SELECT body FROM notice')"; then
	fail "no SMS text carries a full ID number" "$(sql d.db 'SELECT body FROM notice' | grep -Ff ids.txt | head -3)"
else
	pass "no SMS text carries a full ID number"
fi

worker_id=$(sql d.db "SELECT p.id_number FROM cases c JOIN person p ON p.id = c.worker_id WHERE c.case_no = '$cno'")
# the issue names the officer and clerk working the case, not supervisors
run --lang en -d d.db reveal "$cno"
expect_rc "a supervisor who does not work on the case may not reveal: exit 1" 1
expect_eq "a supervisor off the case sees no ID" "$out" ""
expect_err "the refusal says who may" "only the clerk who took it and the officers assigned"
expect_eq "the supervisor's refused reveal: 'denied' row" \
	"$(sql d.db "SELECT count(*) FROM denied WHERE login = '$me' AND action = 'reveal'")" 1
run --lang en -d d.db reveal GS000000-20260101-0001
expect_rc "reveal of an unknown case: exit 1" 1
run --lang en -d d.db reveal "$cno" --worker --applicant
expect_rc "reveal --worker --applicant: exit 2" 2

root_begin
taker=$(sql d.db "SELECT created_by FROM cases WHERE case_no = '$cno'")
other=$(sql d.db "SELECT login FROM staff WHERE role = 'clerk' AND login <> '$taker' LIMIT 1")
officer=$(sql d.db "SELECT t.assignee FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno' AND t.assignee IS NOT NULL LIMIT 1")
stranger=$(sql d.db "SELECT login FROM staff WHERE role = 'officer' AND login NOT IN (SELECT coalesce(assignee, '') FROM task t JOIN cases c ON c.id = t.case_id WHERE c.case_no = '$cno') LIMIT 1")
as_user "$taker" --lang en -d d.db reveal "$cno"
expect_rc "the clerk who took the case may reveal" 0
expect_eq "reveal prints the full ID" "$out" "$worker_id"
expect_eq "reveal writes a 'revealed' event without the number" \
	"$(sql d.db "SELECT count(*) FROM event WHERE kind = 'revealed' AND actor = '$taker' AND detail NOT LIKE '%$worker_id%'")" 1
as_user "$taker" --lang en -d d.db case show "$cno"
if printf '%s\n' "$out" | grep -qF "$worker_id"; then
	fail "case show masks the ID even for the clerk who took the case" "$(printf '%s\n' "$out" | grep -F "$worker_id")"
else
	pass "case show masks the ID even for the clerk who took the case"
fi
if [ -n "$officer" ]; then
	as_user "$officer" --lang en -d d.db reveal "$cno"
	expect_rc "an officer assigned to the case may reveal" 0
fi
as_user "$other" --lang en -d d.db reveal "$cno"
expect_rc "another clerk may not reveal: exit 1" 1
expect_eq "another clerk sees no ID" "$out" ""
expect_eq "refused reveal: 'denied' row" \
	"$(sql d.db "SELECT count(*) FROM denied WHERE login = '$other' AND action = 'reveal'")" 1
expect_eq "refused reveal: 'denied' event in the case history" \
	"$(sql d.db "SELECT count(*) FROM event e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$cno' AND e.kind = 'denied' AND e.actor = '$other'")" 1
as_user "$stranger" --lang en -d d.db reveal "$cno"
expect_rc "an officer of another case may not reveal" 1
as_user "$other" --lang en -d d.db config region_code 340104
expect_rc "clerk changing settings: refused" 1
expect_eq "refused setting: 'denied' row names who and what" \
	"$(sql d.db "SELECT role || ' ' || action FROM denied WHERE login = '$other' AND action LIKE 'config%'")" "clerk config set"
as_user nobody_here --lang en -d d.db staff list
expect_rc "unregistered login: refused" 1
expect_eq "unregistered login: 'denied' row" \
	"$(sql d.db "SELECT role FROM denied WHERE login = 'nobody_here'")" "none"
as_user "$other" --lang en -d d.db backup other.db
expect_rc "clerk backup: refused" 1
if [ ! -e other.db ]; then pass "clerk backup: no file"; else fail "clerk backup: no file" "other.db exists"; fi
# every refused command is recorded, not only those that record it themselves
as_user "$stranger" --lang en -d d.db apply --field worker.name=X
expect_rc "officer taking an application: refused" 1
as_user "$other" --lang en -d d.db export -o exp_refused
expect_rc "clerk export: refused" 1
as_user "$stranger" --lang en -d d.db refuse "$cno" --reason x
expect_rc "officer refusing an application: refused" 1
as_user nobody_here --lang en -d d.db case show "$cno"
expect_rc "unregistered login reading a case: refused" 1
as_user nobody_here --lang en -d d.db </dev/null
expect_rc "unregistered login opening the workstation: refused" 1
expect_eq "refused commands: one 'denied' row each, with who and the command" \
	"$(sql d.db "SELECT group_concat(login || ' ' || role || ' ' || action, ',') FROM (SELECT * FROM denied WHERE action IN ('apply', 'export', 'refuse', 'case', 'workstation') ORDER BY id)")" \
	"$stranger officer apply,$other clerk export,$stranger officer refuse,nobody_here none case,nobody_here none workstation"
nd=$(sql d.db "SELECT count(*) FROM denied")
as_user "$other" --lang en -d d.db config region_code 340104
expect_eq "a refusal the command records itself is recorded once" "$(sql d.db "SELECT count(*) FROM denied")" "$((nd + 1))"
e=$(sqlite_t d.db "DELETE FROM denied" 2>&1)
if printf '%s' "$e" | grep -q 'append-only'; then pass "denied rows are append-only"; else fail "denied rows are append-only" "$e"; fi
root_end
run --lang en -d d.db staff disable "$me"
expect_rc "disabling the last supervisor: refused" 1
expect_eq "state refusal: 'denied' row" \
	"$(sql d.db "SELECT count(*) FROM denied WHERE login = '$me' AND action = 'staff disable'")" 1
run --lang en -d d.db verify
expect_rc "reveals and refusals keep the chain intact" 0
