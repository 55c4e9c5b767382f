-- 070_service_role.sql: the role 'service' — the login (usually 'yici')
-- under which systemd runs yici sync, the import of the inbox and the
-- nightly backup.  It may export, import and back up, nothing else.  The
-- CHECK of staff.role and denied.role must change, so both tables are
-- rebuilt with every column the earlier migrations gave them.  staff is the
-- parent of staff_category and task.assignee: the migrations run with
-- foreign keys off (db.c checks them all before the commit), so dropping
-- the old table neither fails nor rewrites those references, which name
-- 'staff' again once staff_new has its name.
-- (Events of a service run are written with actor_role 'system'.)
CREATE TABLE staff_new (
	login      TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL CHECK ((role = 'clerk' OR role = 'officer' OR role = 'supervisor'
	                     OR role = 'service')),
	window_no  INTEGER CHECK (window_no IS NULL OR window_no > 0),
	active     INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1),
	created_at TEXT NOT NULL
) STRICT;
INSERT INTO staff_new (login, name, role, window_no, active, created_at)
	SELECT login, name, role, window_no, active, created_at FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;

CREATE TABLE denied_new (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	login   TEXT NOT NULL,
	role    TEXT NOT NULL CHECK ((role = 'none' OR role = 'clerk' OR role = 'officer'
	                 OR role = 'supervisor' OR role = 'service')),
	action  TEXT NOT NULL,
	case_id INTEGER REFERENCES cases (id),
	reason  TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO denied_new (id, at, login, role, action, case_id, reason)
	SELECT id, at, login, role, action, case_id, reason FROM denied;
DROP TABLE denied;
ALTER TABLE denied_new RENAME TO denied;
CREATE INDEX denied_at ON denied (at);
CREATE TRIGGER denied_no_update BEFORE UPDATE ON denied
BEGIN
	SELECT RAISE(ABORT, 'refusals are append-only');
END;
CREATE TRIGGER denied_no_delete BEFORE DELETE ON denied
BEGIN
	SELECT RAISE(ABORT, 'refusals are append-only');
END;
