-- Incidents per unit cell from the incident table (used when sources are filtered). Binds: from day,
-- to day (exclusive, local Asia/Shanghai days), category LIKE patterns, sources (empty = all).
WITH n AS (
    SELECT cell_id, count(*) AS n
    FROM incident
    WHERE reported_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND reported_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND (cardinality(?::text[]) = 0 OR category_code LIKE ANY (?::text[]))
      AND (cardinality(?::text[]) = 0 OR source = ANY (?::text[]))
    GROUP BY cell_id
)
SELECT u.code, ST_X(u.centroid_4543), ST_Y(u.centroid_4543), coalesce(n.n, 0), ST_AsGeoJSON(u.geom, 6)
FROM unit_cell u
LEFT JOIN n ON n.cell_id = u.id
ORDER BY u.id
