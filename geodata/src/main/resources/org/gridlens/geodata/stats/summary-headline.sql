-- Headline figures: residents, elderly living alone, open and overdue cases, latest day with incidents.
SELECT (SELECT count(*) FROM resident)                                                  AS residents,
       (SELECT count(*) FROM resident WHERE elderly_living_alone)                       AS elderly_alone,
       (SELECT count(*) FROM incident WHERE closed_at IS NULL AND status <> 'rejected') AS open_cases,
       (SELECT count(*) FROM incident
         WHERE closed_at IS NULL AND status <> 'rejected' AND deadline < now())         AS overdue_cases,
       (SELECT max(day) FROM incident_daily)                                            AS last_day,
       -- The next instant the overdue count changes without a change to the data: the earliest
       -- deadline of an open case still ahead (incident_open_idx).
       (SELECT min(deadline) FROM incident
         WHERE closed_at IS NULL AND status <> 'rejected' AND deadline >= now())        AS next_deadline
