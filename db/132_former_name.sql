-- 132_former_name.sql: the names a person or an employer was known by
-- before a final application renamed the shared row (issue 17; the
-- 'renamed' event of 131 is the record of the change, this the index):
-- the lookup (F5, `case find`) finds a case by the name on its papers
-- after the row has been renamed.  kind 'person' refers to person.id,
-- 'employer' to employer.id; until is when the name was replaced.
CREATE TABLE former_name (
	id    INTEGER PRIMARY KEY,
	kind  TEXT NOT NULL CHECK ((kind = 'person' OR kind = 'employer')),
	ref   INTEGER NOT NULL,
	name  TEXT NOT NULL,
	until TEXT NOT NULL,
	UNIQUE (kind, name, ref)
) STRICT;
