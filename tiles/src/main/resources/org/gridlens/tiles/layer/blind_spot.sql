-- Camera blind spots: the part of each management grid outside every camera view sector
-- (analytic_camera_grid); feature id = the grid's region id. Shares are the grid's seen shares.
SELECT r.id AS fid, a.grid_code AS grid, a.cameras,
       round(a.area_share::numeric, 4)::double precision AS area_share,
       round(a.road_share::numeric, 4)::double precision AS road_share,
       round((a.area_m2 - a.seen_m2)::numeric)::double precision AS blind_m2,
       ST_AsMVTGeom(ST_SimplifyPreserveTopology(a.blind_3857, m.px * 0.25 * (1 << p.level)), m.env, 4096, 64, true) AS geom
FROM analytic_camera_grid a JOIN region r ON r.level = 'grid' AND r.code = a.grid_code, p, m
WHERE a.blind_3857 && m.search
