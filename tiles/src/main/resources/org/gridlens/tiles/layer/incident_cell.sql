-- Incident counts per unit cell (z13-14), drawn at the cell centre; feature id = cell id. A cell
-- belongs to the one tile that holds its centre, so counts are never split or doubled across tiles.
WITH scope_cells AS (
  SELECT c.id, c.centre_3857 FROM unit_cell c, m WHERE c.centre_3857 && m.env
),
{{cell_counts}}
SELECT c.id AS fid, 'cell' AS agg, cc.n AS count,
       ST_AsMVTGeom(c.centre_3857, m.env, 4096, 64, true) AS geom
FROM cell_counts cc JOIN scope_cells c ON c.id = cc.cell_id, m
WHERE cc.n > 0
