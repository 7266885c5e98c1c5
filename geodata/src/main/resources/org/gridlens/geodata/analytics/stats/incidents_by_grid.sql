-- Incidents per grid by level-1 category, source and status. Binds: from day, to day (exclusive,
-- Asia/Shanghai local days).
SELECT grid_code,
       CASE WHEN GROUPING(cat) = 0 THEN 'category' WHEN GROUPING(source) = 0 THEN 'source' ELSE 'stage' END,
       coalesce(cat, source, status),
       count(*)
FROM (SELECT grid_code, left(category_code, 2) AS cat, source, status
      FROM incident
      WHERE reported_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND reported_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND grid_code IS NOT NULL) x
GROUP BY GROUPING SETS ((grid_code, cat), (grid_code, source), (grid_code, status))
