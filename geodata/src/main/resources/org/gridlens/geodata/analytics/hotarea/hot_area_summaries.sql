-- Outline, centre and grid of each hot area: the convex hull of its incidents (WKT, EPSG:4543) buffered
-- by 10 m as GeoJSON in WGS84, and the mean of its incident coordinates in WGS84 with the grid there.
-- Binds: hulls, centre x, centre y (same length). Answers (position 1..n, outline, lon, lat, grid).
SELECT a.n,
       ST_AsGeoJSON(ST_Transform(ST_Buffer(ST_GeomFromText(a.hull, 4543), 10), 4326), 6),
       ST_X(c.g), ST_Y(c.g), gl_grid_of(c.g)
FROM unnest(?::text[], ?::float8[], ?::float8[]) WITH ORDINALITY AS a(hull, x, y, n)
CROSS JOIN LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(a.x, a.y), 4543), 4326) AS g) c
ORDER BY a.n
