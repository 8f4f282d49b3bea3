-- 多校划片 matching in the database (issue 6 §3 and §6). A 派位 run is now a lottery (one school per applicant,
-- as before) or a match (each student ranks several schools of a 多校划片 zone; deferred acceptance by tier and
-- lottery number). A match run keeps the canonical students file (student_id,prefs,tier,tiers sorted by id; its
-- SHA-256 is the digest published before the draw) in applicants_csv and school_id,seats,sector in seats_csv.
-- A parent applying in a 多校划片 zone ranks the zone's schools: prefs_json is that list, best first ('[]' for a
-- single-school application; school_id is then the first choice). Portable SQL (SQLite and PostgreSQL).
ALTER TABLE enroll_runs ADD COLUMN method TEXT NOT NULL DEFAULT 'lottery' CHECK (method = 'lottery' OR method = 'match');
ALTER TABLE enroll_applications ADD COLUMN prefs_json TEXT NOT NULL DEFAULT '[]';
