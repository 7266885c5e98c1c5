-- Weekly incident counts per unit cell from incident_daily. Binds: from day (step 0 starts here) ×2,
-- to day (exclusive), category LIKE patterns ×2.
SELECT cell_id, ((day - ?::date) / 7)::int AS step, sum(n)
FROM incident_daily
WHERE day >= ? AND day < ? AND cell_id <> 0
  AND (cardinality(?::text[]) = 0 OR category_code LIKE ANY (?::text[]))
GROUP BY 1, 2
