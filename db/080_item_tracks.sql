-- 080_item_tracks.sql: two more rules of each item as data (issue 14, the
-- one table of task actions): items.csv "simple" names the rules.csv row
-- of an item's simple-case track (RD: rd_simple, 条例 §20) and
-- "reappraise" the window for requesting a re-appraisal after delivery
-- (JD: jd_reappraisal_request, 条例 §26); empty: the item has none.  The
-- code named RD and JD for these until now: a database loaded before gets
-- the same rows here and keeps that behaviour until its catalog is
-- upgraded from forms/.  A table of its own, created IF NOT EXISTS, so the
-- migration can run again on a file that has it.
CREATE TABLE IF NOT EXISTS item_track (
	item       TEXT PRIMARY KEY,
	simple     TEXT NOT NULL DEFAULT '',
	reappraise TEXT NOT NULL DEFAULT ''
);
INSERT OR IGNORE INTO item_track (item, simple, reappraise)
	SELECT code,
	       CASE WHEN code = 'RD' AND EXISTS (SELECT 1 FROM rule WHERE key = 'rd_simple')
	            THEN 'rd_simple' ELSE '' END,
	       CASE WHEN code = 'JD' AND EXISTS (SELECT 1 FROM rule WHERE key = 'jd_reappraisal_request')
	            THEN 'jd_reappraisal_request' ELSE '' END
	FROM item;
