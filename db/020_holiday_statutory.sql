-- 020_holiday_statutory.sql: holidays.csv gains the type `statutory`, a
-- day off fixed by the 全国年节及纪念日放假办法 (2024 revision) in a year
-- whose State Council arrangement (调休) is not published yet: 除夕,
-- 春节, 清明, 端午, 中秋 by their lunar dates (元旦, 劳动节, 国庆 are fixed
-- and computed).  The CHECK on type changes, so the table is rebuilt with
-- every column that 001 gives it.
CREATE TABLE holiday_new (
	day  TEXT PRIMARY KEY,
	type TEXT NOT NULL CHECK ((type = 'off' OR type = 'work' OR type = 'statutory')),
	name TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO holiday_new (day, type, name) SELECT day, type, name FROM holiday;
DROP TABLE holiday;
ALTER TABLE holiday_new RENAME TO holiday;
