-- Incident counts per square of the tile's own grid (z8-11): the tile is cut into 2^(6 - level) squares
-- a side and each unit cell counts in the square holding its centre. Squares never straddle tiles, so
-- a count is in exactly one tile. Feature id = row * 2^(z+6) + column of the square at this zoom.
WITH sq AS (
  SELECT (1 << (6 - p.level)) AS n_side, 40075016.685578488 / ((1::bigint << p.z) * (1 << (6 - p.level))) AS s FROM p
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
SELECT a.iy * (1::bigint << (p.z + 6)) + a.ix AS fid, 'square' AS agg, a.n AS count,
       ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(-20037508.342789244 + (a.ix + 0.5) * sq.s,
                                            20037508.342789244 - (a.iy + 0.5) * sq.s), 3857),
                    m.env, 4096, 64, true) AS geom
FROM agg a, sq, p, m
