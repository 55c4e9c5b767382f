-- 008_event_index.sql: event_case (case_id, id) from 001 is a prefix twin
-- of event_case_at (case_id, at, id) from 005.  Every query that names
-- case_id is served by event_case_at: the timeline pages on (at, id), the
-- event count is a covering search, the foreign key from event to cases
-- needs only case_id in front, and verify's last event of a task sorts the
-- few events of one case.  At a million cases it is 14 million entries,
-- written on every event and rebuilt by the demo, for no query.
DROP INDEX event_case;
