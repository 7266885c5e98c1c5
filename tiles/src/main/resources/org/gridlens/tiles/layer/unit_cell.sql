-- Unit cells (万米单元网格), 100 m squares laid in EPSG:4543.
SELECT s.id AS fid, s.code, s.grid_code AS grid, s.size_m,
       ST_AsMVTGeom(s.geom_3857, m.env, 4096, 64, true) AS geom
FROM unit_cell s, p, m
WHERE s.geom_3857 && m.search
