-- Residential buildings with people of the group and no facility of the type within reach, as GeoJSON
-- features. {group} as in coverage_by_grid.sql. Binds after the group's: type, reach (m).
-- The facilities are projected once (MATERIALIZED), not once per building.
WITH b AS (
    SELECT bl.id, bl.code, bl.grid_code, bl.geom, ST_Centroid(ST_Transform(bl.geom, 4543)) AS g, count(*) AS n
    FROM building bl
    JOIN housing_unit h ON h.building_id = bl.id
    JOIN resident r ON r.housing_unit_id = h.id
    WHERE bl.grid_code IS NOT NULL AND ({group})
    GROUP BY bl.id
), f AS MATERIALIZED (
    SELECT ST_Transform(geom, 4543) AS g FROM facility WHERE type = ?
)
SELECT b.code, b.grid_code, b.n, ST_AsGeoJSON(b.geom, 6)
FROM b
WHERE NOT EXISTS (SELECT 1 FROM f WHERE ST_DWithin(f.g, b.g, ?))
ORDER BY b.grid_code, b.code
