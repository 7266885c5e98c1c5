-- The largest incident count of any heat square (see heat_square.sql) in the whole district at this
-- zoom and generalisation level, under the request's filters.
WITH sq AS (
  SELECT 17 - (p.z + 5 - p.level) AS k FROM p
), sr AS (
  SELECT 0 AS x0, 131072 AS x1, 0 AS y0, 131072 AS y1
), scope_cells AS (
  SELECT c.id, c.sq_x, c.sq_y FROM unit_cell c
),
{{square_counts}}
SELECT coalesce(max(t), 0)::double precision
FROM (SELECT sum(x.n) AS t FROM counted x, sq GROUP BY x.sx >> sq.k, x.sy >> sq.k) y
