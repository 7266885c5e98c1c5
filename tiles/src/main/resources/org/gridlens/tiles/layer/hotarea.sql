-- Hot areas of repeated incidents at the analytics defaults (analytic_hotarea); feature id = area id,
-- the id of the hot-area API's drill-down for the same window and defaults.
SELECT a.id AS fid, a.rank, a.category, a.grid_code AS grid, a.incidents, a.first_day::text AS first,
       a.last_day::text AS last, round(a.open_share::numeric, 4)::double precision AS open_share, a.trend,
       ST_AsMVTGeom(ST_SimplifyPreserveTopology(a.geom_3857, m.px * 0.25 * (1 << p.level)), m.env, 4096, 64, true) AS geom
FROM analytic_hotarea a, p, m
WHERE a.geom_3857 && m.search
