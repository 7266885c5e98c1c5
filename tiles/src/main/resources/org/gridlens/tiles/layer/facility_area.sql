-- Service areas: true circles on the ground (geodesic buffer of the service radius), in EPSG:3857.
-- The search grows by the largest radius (1000 m, x1.3 for the Mercator scale at Xining's latitude).
SELECT s.id AS fid, s.code, s.name, s.type, gl_service_radius(s.type) AS radius_m,
       ST_AsMVTGeom(ST_Transform(ST_Buffer(s.geom::geography, gl_service_radius(s.type), 16)::geometry, 3857),
                    m.env, 4096, 64, true) AS geom
FROM facility s, p, m
WHERE s.geom_3857 && ST_Expand(m.search, 1300)
