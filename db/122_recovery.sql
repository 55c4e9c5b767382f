-- 122_recovery.sql: a payment to recover is a piece of work with its own
-- clock (issue 14, 经办条例 §46): when a notice-commitment is found false
-- after its benefit was approved, the 经办 office must order the money
-- returned and record how it ended.  Until now that was only an event; now
-- it is a row of its own, opened in the same transaction as the verification
-- that found the commitment false, listed by `yici recovery` and closed with
-- `yici recovery close` (recovered, or referred for enforcement).
CREATE TABLE recovery (
	id            INTEGER PRIMARY KEY,
	case_id       INTEGER NOT NULL REFERENCES cases (id),
	task_id       INTEGER NOT NULL UNIQUE REFERENCES task (id),
	item          TEXT NOT NULL,
	category      TEXT NOT NULL,
	material      TEXT NOT NULL,
	amount_fen    INTEGER NOT NULL CHECK (amount_fen >= 0),
	payment_ref   TEXT NOT NULL DEFAULT '',
	state         TEXT NOT NULL DEFAULT 'open' CHECK ((state = 'open' OR state = 'recovered'
	                     OR state = 'referred')),
	opened_on     TEXT NOT NULL,
	due_on        TEXT NOT NULL,
	recovered_fen INTEGER CHECK (recovered_fen IS NULL OR recovered_fen >= 0),
	voucher       TEXT NOT NULL DEFAULT '',
	note          TEXT NOT NULL DEFAULT '',
	closed_at     TEXT,
	closed_by     TEXT
) STRICT;
CREATE INDEX recovery_state ON recovery (state, due_on);

-- A catalog loaded before this migration gets the rule the new code reads;
-- an empty database (init) gets it from forms/rules.csv.
INSERT OR IGNORE INTO rule (key, name, amount, unit, day_kind, basis)
	SELECT 'recovery', '责令退回已支付的工伤保险待遇', 30, 'day', 'working',
	       '经办条例 §46；期限为本系统设置（未核实）'
	WHERE EXISTS (SELECT 1 FROM rule);

-- The payments to recover that the earlier code recorded only as an event
-- (kind 'recovery') become rows, due 30 calendar days after the event (a
-- migration has no working-day calendar; that is the earlier of the two).
INSERT OR IGNORE INTO recovery (case_id, task_id, item, category, material, amount_fen,
                                payment_ref, opened_on, due_on)
	SELECT t.case_id, t.id, t.item, t.category,
	       coalesce((SELECT v.material FROM verification v WHERE v.task_id = t.id
	                 AND v.outcome = 'false' ORDER BY v.id DESC LIMIT 1), ''),
	       coalesce(t.amount_fen, 0), coalesce(t.payment_ref, ''), substr(ev.at, 1, 10),
	       date(substr(ev.at, 1, 10), '+30 days')
	FROM event ev JOIN task t ON t.id = ev.task_id
	WHERE ev.kind = 'recovery' AND t.outcome = 'approved'
	GROUP BY t.id;
