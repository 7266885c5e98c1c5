-- Bulk path, step 1: staged incidents whose (source, source_id) already exists and whose content
-- changed. Same values and change test as upsert_incident.sql; the statement-level UPDATE triggers
-- stay on, so incident_daily, the change feed and the announcements follow the changed rows exactly.
UPDATE incident t
SET kind = s.kind, category_code = s.category_code, description = s.description, reported_at = s.reported_at,
    closed_at = s.closed_at, deadline = s.deadline, status = s.status, geom = s.geom, grid_code = s.grid_code,
    cell_id = s.cell_id
FROM (SELECT s.attrs ->> 'source' AS source, s.attrs ->> 'source_id' AS source_id, s.attrs ->> 'kind' AS kind,
             s.attrs ->> 'category_code' AS category_code, s.attrs ->> 'description' AS description,
             (s.attrs ->> 'reported_at')::timestamptz AS reported_at, (s.attrs ->> 'closed_at')::timestamptz AS closed_at,
             coalesce((s.attrs ->> 'deadline')::timestamptz,
                      (s.attrs ->> 'reported_at')::timestamptz + make_interval(hours => c.time_limit_hours)) AS deadline,
             s.attrs ->> 'status' AS status,
             CASE WHEN s.joined THEN s.grid_code ELSE gl_grid_of(s.geom) END AS grid_code,
             CASE WHEN s.joined THEN s.cell_id ELSE gl_cell_of(s.geom) END AS cell_id, s.geom
      FROM import_staging s
      LEFT JOIN category c ON c.code = s.attrs ->> 'category_code') s
WHERE t.source = s.source AND t.source_id = s.source_id
  AND (t.kind, t.category_code, t.description, t.reported_at, t.closed_at, t.deadline, t.status, t.geom)
      IS DISTINCT FROM (s.kind, s.category_code, s.description, s.reported_at, s.closed_at, s.deadline, s.status, s.geom)
