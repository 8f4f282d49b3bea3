-- Accounts, sessions and the tamper-evident audit log (src/auth/). Portable SQL (SQLite and PostgreSQL).
-- Times that drive security decisions (locks, session expiry) are Unix seconds (BIGINT) so a test clock
-- can be injected; times shown to people are ISO-8601 UTC text.

CREATE TABLE users (
  username      TEXT PRIMARY KEY,                 -- lower-case ASCII, 3–32 chars (auth/accounts.cpp)
  display_name  TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,                    -- argon2id encoded string ($argon2id$v=19$m=…)
  role          TEXT NOT NULL CHECK (role IN ('bureau_admin','bureau_staff','school_admin','auditor','parent')),
  school_code   TEXT REFERENCES schools(code),    -- required for school_admin, NULL for every other role
  disabled      INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,       -- consecutive failures since the last success
  locked_until  BIGINT NOT NULL DEFAULT 0,        -- Unix seconds; 0 = not locked
  created_at    TEXT NOT NULL,
  CHECK ((role = 'school_admin' AND school_code IS NOT NULL) OR (role <> 'school_admin' AND school_code IS NULL))
);
CREATE INDEX users_school ON users(school_code);

-- Which students a parent account may see: keyed hash of the child's ID number (students.id_hash).
-- No foreign key to students: a parent may be registered before the roster is imported.
CREATE TABLE parent_children (
  username        TEXT NOT NULL REFERENCES users(username),
  student_id_hash TEXT NOT NULL,
  PRIMARY KEY (username, student_id_hash)
);

-- Only the SHA-256 of a session token is stored; the token itself exists only in the client.
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  username    TEXT NOT NULL REFERENCES users(username),
  csrf_token  TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('cookie','bearer')),
  created_at  BIGINT NOT NULL,                    -- Unix seconds
  last_seen   BIGINT NOT NULL,                    -- idle expiry: last_seen + 8 h
  expires_at  BIGINT NOT NULL                     -- absolute expiry: created_at + 24 h
);
CREATE INDEX sessions_user ON sessions(username);

-- Append-only hash chain. seq is max(seq)+1, assigned inside the writing transaction (no gaps: a gap
-- means a deleted row). hash = SHA-256 over prev_hash and the other fields (auth/audit.cpp,
-- docs/security-notes.md); prev_hash of seq 1 is 64 zeros.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,                       -- ISO-8601 UTC
  actor      TEXT NOT NULL,                       -- username, "cli:<os user>" or "-"
  action     TEXT NOT NULL,                       -- auth.login, user.create, students.read, import.students …
  target     TEXT NOT NULL DEFAULT '',
  detail     TEXT NOT NULL DEFAULT '{}',          -- JSON object, never personal data
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
