-- 综合素质评价 写实记录 (issue 8 §3): per student, term and aspect of the profile (quality.aspects: 思想品德,
-- 学业水平, 身心健康, 艺术素养, 社会实践 — 教基二〔2014〕11号), the factual record a school's staff wrote, with
-- who and when and a version against lost updates; every change audited. Portable SQL (SQLite and PostgreSQL).
CREATE TABLE quality_records (
  student_id  TEXT NOT NULL,             -- the school's student number (never an ID number)
  term        TEXT NOT NULL,             -- "2026-1"
  aspect      TEXT NOT NULL,             -- a key of quality.aspects, e.g. practice
  school_code TEXT NOT NULL,
  class_id    TEXT NOT NULL,
  text        TEXT NOT NULL,             -- the 写实记录: what the student did, where and when
  entered_by  TEXT NOT NULL,
  entered_at  TEXT NOT NULL,
  version     INTEGER NOT NULL,
  PRIMARY KEY (student_id, term, aspect)
);
CREATE INDEX quality_records_school ON quality_records (school_code, term);
