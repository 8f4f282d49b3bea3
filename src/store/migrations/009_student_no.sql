-- The school's student number (学号 / 学籍号 as the school uses it in its test and screening files) on the
-- roster, so a parent's child links to the child's 体质健康, 视力 and 五育 results (issue 8: portrait for
-- staff and the own parent). Optional: NULL when the roster file has no such column. Portable SQL.
ALTER TABLE students ADD COLUMN student_no TEXT;
CREATE INDEX students_student_no ON students (student_no);
