-- 地址库 (issue 6 §1): addresses with coordinates join the 招生基础数据 files, so a parent finds a catchment by
-- address. The kind check of enroll_datasets is widened by rebuilding the table (SQLite cannot alter a CHECK);
-- every stored version is copied as it is. Portable SQL (SQLite and PostgreSQL).
CREATE TABLE enroll_datasets_new (
  kind        TEXT NOT NULL CHECK (kind = 'catchments' OR kind = 'birth_cohorts' OR kind = 'new_housing' OR kind = 'intake_seats' OR kind = 'addresses'),
  version     INTEGER NOT NULL,
  file_name   TEXT NOT NULL,
  content     TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  item_count  INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (kind, version)
);
INSERT INTO enroll_datasets_new (kind, version, file_name, content, sha256, item_count, uploaded_by, uploaded_at)
  SELECT kind, version, file_name, content, sha256, item_count, uploaded_by, uploaded_at FROM enroll_datasets;
DROP TABLE enroll_datasets;
ALTER TABLE enroll_datasets_new RENAME TO enroll_datasets;
