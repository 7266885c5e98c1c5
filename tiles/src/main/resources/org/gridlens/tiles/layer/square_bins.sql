-- Fragment: agg, the incident counts of a z8-12 tile per square of the band's own size (ix, iy: column and
-- row of that square over the world; n > 0), for bands that define sq.k, how many bits coarser their
-- square is than the finest 2^17 one. sr is the tile's range of finest squares and scope_cells the unit
-- cells whose centres lie in it; square_counts.sql counts per finest square and this groups by a shift.
sr AS (
  SELECT p.x << (17 - p.z) AS x0, (p.x + 1) << (17 - p.z) AS x1, p.y << (17 - p.z) AS y0, (p.y + 1) << (17 - p.z) AS y1 FROM p
), scope_cells AS (
  SELECT c.id, c.sq_x, c.sq_y FROM unit_cell c, m, sr
  WHERE c.centre_3857 && m.env AND c.sq_x >= sr.x0 AND c.sq_x < sr.x1 AND c.sq_y >= sr.y0 AND c.sq_y < sr.y1
),
{{square_counts}},
-- Aggregated first (materialised), so each square's feature is built once.
agg AS MATERIALIZED (
  SELECT x.sx >> sq.k AS ix, x.sy >> sq.k AS iy, sum(x.n)::bigint AS n
  FROM counted x, sq
  GROUP BY 1, 2
  HAVING sum(x.n) > 0
)
