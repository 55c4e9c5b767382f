-- 060_lookup_tails.sql: what a clerk has on paper, answered from an index
-- (issue 18): the short case number on the citizen's slip ("0002", the
-- sequence at the end of GS340102-20261128-0002) and the last 4-6 digits
-- of an ID number (with or without a name).  Both are expression indexes
-- that db_lookup.c's queries name with the same expressions.
CREATE INDEX IF NOT EXISTS cases_no_seq ON cases (substr(case_no, 19));
CREATE INDEX IF NOT EXISTS person_id_tail ON person (substr(id_number, -4));
