-- Case KPI counts per grid for the window [f, t) (see CaseKpis for the definitions).
-- Binds: from day, to day (exclusive, Asia/Shanghai local days).
WITH w AS (
    SELECT f, t, least(t, now()) AS asof
    FROM (SELECT (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS f,
                 (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS t) x
)
SELECT i.grid_code,
       count(*) FILTER (WHERE i.registered_at >= f AND i.registered_at < t),
       count(*) FILTER (WHERE i.registered_at >= f AND i.registered_at < t AND i.closed_at < t),
       count(*) FILTER (WHERE i.deadline >= f AND i.deadline < t),
       count(*) FILTER (WHERE i.deadline >= f AND i.deadline < t AND i.handled_at <= i.deadline),
       count(*) FILTER (WHERE i.closed_at >= f AND i.closed_at < t),
       count(*) FILTER (WHERE i.closed_at >= f AND i.closed_at < t AND rw.incident_id IS NOT NULL),
       count(*) FILTER (WHERE i.registered_at < asof AND i.deadline < asof AND i.status <> 'rejected'
                          AND (i.handled_at IS NULL OR i.handled_at >= asof)),
       count(*) FILTER (WHERE i.handled_at >= f AND i.handled_at < t AND i.registered_at IS NOT NULL),
       coalesce(sum(extract(epoch FROM i.handled_at - i.registered_at) / 3600.0)
                FILTER (WHERE i.handled_at >= f AND i.handled_at < t AND i.registered_at IS NOT NULL), 0)
FROM incident i CROSS JOIN w
LEFT JOIN (SELECT DISTINCT incident_id FROM case_event WHERE stage = 'rework') rw ON rw.incident_id = i.id
WHERE i.grid_code IS NOT NULL
  AND i.reported_at < t
  AND (i.closed_at IS NULL OR i.closed_at >= f OR i.deadline >= f)
GROUP BY i.grid_code
