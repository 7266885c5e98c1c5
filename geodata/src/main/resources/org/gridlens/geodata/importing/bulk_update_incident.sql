-- Bulk path, step 1: staged incidents whose (source, source_id) already exists and whose content
-- changed. Same values and change test as upsert_incident.sql; the statement-level UPDATE triggers
-- stay on, so incident_daily, the change feed and the announcements follow the changed rows exactly.
UPDATE incident t
SET kind = s.kind, category_code = s.category_code, description = s.description, reported_at = s.reported_at,
    closed_at = s.closed_at, deadline = s.deadline, status = s.status, geom = s.geom, grid_code = s.grid_code,
    cell_id = s.cell_id
FROM (SELECT s.source, s.source_id, s.kind, s.category_code, s.description, s.reported_at, s.closed_at,
             coalesce(s.deadline, s.reported_at + make_interval(hours => c.time_limit_hours)) AS deadline, s.status,
             CASE WHEN s.joined THEN s.grid_code ELSE gl_grid_of(s.geom) END AS grid_code,
             CASE WHEN s.joined THEN s.cell_id ELSE gl_cell_of(s.geom) END AS cell_id, s.geom
      FROM import_staging s
      LEFT JOIN category c ON c.code = s.category_code) s
WHERE t.source = s.source AND t.source_id = s.source_id
  AND (t.kind, t.category_code, t.description, t.reported_at, t.closed_at, t.deadline, t.status, t.geom)
      IS DISTINCT FROM (s.kind, s.category_code, s.description, s.reported_at, s.closed_at, s.deadline, s.status, s.geom)
