-- Management grids must tile their community: no gaps, no overlaps, nothing outside. The overlay is
-- computed in the stored coordinates (so edges that agree in the data agree here, without
-- reprojection curvature); each piece's area is measured in EPSG:4543 and pieces up to the tolerance
-- (bind 1, m²) are ignored as digitising slivers.
-- Checks every community that is in the file or has a grid in the file.
WITH comm AS (
    SELECT c.code, c.geom
    FROM region c
    WHERE c.level = 'community'
      AND (c.code IN (SELECT key FROM import_staging)
           OR c.code IN (SELECT r.parent_code FROM region r JOIN import_staging s ON s.key = r.code WHERE r.level = 'grid'))
), grids AS (
    SELECT g.code, g.parent_code, g.geom
    FROM region g JOIN comm ON g.parent_code = comm.code
    WHERE g.level = 'grid'
), problems AS (
    SELECT 'gap' AS kind, comm.code AS a, NULL::text AS b,
           (ST_Dump(ST_Difference(comm.geom, ST_Union(grids.geom)))).geom AS piece
    FROM comm JOIN grids ON grids.parent_code = comm.code
    GROUP BY comm.code, comm.geom
    UNION ALL
    SELECT 'overlap', x.code, y.code, (ST_Dump(ST_Intersection(x.geom, y.geom))).geom
    FROM grids x JOIN grids y ON x.parent_code = y.parent_code AND x.code < y.code AND ST_Intersects(x.geom, y.geom)
    UNION ALL
    SELECT 'outside', g.code, g.parent_code, (ST_Dump(ST_Difference(g.geom, comm.geom))).geom
    FROM grids g JOIN comm ON comm.code = g.parent_code
)
SELECT kind, a, b, ST_Area(ST_Transform(piece, 4543)) AS area_m2, ST_AsText(ST_PointOnSurface(piece), 6) AS at
FROM problems
WHERE ST_Dimension(piece) = 2 AND ST_Area(ST_Transform(piece, 4543)) > ?
ORDER BY kind, a, b;
