-- Incident counts per square of the tile's own grid (z8-11): the tile is cut into 2^(6 - level) squares
-- a side and each unit cell counts in the square holding its centre. Squares never straddle tiles, so
-- a count is in exactly one tile. Feature id = row * 2^(z+6) + column of the square at this zoom.
WITH sq AS (
  SELECT (1 << (6 - p.level)) AS n_side, 40075016.685578488 / ((1::bigint << p.z) * (1 << (6 - p.level))) AS s FROM p
), scope_cells AS (
  SELECT c.id, c.centre_3857 FROM unit_cell c, m WHERE c.centre_3857 && m.env
),
{{cell_counts}},
binned AS (
  SELECT floor((ST_X(c.centre_3857) + 20037508.342789244) / sq.s)::bigint AS ix,
         floor((20037508.342789244 - ST_Y(c.centre_3857)) / sq.s)::bigint AS iy,
         cc.n
  FROM cell_counts cc JOIN scope_cells c ON c.id = cc.cell_id, sq
)
SELECT b.iy * (1::bigint << (p.z + 6)) + b.ix AS fid, 'square' AS agg, sum(b.n)::bigint AS count,
       ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(-20037508.342789244 + (b.ix + 0.5) * sq.s,
                                            20037508.342789244 - (b.iy + 0.5) * sq.s), 3857),
                    m.env, 4096, 64, true) AS geom
FROM binned b, sq, p, m
WHERE b.ix >= p.x::bigint * sq.n_side AND b.ix < (p.x::bigint + 1) * sq.n_side
  AND b.iy >= p.y::bigint * sq.n_side AND b.iy < (p.y::bigint + 1) * sq.n_side
GROUP BY b.ix, b.iy, sq.s, p.z, m.env
HAVING sum(b.n) > 0
