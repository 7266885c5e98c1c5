-- Incidents per hour for the 24 hours ending at the end of the hour of the latest incident
-- (or the current hour when there are none). Every hour is listed, 0 included.
WITH ref AS (
    SELECT date_trunc('hour', coalesce(max(reported_at), now())) + interval '1 hour' AS stop FROM incident
), hours AS (
    SELECT generate_series(ref.stop - interval '24 hours', ref.stop - interval '1 hour', interval '1 hour') AS h
    FROM ref
)
SELECT hours.h, count(i.id) AS incidents
FROM hours
LEFT JOIN incident i ON i.reported_at >= hours.h AND i.reported_at < hours.h + interval '1 hour'
GROUP BY hours.h
ORDER BY hours.h
