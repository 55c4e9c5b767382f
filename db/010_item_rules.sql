-- 010_item_rules.sql: the rules of each item as data (issue 14).  items.csv
-- now says which outcome of which prerequisite an item needs (prereq_spec,
-- e.g. 'JD:grade=5-10', 'RD:kind=death'), the circumstances that allow it,
-- the rules.csv key of its decision limit (limit_days and day_kind stay,
-- copied from that rule), whether it is paid once per accident, its SMS
-- templates, its delivery rule, the suspension reasons it allows and its
-- extension rule; outcomes.csv its outcomes; item_materials.csv a
-- condition on the case (kind, applicant, circumstance).
ALTER TABLE item ADD COLUMN circumstances TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN prereq_spec TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN limit_rule TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN once INTEGER NOT NULL DEFAULT 0 CHECK (once = 0 OR once = 1);
ALTER TABLE item ADD COLUMN sms_accept TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN sms_start TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN sms_decide TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN delivery TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN suspend TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN extend TEXT NOT NULL DEFAULT '';

CREATE TABLE item_outcome (
	item           TEXT NOT NULL REFERENCES item (code),
	seq            INTEGER NOT NULL,
	code           TEXT NOT NULL,
	label          TEXT NOT NULL,
	positive       INTEGER NOT NULL CHECK (positive = 0 OR positive = 1),
	needs_document INTEGER NOT NULL CHECK (needs_document = 0 OR needs_document = 1),
	needs_reason   INTEGER NOT NULL CHECK (needs_reason = 0 OR needs_reason = 1),
	needs_grade    INTEGER NOT NULL CHECK (needs_grade = 0 OR needs_grade = 1),
	needs_amount   INTEGER NOT NULL CHECK (needs_amount = 0 OR needs_amount = 1),
	sms            TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (item, code)
) STRICT, WITHOUT ROWID;

ALTER TABLE item_material ADD COLUMN condition TEXT NOT NULL DEFAULT '';
