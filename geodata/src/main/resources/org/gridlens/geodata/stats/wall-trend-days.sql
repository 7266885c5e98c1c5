-- Incidents per local day for the [bind 1, bind 2) days; every day listed, 0 included.
SELECT days.day::date, coalesce(sum(d.n), 0) AS incidents
FROM generate_series(?::date, ?::date - 1, interval '1 day') AS days(day)
LEFT JOIN incident_daily d ON d.day = days.day::date
GROUP BY days.day
ORDER BY days.day
