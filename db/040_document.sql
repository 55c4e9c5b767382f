-- 040_document.sql: the documents yici issues (issue 16).  Each issuer
-- numbers its documents per year and per 代字 ('瑶人社工受字', 2026),
-- gap-free: the number is taken in the same transaction as the document's
-- row and the event that records it.  A document's body is stored as it
-- was issued, so a reprint is the same paper with the same 文号, and its
-- digest (HMAC-SHA256 with doc_key, printed in the QR code) lets
-- `yici doc verify` tell an unchanged paper from an altered one.
CREATE TABLE doc_seq (
	code TEXT NOT NULL,
	year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
	last INTEGER NOT NULL CHECK (last >= 1),
	PRIMARY KEY (code, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE document (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	kind       TEXT NOT NULL,
	office     TEXT NOT NULL CHECK ((office = 'center' OR office = 'admin'
	                 OR office = 'appraisal' OR office = 'agency')),
	code       TEXT NOT NULL,
	year       INTEGER NOT NULL,
	seq        INTEGER NOT NULL CHECK (seq >= 1),
	doc_no     TEXT NOT NULL UNIQUE,
	title      TEXT NOT NULL,
	issuer     TEXT NOT NULL,
	issued_on  TEXT NOT NULL,
	body       TEXT NOT NULL,
	digest     TEXT NOT NULL,
	event_id   INTEGER NOT NULL REFERENCES event (id),
	created_by TEXT NOT NULL,
	UNIQUE (code, year, seq)
) STRICT;
CREATE INDEX document_case ON document (case_id, kind);

-- The center's key for the documents' digests, drawn at random with the
-- first document a database issues (db_document.c), so that two demo
-- databases of one seed stay identical until then.
CREATE TABLE doc_key (
	id  INTEGER PRIMARY KEY CHECK (id = 1),
	key TEXT NOT NULL
) STRICT;
