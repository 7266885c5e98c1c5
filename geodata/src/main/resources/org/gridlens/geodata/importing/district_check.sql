-- Rows outside the district are rejected; when the row's coordinates swapped fall inside, say so.
WITH d AS (SELECT ST_Union(geom) AS geom FROM region WHERE level = 'district')
INSERT INTO import_issue (row_no, field, value, reason, outcome)
SELECT s.row_no, 'geom', ST_AsText(ST_PointOnSurface(s.geom), 6),
       CASE WHEN ST_Intersects(d.geom, ST_FlipCoordinates(s.geom))
            THEN 'longitude and latitude are swapped'
            ELSE 'outside the district' END,
       'REJECTED'
FROM import_staging s, d
WHERE NOT ST_Intersects(d.geom, s.geom);
