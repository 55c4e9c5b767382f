-- 051_ledger.sql: the state under the chain.  Every insert, update and
-- delete that yici makes to a row of the tables that carry a decision, a
-- right or an identity (every table but the history itself, the chain row
-- and the derived lookup tables and totals) is recorded here at the commit,
-- with the row's new values: vals is json_array() of every column in table
-- order, '' when the row was deleted; rid is json_array() of its primary
-- key.  Hash-chained like the events (the same SHA-256 over netstrings,
-- include/db_ledger.h), with its head in the chain row.  `yici verify`
-- replays it: every row must equal its newest record, and every recorded
-- row must still exist.  The capture is done by TEMP triggers of yici's own
-- connection: a write made around yici (the sqlite3 shell) is never
-- recorded, and shows.
CREATE TABLE ledger (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	actor     TEXT NOT NULL,
	tbl       TEXT NOT NULL,
	rid       TEXT NOT NULL,
	vals      TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_row ON ledger (tbl, rid, id);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
	SELECT RAISE(ABORT, 'the ledger is append-only');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
	SELECT RAISE(ABORT, 'the ledger is append-only');
END;
ALTER TABLE chain ADD COLUMN ledger_last INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chain ADD COLUMN ledger_head TEXT;

-- The events that predate the chain (003), stated once, here, at
-- migration time: a row of a ledgered table, so that widening the range
-- later (to switch the chain off by setting every hash NULL) is a change
-- around yici that verify names.
CREATE TABLE legacy_range (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	upto INTEGER NOT NULL CHECK (upto >= 0)
) STRICT;
INSERT INTO legacy_range (id, upto) SELECT 1, legacy_upto FROM chain WHERE id = 1;
