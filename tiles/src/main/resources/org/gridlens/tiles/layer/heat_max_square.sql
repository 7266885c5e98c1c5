-- The largest incident count of any heat square (see heat_square.sql) in the whole district at this
-- zoom and generalisation level, under the request's filters.
WITH sq AS (
  SELECT 40075016.685578488 / ((1::bigint << p.z) * (1 << (5 - p.level))) AS s FROM p
), scope_cells AS (
  SELECT c.id, c.centre_x, c.centre_y FROM unit_cell c
),
{{cell_counts}},
binned AS (
  SELECT floor((c.centre_x + 20037508.342789244) / sq.s)::bigint AS ix,
         floor((20037508.342789244 - c.centre_y) / sq.s)::bigint AS iy,
         cc.n
  FROM cell_counts cc JOIN scope_cells c ON c.id = cc.cell_id, sq
)
SELECT coalesce(max(t), 0)::double precision FROM (SELECT sum(n) AS t FROM binned GROUP BY ix, iy) x
