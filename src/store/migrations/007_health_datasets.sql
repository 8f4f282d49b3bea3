-- 学生体质健康 and 视力筛查 datasets (issue 8): one uploaded file of a year's test records or screenings,
-- checked and scored when uploaded; the summary the dashboards show is stored with it. Individual results
-- are recomputed from the stored file on request (grade-only for schools, every access audited).
-- Portable SQL (SQLite and PostgreSQL).
CREATE TABLE health_datasets (
  id            TEXT PRIMARY KEY,          -- "fitness-2026-001" / "vision-2026-001": kind, upload year, sequence
  kind          TEXT NOT NULL CHECK (kind = 'fitness' OR kind = 'vision'),
  title         TEXT NOT NULL,
  year          INTEGER NOT NULL,          -- the school year's test (fitness) or the latest screening year (vision)
  policy        TEXT NOT NULL,
  record_count  INTEGER NOT NULL,
  records_csv   TEXT NOT NULL,             -- the uploaded file as UTF-8 CSV
  summary_json  TEXT NOT NULL,             -- `evaluate fitness` summary / `evaluate vision` rates, changes, cohorts
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX health_datasets_kind ON health_datasets (kind, year);
