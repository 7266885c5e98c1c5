-- Wall header KPIs. The reference day is the latest local day (Asia/Shanghai) with an incident, or
-- today when there are none, so a demo whose data ends in the past still shows truthful figures;
-- rates are over the 30 local days ending with the reference day. Bind: none.
WITH ref AS (
    SELECT coalesce((max(reported_at) AT TIME ZONE 'Asia/Shanghai')::date,
                    (now() AT TIME ZONE 'Asia/Shanghai')::date) AS day
    FROM incident
), win AS (
    SELECT i.*
    FROM incident i, ref
    WHERE i.reported_at >= (ref.day - 29)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND i.reported_at <  (ref.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
)
SELECT ref.day,
       (SELECT count(*) FROM incident i
         WHERE i.reported_at >= ref.day::timestamp AT TIME ZONE 'Asia/Shanghai'
           AND i.reported_at <  (ref.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')      AS incidents_today,
       (SELECT count(*) FROM incident WHERE closed_at IS NULL AND status <> 'rejected')     AS open_cases,
       (SELECT count(*) FROM incident
         WHERE closed_at IS NULL AND status <> 'rejected' AND deadline < now())             AS overdue_cases,
       (SELECT count(*) FROM win WHERE status <> 'rejected')                                AS window_cases,
       (SELECT count(*) FROM win WHERE status <> 'rejected' AND closed_at IS NOT NULL)      AS window_closed,
       (SELECT count(*) FROM win WHERE closed_at IS NOT NULL AND deadline IS NOT NULL)      AS closed_with_deadline,
       (SELECT count(*) FROM win WHERE closed_at IS NOT NULL AND deadline IS NOT NULL
                                   AND closed_at <= deadline)                               AS closed_on_time,
       (SELECT count(*) FROM resident)                                                      AS residents,
       (SELECT count(*) FROM resident WHERE elderly_living_alone)                           AS elderly_alone
FROM ref
