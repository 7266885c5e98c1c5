-- City components (城市部件) with class code and status.
SELECT s.id AS fid, s.code, s.category_code AS category, s.status,
       ST_AsMVTGeom(s.geom_3857, m.env, 4096, 64, true) AS geom
FROM component s, p, m
WHERE s.geom_3857 && m.search
