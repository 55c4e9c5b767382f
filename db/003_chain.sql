-- 003_chain.sql: the hash chain over the history, and refused actions.
-- Each event carries prev_hash (the hash of the event before it; 64 '0' for
-- the first) and hash = SHA-256(prev_hash || canonical content), both as
-- lower-case hex.  The canonical content is documented in include/db_verify.h
-- and yici(1), SECURITY.  Events written before this migration have no hash:
-- their chain is computed when the first chained event is written, and
-- `yici verify` recomputes it.
ALTER TABLE event ADD COLUMN prev_hash TEXT;
ALTER TABLE event ADD COLUMN hash TEXT;

-- The head of the chain: the last event written and its hash, kept in the
-- same transaction as every event, so that deleting the newest events is
-- detected too.  legacy_upto is the last event that predates the chain.
CREATE TABLE chain (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	legacy_upto INTEGER NOT NULL CHECK (legacy_upto >= 0),
	last_id     INTEGER NOT NULL CHECK (last_id >= 0),
	head        TEXT
) STRICT;
INSERT INTO chain (id, legacy_upto, last_id, head)
	SELECT 1, coalesce(max(id), 0), coalesce(max(id), 0), NULL FROM event;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN
	SELECT RAISE(ABORT, 'the chain head is kept');
END;

-- Every refused action (role or state), with who tried it; case_id is NULL
-- when the action concerned no case.  Append-only like the events.
CREATE TABLE denied (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	login   TEXT NOT NULL,
	role    TEXT NOT NULL CHECK ((role = 'none' OR role = 'clerk' OR role = 'officer'
	                 OR role = 'supervisor')),
	action  TEXT NOT NULL,
	case_id INTEGER REFERENCES cases (id),
	reason  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX denied_at ON denied (at);
CREATE TRIGGER denied_no_update BEFORE UPDATE ON denied
BEGIN
	SELECT RAISE(ABORT, 'refusals are append-only');
END;
CREATE TRIGGER denied_no_delete BEFORE DELETE ON denied
BEGIN
	SELECT RAISE(ABORT, 'refusals are append-only');
END;
