-- Wall header KPIs. The reference day is the latest local day (Asia/Shanghai) with an incident, or
-- today when there are none, so a demo whose data ends in the past still shows truthful figures;
-- rates are over the 30 local days ending with the reference day. Bind: none.
-- One pass per source: the window's counts in one index range scan of reported_at (selecting only the
-- columns counted: a CTE of whole rows, read four times, spilled ~70 MB to disk on the district with a
-- day of benchmark intake), open and overdue cases in one scan of incident_open_idx, residents in one scan.
WITH ref AS (
    SELECT coalesce((max(reported_at) AT TIME ZONE 'Asia/Shanghai')::date,
                    (now() AT TIME ZONE 'Asia/Shanghai')::date) AS day
    FROM incident
), win AS (
    SELECT count(*) FILTER (WHERE i.reported_at >= ref.day::timestamp AT TIME ZONE 'Asia/Shanghai')                 AS today,
           count(*) FILTER (WHERE i.status <> 'rejected')                                                            AS cases,
           count(*) FILTER (WHERE i.status <> 'rejected' AND i.closed_at IS NOT NULL)                                AS closed,
           count(*) FILTER (WHERE i.closed_at IS NOT NULL AND i.deadline IS NOT NULL)                                AS closed_with_deadline,
           count(*) FILTER (WHERE i.closed_at IS NOT NULL AND i.deadline IS NOT NULL AND i.closed_at <= i.deadline)  AS closed_on_time
    FROM incident i, ref
    WHERE i.reported_at >= (ref.day - 29)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND i.reported_at <  (ref.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
), open AS (
    SELECT count(*) AS open_cases, count(*) FILTER (WHERE deadline < now()) AS overdue_cases
    FROM incident WHERE closed_at IS NULL AND status <> 'rejected'
), people AS (
    SELECT count(*) AS residents, count(*) FILTER (WHERE elderly_living_alone) AS elderly_alone FROM resident
)
SELECT ref.day, win.today, open.open_cases, open.overdue_cases, win.cases, win.closed, win.closed_with_deadline,
       win.closed_on_time, people.residents, people.elderly_alone
FROM ref, win, open, people
