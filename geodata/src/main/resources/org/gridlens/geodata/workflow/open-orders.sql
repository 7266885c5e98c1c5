-- Open service orders, highest priority first, then oldest (index incident_open_orders_idx).
SELECT id, source, source_id, kind, category_code, status, description, ST_X(geom) AS lon, ST_Y(geom) AS lat,
       grid_code, cell_id, dept, reported_at, accepted_at, registered_at, dispatched_at, handled_at, checked_at,
       closed_at, evaluated_at, deadline, updated_at, overdue_announced_at, escalated_at, urgency, vulnerable,
       priority, rating, photo_url
FROM incident
WHERE kind = 'service_order' AND closed_at IS NULL
ORDER BY priority DESC, accepted_at, id
LIMIT ?
