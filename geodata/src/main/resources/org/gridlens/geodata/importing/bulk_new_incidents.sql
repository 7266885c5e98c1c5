-- Bulk path, step 0: the staged incidents whose (source, source_id) is not in the table yet, as the
-- rows they become (deadline defaulted from the category's time limit, grid and cell from the importer
-- or else from the SQL functions), in the columns the incident roll-up statements read (V33's
-- gl_grid_rollup_sql: a new row has no id yet, nor registration or handling times). Taken once, while
-- the unique key still answers the test; the table is locked against other writers until commit
-- (IncidentBulkLoad drops its indexes next), so the set stays exact. The district code is added on insert.
CREATE TEMP TABLE import_new ON COMMIT DROP AS
SELECT NULL::bigint AS id, s.source, s.source_id, s.kind, s.category_code, s.description, s.reported_at, s.closed_at,
       coalesce(s.deadline, s.reported_at + make_interval(hours => c.time_limit_hours)) AS deadline, s.status,
       CASE WHEN s.joined THEN s.grid_code ELSE gl_grid_of(s.geom) END AS grid_code,
       CASE WHEN s.joined THEN s.cell_id ELSE gl_cell_of(s.geom) END AS cell_id, s.geom,
       NULL::timestamptz AS registered_at, NULL::timestamptz AS handled_at
FROM import_staging s
LEFT JOIN category c ON c.code = s.category_code
WHERE NOT EXISTS (SELECT 1 FROM incident t WHERE t.source = s.source AND t.source_id = s.source_id)
