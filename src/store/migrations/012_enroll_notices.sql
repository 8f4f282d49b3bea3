-- 入学通知书 and 报到 (issue 6 §6): the last two states of an application. When a published 派位 run admits
-- an applicant (or places them at their 公民同招 fallback school), staff issue one notice per application; the
-- parent downloads it as a PDF carrying a verification code that anyone can check; the school marks the child
-- 报到 by that code. One notice per application: a re-run that replaces a published run cannot issue twice.
-- The code is a keyed hash of (application, run) — unguessable without the database's key, stable on re-issue.
-- Portable SQL (SQLite and PostgreSQL).
CREATE TABLE enroll_notices (
  application_id TEXT PRIMARY KEY,          -- enroll_applications.id
  code           TEXT NOT NULL UNIQUE,      -- "ABCD-EFGH-JKMN" (Crockford base32)
  run_id         TEXT NOT NULL,             -- the published run that admitted the child
  school_id      TEXT NOT NULL,             -- the admitting school (the fallback school when fallback = 1)
  fallback       INTEGER NOT NULL,          -- 1 = placed at the 公民同招 fallback school, not drawn
  status         TEXT NOT NULL CHECK (status = 'issued' OR status = 'reported'),
  issued_by      TEXT NOT NULL,
  issued_at      TEXT NOT NULL,
  reported_by    TEXT NOT NULL,
  reported_at    TEXT NOT NULL,
  version        INTEGER NOT NULL
);
CREATE INDEX enroll_notices_school ON enroll_notices (school_id, status);
CREATE INDEX enroll_notices_run ON enroll_notices (run_id);
