-- Camera view sectors (polygons); feature id = camera id, so a click highlights camera and sector.
SELECT s.id AS fid, s.code, s.heading_deg AS heading, s.fov_deg AS fov, s.range_m,
       ST_AsMVTGeom(s.sector_3857, m.env, 4096, 64, true) AS geom
FROM camera s, p, m
WHERE s.sector_3857 && m.search
