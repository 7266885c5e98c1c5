-- Incidents per top-level category in the [bind 1, bind 2) local days, most frequent first.
-- Second-level codes roll up to their parent; counts come from the pre-aggregated incident_daily.
SELECT top.code, top.name_zh, top.name_en, sum(d.n) AS incidents
FROM incident_daily d
JOIN category c   ON c.code = d.category_code
JOIN category top ON top.code = coalesce(c.parent_code, c.code)
WHERE d.day >= ?::date AND d.day < ?::date
GROUP BY top.code, top.name_zh, top.name_en
HAVING sum(d.n) > 0
ORDER BY incidents DESC, top.code
