-- Camera coverage per management grid, in EPSG:4543 (metres). A camera's view is its stored sector
-- (camera.sector = gl_view_sector(position, heading, fov, range)), the same polygon the camera_sector
-- tile layer draws. Overlapping sectors count once (union). Road length is the length of road centre
-- lines inside the grid, and inside the union of sectors. blind = grid minus sectors (EPSG:4326,
-- NULL when nothing is blind). Bind: grid code prefix ('' = every grid).
WITH g AS (
  SELECT r.code, r.name, r.geom, ST_Transform(r.geom, 4543) AS g4543
  FROM region r
  WHERE r.level = 'grid' AND starts_with(r.code, ?)
), s AS (
  SELECT g.code, count(c.id) AS cameras, ST_UnaryUnion(ST_Collect(ST_Transform(c.sector, 4543))) AS sectors
  FROM g LEFT JOIN camera c ON c.sector && g.geom AND ST_Intersects(c.sector, g.geom)
  GROUP BY g.code
), v AS (
  SELECT g.code, g.name, g.geom, g.g4543, s.cameras,
         CASE WHEN s.sectors IS NULL THEN NULL ELSE ST_Intersection(g.g4543, s.sectors) END AS seen
  FROM g JOIN s USING (code)
), rd AS (
  SELECT v.code,
         coalesce(sum(ST_Length(ST_Intersection(ST_Transform(r.geom, 4543), v.g4543))), 0) AS road_m,
         coalesce(sum(CASE WHEN v.seen IS NULL THEN 0
                           ELSE ST_Length(ST_Intersection(ST_Intersection(ST_Transform(r.geom, 4543), v.g4543), v.seen)) END), 0)
             AS road_seen_m
  FROM v LEFT JOIN road r ON r.geom && v.geom AND ST_Intersects(r.geom, v.geom)
  GROUP BY v.code
), b AS (
  SELECT v.*, CASE WHEN v.seen IS NULL THEN v.g4543 ELSE ST_Difference(v.g4543, v.seen) END AS blind4543
  FROM v
)
SELECT b.code AS grid_code, b.name AS grid_name, b.cameras::integer AS cameras, ST_Area(b.g4543) AS area_m2,
       coalesce(ST_Area(b.seen), 0) AS seen_m2, rd.road_m, rd.road_seen_m,
       CASE WHEN ST_Area(b.blind4543) < 1 THEN NULL
            ELSE ST_Multi(ST_CollectionExtract(ST_Transform(b.blind4543, 4326), 3)) END AS blind
FROM b JOIN rd USING (code)
