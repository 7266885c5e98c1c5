-- Point-in-time KPI counts per grid for the window [f, t) (local days; binds: from day, to day):
-- still_open = cases registered in [f, t) and not closed before t (closure rate = registered − this);
-- overdue = cases registered, past deadline and not handled at asof = least(t, now()), rejected ones
-- excluded. Each is a short index range (cases settled within 168 hours of registration / deadline)
-- plus the few long ones, through the partial indexes of migration V33; the branches do not overlap.
WITH w AS (
    SELECT f, t, asof, t - interval '168 hours' AS t_short, asof - interval '168 hours' AS asof_short
    FROM (SELECT f, t, least(t, now()) AS asof
          FROM (SELECT (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS f,
                       (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS t) x) y
), open_now AS (
    SELECT i.grid_code FROM incident i, w
    WHERE i.grid_code IS NOT NULL AND i.registered_at IS NOT NULL
      AND i.registered_at >= greatest(w.f, w.t_short) AND i.registered_at < w.t
      AND (i.closed_at IS NULL OR i.closed_at >= w.t)
    UNION ALL
    SELECT i.grid_code FROM incident i, w
    WHERE i.grid_code IS NOT NULL AND i.registered_at IS NOT NULL
      AND (i.closed_at IS NULL OR i.closed_at - i.registered_at > interval '168 hours')
      AND i.registered_at >= w.f AND i.registered_at < w.t_short
      AND (i.closed_at IS NULL OR i.closed_at >= w.t)
), overdue AS (
    SELECT i.grid_code FROM incident i, w
    WHERE i.grid_code IS NOT NULL AND i.registered_at IS NOT NULL AND i.deadline IS NOT NULL AND i.status <> 'rejected'
      AND (i.handled_at IS NULL OR i.handled_at > i.deadline)
      AND i.deadline >= w.asof_short AND i.deadline < w.asof
      AND i.registered_at < w.asof AND (i.handled_at IS NULL OR i.handled_at >= w.asof)
    UNION ALL
    SELECT i.grid_code FROM incident i, w
    WHERE i.grid_code IS NOT NULL AND i.registered_at IS NOT NULL AND i.deadline IS NOT NULL AND i.status <> 'rejected'
      AND (i.handled_at IS NULL OR i.handled_at - i.deadline > interval '168 hours')
      AND i.deadline < w.asof_short
      AND i.registered_at < w.asof AND (i.handled_at IS NULL OR i.handled_at >= w.asof)
)
SELECT grid_code, sum(o), sum(d)
FROM (SELECT grid_code, 1 AS o, 0 AS d FROM open_now UNION ALL SELECT grid_code, 0, 1 FROM overdue) x
GROUP BY grid_code
