-- 派位 runs (issue 6 §6): a computer lottery registered with its applicant list, drawn once with a
-- public seed, then published and locked. A re-run is a new row that names the run it replaces and
-- needs another seed; both stay visible. Portable SQL (SQLite and PostgreSQL).
CREATE TABLE enroll_runs (
  id                TEXT PRIMARY KEY,           -- "2026-001": year of registration and sequence
  title             TEXT NOT NULL,
  policy            TEXT NOT NULL,              -- the profile whose rules the result cites
  status            TEXT NOT NULL CHECK (status = 'registered' OR status = 'drawn' OR status = 'published'),
  applicants_csv    TEXT NOT NULL,              -- applicant_id,school_id,tier,fallback_school_id sorted by id
  seats_csv         TEXT NOT NULL,              -- school_id,seats,sector sorted by school
  applicants_sha256 TEXT NOT NULL,              -- SHA-256 of the canonical file (published before the draw)
  applicant_count   INTEGER NOT NULL,
  seed              TEXT,                       -- lowercase hex, fixed by the draw
  result_json       TEXT,                       -- what `youjun enroll lottery --json` prints for the same inputs
  replaces          TEXT REFERENCES enroll_runs(id),
  created_by        TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  drawn_by          TEXT,
  drawn_at          TEXT,
  published_by      TEXT,
  published_at      TEXT,
  CHECK ((status = 'registered') = (seed IS NULL))
);
