-- 011_follows.sql: a case that relies on an earlier decision names the
-- earlier case (apply --follows CASE_NO, the form's earlier-accident
-- picker): it inherits that case's accident and its decisions.  Without
-- it a prerequisite counts only when ticked in the same case (issue 14).
ALTER TABLE cases ADD COLUMN follows_id INTEGER REFERENCES cases (id);
CREATE INDEX cases_follows ON cases (follows_id) WHERE follows_id IS NOT NULL;
