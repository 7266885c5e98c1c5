-- Headline figures: residents, elderly living alone, open and overdue cases, latest day with incidents.
-- Residents and open cases are each counted in one pass (count(*) FILTER), not one scan per figure.
WITH people AS (
    SELECT count(*) AS residents, count(*) FILTER (WHERE elderly_living_alone) AS elderly_alone FROM resident
), open AS (
    SELECT count(*) AS open_cases, count(*) FILTER (WHERE deadline < now()) AS overdue_cases
    FROM incident WHERE closed_at IS NULL AND status <> 'rejected'
)
SELECT people.residents,
       people.elderly_alone,
       open.open_cases,
       open.overdue_cases,
       (SELECT max(day) FROM incident_daily)                                            AS last_day,
       -- The next instant the overdue count changes without a change to the data: the earliest
       -- deadline of an open case still ahead (incident_open_idx).
       (SELECT min(deadline) FROM incident
         WHERE closed_at IS NULL AND status <> 'rejected' AND deadline >= now())        AS next_deadline
FROM people, open
