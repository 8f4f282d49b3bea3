-- 招生基础数据 (issue 6 §1): the catchment map and the seat-warning inputs, kept as the validated files
-- they were uploaded as (UTF-8; CSV re-written from whatever encoding or format came in). Each upload is
-- a new version and the newest is in force, so the engines read exactly what `youjun enroll …` would
-- read from the same files, and earlier versions stay for the record. Portable SQL.
CREATE TABLE enroll_datasets (
  kind        TEXT NOT NULL CHECK (kind = 'catchments' OR kind = 'birth_cohorts' OR kind = 'new_housing' OR kind = 'intake_seats'),
  version     INTEGER NOT NULL,
  file_name   TEXT NOT NULL,
  content     TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  item_count  INTEGER NOT NULL,               -- features (catchments) or data rows
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (kind, version)
);
