-- Service facilities as points, with their service radius (gl_service_radius, by type).
SELECT s.id AS fid, s.code, s.name, s.type, s.capacity, gl_service_radius(s.type) AS radius_m,
       ST_AsMVTGeom(s.geom_3857, m.env, 4096, 64, true) AS geom
FROM facility s, p, m
WHERE s.geom_3857 && m.search
