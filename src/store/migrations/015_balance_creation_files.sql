-- 五大创建 in the database (issue 4 §4–5): the bureau's file of what each district has achieved
-- (district,creation,achieved_year,rate,province_average,province_rank — `youjun balance creations --achieved`),
-- kept as the validated file it was uploaded as, one version per upload; the newest is in force and the
-- progress table is computed from it against the profile's 004 schedule. Portable SQL.
CREATE TABLE balance_creation_files (
  version     INTEGER PRIMARY KEY,
  file_name   TEXT NOT NULL,
  content     TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  item_count  INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
