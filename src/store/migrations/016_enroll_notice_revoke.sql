-- 入学通知书, second part (issue 6 §6): staff give the 报到 time and what to bring when they issue a run's notices
-- (printed on each notice instead of "按学校通知的时间"), and may revoke a notice not yet reported (the family moved
-- away, the application was found false): a revoked notice no longer verifies and cannot be reported. After 报到
-- a change goes through 学籍, not here. The status check is widened by rebuilding the table (SQLite cannot alter a
-- CHECK); every notice is copied as it is. Portable SQL (SQLite and PostgreSQL).
CREATE TABLE enroll_notices_new (
  application_id TEXT PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,
  run_id         TEXT NOT NULL,
  school_id      TEXT NOT NULL,
  fallback       INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status = 'issued' OR status = 'reported' OR status = 'revoked'),
  issued_by      TEXT NOT NULL,
  issued_at      TEXT NOT NULL,
  reported_by    TEXT NOT NULL,
  reported_at    TEXT NOT NULL,
  version        INTEGER NOT NULL,
  report_time    TEXT NOT NULL DEFAULT '',  -- e.g. "8 月 28 日 8:00–11:00", as staff typed it ('' = the school tells)
  report_note    TEXT NOT NULL DEFAULT '',  -- what to bring, where to go
  revoked_by     TEXT NOT NULL DEFAULT '',
  revoked_at     TEXT NOT NULL DEFAULT '',
  revoke_reason  TEXT NOT NULL DEFAULT ''
);
INSERT INTO enroll_notices_new (application_id, code, run_id, school_id, fallback, status, issued_by, issued_at, reported_by,
                                reported_at, version)
  SELECT application_id, code, run_id, school_id, fallback, status, issued_by, issued_at, reported_by, reported_at, version
  FROM enroll_notices;
DROP TABLE enroll_notices;
ALTER TABLE enroll_notices_new RENAME TO enroll_notices;
CREATE INDEX enroll_notices_school ON enroll_notices (school_id, status);
CREATE INDEX enroll_notices_run ON enroll_notices (run_id);
