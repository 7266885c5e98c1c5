-- The three commonest categories of all incidents inside an outline (GeoJSON, WGS84) in the window.
-- Binds: outline, from day, to day.
SELECT category_code, count(*)
FROM incident
WHERE ST_Intersects(geom_3857, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), 3857))
  AND reported_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
  AND reported_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
GROUP BY category_code
ORDER BY count(*) DESC, category_code
LIMIT 3
