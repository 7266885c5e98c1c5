-- One incident with every column a client sees.
SELECT id, source, source_id, kind, category_code, status, description, ST_X(geom) AS lon, ST_Y(geom) AS lat,
       grid_code, cell_id, dept, reported_at, accepted_at, registered_at, dispatched_at, handled_at, checked_at,
       closed_at, evaluated_at, deadline, updated_at, overdue_announced_at, escalated_at, urgency, vulnerable,
       priority, rating, photo_url
FROM incident
WHERE id = ?
