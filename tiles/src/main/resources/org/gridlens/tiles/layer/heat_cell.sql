-- Incident density per unit cell (z13+). value = count / heat_max, where heat_max is the largest cell
-- count in the whole district under the same filters (computed once per filter set, bound here), so
-- colours agree across tiles; class = 1..5 (equal fifths of value).
WITH scope_cells AS (
  SELECT c.id, c.geom_3857, c.centre_3857 FROM unit_cell c, m WHERE c.geom_3857 && m.search
),
{{cell_counts}}
SELECT c.id AS fid, cc.n AS count,
       round((cc.n / greatest(p.heat_max, 1))::numeric, 4)::double precision AS value,
       least(5, greatest(1, ceil(5 * cc.n / greatest(p.heat_max, 1))))::integer AS class,
       ST_AsMVTGeom(c.geom_3857, m.env, 4096, 64, true) AS geom
FROM cell_counts cc JOIN scope_cells c ON c.id = cc.cell_id, p, m
WHERE cc.n > 0
