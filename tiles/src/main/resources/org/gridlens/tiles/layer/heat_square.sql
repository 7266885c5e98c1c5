-- Incident density per square (z8-12): the tile is cut into 2^(5 - level) squares a side (aligned to
-- the tile grid, so squares never straddle tiles); a cell counts in the square holding its centre.
-- value = count / heat_max, the largest square count of the whole district at this zoom and level
-- under the same filters (bound here), so colours do not jump at tile seams.
WITH sq AS (
  SELECT (1 << (5 - p.level)) AS n_side, 40075016.685578488 / ((1::bigint << p.z) * (1 << (5 - p.level))) AS s FROM p
), scope_cells AS (
  SELECT c.id, c.centre_x, c.centre_y FROM unit_cell c, m WHERE c.centre_3857 && m.env
),
{{cell_counts}},
binned AS (
  SELECT floor((c.centre_x + 20037508.342789244) / sq.s)::bigint AS ix,
         floor((20037508.342789244 - c.centre_y) / sq.s)::bigint AS iy,
         cc.n
  FROM cell_counts cc JOIN scope_cells c ON c.id = cc.cell_id, sq
),
-- Aggregated first (materialised) so ST_AsMVTGeom runs once per square, not once per cell.
agg AS MATERIALIZED (
  SELECT b.ix, b.iy, sum(b.n)::bigint AS n
  FROM binned b, sq, p
  WHERE b.ix >= p.x::bigint * sq.n_side AND b.ix < (p.x::bigint + 1) * sq.n_side
    AND b.iy >= p.y::bigint * sq.n_side AND b.iy < (p.y::bigint + 1) * sq.n_side
  GROUP BY b.ix, b.iy
  HAVING sum(b.n) > 0
)
SELECT a.iy * (1::bigint << (p.z + 5)) + a.ix AS fid, a.n AS count,
       round((a.n / greatest(p.heat_max, 1))::numeric, 4)::double precision AS value,
       least(5, greatest(1, ceil(5 * a.n / greatest(p.heat_max, 1))))::integer AS class,
       ST_AsMVTGeom(ST_MakeEnvelope(-20037508.342789244 + a.ix * sq.s, 20037508.342789244 - (a.iy + 1) * sq.s,
                                    -20037508.342789244 + (a.ix + 1) * sq.s, 20037508.342789244 - a.iy * sq.s, 3857),
                    m.env, 4096, 64, true) AS geom
FROM agg a, sq, p, m
