-- Incidents per hexagon of edge length ? m laid over the district in EPSG:4543. Binds: edge length,
-- from day, to day (exclusive, local Asia/Shanghai days), category LIKE patterns, sources (empty = all).
WITH d AS (
    SELECT ST_Transform(ST_Union(geom), 4543) AS g FROM region WHERE level = 'district'
), h AS (
    SELECT hx.i, hx.j, hx.geom
    FROM d CROSS JOIN LATERAL ST_HexagonGrid(?, d.g) AS hx
    WHERE ST_Intersects(hx.geom, d.g)
), p AS (
    SELECT ST_Transform(geom, 4543) AS g
    FROM incident
    WHERE reported_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND reported_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND (cardinality(?::text[]) = 0 OR category_code LIKE ANY (?::text[]))
      AND (cardinality(?::text[]) = 0 OR source = ANY (?::text[]))
)
SELECT h.i || '_' || h.j, ST_X(ST_Centroid(h.geom)), ST_Y(ST_Centroid(h.geom)), count(p.g),
       ST_AsGeoJSON(ST_Transform(h.geom, 4326), 6)
FROM h LEFT JOIN p ON ST_Intersects(h.geom, p.g)
GROUP BY h.i, h.j, h.geom
ORDER BY h.i, h.j
