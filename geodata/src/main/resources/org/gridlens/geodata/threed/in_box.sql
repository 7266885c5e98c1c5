-- Buildings and strata parcels intersecting a 3D box: footprint meets the 2D box (closed) and the
-- height intervals overlap (closed). Binds: west, south, east, north, zmin, zmax, limit.
WITH box AS (SELECT ST_MakeEnvelope(?, ?, ?, ?, 4326) AS g, ?::float8 AS zmin, ?::float8 AS zmax)
SELECT kind, code, z_min, z_max FROM (
    SELECT 'building' AS kind, b.code, b.base_elev_m AS z_min, b.base_elev_m + b.height_m AS z_max
    FROM building b, box
    WHERE ST_Intersects(b.geom, box.g) AND b.base_elev_m <= box.zmax AND b.base_elev_m + b.height_m >= box.zmin
    UNION ALL
    SELECT 'parcel', p.code, p.z_min, p.z_max
    FROM parcel p, box
    WHERE p.z_min IS NOT NULL AND p.z_max IS NOT NULL
      AND ST_Intersects(p.geom, box.g) AND p.z_min <= box.zmax AND p.z_max >= box.zmin
) hits
ORDER BY kind, code
LIMIT ?;
