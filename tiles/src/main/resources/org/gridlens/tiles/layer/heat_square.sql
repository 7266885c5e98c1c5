-- Incident density per square (z8-12): the tile is cut into 2^(5 - level) squares a side (aligned to
-- the tile grid, so squares never straddle tiles); a cell counts in the square holding its centre.
-- value = count / heat_max, the largest square count of the whole district at this zoom and level
-- under the same filters (bound here), so colours do not jump at tile seams.
WITH sq AS (
  SELECT (1 << (5 - p.level)) AS n_side, 40075016.685578488 / ((1::bigint << p.z) * (1 << (5 - p.level))) AS s FROM p
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
SELECT b.iy * (1::bigint << (p.z + 5)) + b.ix AS fid, sum(b.n)::bigint AS count,
       round((sum(b.n) / greatest(p.heat_max, 1))::numeric, 4)::double precision AS value,
       least(5, greatest(1, ceil(5 * sum(b.n) / greatest(p.heat_max, 1))))::integer AS class,
       ST_AsMVTGeom(ST_MakeEnvelope(-20037508.342789244 + b.ix * sq.s, 20037508.342789244 - (b.iy + 1) * sq.s,
                                    -20037508.342789244 + (b.ix + 1) * sq.s, 20037508.342789244 - b.iy * sq.s, 3857),
                    m.env, 4096, 64, true) AS geom
FROM binned b, sq, p, m
WHERE b.ix >= p.x::bigint * sq.n_side AND b.ix < (p.x::bigint + 1) * sq.n_side
  AND b.iy >= p.y::bigint * sq.n_side AND b.iy < (p.y::bigint + 1) * sq.n_side
GROUP BY b.ix, b.iy, sq.s, p.z, p.heat_max, m.env
HAVING sum(b.n) > 0
