-- Incident counts per square of the tile's own grid (z8-12): squares of 2^e a side over the world,
-- e = min(z + 6, 17) - level (64 a side per tile to z11, 32 at z12: the V22 roll-up squares, ~245 m on
-- the ground), and each unit cell counts in the square holding its centre. Squares never straddle
-- tiles, so a count is in exactly one tile. Counts come per finest square (square_counts.sql) and are
-- grouped by this zoom's square, k = 17 - e bits coarser.
-- Feature id = row * 2^(z+6) + column of the square at this zoom.
WITH e AS (
  SELECT least(p.z + 6, 17) - p.level AS e FROM p
), sq AS (
  SELECT 17 - e.e AS k, 40075016.685578488 / (1::bigint << e.e) AS s FROM e
),
{{square_bins}}
-- Squares align with the tile's 4096-unit grid (2^(e - z) a side, each 4096 / 2^(e - z) units, an even
-- number) and never cross its edge, so each centre is written directly in tile coordinates: the point
-- ST_AsMVTGeom would give, without clipping or snapping to do.
SELECT a.iy::bigint * (1::bigint << (p.z + 6)) + a.ix AS fid, 'square' AS agg, a.n AS count,
       ST_MakePoint((a.ix - p.x::bigint * g.n_side) * g.size + g.size / 2, (a.iy - p.y::bigint * g.n_side) * g.size + g.size / 2) AS geom
FROM agg a, p, e,
     LATERAL (SELECT 4096 >> (e.e - p.z) AS size, 1 << (e.e - p.z) AS n_side) g
