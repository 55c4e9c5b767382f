-- 121_outcome_push.sql: which other services a decision goes to is the
-- outcome's (issue 14, no item code in C): outcomes.csv "push" lists the
-- targets (insurer, employment, unemployment), each with an optional grade
-- range (employment:5-10).  The code pushed RD recognised/deemed to the
-- insurer and JD graded 5-10 to employment and unemployment until now: a
-- database loaded before gets those rows here and keeps that behaviour
-- until its catalog is upgraded from forms/.
ALTER TABLE item_outcome ADD COLUMN push TEXT NOT NULL DEFAULT '';
UPDATE item_outcome SET push = 'insurer' WHERE item = 'RD' AND code IN ('recognised', 'deemed');
UPDATE item_outcome SET push = 'employment:5-10;unemployment:5-10'
	WHERE item = 'JD' AND code = 'graded';
