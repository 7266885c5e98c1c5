-- The latest incidents with an id above bind 1, newest first, at most bind 2 rows: the wall's ticker
-- and its polling fallback. Positions are public points of the incident, not of people.
SELECT i.id, i.reported_at, i.category_code, c.name_zh, c.name_en, i.grid_code, g.name, i.status, i.source,
       ST_X(i.geom), ST_Y(i.geom)
FROM incident i
JOIN category c ON c.code = i.category_code
LEFT JOIN region g ON g.code = i.grid_code
WHERE i.id > ?
ORDER BY i.id DESC
LIMIT ?
