-- 090_office_acceptance.sql: the window receives, the office accepts
-- (issue 15; 160号 四(二), 工伤认定办法 §8).  Per item the catalog says who
-- accepts (item.accepts: window | office) and, for the office, the rule of
-- its review limit (item.review_rule: accept_review, ...).  A task the
-- office is to accept waits in the new state 'reviewing' (受理审核) with its
-- review deadline in due_on / legal_due_on.  The CHECK of task.state changes,
-- so task is rebuilt with every column 001, 005 and 021 give it, in their
-- order, its indexes (001, 004; 002's task_updated was dropped by 009) and
-- the task_count triggers of 007, which now also count 'reviewing'.  The
-- migrations run with foreign keys off (db.c checks them before the commit),
-- so task_pause, event, notice, push and verification keep pointing at
-- 'task'.  Rows are copied with their ids, so the ledger replays as before.
ALTER TABLE item ADD COLUMN accepts TEXT NOT NULL DEFAULT 'window'
	CHECK (accepts = 'window' OR accepts = 'office');
ALTER TABLE item ADD COLUMN review_rule TEXT NOT NULL DEFAULT '';

CREATE TABLE task_new (
	id             INTEGER PRIMARY KEY,
	case_id        INTEGER NOT NULL REFERENCES cases (id),
	item           TEXT NOT NULL REFERENCES item (code),
	category       TEXT NOT NULL CHECK ((category = 'admin' OR category = 'appraisal'
	                     OR category = 'agency')),
	state          TEXT NOT NULL CHECK ((state = 'waiting' OR state = 'accepted'
	                     OR state = 'in_review' OR state = 'suspended' OR state = 'decided'
	                     OR state = 'delivered' OR state = 'closed' OR state = 'not_accepted'
	                     OR state = 'rejected' OR state = 'withdrawn' OR state = 'reviewing')),
	assignee       TEXT REFERENCES staff (login),
	started_on     TEXT,
	due_on         TEXT,
	legal_due_on   TEXT,
	day_kind       TEXT NOT NULL CHECK ((day_kind = 'calendar' OR day_kind = 'working')),
	limit_days     INTEGER NOT NULL CHECK (limit_days > 0),
	promised_days  INTEGER NOT NULL CHECK (promised_days > 0),
	extended_days  INTEGER NOT NULL DEFAULT 0 CHECK (extended_days >= 0),
	simple_track   INTEGER NOT NULL DEFAULT 0 CHECK (simple_track = 0 OR simple_track = 1),
	outcome        TEXT CHECK (outcome IS NULL OR (outcome = 'recognised' OR outcome = 'deemed'
	                     OR outcome = 'not_recognised' OR outcome = 'graded'
	                     OR outcome = 'no_grade' OR outcome = 'confirmed' OR outcome = 'refused'
	                     OR outcome = 'approved')),
	grade          INTEGER CHECK (grade IS NULL OR grade BETWEEN 1 AND 10),
	care_level     INTEGER CHECK (care_level IS NULL OR care_level BETWEEN 0 AND 3),
	amount_fen     INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
	payment_ref    TEXT,
	document_no    TEXT,
	reason         TEXT NOT NULL DEFAULT '',
	decided_on     TEXT,
	delivered_on   TEXT,
	delivery_to    TEXT,
	version        INTEGER NOT NULL DEFAULT 0,
	updated_at     TEXT NOT NULL,
	hold           TEXT NOT NULL DEFAULT '',
	decided_by     TEXT,
	calc_fen       INTEGER,
	override_reason TEXT NOT NULL DEFAULT '',
	countersign    TEXT NOT NULL DEFAULT ''
	               CHECK (countersign = '' OR countersign = 'pending' OR countersign = 'done'),
	countersigned_by TEXT,
	basis_grade    INTEGER,
	basis_changed  TEXT NOT NULL DEFAULT '',
	UNIQUE (case_id, item)
) STRICT;
INSERT INTO task_new (id, case_id, item, category, state, assignee, started_on, due_on,
		      legal_due_on, day_kind, limit_days, promised_days, extended_days,
		      simple_track, outcome, grade, care_level, amount_fen, payment_ref,
		      document_no, reason, decided_on, delivered_on, delivery_to, version,
		      updated_at, hold, decided_by, calc_fen, override_reason, countersign,
		      countersigned_by, basis_grade, basis_changed)
	SELECT id, case_id, item, category, state, assignee, started_on, due_on,
	       legal_due_on, day_kind, limit_days, promised_days, extended_days,
	       simple_track, outcome, grade, care_level, amount_fen, payment_ref,
	       document_no, reason, decided_on, delivered_on, delivery_to, version,
	       updated_at, hold, decided_by, calc_fen, override_reason, countersign,
	       countersigned_by, basis_grade, basis_changed FROM task;
DROP TABLE task;
ALTER TABLE task_new RENAME TO task;
CREATE INDEX task_queue ON task (category, state, due_on, id);
CREATE INDEX task_assignee ON task (assignee, state, due_on);
CREATE INDEX task_queue_started ON task (category, state, started_on, id);
CREATE INDEX task_queue_case ON task (category, state);
CREATE INDEX task_decided ON task (decided_on);

CREATE TRIGGER task_count_insert AFTER INSERT ON task
WHEN new.state = 'accepted' OR new.state = 'in_review' OR new.state = 'suspended'
  OR new.state = 'waiting' OR new.state = 'decided' OR new.state = 'reviewing'
BEGIN
	INSERT INTO task_count (category, state, assignee, due_on, n)
		VALUES (new.category, new.state, coalesce(new.assignee, ''),
			coalesce(new.due_on, ''), 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER task_count_delete AFTER DELETE ON task
WHEN old.state = 'accepted' OR old.state = 'in_review' OR old.state = 'suspended'
  OR old.state = 'waiting' OR old.state = 'decided' OR old.state = 'reviewing'
BEGIN
	DELETE FROM task_count
	WHERE category = old.category AND state = old.state
	  AND assignee = coalesce(old.assignee, '') AND due_on = coalesce(old.due_on, '')
	  AND n = 1;
	UPDATE task_count SET n = n - 1
	WHERE category = old.category AND state = old.state
	  AND assignee = coalesce(old.assignee, '') AND due_on = coalesce(old.due_on, '');
END;
CREATE TRIGGER task_count_update_old AFTER UPDATE OF category, state, assignee, due_on ON task
WHEN old.state = 'accepted' OR old.state = 'in_review' OR old.state = 'suspended'
  OR old.state = 'waiting' OR old.state = 'decided' OR old.state = 'reviewing'
BEGIN
	DELETE FROM task_count
	WHERE category = old.category AND state = old.state
	  AND assignee = coalesce(old.assignee, '') AND due_on = coalesce(old.due_on, '')
	  AND n = 1;
	UPDATE task_count SET n = n - 1
	WHERE category = old.category AND state = old.state
	  AND assignee = coalesce(old.assignee, '') AND due_on = coalesce(old.due_on, '');
END;
CREATE TRIGGER task_count_update_new AFTER UPDATE OF category, state, assignee, due_on ON task
WHEN new.state = 'accepted' OR new.state = 'in_review' OR new.state = 'suspended'
  OR new.state = 'waiting' OR new.state = 'decided' OR new.state = 'reviewing'
BEGIN
	INSERT INTO task_count (category, state, assignee, due_on, n)
		VALUES (new.category, new.state, coalesce(new.assignee, ''),
			coalesce(new.due_on, ''), 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
