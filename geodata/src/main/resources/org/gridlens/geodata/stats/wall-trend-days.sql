-- Incidents per local day for the [bind 1, bind 2) days; every day listed, 0 included.
-- The window's rows of incident_daily are summed first (its day index; binds 1, 2), then put on the
-- calendar of the same window (binds 3, 4): joining the calendar to the whole table made the planner
-- read all of incident_daily (over 1 s on the district demo under load).
WITH per_day AS (
    SELECT day, sum(n) AS n
    FROM incident_daily
    WHERE day >= ?::date AND day < ?::date
    GROUP BY day
)
SELECT days.day::date, coalesce(p.n, 0) AS incidents
FROM generate_series(?::date, ?::date - 1, interval '1 day') AS days(day)
LEFT JOIN per_day p ON p.day = days.day::date
ORDER BY days.day
