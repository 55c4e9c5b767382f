-- 001_init.sql: the first schema of yici.  Every table is STRICT and every
-- enumerated column has a CHECK.  Dates are 'YYYY-MM-DD', times
-- 'YYYY-MM-DD HH:MM:SS' (local wall clock of the service center).
-- Enumerations are checked with chains of '=' rather than 'IN (...)': SQLite
-- builds an ephemeral index for an IN list on every execution of an INSERT,
-- which made writing a case five times slower (measured with 200,000 rows).

-- The service center's settings (yici config).
CREATE TABLE config (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- ---- the catalog, copied from forms/ at init and on explicit upgrade ----
CREATE TABLE catalog_version (
	id        INTEGER PRIMARY KEY,
	version   TEXT NOT NULL,
	loaded_at TEXT NOT NULL,
	loaded_by TEXT NOT NULL,
	source    TEXT NOT NULL
) STRICT;

CREATE TABLE item (
	code          TEXT PRIMARY KEY,
	seq           INTEGER NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	category      TEXT NOT NULL CHECK ((category = 'admin' OR category = 'appraisal'
	                     OR category = 'agency')),
	kinds         TEXT NOT NULL CHECK ((kinds = 'injury' OR kinds = 'death'
	                     OR kinds = 'injury;death')),
	prereq_note   TEXT NOT NULL DEFAULT '',
	limit_days    INTEGER NOT NULL CHECK (limit_days > 0),
	promised_days INTEGER NOT NULL CHECK (promised_days > 0 AND promised_days <= limit_days),
	day_kind      TEXT NOT NULL CHECK ((day_kind = 'calendar' OR day_kind = 'working')),
	basis         TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE item_prereq (
	item   TEXT NOT NULL REFERENCES item (code),
	prereq TEXT NOT NULL REFERENCES item (code),
	PRIMARY KEY (item, prereq)
) STRICT, WITHOUT ROWID;

CREATE TABLE material (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE item_material (
	item          TEXT NOT NULL REFERENCES item (code),
	material      TEXT NOT NULL REFERENCES material (code),
	required      INTEGER NOT NULL CHECK (required = 0 OR required = 1),
	commitment_ok INTEGER NOT NULL CHECK (commitment_ok = 0 OR commitment_ok = 1),
	produced_by   TEXT REFERENCES item (code),
	PRIMARY KEY (item, material)
) STRICT, WITHOUT ROWID;

CREATE TABLE rule (
	key      TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	amount   INTEGER NOT NULL CHECK (amount >= 0),
	unit     TEXT NOT NULL CHECK ((unit = 'day' OR unit = 'month' OR unit = 'year')),
	day_kind TEXT NOT NULL CHECK ((day_kind = 'calendar' OR day_kind = 'working')),
	basis    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE holiday (
	day  TEXT PRIMARY KEY,
	type TEXT NOT NULL CHECK ((type = 'off' OR type = 'work')),
	name TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE rate (
	key   TEXT NOT NULL,
	n     INTEGER NOT NULL,
	value INTEGER NOT NULL,
	unit  TEXT NOT NULL DEFAULT '',
	note  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (key, n)
) STRICT;

CREATE TABLE form_field (
	seq      INTEGER PRIMARY KEY,
	section  TEXT NOT NULL,
	key      TEXT NOT NULL UNIQUE,
	label    TEXT NOT NULL,
	type     TEXT NOT NULL,
	required INTEGER NOT NULL CHECK (required = 0 OR required = 1),
	max_len  INTEGER NOT NULL CHECK (max_len > 0)
) STRICT;

CREATE TABLE template (
	key  TEXT PRIMARY KEY,
	text TEXT NOT NULL
) STRICT;

-- ---- people who use yici: their Unix login is their identity ----
CREATE TABLE staff (
	login      TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL CHECK ((role = 'clerk' OR role = 'officer' OR role = 'supervisor')),
	window_no  INTEGER CHECK (window_no IS NULL OR window_no > 0),
	active     INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1),
	created_at TEXT NOT NULL
) STRICT;

CREATE TABLE staff_category (
	login    TEXT NOT NULL REFERENCES staff (login),
	category TEXT NOT NULL CHECK ((category = 'admin' OR category = 'appraisal'
	                     OR category = 'agency')),
	PRIMARY KEY (login, category)
) STRICT, WITHOUT ROWID;

-- ---- the people and employers of cases, typed once and reused ----
CREATE TABLE person (
	id         INTEGER PRIMARY KEY,
	id_number  TEXT UNIQUE,
	name       TEXT NOT NULL,
	sex        TEXT CHECK (sex IS NULL OR (sex = 'M' OR sex = 'F')),
	birth_date TEXT,
	phone      TEXT NOT NULL DEFAULT '',
	address    TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX person_name ON person (name);
CREATE INDEX person_phone ON person (phone);

CREATE TABLE employer (
	id           INTEGER PRIMARY KEY,
	credit_code  TEXT UNIQUE,
	name         TEXT NOT NULL,
	address      TEXT NOT NULL DEFAULT '',
	contact      TEXT NOT NULL DEFAULT '',
	phone        TEXT NOT NULL DEFAULT '',
	insured      INTEGER NOT NULL DEFAULT 1 CHECK (insured = 0 OR insured = 1),
	supp_insurer TEXT NOT NULL DEFAULT '',
	updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX employer_name ON employer (name);

-- ---- one combined application (一件事) ----
CREATE TABLE cases (
	id                 INTEGER PRIMARY KEY,
	case_no            TEXT UNIQUE,
	kind               TEXT NOT NULL CHECK ((kind = 'injury' OR kind = 'death')),
	channel            TEXT NOT NULL CHECK ((channel = 'window' OR channel = 'online')),
	state              TEXT NOT NULL CHECK ((state = 'draft' OR state = 'intake'
	                     OR state = 'deficient' OR state = 'accepted' OR state = 'not_accepted'
	                     OR state = 'withdrawn' OR state = 'closed')),
	worker_id          INTEGER REFERENCES person (id),
	applicant_id       INTEGER REFERENCES person (id),
	applicant_type     TEXT NOT NULL CHECK ((applicant_type = 'employer'
	                     OR applicant_type = 'worker' OR applicant_type = 'relative'
	                     OR applicant_type = 'union' OR applicant_type = 'agent')),
	applicant_relation TEXT NOT NULL DEFAULT '',
	employer_id        INTEGER REFERENCES employer (id),
	worker_job         TEXT NOT NULL DEFAULT '',
	worker_entry_date  TEXT,
	accident_date      TEXT,
	accident_time      TEXT,
	accident_place     TEXT NOT NULL DEFAULT '',
	accident_type      TEXT NOT NULL DEFAULT 'accident' CHECK ((accident_type = 'accident'
	                     OR accident_type = 'disease')),
	circumstance       TEXT NOT NULL DEFAULT 'work' CHECK ((circumstance = 'work'
	                     OR circumstance = 'prep' OR circumstance = 'business_trip'
	                     OR circumstance = 'veteran' OR circumstance = 'commute' OR circumstance = 'violence'
	                     OR circumstance = 'missing' OR circumstance = 'sudden_death'
	                     OR circumstance = 'rescue' OR circumstance = 'disease'
	                     OR circumstance = 'other')),
	description        TEXT NOT NULL DEFAULT '',
	body_part          TEXT NOT NULL DEFAULT '',
	hospital           TEXT NOT NULL DEFAULT '',
	diagnosis          TEXT NOT NULL DEFAULT '',
	death_date         TEXT,
	consent_extended   INTEGER NOT NULL DEFAULT 0 CHECK (consent_extended = 0 OR consent_extended = 1),
	delivery_method    TEXT NOT NULL DEFAULT 'window' CHECK ((delivery_method = 'window'
	                     OR delivery_method = 'post')),
	delivery_address   TEXT NOT NULL DEFAULT '',
	ext_id             TEXT UNIQUE,
	submitted_at       TEXT,
	supplement_due     TEXT,
	reason             TEXT NOT NULL DEFAULT '',
	flagged            INTEGER NOT NULL DEFAULT 0 CHECK (flagged = 0 OR flagged = 1),
	created_at         TEXT NOT NULL,
	created_by         TEXT NOT NULL,
	accepted_at        TEXT,
	accepted_by        TEXT,
	updated_at         TEXT NOT NULL,
	CHECK ((state = 'draft' OR state = 'intake') OR case_no IS NOT NULL)
) STRICT;
CREATE INDEX cases_worker ON cases (worker_id);
CREATE INDEX cases_applicant ON cases (applicant_id);
CREATE INDEX cases_employer ON cases (employer_id);
CREATE INDEX cases_state ON cases (state, created_at);

-- Other fields of the combined form (forms/form.csv) that have no column.
CREATE TABLE case_field (
	case_id INTEGER NOT NULL REFERENCES cases (id),
	key     TEXT NOT NULL,
	value   TEXT NOT NULL,
	PRIMARY KEY (case_id, key)
) STRICT, WITHOUT ROWID;

-- Daily case-number sequence per prefix 'GS340102-20261128'.
CREATE TABLE case_seq (
	prefix TEXT PRIMARY KEY,
	last   INTEGER NOT NULL CHECK (last BETWEEN 1 AND 9999)
) STRICT, WITHOUT ROWID;

-- ---- one task per ticked item, routed to one back-office queue ----
CREATE TABLE task (
	id             INTEGER PRIMARY KEY,
	case_id        INTEGER NOT NULL REFERENCES cases (id),
	item           TEXT NOT NULL REFERENCES item (code),
	category       TEXT NOT NULL CHECK ((category = 'admin' OR category = 'appraisal'
	                     OR category = 'agency')),
	state          TEXT NOT NULL CHECK ((state = 'waiting' OR state = 'accepted'
	                     OR state = 'in_review' OR state = 'suspended' OR state = 'decided'
	                     OR state = 'delivered' OR state = 'closed' OR state = 'not_accepted'
	                     OR state = 'rejected' OR state = 'withdrawn')),
	assignee       TEXT REFERENCES staff (login),
	started_on     TEXT,
	due_on         TEXT,
	legal_due_on   TEXT,
	day_kind       TEXT NOT NULL CHECK ((day_kind = 'calendar' OR day_kind = 'working')),
	limit_days     INTEGER NOT NULL CHECK (limit_days > 0),
	promised_days  INTEGER NOT NULL CHECK (promised_days > 0),
	extended_days  INTEGER NOT NULL DEFAULT 0 CHECK (extended_days >= 0),
	simple_track   INTEGER NOT NULL DEFAULT 0 CHECK (simple_track = 0 OR simple_track = 1),
	outcome        TEXT CHECK (outcome IS NULL OR (outcome = 'recognised' OR outcome = 'deemed'
	                     OR outcome = 'not_recognised' OR outcome = 'graded'
	                     OR outcome = 'no_grade' OR outcome = 'confirmed' OR outcome = 'refused'
	                     OR outcome = 'approved')),
	grade          INTEGER CHECK (grade IS NULL OR grade BETWEEN 1 AND 10),
	care_level     INTEGER CHECK (care_level IS NULL OR care_level BETWEEN 0 AND 3),
	amount_fen     INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
	payment_ref    TEXT,
	document_no    TEXT,
	reason         TEXT NOT NULL DEFAULT '',
	decided_on     TEXT,
	delivered_on   TEXT,
	delivery_to    TEXT,
	version        INTEGER NOT NULL DEFAULT 0,
	updated_at     TEXT NOT NULL,
	UNIQUE (case_id, item)
) STRICT;
CREATE INDEX task_queue ON task (category, state, due_on, id);
CREATE INDEX task_assignee ON task (assignee, state, due_on);

-- Intervals during which a task's deadline clock stands still.
CREATE TABLE task_pause (
	id           INTEGER PRIMARY KEY,
	task_id      INTEGER NOT NULL REFERENCES task (id),
	reason       TEXT NOT NULL CHECK ((reason = 'judicial' OR reason = 'reconsideration'
	                     OR reason = 'litigation' OR reason = 'reappraisal' OR reason = 'supplement')),
	from_on      TEXT NOT NULL,
	to_on        TEXT,
	confirmed_by TEXT,
	note         TEXT NOT NULL DEFAULT '',
	CHECK (to_on IS NULL OR to_on >= from_on)
) STRICT;
CREATE INDEX task_pause_task ON task_pause (task_id);

-- Each material of a case once, with the items it serves (submit once, reuse).
CREATE TABLE case_material (
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	material    TEXT NOT NULL REFERENCES material (code),
	status      TEXT NOT NULL CHECK ((status = 'received' OR status = 'missing'
	                     OR status = 'shared' OR status = 'committed' OR status = 'produced')),
	items       TEXT NOT NULL,
	document_no TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (case_id, material)
) STRICT, WITHOUT ROWID;

-- The history: append-only (002 adds the triggers that enforce it).
CREATE TABLE event (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	task_id    INTEGER REFERENCES task (id),
	at         TEXT NOT NULL,
	actor      TEXT NOT NULL,
	actor_role TEXT NOT NULL CHECK ((actor_role = 'clerk' OR actor_role = 'officer'
	                     OR actor_role = 'supervisor' OR actor_role = 'system')),
	kind       TEXT NOT NULL CHECK ((kind = 'created' OR kind = 'submitted' OR kind = 'accepted'
	                     OR kind = 'deficient' OR kind = 'supplemented' OR kind = 'not_accepted'
	                     OR kind = 'withdrawn' OR kind = 'task_accepted' OR kind = 'task_waiting'
	                     OR kind = 'task_activated' OR kind = 'assigned' OR kind = 'taken'
	                     OR kind = 'in_review' OR kind = 'decided' OR kind = 'extended'
	                     OR kind = 'suspended' OR kind = 'resumed' OR kind = 'delivered'
	                     OR kind = 'closed' OR kind = 'refused' OR kind = 'sms_queued'
	                     OR kind = 'notice_printed' OR kind = 'pushed' OR kind = 'committed'
	                     OR kind = 'verified' OR kind = 'evaluated' OR kind = 'revealed'
	                     OR kind = 'material' OR kind = 'imported' OR kind = 'denied')),
	detail     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX event_case ON event (case_id, id);

-- The outbox: SMS for the gateway and printed letters.
CREATE TABLE notice (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	task_id     INTEGER REFERENCES task (id),
	channel     TEXT NOT NULL CHECK ((channel = 'sms' OR channel = 'letter')),
	kind        TEXT NOT NULL,
	recipient   TEXT NOT NULL DEFAULT '',
	body        TEXT NOT NULL,
	state       TEXT NOT NULL CHECK ((state = 'queued' OR state = 'exported' OR state = 'printed'
	                     OR state = 'failed')),
	file        TEXT,
	created_at  TEXT NOT NULL,
	exported_at TEXT
) STRICT;
CREATE INDEX notice_state ON notice (state, id);
CREATE INDEX notice_case ON notice (case_id);

-- Records handed to other services (延伸服务).
CREATE TABLE push (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	task_id     INTEGER REFERENCES task (id),
	target      TEXT NOT NULL CHECK ((target = 'insurer' OR target = 'employment'
	                     OR target = 'unemployment')),
	payload     TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	exported_at TEXT
) STRICT;
CREATE INDEX push_case ON push (case_id);

-- Notice-commitment (告知承诺) checks.
CREATE TABLE verification (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	task_id     INTEGER REFERENCES task (id),
	material    TEXT NOT NULL REFERENCES material (code),
	method      TEXT NOT NULL CHECK ((method = 'online' OR method = 'onsite' OR method = 'authority')),
	due_on      TEXT NOT NULL,
	outcome     TEXT NOT NULL DEFAULT 'pending' CHECK ((outcome = 'pending'
	                     OR outcome = 'confirmed' OR outcome = 'false')),
	note        TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	recorded_at TEXT,
	recorded_by TEXT
) STRICT;
CREATE INDEX verification_case ON verification (case_id);

-- 好差评: once per case.
CREATE TABLE evaluation (
	case_id      INTEGER PRIMARY KEY REFERENCES cases (id),
	rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
	comment      TEXT NOT NULL DEFAULT '',
	at           TEXT NOT NULL,
	followup_due TEXT,
	followup_at  TEXT
) STRICT;

-- Every export batch and import file.
CREATE TABLE exchange_log (
	id            INTEGER PRIMARY KEY,
	direction     TEXT NOT NULL CHECK ((direction = 'export' OR direction = 'import')),
	file          TEXT NOT NULL,
	started_at    TEXT NOT NULL,
	finished_at   TEXT,
	rows_read     INTEGER NOT NULL DEFAULT 0,
	rows_applied  INTEGER NOT NULL DEFAULT 0,
	rows_skipped  INTEGER NOT NULL DEFAULT 0,
	rows_rejected INTEGER NOT NULL DEFAULT 0,
	status        TEXT NOT NULL CHECK ((status = 'ok' OR status = 'partial' OR status = 'rejected'
	                     OR status = 'failed')),
	high_water    TEXT
) STRICT;

-- Keys of imported rows, so a second import of the same file changes nothing.
CREATE TABLE import_key (
	kind       TEXT NOT NULL CHECK ((kind = 'application' OR kind = 'result' OR kind = 'share')),
	ext_key    TEXT NOT NULL,
	applied_at TEXT NOT NULL,
	case_id    INTEGER REFERENCES cases (id),
	PRIMARY KEY (kind, ext_key)
) STRICT, WITHOUT ROWID;
