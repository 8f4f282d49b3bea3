-- Masked ID numbers shown to users keep the first 4 characters and the check character only
-- (core/id_number.cpp mask_id_number): re-mask the rows stored with the earlier form (first 4 + last 4).
-- Derived from the stored masked text itself, so no key is needed. Portable SQL.
UPDATE students SET id_masked = substr(id_masked, 1, 4) || '*************' || substr(id_masked, 18, 1)
  WHERE length(id_masked) = 18;
UPDATE teachers SET id_masked = substr(id_masked, 1, 4) || '*************' || substr(id_masked, 18, 1)
  WHERE length(id_masked) = 18;
