-- 002_history.sql: events are append-only.  The database itself refuses
-- UPDATE and DELETE on them, whoever asks (yici or the sqlite3 shell).
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
-- Lookups by date for reports and the nightly export.
CREATE INDEX event_at ON event (at);
CREATE INDEX cases_updated ON cases (updated_at);
CREATE INDEX task_updated ON task (updated_at);
