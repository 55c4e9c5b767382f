#!/bin/sh
# tests/cli/trust_chain.sh — the tamper-evident history and who sees what:
# the hash chain, its format checked independently with Python's
# hashlib, and verify on the untouched database
. "$(dirname "$0")/../lib.sh"
. "$top/tests/lib_trust.sh"

# ---- the chain ----
run --lang en -d d.db verify
expect_rc "verify untouched demo: exit 0" 0
expect_out "verify untouched demo: ok with the event count" "ok: $nev events"
head=$(printf '%s\n' "$out" | sed -n 's/^head: event [0-9]* \([0-9a-f]\{64\}\)$/\1/p')
expect_eq "verify prints the head hash" "${#head}" 64
expect_eq "every event has prev_hash and hash" \
	"$(sql d.db 'SELECT count(*) FROM event WHERE length(hash) = 64 AND length(prev_hash) = 64')" "$nev"
expect_eq "first event chains from 64 zeros" "$(sql d.db 'SELECT prev_hash FROM event WHERE id = 1')" \
	"0000000000000000000000000000000000000000000000000000000000000000"
expect_eq "chain table records the head" "$(sql d.db 'SELECT last_id || " " || head FROM chain')" "$nev $head"

expect_eq "hashes follow the documented format (Python hashlib)" "$(python3 chain.py d.db)" "$head"
