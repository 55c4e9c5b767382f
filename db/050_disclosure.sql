-- 050_disclosure.sql: every file for people that carries full ID numbers
-- and phones (export --for excel --unmasked), with who asked and why.
-- Append-only; under the ledger of 051 like every row that matters.
CREATE TABLE disclosure (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	login  TEXT NOT NULL,
	role   TEXT NOT NULL,
	what   TEXT NOT NULL,
	target TEXT NOT NULL DEFAULT '',
	reason TEXT NOT NULL CHECK (length(reason) > 0)
) STRICT;
CREATE TRIGGER disclosure_no_update BEFORE UPDATE ON disclosure
BEGIN
	SELECT RAISE(ABORT, 'disclosures are append-only');
END;
CREATE TRIGGER disclosure_no_delete BEFORE DELETE ON disclosure
BEGIN
	SELECT RAISE(ABORT, 'disclosures are append-only');
END;
