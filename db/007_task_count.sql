-- 007_task_count.sql: the queue counts (F3 tabs, `yici queue --counts`) and
-- the supervisor's open/overdue/due-soon figures, kept as running totals.
-- Counting them from task itself walks every open task of an office on
-- each refresh (109 ms at a million cases); these totals are grouped by
-- deadline day, so a count reads a few hundred rows whatever the size of
-- the database, and "overdue" / "due soon" are still a cut on due_on.
-- Only the states a queue shows are counted; '' stands for no assignee
-- and for no deadline yet (a waiting task).  The triggers keep the totals
-- in the same transaction as the task row; `yici verify` recounts them.
-- Never write task with REPLACE / INSERT OR REPLACE: its implicit delete
-- fires no trigger (recursive_triggers is off), and the totals would drift
-- (yici does not; verify would name the difference).
CREATE TABLE task_count (
	category TEXT NOT NULL,
	state    TEXT NOT NULL,
	assignee TEXT NOT NULL,
	due_on   TEXT NOT NULL,
	n        INTEGER NOT NULL CHECK (n > 0),
	PRIMARY KEY (category, state, assignee, due_on)
) STRICT, WITHOUT ROWID;

INSERT INTO task_count (category, state, assignee, due_on, n)
	SELECT category, state, coalesce(assignee, ''), coalesce(due_on, ''), count(*)
	FROM task
	WHERE state = 'accepted' OR state = 'in_review' OR state = 'suspended'
	   OR state = 'waiting' OR state = 'decided'
	GROUP BY 1, 2, 3, 4;

CREATE TRIGGER task_count_insert AFTER INSERT ON task
WHEN new.state = 'accepted' OR new.state = 'in_review' OR new.state = 'suspended'
  OR new.state = 'waiting' OR new.state = 'decided'
BEGIN
	INSERT INTO task_count (category, state, assignee, due_on, n)
		VALUES (new.category, new.state, coalesce(new.assignee, ''),
			coalesce(new.due_on, ''), 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER task_count_delete AFTER DELETE ON task
WHEN old.state = 'accepted' OR old.state = 'in_review' OR old.state = 'suspended'
  OR old.state = 'waiting' OR old.state = 'decided'
BEGIN
	DELETE FROM task_count
	WHERE category = old.category AND state = old.state
	  AND assignee = coalesce(old.assignee, '') AND due_on = coalesce(old.due_on, '')
	  AND n = 1;
	UPDATE task_count SET n = n - 1
	WHERE category = old.category AND state = old.state
	  AND assignee = coalesce(old.assignee, '') AND due_on = coalesce(old.due_on, '');
END;

-- An update moves one task from its old total to its new one; the second
-- statement finds nothing when the first deleted the row (n was 1).
CREATE TRIGGER task_count_update_old AFTER UPDATE OF category, state, assignee, due_on ON task
WHEN old.state = 'accepted' OR old.state = 'in_review' OR old.state = 'suspended'
  OR old.state = 'waiting' OR old.state = 'decided'
BEGIN
	DELETE FROM task_count
	WHERE category = old.category AND state = old.state
	  AND assignee = coalesce(old.assignee, '') AND due_on = coalesce(old.due_on, '')
	  AND n = 1;
	UPDATE task_count SET n = n - 1
	WHERE category = old.category AND state = old.state
	  AND assignee = coalesce(old.assignee, '') AND due_on = coalesce(old.due_on, '');
END;

CREATE TRIGGER task_count_update_new AFTER UPDATE OF category, state, assignee, due_on ON task
WHEN new.state = 'accepted' OR new.state = 'in_review' OR new.state = 'suspended'
  OR new.state = 'waiting' OR new.state = 'decided'
BEGIN
	INSERT INTO task_count (category, state, assignee, due_on, n)
		VALUES (new.category, new.state, coalesce(new.assignee, ''),
			coalesce(new.due_on, ''), 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
