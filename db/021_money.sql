-- 021_money.sql: an approval is checked against task calc and, when its
-- amount was overridden or is above config review_above_yuan, waits for a
-- second officer's countersignature (复核); a benefit computed from a grade
-- that a re-appraisal changed is flagged; a false notice-commitment
-- withdraws the task's queued payment SMS (notice state 'withdrawn').
ALTER TABLE task ADD COLUMN decided_by TEXT;
-- the reference amount of task calc at the decision (NULL: no formula or
-- not computable), and why the approved amount differs from it
ALTER TABLE task ADD COLUMN calc_fen INTEGER;
ALTER TABLE task ADD COLUMN override_reason TEXT NOT NULL DEFAULT '';
-- '' none needed, 'pending' awaiting countersignature, 'done'
ALTER TABLE task ADD COLUMN countersign TEXT NOT NULL DEFAULT ''
	CHECK (countersign = '' OR countersign = 'pending' OR countersign = 'done');
ALTER TABLE task ADD COLUMN countersigned_by TEXT;
-- the grade the amount was computed from, and what changed it since
ALTER TABLE task ADD COLUMN basis_grade INTEGER;
ALTER TABLE task ADD COLUMN basis_changed TEXT NOT NULL DEFAULT '';

-- the notice table is rebuilt (the CHECK on state changes) with every
-- column 001 gives it
CREATE TABLE notice_new (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	task_id     INTEGER REFERENCES task (id),
	channel     TEXT NOT NULL CHECK ((channel = 'sms' OR channel = 'letter')),
	kind        TEXT NOT NULL,
	recipient   TEXT NOT NULL DEFAULT '',
	body        TEXT NOT NULL,
	state       TEXT NOT NULL CHECK ((state = 'queued' OR state = 'exported' OR state = 'printed'
	                     OR state = 'failed' OR state = 'withdrawn')),
	file        TEXT,
	created_at  TEXT NOT NULL,
	exported_at TEXT
) STRICT;
INSERT INTO notice_new (id, case_id, task_id, channel, kind, recipient, body, state, file,
			created_at, exported_at)
	SELECT id, case_id, task_id, channel, kind, recipient, body, state, file, created_at,
	       exported_at FROM notice;
DROP TABLE notice;
ALTER TABLE notice_new RENAME TO notice;
CREATE INDEX notice_state ON notice (state, id);
CREATE INDEX notice_case ON notice (case_id);
