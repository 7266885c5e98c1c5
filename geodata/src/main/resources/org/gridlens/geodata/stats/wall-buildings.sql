-- Footprints of the tallest buildings for the wall's pseudo-3D layer: the outer ring of each building's
-- largest part, simplified to about 1 m (1e-5 degrees), as WKB; heights in metres. At most bind 1 rows,
-- tallest first (ties by code, so the cut is stable).
SELECT b.height_m, ST_AsBinary(ST_SimplifyPreserveTopology(ST_ExteriorRing(p.geom), 0.00001))
FROM building b
CROSS JOIN LATERAL (SELECT d.geom FROM ST_Dump(b.geom) d ORDER BY ST_Area(d.geom) DESC LIMIT 1) p
ORDER BY b.height_m DESC, b.code
LIMIT ?
