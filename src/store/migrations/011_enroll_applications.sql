-- 网上报名 (issue 6 §6): a parent's application for a child's place in grade 1 or 7, from 报名 through 材料审核
-- (approve, or return with a reason for the parent to correct) to the 派位 run it joins. One application per
-- child and year. The child's ID number is kept as the students table keeps it: keyed hash, encrypted, masked.
-- The facts are the eligibility facts of issue 6 §5 (JSON object of booleans); the tier is derived from them
-- by the profile's rules whenever the application is shown. Portable SQL (SQLite and PostgreSQL).
CREATE TABLE enroll_applications (
  id                 TEXT PRIMARY KEY,       -- "2026-000001": intake year and sequence
  year               INTEGER NOT NULL,       -- the intake year
  username           TEXT NOT NULL,          -- the parent account that applied
  child_id_hash      TEXT NOT NULL,
  child_id_enc       TEXT NOT NULL,
  child_id_masked    TEXT NOT NULL,
  child_name         TEXT NOT NULL,
  school_id          TEXT NOT NULL,          -- the school (or 多校划片 group's school) applied for
  fallback_school_id TEXT NOT NULL,          -- 公民同招: the public school if not drawn for a private one ('' = none)
  household_id       TEXT NOT NULL,
  home_id            TEXT NOT NULL,
  facts_json         TEXT NOT NULL,
  documents_json     TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status = 'submitted' OR status = 'returned' OR status = 'approved' OR status = 'withdrawn'),
  review_reason      TEXT NOT NULL,
  reviewed_by        TEXT NOT NULL,
  reviewed_at        TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  version            INTEGER NOT NULL,
  UNIQUE (year, child_id_hash)
);
CREATE INDEX enroll_applications_queue ON enroll_applications (year, status, id);  -- the review queue, oldest first
CREATE INDEX enroll_applications_school ON enroll_applications (school_id, year);
CREATE INDEX enroll_applications_parent ON enroll_applications (username);
CREATE INDEX enroll_applications_home ON enroll_applications (home_id);

-- Numbers handed out by name ("enroll_applications/2026" → the next sequence of that year), each in a short
-- transaction of its own before the write that uses it: concurrent submissions do not queue behind each
-- other's commits for a number. A write that then fails leaves a gap in the numbers, never a duplicate.
CREATE TABLE id_counters (
  name TEXT PRIMARY KEY,
  next INTEGER NOT NULL
);
