-- 004_queue.sql: what the back-office queues (F3, yici queue) and the
-- supervisor's figures need to read from an index on a million cases.
-- task_queue (001) serves the deadline order; these serve the other two
-- sort orders and the decisions of a period.
-- Accepted order: the day the task's clock started, then id.
CREATE INDEX task_queue_started ON task (category, state, started_on, id);
-- Case-number order: tasks are created when a case is accepted and
-- numbered, so the rowid that closes this index runs in case-number order.
CREATE INDEX task_queue_case ON task (category, state);
-- Decisions of this week / of a period (supervisor view, yici report).
CREATE INDEX task_decided ON task (decided_on);
