-- A deficient case past its 补正期限: the window extends the deadline once
-- (with a reason, in the 'extended' event) or closes the case as 视为撤回.
ALTER TABLE cases ADD COLUMN supplement_extended INTEGER NOT NULL DEFAULT 0
	CHECK ((supplement_extended = 0 OR supplement_extended = 1));
CREATE INDEX cases_lapse ON cases (supplement_due) WHERE state = 'deficient';
