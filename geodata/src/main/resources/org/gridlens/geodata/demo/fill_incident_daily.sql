-- Builds the (cell, local day, category) pre-aggregation for rows COPYed while the incident_daily_ins
-- trigger was disabled; same grouping as gl_incident_daily_add() in V1. A plain INSERT (no ON CONFLICT)
-- because the loader only runs on a database without incidents, so incident_daily starts empty.
INSERT INTO incident_daily (district_code, cell_id, day, category_code, n)
SELECT district_code, coalesce(cell_id, 0), gl_local_day(reported_at), category_code, count(*)
FROM incident
GROUP BY 1, 2, 3, 4
