-- 130_name_snapshot.sql: a case keeps the names as received (issue 17).
-- The person and employer rows are shared by every case of the same ID
-- number or credit code, and a later final application that brings a new
-- name renames the row; until now every earlier case then showed the new
-- name (case show, the lists, exports) while its printed notices had the
-- old one, and no event said so.  The name each application brought is
-- now kept on the case; the row's name is the current one ("now known
-- as").  Existing cases get the name their own form kept (case_field,
-- where it differed from the shared row) or else the row's name now: the
-- best record there is of what was received.
ALTER TABLE cases ADD COLUMN worker_name TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN applicant_name TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN employer_name TEXT NOT NULL DEFAULT '';
UPDATE cases SET
	worker_name = coalesce((SELECT f.value FROM case_field f
	                        WHERE f.case_id = cases.id AND f.key = 'worker.name'),
	                       (SELECT p.name FROM person p WHERE p.id = cases.worker_id), ''),
	applicant_name = coalesce((SELECT f.value FROM case_field f
	                           WHERE f.case_id = cases.id AND f.key = 'applicant.name'),
	                          (SELECT p.name FROM person p WHERE p.id = cases.applicant_id), ''),
	employer_name = coalesce((SELECT f.value FROM case_field f
	                          WHERE f.case_id = cases.id AND f.key = 'employer.name'),
	                         (SELECT m.name FROM employer m WHERE m.id = cases.employer_id), '');
