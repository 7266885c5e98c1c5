-- Incidents per unit cell from the incident_daily pre-aggregation. Binds: from day, to day (exclusive),
-- category LIKE patterns (empty = all).
WITH n AS (
    SELECT cell_id, sum(n) AS n
    FROM incident_daily
    WHERE day >= ? AND day < ?
      AND (cardinality(?::text[]) = 0 OR category_code LIKE ANY (?::text[]))
    GROUP BY cell_id
)
SELECT u.code, ST_X(u.centroid_4543), ST_Y(u.centroid_4543), coalesce(n.n, 0), ST_AsGeoJSON(u.geom, 6)
FROM unit_cell u
LEFT JOIN n ON n.cell_id = u.id
ORDER BY u.id
