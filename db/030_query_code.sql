-- The query code (查询密码) of an accepted case, hashed (core_qcode.h):
-- never the code itself.  NULL for cases accepted before this migration.
ALTER TABLE cases ADD COLUMN query_hash TEXT;
