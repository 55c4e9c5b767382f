-- 好差评 come from the applicant: the channel it came by (pad at the
-- window, an SMS reply, online), who typed it in (NULL: the import of the
-- platform's evaluations.csv), and for imported ratings the platform's id
-- and the import that applied it (the key that makes a second import of
-- the same file change nothing).
ALTER TABLE evaluation ADD COLUMN channel TEXT NOT NULL DEFAULT 'pad'
	CHECK ((channel = 'pad' OR channel = 'sms' OR channel = 'online'));
ALTER TABLE evaluation ADD COLUMN entered_by TEXT;
ALTER TABLE evaluation ADD COLUMN ext_id TEXT;
ALTER TABLE evaluation ADD COLUMN log_id INTEGER;
CREATE UNIQUE INDEX evaluation_ext ON evaluation (ext_id) WHERE ext_id IS NOT NULL;
