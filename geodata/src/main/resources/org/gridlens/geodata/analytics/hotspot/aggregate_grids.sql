-- Incidents per management grid. Binds: from day, to day (exclusive, local Asia/Shanghai days),
-- category LIKE patterns, sources (empty = all).
WITH n AS (
    SELECT grid_code, count(*) AS n
    FROM incident
    WHERE reported_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND reported_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND (cardinality(?::text[]) = 0 OR category_code LIKE ANY (?::text[]))
      AND (cardinality(?::text[]) = 0 OR source = ANY (?::text[]))
    GROUP BY grid_code
)
SELECT r.code, ST_X(r.centroid_4543), ST_Y(r.centroid_4543), coalesce(n.n, 0), ST_AsGeoJSON(r.geom, 6)
FROM region r
LEFT JOIN n ON n.grid_code = r.code
WHERE r.level = 'grid'
ORDER BY r.code
