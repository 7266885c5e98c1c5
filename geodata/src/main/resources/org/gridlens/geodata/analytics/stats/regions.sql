-- Every region with its parent and area, parents before children.
SELECT code, name, level, parent_code, area_m2
FROM region
ORDER BY CASE level WHEN 'district' THEN 0 WHEN 'subdistrict' THEN 1 WHEN 'community' THEN 2 ELSE 3 END, code
