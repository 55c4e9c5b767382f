-- tests/bench/shell_export.sql — the reference for `make bench`: the same
-- rows as `yici export --since @SINCE@` (the SINCE_TIME queries of
-- src/db_exchange.c: the cases with an event since then, their tasks and
-- evaluations, the events, SMS and pushes since then), written by the
-- sqlite3 shell's CSV mode into the current folder.  tests/bench.sh puts
-- the time in for @SINCE@.  Keep it in step with src/db_exchange.c.
CREATE TEMP TABLE x_cases (id INTEGER PRIMARY KEY);
INSERT OR IGNORE INTO temp.x_cases (id) SELECT case_id FROM event WHERE at >= '@SINCE@';
.headers on
.mode csv
.once cases.csv
SELECT c.id, c.case_no, c.ext_id, c.kind, c.channel, c.state, w.name, w.id_number,
 w.sex, w.birth_date, w.phone, c.applicant_type, a.name, a.id_number, a.phone,
 c.applicant_relation, m.name, m.credit_code, c.accident_date, c.accident_time,
 c.accident_place, c.accident_type, c.circumstance, c.description, c.body_part,
 c.hospital, c.diagnosis, c.death_date, c.consent_extended, c.delivery_method,
 c.delivery_address, (SELECT group_concat(t.item, ';') FROM task t
 WHERE t.case_id = c.id), c.submitted_at, c.supplement_due, c.reason, c.created_at,
 c.accepted_at, c.updated_at
 FROM temp.x_cases x JOIN cases c ON c.id = x.id LEFT JOIN person w ON w.id = c.worker_id LEFT JOIN person a ON a.id = c.applicant_id
 LEFT JOIN employer m ON m.id = c.employer_id ORDER BY x.id;
.once tasks.csv
SELECT t.id, t.case_id, c.case_no, t.item, t.category, t.state, t.assignee,
 t.started_on, t.due_on, t.legal_due_on, t.day_kind, t.limit_days, t.promised_days,
 t.extended_days, t.simple_track, t.outcome, t.grade, t.care_level, t.amount_fen,
 t.payment_ref, t.document_no, t.reason, t.decided_on, t.delivered_on, t.delivery_to,
 t.version, t.updated_at
 FROM temp.x_cases x JOIN task t ON t.case_id = x.id JOIN cases c ON c.id = t.case_id ORDER BY t.id;
.once events.csv
SELECT e.id, e.case_id, c.case_no, e.task_id, t.item, e.at, e.actor, e.actor_role,
 e.kind, e.detail FROM event e JOIN cases c ON c.id = e.case_id
 LEFT JOIN task t ON t.id = e.task_id WHERE e.at >= '@SINCE@' ORDER BY e.id;
.once notices.csv
SELECT n.id, n.case_id, c.case_no, n.task_id, n.kind, n.recipient, n.body,
 n.created_at FROM notice n JOIN cases c ON c.id = n.case_id WHERE n.channel = 'sms'
 AND n.created_at >= '@SINCE@' ORDER BY n.id;
.once pushes.csv
SELECT p.id, p.case_id, c.case_no, p.task_id, p.target, p.payload, p.created_at
 FROM push p JOIN cases c ON c.id = p.case_id WHERE p.created_at >= '@SINCE@' ORDER BY p.id;
.once evaluations.csv
SELECT v.case_id, c.case_no, v.rating, v.comment, v.at, v.followup_due,
 v.followup_at FROM temp.x_cases x JOIN evaluation v ON v.case_id = x.id
 JOIN cases c ON c.id = v.case_id ORDER BY v.case_id;
