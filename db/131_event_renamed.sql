-- 131_event_renamed.sql: a new kind of event (issue 17), 'renamed': a
-- final application brought a new name for a known employer (same credit
-- code) or person (same ID number); detail is "employer|worker|applicant",
-- a tab, the old name, a tab, the new name.  Rebuilt as 022 did: every
-- column, the indexes (event_at, event_case_at) and the append-only
-- triggers; rows copied as they are, so the hash chain still verifies.
-- document.event_id (040) names the table, not its rowid page: the copy
-- keeps every id, and foreign keys are checked after the migrations.
CREATE TABLE event_new (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	task_id    INTEGER REFERENCES task (id),
	at         TEXT NOT NULL,
	actor      TEXT NOT NULL,
	actor_role TEXT NOT NULL CHECK ((actor_role = 'clerk' OR actor_role = 'officer'
	                     OR actor_role = 'supervisor' OR actor_role = 'system')),
	kind       TEXT NOT NULL CHECK ((kind = 'created' OR kind = 'submitted' OR kind = 'accepted'
	                     OR kind = 'deficient' OR kind = 'supplemented' OR kind = 'not_accepted'
	                     OR kind = 'withdrawn' OR kind = 'task_accepted' OR kind = 'task_waiting'
	                     OR kind = 'task_activated' OR kind = 'assigned' OR kind = 'taken'
	                     OR kind = 'in_review' OR kind = 'decided' OR kind = 'extended'
	                     OR kind = 'suspended' OR kind = 'resumed' OR kind = 'delivered'
	                     OR kind = 'closed' OR kind = 'refused' OR kind = 'sms_queued'
	                     OR kind = 'notice_printed' OR kind = 'pushed' OR kind = 'committed'
	                     OR kind = 'verified' OR kind = 'evaluated' OR kind = 'revealed'
	                     OR kind = 'material' OR kind = 'imported' OR kind = 'denied'
	                     OR kind = 'countersigned' OR kind = 'basis_changed'
	                     OR kind = 'recovery' OR kind = 'renamed')),
	detail     TEXT NOT NULL DEFAULT '',
	prev_hash  TEXT,
	hash       TEXT
) STRICT;
INSERT INTO event_new (id, case_id, task_id, at, actor, actor_role, kind, detail, prev_hash, hash)
	SELECT id, case_id, task_id, at, actor, actor_role, kind, detail, prev_hash, hash FROM event;
DROP TABLE event;
ALTER TABLE event_new RENAME TO event;
CREATE INDEX event_at ON event (at);
CREATE INDEX event_case_at ON event (case_id, at, id);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
