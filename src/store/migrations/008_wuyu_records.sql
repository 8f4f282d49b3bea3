-- 五育 / 综合素质评价 records (issue 8 §3): one value per student, term and indicator of the profile
-- (wuyu.indicator.<key>), entered by school or bureau staff; who and when are kept, and every change is
-- audited. Portable SQL (SQLite and PostgreSQL).
CREATE TABLE wuyu_records (
  student_id  TEXT NOT NULL,             -- the school's student number (never an ID number)
  term        TEXT NOT NULL,             -- "2026-1": year and term
  indicator   TEXT NOT NULL,             -- wuyu.indicator.<key>, e.g. service_hours
  school_code TEXT NOT NULL,
  class_id    TEXT NOT NULL,
  value       TEXT NOT NULL,             -- a grade letter or a number, checked against the indicator
  note        TEXT NOT NULL,             -- the evidence: activity, award, where and when
  entered_by  TEXT NOT NULL,
  entered_at  TEXT NOT NULL,
  version     INTEGER NOT NULL,          -- +1 on every change of this value
  PRIMARY KEY (student_id, term, indicator)
);
CREATE INDEX wuyu_records_school ON wuyu_records (school_code, term);
