-- Cases by optional filters (a null parameter does not filter), newest report first.
WITH p AS (SELECT ?::bigint[] AS ids, ?::text AS category, ?::timestamptz AS t0, ?::timestamptz AS t1,
                  ?::boolean AS open, ?::int AS lim)
SELECT i.id, i.source, i.source_id, i.kind, i.category_code, i.status, i.description, ST_X(i.geom) AS lon,
       ST_Y(i.geom) AS lat, i.grid_code, i.cell_id, i.dept, i.reported_at, i.accepted_at, i.registered_at,
       i.dispatched_at, i.handled_at, i.checked_at, i.closed_at, i.evaluated_at, i.deadline, i.updated_at,
       i.overdue_announced_at, i.escalated_at, i.urgency, i.vulnerable, i.priority, i.rating, i.photo_url
FROM incident i, p
WHERE (p.ids IS NULL OR i.id = ANY (p.ids))
  AND (p.category IS NULL OR i.category_code = p.category)
  AND (p.t0 IS NULL OR i.reported_at >= p.t0)
  AND (p.t1 IS NULL OR i.reported_at < p.t1)
  AND (p.open IS NULL OR p.open = (i.closed_at IS NULL))
ORDER BY i.reported_at DESC, i.id DESC
LIMIT (SELECT lim FROM p)
