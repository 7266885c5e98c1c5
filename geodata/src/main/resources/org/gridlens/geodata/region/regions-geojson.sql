-- All regions of one level as a GeoJSON FeatureCollection.
-- Bind 1: simplification tolerance in metres (applied in EPSG:4543, topology preserved); bind 2: level.
WITH p AS (SELECT ?::float8 AS tol)
SELECT json_build_object(
           'type', 'FeatureCollection',
           'features', coalesce(json_agg(json_build_object(
               'type', 'Feature',
               'id', r.id,
               'geometry', ST_AsGeoJSON(
                   CASE WHEN p.tol > 0
                        THEN ST_Transform(ST_SimplifyPreserveTopology(ST_Transform(r.geom, 4543), p.tol), 4326)
                        ELSE r.geom END, 6)::json,
               'properties', json_build_object(
                   'code', r.code, 'name', r.name, 'name_en', r.name_en, 'parent', r.parent_code,
                   'area_km2', round((r.area_m2 / 1e6)::numeric, 3))
           ) ORDER BY r.code), '[]'::json))::text
FROM region r, p
WHERE r.level = ?
