-- Incidents per management grid reported in local days [bind 1, bind 2) (Asia/Shanghai).
-- Every grid is listed, with 0 where nothing happened. Counts by the incident's own assigned grid.
SELECT g.code, g.name, coalesce(i.n, 0) AS incidents
FROM region g
LEFT JOIN (SELECT grid_code, count(*) AS n
           FROM incident
           WHERE reported_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
             AND reported_at <  (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
           GROUP BY grid_code) i ON i.grid_code = g.code
WHERE g.level = 'grid'
ORDER BY g.code
