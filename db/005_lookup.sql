-- 005_lookup.sql: what the lookup (F5, yici case find) and the case view
-- (F4, yici case show) need to answer from an index on a million cases,
-- and the hold a false notice-commitment puts on a task's payments.

-- Pinyin initials of person names, one row per combination (曾敏 gives
-- both 'cm' and 'zm').  SQL cannot compute pinyin, so the triggers below
-- only queue a person whose name is new or changed; db_casefile.c computes
-- the rows of the queued persons before each lookup (and `yici case
-- reindex` does all at once).
CREATE TABLE person_initials (
	initials  TEXT NOT NULL,
	person_id INTEGER NOT NULL REFERENCES person (id),
	PRIMARY KEY (initials, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_initials_person ON person_initials (person_id);

-- (No OR IGNORE in these triggers: an UPSERT on person overrides a
-- trigger's conflict clause, so the existence test is explicit.)
CREATE TABLE lookup_queue (
	person_id INTEGER PRIMARY KEY
) STRICT;
INSERT INTO lookup_queue (person_id) SELECT id FROM person;

-- Substring search on names: FTS5 trigram over '^name$', so that a
-- two-character query still finds names that start ('^张三') or end
-- ('建国$') with it.  Contentless: the text is in person; the triggers
-- keep the index in step.
CREATE VIRTUAL TABLE person_fts USING fts5 (key, content = '', tokenize = 'trigram');
INSERT INTO person_fts (rowid, key) SELECT id, '^' || name || '$' FROM person;

CREATE TRIGGER person_lookup_insert AFTER INSERT ON person
BEGIN
	INSERT INTO lookup_queue (person_id)
		SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM lookup_queue WHERE person_id = new.id);
	INSERT INTO person_fts (rowid, key) VALUES (new.id, '^' || new.name || '$');
END;

CREATE TRIGGER person_lookup_name AFTER UPDATE OF name ON person
BEGIN
	INSERT INTO person_fts (person_fts, rowid, key) VALUES ('delete', old.id, '^' || old.name || '$');
	INSERT INTO person_fts (rowid, key) VALUES (new.id, '^' || new.name || '$');
	DELETE FROM person_initials WHERE person_id = old.id;
	INSERT INTO lookup_queue (person_id)
		SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM lookup_queue WHERE person_id = new.id);
END;

CREATE VIRTUAL TABLE employer_fts USING fts5 (key, content = '', tokenize = 'trigram');
INSERT INTO employer_fts (rowid, key) SELECT id, '^' || name || '$' FROM employer;

CREATE TRIGGER employer_lookup_insert AFTER INSERT ON employer
BEGIN
	INSERT INTO employer_fts (rowid, key) VALUES (new.id, '^' || new.name || '$');
END;

CREATE TRIGGER employer_lookup_name AFTER UPDATE OF name ON employer
BEGIN
	INSERT INTO employer_fts (employer_fts, rowid, key) VALUES ('delete', old.id, '^' || old.name || '$');
	INSERT INTO employer_fts (rowid, key) VALUES (new.id, '^' || new.name || '$');
END;

-- A case number without its fixed 'GS340102-' head: '20261128-0007'.
CREATE INDEX cases_no_tail ON cases (substr(case_no, 10));

-- The timeline in time order, paged by (at, id) without sorting.
CREATE INDEX event_case_at ON event (case_id, at, id);

-- Pushes and verifications for the nightly export and the supervisor.
CREATE INDEX push_pending ON push (exported_at, id);
CREATE INDEX verification_due ON verification (outcome, due_on);
CREATE INDEX evaluation_followup ON evaluation (followup_at, followup_due);

-- A false notice-commitment stops the payments of the task it served:
-- '' = none, else why ('false_commitment').  Payment exports skip held tasks.
ALTER TABLE task ADD COLUMN hold TEXT NOT NULL DEFAULT '';
