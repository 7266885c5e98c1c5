-- Camera positions with heading, field of view and range.
SELECT s.id AS fid, s.code, s.heading_deg AS heading, s.fov_deg AS fov, s.range_m,
       ST_AsMVTGeom(s.geom_3857, m.env, 4096, 64, true) AS geom
FROM camera s, p, m
WHERE s.geom_3857 && m.search
