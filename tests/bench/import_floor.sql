-- tests/bench/import_floor.sql — the floor of an import into yici's schema:
-- the rows a `yici import` of online applications writes (a person, an
-- employer, an intake case, its ticked items, 7 materials, an event with
-- hashes, the import key, the lookup index), inserted by SQL alone from
-- the bare table that the sqlite3 shell's .import filled (attached as b):
-- no CSV parsing, no validation, no SHA-256, foreign keys on as in yici.
-- make bench runs it on a fresh `yici init` database in one transaction.
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -131072;
PRAGMA temp_store = MEMORY;
BEGIN IMMEDIATE;
DROP TRIGGER person_lookup_insert;
DROP TRIGGER employer_lookup_insert;
INSERT OR IGNORE INTO person (id_number, name, sex, birth_date, phone, address, updated_at)
	SELECT worker_id_number, worker_name, 'M', '1980-01-01', worker_phone, '',
	       '2026-11-28 09:30:00' FROM b.apps ORDER BY rowid;
INSERT OR IGNORE INTO employer (credit_code, name, address, contact, insured, supp_insurer,
			       updated_at)
	SELECT employer_credit_code, employer_name, '', '', 1, '', '2026-11-28 09:30:00'
	FROM b.apps ORDER BY rowid;
INSERT INTO cases (id, applicant_type, kind, channel, state, worker_id, applicant_id,
		   employer_id, ext_id, submitted_at, created_at, created_by, updated_at,
		   accident_date, accident_place, description, applicant_relation)
	SELECT a.rowid, 'worker', 'injury', 'online', 'intake', p.id, p.id, e.id, ext_id,
	       submitted_at, '2026-11-28 09:30:00', 'root', '2026-11-28 09:30:00',
	       accident_date, accident_place, description, applicant_relation
	FROM b.apps a JOIN person p ON p.id_number = a.worker_id_number
	JOIN employer e ON e.credit_code = a.employer_credit_code ORDER BY a.rowid;
INSERT INTO case_field (case_id, key, value) SELECT rowid, 'items.ticked', items FROM b.apps;
WITH m (code, st) AS (VALUES ('M01', 'received'), ('M02', 'missing'), ('M03', 'missing'),
			     ('M04', 'received'), ('M05', 'missing'), ('M06', 'produced'),
			     ('M08', 'missing'))
INSERT INTO case_material (case_id, material, status, items, document_no, source, updated_at)
	SELECT a.rowid, m.code, m.st, 'RD', '', '', '2026-11-28 09:30:00'
	FROM b.apps a, m ORDER BY a.rowid, m.code;
INSERT INTO event (id, case_id, at, actor, actor_role, kind, detail, prev_hash, hash)
	SELECT rowid, rowid, '2026-11-28 09:30:00', 'root', 'supervisor', 'imported',
	       'online ' || ext_id, hex(randomblob(32)), hex(randomblob(32))
	FROM b.apps ORDER BY rowid;
INSERT INTO import_key (kind, ext_key, applied_at, case_id, log_id)
	SELECT 'application', ext_id, '2026-11-28 09:30:00', rowid, 1 FROM b.apps;
INSERT INTO person_fts (rowid, key) SELECT id, '^' || name || '$' FROM person;
INSERT INTO employer_fts (rowid, key) SELECT id, '^' || name || '$' FROM employer;
INSERT INTO lookup_queue (person_id) SELECT id FROM person;
COMMIT;
