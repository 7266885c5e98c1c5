-- Incident density per square (z8-12): the tile is cut into 2^(5 - level) squares a side (aligned to
-- the tile grid, so squares never straddle tiles); a cell counts in the square holding its centre.
-- Counts come per finest square (square_counts.sql, V22 roll-ups) and are grouped by this zoom's
-- square, k = 17 - (z + 5 - level) bits coarser.
-- value = count / heat_max, the largest square count of the whole district at this zoom and level
-- under the same filters (bound here), so colours do not jump at tile seams.
WITH sq AS (
  SELECT 17 - (p.z + 5 - p.level) AS k, 40075016.685578488 / ((1::bigint << p.z) * (1 << (5 - p.level))) AS s FROM p
), sr AS (
  SELECT p.x << (17 - p.z) AS x0, (p.x + 1) << (17 - p.z) AS x1, p.y << (17 - p.z) AS y0, (p.y + 1) << (17 - p.z) AS y1 FROM p
), scope_cells AS (
  SELECT c.id, c.sq_x, c.sq_y FROM unit_cell c, m, sr
  WHERE c.centre_3857 && m.env AND c.sq_x >= sr.x0 AND c.sq_x < sr.x1 AND c.sq_y >= sr.y0 AND c.sq_y < sr.y1
),
{{square_counts}},
-- Aggregated first (materialised) so ST_AsMVTGeom runs once per square.
agg AS MATERIALIZED (
  SELECT x.sx >> sq.k AS ix, x.sy >> sq.k AS iy, sum(x.n)::bigint AS n
  FROM counted x, sq
  GROUP BY 1, 2
  HAVING sum(x.n) > 0
)
-- Squares align with the tile's 4096-unit grid (size = 4096 / 2^(5 - level) units) and never cross its
-- edge, so each is written directly in tile coordinates, with the vertex order ST_AsMVTGeom gives such a
-- square (exterior ring of positive area in the y-down tile space): no clipping or snapping to do.
SELECT a.iy::bigint * (1::bigint << (p.z + 5)) + a.ix AS fid, a.n AS count,
       round((a.n / greatest(p.heat_max, 1))::numeric, 4)::double precision AS value,
       least(5, greatest(1, ceil(5 * a.n / greatest(p.heat_max, 1))))::integer AS class,
       ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(t.x1, t.y0), ST_MakePoint(t.x1, t.y1), ST_MakePoint(t.x0, t.y1),
                                        ST_MakePoint(t.x0, t.y0), ST_MakePoint(t.x1, t.y0)])) AS geom
FROM agg a, p,
     LATERAL (SELECT (4096 >> (5 - p.level)) AS size, 1 << (5 - p.level) AS n_side) g,
     LATERAL (SELECT (a.ix - p.x::bigint * g.n_side) * g.size AS x0, (a.ix - p.x::bigint * g.n_side + 1) * g.size AS x1,
                     (a.iy - p.y::bigint * g.n_side) * g.size AS y0, (a.iy - p.y::bigint * g.n_side + 1) * g.size AS y1) t
