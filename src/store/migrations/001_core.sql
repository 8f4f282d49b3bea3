-- Core tables of the foundation (issue 3). Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- Natural keys everywhere (school code, keyed hash of the ID number) so re-imports are upserts.
-- Money in 分 (integer), areas in m², dates ISO-8601 text, school years 'YYYY-YYYY'.

CREATE TABLE districts (
  code        TEXT PRIMARY KEY,                 -- 行政区划代码, e.g. 330602
  name        TEXT NOT NULL UNIQUE,             -- 越城区
  kind        TEXT NOT NULL DEFAULT 'district'  -- district | county | county_city
);

CREATE TABLE schools (
  code          TEXT PRIMARY KEY,               -- 学校标识码 / 学校代码
  name          TEXT NOT NULL,
  district_code TEXT NOT NULL REFERENCES districts(code),
  level         TEXT NOT NULL CHECK (level IN ('primary','junior','nine_year','twelve_year','complete_secondary','senior')),
  ownership     TEXT NOT NULL CHECK (ownership IN ('public','private')),
  locale        TEXT NOT NULL CHECK (locale IN ('urban','town','rural')),
  address       TEXT NOT NULL DEFAULT '',
  lon           DOUBLE PRECISION,
  lat           DOUBLE PRECISION,
  row_version   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX schools_district ON schools(district_code);

-- One row per school and school year: the facts the supervision indicators are computed from.
CREATE TABLE school_facts (
  school_code   TEXT NOT NULL REFERENCES schools(code),
  school_year   TEXT NOT NULL,
  students_g1 INTEGER NOT NULL DEFAULT 0, students_g2 INTEGER NOT NULL DEFAULT 0,
  students_g3 INTEGER NOT NULL DEFAULT 0, students_g4 INTEGER NOT NULL DEFAULT 0,
  students_g5 INTEGER NOT NULL DEFAULT 0, students_g6 INTEGER NOT NULL DEFAULT 0,
  students_g7 INTEGER NOT NULL DEFAULT 0, students_g8 INTEGER NOT NULL DEFAULT 0,
  students_g9 INTEGER NOT NULL DEFAULT 0, students_g10 INTEGER NOT NULL DEFAULT 0,
  students_g11 INTEGER NOT NULL DEFAULT 0, students_g12 INTEGER NOT NULL DEFAULT 0,
  classes_primary INTEGER NOT NULL DEFAULT 0,
  classes_junior  INTEGER NOT NULL DEFAULT 0,
  classes_senior  INTEGER NOT NULL DEFAULT 0,
  largest_class   INTEGER NOT NULL DEFAULT 0,
  teachers_primary INTEGER NOT NULL DEFAULT 0,
  teachers_junior  INTEGER NOT NULL DEFAULT 0,
  teachers_senior  INTEGER NOT NULL DEFAULT 0,
  teachers_above_degree_primary INTEGER NOT NULL DEFAULT 0,
  teachers_above_degree_junior  INTEGER NOT NULL DEFAULT 0,
  backbone_teachers_primary INTEGER NOT NULL DEFAULT 0,
  backbone_teachers_junior  INTEGER NOT NULL DEFAULT 0,
  pe_art_teachers_primary INTEGER NOT NULL DEFAULT 0,
  pe_art_teachers_junior  INTEGER NOT NULL DEFAULT 0,
  teaching_area_m2      DOUBLE PRECISION NOT NULL DEFAULT 0,
  sports_area_m2        DOUBLE PRECISION NOT NULL DEFAULT 0,
  equipment_value_fen   BIGINT NOT NULL DEFAULT 0,
  multimedia_rooms      INTEGER NOT NULL DEFAULT 0,
  music_rooms           INTEGER NOT NULL DEFAULT 0,
  art_rooms             INTEGER NOT NULL DEFAULT 0,
  public_budget_fen     BIGINT NOT NULL DEFAULT 0,
  training_budget_fen   BIGINT NOT NULL DEFAULT 0,
  payroll_fen           BIGINT NOT NULL DEFAULT 0,
  row_version   INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (school_code, school_year)
);

-- CHECKs on the big tables are written as OR chains, not IN (…): SQLite builds a temporary table per
-- inserted row for an IN list of three or more values (a third of the time of a 1M-row import).
-- ID numbers are never stored in clear: id_hash is a keyed hash (lookups, natural key),
-- id_enc the authenticated encryption of the number, id_masked the only form ever shown.
CREATE TABLE teachers (
  id_hash        TEXT PRIMARY KEY,
  id_enc         TEXT NOT NULL,
  id_masked      TEXT NOT NULL,
  name           TEXT NOT NULL,
  gender         TEXT NOT NULL CHECK (gender IN ('M','F')),
  birth_year     INTEGER NOT NULL,
  school_code    TEXT NOT NULL REFERENCES schools(code),
  level          TEXT NOT NULL CHECK (level = 'primary' OR level = 'junior' OR level = 'senior'),
  subject        TEXT NOT NULL,
  title          TEXT NOT NULL DEFAULT '',
  education      TEXT NOT NULL CHECK (education = 'postgraduate' OR education = 'bachelor' OR education = 'associate' OR education = 'secondary'),
  backbone_level TEXT NOT NULL DEFAULT 'none' CHECK (backbone_level = 'none' OR backbone_level = 'county' OR backbone_level = 'city' OR backbone_level = 'province' OR backbone_level = 'national'),
  school_since   INTEGER NOT NULL,
  row_version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX teachers_school ON teachers(school_code);

-- Earlier postings of a teacher (9/12-year rotation rules need the history).
CREATE TABLE teacher_postings (
  id_hash     TEXT NOT NULL REFERENCES teachers(id_hash),
  school_code TEXT NOT NULL REFERENCES schools(code),
  from_year   INTEGER NOT NULL,
  to_year     INTEGER,
  PRIMARY KEY (id_hash, school_code, from_year)
);

CREATE TABLE students (
  id_hash      TEXT PRIMARY KEY,
  id_enc       TEXT NOT NULL,
  id_masked    TEXT NOT NULL,
  name         TEXT NOT NULL,
  gender       TEXT NOT NULL CHECK (gender IN ('M','F')),
  birth_date   TEXT NOT NULL,
  hukou_type   TEXT NOT NULL CHECK (hukou_type = 'local_urban' OR hukou_type = 'local_rural' OR hukou_type = 'nonlocal'),
  migrant      INTEGER NOT NULL DEFAULT 0,      -- 随迁子女
  school_code  TEXT NOT NULL REFERENCES schools(code),
  grade        INTEGER NOT NULL,
  class_no     INTEGER NOT NULL,
  row_version  INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX students_school ON students(school_code, grade, class_no);
