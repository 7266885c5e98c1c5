-- Bulk path, step 2: staged incidents that are new, by plain INSERT (no speculative ON CONFLICT
-- insertion) while the table's per-statement INSERT triggers are off (IncidentBulkLoad). What those
-- triggers would do is done here from the RETURNING rows, which hold only the counted columns, not
-- whole rows: the per-(cell, local day, category) counts are added to incident_daily in one GROUP BY
-- (in key order, as gl_incident_daily_add does), and the result row gives the count, id range,
-- extent and (for at most 50 rows) the ids, from which the importer sends the announcement and the
-- change notification.
WITH ins AS (
    INSERT INTO incident (district_code, source, source_id, kind, category_code, description, reported_at, closed_at,
                          deadline, status, grid_code, cell_id, geom)
    SELECT ?, s.attrs ->> 'source', s.attrs ->> 'source_id', s.attrs ->> 'kind', s.attrs ->> 'category_code',
           s.attrs ->> 'description', (s.attrs ->> 'reported_at')::timestamptz, (s.attrs ->> 'closed_at')::timestamptz,
           coalesce((s.attrs ->> 'deadline')::timestamptz,
                    (s.attrs ->> 'reported_at')::timestamptz + make_interval(hours => c.time_limit_hours)),
           s.attrs ->> 'status',
           CASE WHEN s.joined THEN s.grid_code ELSE gl_grid_of(s.geom) END,
           CASE WHEN s.joined THEN s.cell_id ELSE gl_cell_of(s.geom) END, s.geom
    FROM import_staging s
    LEFT JOIN category c ON c.code = s.attrs ->> 'category_code'
    WHERE NOT EXISTS (SELECT 1 FROM incident t WHERE t.source = s.attrs ->> 'source' AND t.source_id = s.attrs ->> 'source_id')
    RETURNING id, district_code, cell_id, reported_at, category_code, geom
), daily AS (
    INSERT INTO incident_daily AS d (district_code, cell_id, day, category_code, n)
    SELECT min(district_code), coalesce(cell_id, 0), gl_local_day(reported_at), category_code, count(*)
    FROM ins
    GROUP BY 2, 3, 4
    ORDER BY 2, 3, 4
    ON CONFLICT (cell_id, day, category_code) DO UPDATE SET n = d.n + excluded.n
)
SELECT a.n, a.lo, a.hi, ST_XMin(a.e), ST_YMin(a.e), ST_XMax(a.e), ST_YMax(a.e),
       CASE WHEN a.n <= 50 THEN (SELECT array_agg(id ORDER BY id) FROM ins) END
FROM (SELECT count(*) AS n, min(id) AS lo, max(id) AS hi, ST_Extent(geom) AS e FROM ins) a
