-- 006_exchange.sql: the CSV exchange with the provincial systems
-- (yici-exchange(5)).  The nightly export's high-water marks are the
-- largest event, notice and push ids that a complete batch carried: every
-- change to a case or task writes an event, and writers are serialised, so
-- ids grow in commit order and nothing committed is ever skipped.
ALTER TABLE exchange_log ADD COLUMN hw_event INTEGER;
ALTER TABLE exchange_log ADD COLUMN hw_notice INTEGER;
ALTER TABLE exchange_log ADD COLUMN hw_push INTEGER;
-- 'last', 'all' or the timestamp of --since.
ALTER TABLE exchange_log ADD COLUMN since TEXT;
CREATE INDEX exchange_log_last ON exchange_log (direction, status, id);

-- The import run (exchange_log id) that applied a key: a key seen twice in
-- one file is a duplicate row, a key from an earlier run is already present.
ALTER TABLE import_key ADD COLUMN log_id INTEGER;

-- Documents the provincial data-sharing platform holds for a person
-- (shared_materials.csv), remembered so that the person's later
-- applications are not asked for them again.
CREATE TABLE shared_doc (
	share_id    TEXT PRIMARY KEY,
	id_number   TEXT NOT NULL,
	material    TEXT NOT NULL REFERENCES material (code),
	source      TEXT NOT NULL,
	document_no TEXT NOT NULL,
	issued_at   TEXT NOT NULL,
	imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX shared_doc_person ON shared_doc (id_number, material);
