-- 140_inbox.sql: online applications wait in an inbox, one row each,
-- as the platform sent them (issue 15).  `yici import applications.csv`
-- writes only here: every value as validated, keyed by ext_id; the
-- persons, employers, materials and the case are written when the window
-- opens the row (F7, or `apply --case EXT_ID`), which sets case_id.
--
-- fields is the row as received: a JSON array of its values in the
-- file's order, whose column names are the import's header, kept once in
-- exchange_log.inbox_columns (a JSON array); the row was received when its
-- import started.  digest is the SHA-256 of ext_id, a tab and fields;
-- exchange_log.inbox_digest chains the digests
-- of the rows an import received, in id order, so that `yici verify`
-- finds a row changed after its import (the inbox is not in the ledger:
-- recording a million rows there would cost the import most of its time).
CREATE TABLE inbox (
	id           INTEGER PRIMARY KEY,
	ext_id       TEXT NOT NULL UNIQUE,
	submitted_at TEXT NOT NULL,
	log_id       INTEGER REFERENCES exchange_log (id),
	line         INTEGER NOT NULL DEFAULT 0,
	fields       TEXT NOT NULL DEFAULT '[]',
	digest       TEXT NOT NULL DEFAULT '',
	case_id      INTEGER REFERENCES cases (id),
	opened_at    TEXT,
	opened_by    TEXT
) STRICT;
-- the intake list: what still waits, in the order received (an index on
-- submitted_at, which comes in any order, cost the import a fifth of its
-- time; the platform sends the oldest first)
CREATE INDEX inbox_waiting ON inbox (id) WHERE case_id IS NULL;

ALTER TABLE exchange_log ADD COLUMN inbox_digest TEXT;
ALTER TABLE exchange_log ADD COLUMN inbox_columns TEXT;

-- Online applications imported before: already opened (they are cases),
-- so a second import of the same ext_id is "already received".
INSERT INTO inbox (ext_id, submitted_at, case_id, opened_at, opened_by)
SELECT ext_id, coalesce(submitted_at, created_at), id, created_at, created_by
FROM cases WHERE ext_id IS NOT NULL;
