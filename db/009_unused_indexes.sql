-- 009_unused_indexes.sql: cases_updated and task_updated from 002 serve no
-- query.  updated_at is written on every change and exported, but what has
-- changed since a batch is found from the events (export --since), never
-- by sorting or cutting on updated_at; EXPLAIN QUERY PLAN of every
-- statement that names updated_at shows neither index.  At a million cases
-- they are 4.4 million entries, updated on every task action and form save
-- and rebuilt by the demo, for no reader.
DROP INDEX cases_updated;
DROP INDEX task_updated;
