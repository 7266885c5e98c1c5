-- Incident density per square (z8-12): the tile is cut into 2^(5 - level) squares a side (aligned to
-- the tile grid, so squares never straddle tiles); a cell counts in the square holding its centre.
-- Counts come per finest square (square_counts.sql, V22 roll-ups) and are grouped by this zoom's
-- square, k = 17 - (z + 5 - level) bits coarser.
-- value = count / heat_max, the largest square count of the whole district at this zoom and level
-- under the same filters (bound here), so colours do not jump at tile seams.
WITH sq AS (
  SELECT 17 - (p.z + 5 - p.level) AS k, 40075016.685578488 / ((1::bigint << p.z) * (1 << (5 - p.level))) AS s FROM p
),
{{square_bins}}
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
