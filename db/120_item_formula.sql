-- 120_item_formula.sql: task calc's formula is the item's (issue 14, no item
-- code in C): items.csv "formula" names the formula of core_benefit.c that
-- computes the item's reference amount (disability_grant, ...); empty: the
-- item is paid as invoiced.  The code chose by item code until now: a
-- database loaded before gets the same choice here and keeps it until its
-- catalog is upgraded from forms/.
ALTER TABLE item_track ADD COLUMN formula TEXT NOT NULL DEFAULT '';
INSERT OR IGNORE INTO item_track (item) SELECT code FROM item;
UPDATE item_track SET formula = CASE item
	WHEN 'SC' THEN 'disability_grant' WHEN 'YB' THEN 'employment_grants'
	WHEN 'GW' THEN 'death_grant' WHEN 'FX' THEN 'dependants_pension'
	WHEN 'SZ' THEN 'funeral_grant' WHEN 'HS' THEN 'hospital_food' ELSE '' END;
