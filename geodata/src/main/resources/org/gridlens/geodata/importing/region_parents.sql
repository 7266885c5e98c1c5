-- A region's parent must exist already or come in the same file.
INSERT INTO import_issue (row_no, field, value, reason, outcome)
SELECT s.row_no, 'parent_code', s.attrs ->> 'parent_code', 'unknown parent region', 'REJECTED'
FROM import_staging s
WHERE s.attrs ->> 'level' <> 'district'
  AND NOT EXISTS (SELECT 1 FROM region r WHERE r.code = s.attrs ->> 'parent_code')
  AND NOT EXISTS (SELECT 1 FROM import_staging p WHERE p.key = s.attrs ->> 'parent_code');
