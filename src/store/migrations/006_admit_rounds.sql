-- 高中招生轮次 (issue 7 §4): the inputs of one year's admission, the quota table (editable while the
-- round is a draft, every edit audited, row version against lost updates), then the admission computed
-- once with a public seed, then published and locked. Portable SQL (SQLite and PostgreSQL).
CREATE TABLE admit_rounds (
  id               TEXT PRIMARY KEY,          -- "2026-001": year of creation and sequence
  title            TEXT NOT NULL,
  year             INTEGER NOT NULL,          -- 招生年份: the rules in force that year apply
  policy           TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status = 'draft' OR status = 'admitted' OR status = 'published'),
  version          INTEGER NOT NULL,          -- +1 on every quota edit (optimistic concurrency)
  high_schools_csv TEXT NOT NULL,             -- hs_id,name,plan,quality[,county] as uploaded (UTF-8 CSV)
  juniors_csv      TEXT NOT NULL,             -- js_id,name,county,graduates
  students_csv     TEXT NOT NULL,             -- the admit match input (scored)
  student_count    INTEGER NOT NULL,
  quota_json       TEXT NOT NULL,             -- `admit quota` output with the edits applied
  seed             TEXT,
  result_json      TEXT,                      -- `admit match --json` for the stored inputs and seed
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  admitted_by      TEXT,
  admitted_at      TEXT,
  published_by     TEXT,
  published_at     TEXT,
  CHECK ((status = 'draft') = (seed IS NULL))
);
