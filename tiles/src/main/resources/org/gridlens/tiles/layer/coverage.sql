-- Facility coverage per management grid at the analytics defaults (analytic_coverage_grid): for each
-- facility type the share of its target group within the type's default reach; absent where
-- small-count suppression withholds it. min_share is the lowest published share of the grid.
WITH g AS (
  SELECT s.id, s.code, s.name, s.geom_3857 FROM region s, m WHERE s.level = 'grid' AND s.geom_3857 && m.search
), cv AS (
  SELECT a.grid_code, min(a.reach_mode) AS reach_mode, min(a.share) AS min_share,
         max(a.share) FILTER (WHERE a.type = 'elderly_day_care') AS elderly_day_care,
         max(a.share) FILTER (WHERE a.type = 'community_health') AS community_health,
         max(a.share) FILTER (WHERE a.type = 'kindergarten') AS kindergarten,
         max(a.share) FILTER (WHERE a.type = 'primary_school') AS primary_school,
         max(a.share) FILTER (WHERE a.type = 'middle_school') AS middle_school,
         max(a.share) FILTER (WHERE a.type = 'community_service') AS community_service,
         max(a.share) FILTER (WHERE a.type = 'market') AS market,
         max(a.share) FILTER (WHERE a.type = 'sports') AS sports
  FROM analytic_coverage_grid a
  WHERE a.grid_code IN (SELECT code FROM g)
  GROUP BY a.grid_code
)
SELECT g.id AS fid, g.code, g.name, cv.reach_mode,
       round(cv.min_share::numeric, 4)::double precision AS min_share,
       round(cv.elderly_day_care::numeric, 4)::double precision AS elderly_day_care,
       round(cv.community_health::numeric, 4)::double precision AS community_health,
       round(cv.kindergarten::numeric, 4)::double precision AS kindergarten,
       round(cv.primary_school::numeric, 4)::double precision AS primary_school,
       round(cv.middle_school::numeric, 4)::double precision AS middle_school,
       round(cv.community_service::numeric, 4)::double precision AS community_service,
       round(cv.market::numeric, 4)::double precision AS market,
       round(cv.sports::numeric, 4)::double precision AS sports,
       ST_AsMVTGeom(CASE WHEN p.z < 13 THEN ST_SimplifyPreserveTopology(g.geom_3857, m.px * 0.5 * (1 << p.level))
                         ELSE g.geom_3857 END, m.env, 4096, 64, true) AS geom
FROM g JOIN cv ON cv.grid_code = g.code, p, m
