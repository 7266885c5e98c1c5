-- Bulk path, step 3: the new incidents (import_new), by plain INSERT (no speculative ON CONFLICT
-- insertion) while the table's per-statement INSERT triggers are dropped (IncidentBulkLoad). What those
-- triggers would do is done here from the RETURNING rows, which hold only the counted columns, not
-- whole rows: the per-(cell, local day, category) counts are grouped once (g) and added to
-- incident_daily and to its roll-ups by cell year / month and category month (V21) and by square year /
-- month (V22), each in key order, exactly as gl_incident_daily_add (V44) does for an intake insert; the
-- caller sets gridlens.rollups_direct to 'on' around this statement, so the V21/V22 triggers on
-- incident_daily stand aside instead of counting a second time (they would re-read every new
-- incident_daily row from their transition tables and join each to unit_cell by index: most of this
-- statement's time on a million rows). Incidents outside every cell count under cell 0 in incident_daily
-- and the cell roll-ups and are absent from the square roll-ups, as there. The result row gives the
-- count, id range, extent and (for at most 50 rows) the ids, from which the importer sends the
-- announcement and the change notification.
WITH ins AS (
    INSERT INTO incident (district_code, source, source_id, kind, category_code, description, reported_at, closed_at,
                          deadline, status, grid_code, cell_id, geom)
    SELECT ?, n.source, n.source_id, n.kind, n.category_code, n.description, n.reported_at, n.closed_at,
           n.deadline, n.status, n.grid_code, n.cell_id, n.geom
    FROM import_new n
    RETURNING id, district_code, cell_id, reported_at, category_code, geom
), g AS MATERIALIZED (
    SELECT min(district_code) AS district_code, coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day,
           category_code, count(*)::integer AS n
    FROM ins
    GROUP BY 2, 3, 4
), daily AS (
    INSERT INTO incident_daily AS d (district_code, cell_id, day, category_code, n)
    SELECT district_code, cell_id, day, category_code, n FROM g
    ORDER BY cell_id, day, category_code
    ON CONFLICT (cell_id, day, category_code) DO UPDATE SET n = d.n + excluded.n
), cell_year AS (
    INSERT INTO incident_cell_year AS t (year, cell_id, n)
    SELECT date_trunc('year', day)::date, cell_id, sum(n) FROM g GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (year, cell_id) DO UPDATE SET n = t.n + excluded.n
), cell_month AS (
    INSERT INTO incident_cell_month AS t (month, cell_id, n)
    SELECT date_trunc('month', day)::date, cell_id, sum(n) FROM g GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, cell_id) DO UPDATE SET n = t.n + excluded.n
), category_month AS (
    INSERT INTO incident_category_month AS t (category_code, month, cell_id, n)
    SELECT category_code, date_trunc('month', day)::date, cell_id, sum(n) FROM g GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (category_code, month, cell_id) DO UPDATE SET n = t.n + excluded.n
), squares AS MATERIALIZED (
    SELECT g.day, u.sq_x, u.sq_y, g.n FROM g JOIN unit_cell u ON u.id = g.cell_id
), square_year AS (
    INSERT INTO incident_square_year AS t (year, sx, sy, n)
    SELECT date_trunc('year', day)::date, sq_x, sq_y, sum(n) FROM squares GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (year, sx, sy) DO UPDATE SET n = t.n + excluded.n
), square_month AS (
    INSERT INTO incident_square_month AS t (month, sx, sy, n)
    SELECT date_trunc('month', day)::date, sq_x, sq_y, sum(n) FROM squares GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (month, sx, sy) DO UPDATE SET n = t.n + excluded.n
)
SELECT a.n, a.lo, a.hi, ST_XMin(a.e), ST_YMin(a.e), ST_XMax(a.e), ST_YMax(a.e),
       CASE WHEN a.n <= 50 THEN (SELECT array_agg(id ORDER BY id) FROM ins) END
FROM (SELECT count(*) AS n, min(id) AS lo, max(id) AS hi, ST_Extent(geom) AS e FROM ins) a
