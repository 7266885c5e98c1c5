-- Bulk path, step 3: the new incidents (import_new), by plain INSERT (no speculative ON CONFLICT
-- insertion) while the table's per-statement INSERT triggers are dropped (IncidentBulkLoad). What those
-- triggers would do is done here from import_new, the rows this statement inserts, one for one (only
-- the ids come back, not a million whole rows into a tuplestore): the per-(cell, local day, category)
-- counts are grouped once and handed to
-- gl_incident_counts_add (V51), the one definition the intake trigger (gl_incident_daily_add) uses too,
-- which adds them to incident_daily and its cell, category and square roll-ups with the V21/V22
-- triggers standing aside. It is told the import is exclusive (the import holds ACCESS EXCLUSIVE on
-- incident until commit), so incident_daily is written by UPDATE of present keys and plain INSERT of
-- new ones instead of ON CONFLICT. The result row gives the count, id range, extent and (for at most 50
-- rows) the ids, from which the importer sends the announcement and the change notification.
WITH ins AS (
    INSERT INTO incident (district_code, source, source_id, kind, category_code, description, reported_at, closed_at,
                          deadline, status, grid_code, cell_id, geom)
    SELECT ?, n.source, n.source_id, n.kind, n.category_code, n.description, n.reported_at, n.closed_at,
           n.deadline, n.status, n.grid_code, n.cell_id, n.geom
    FROM import_new n
    RETURNING id
), counted AS (
    SELECT gl_incident_counts_add(array_agg(ROW(?::char(6), g.cell_id, g.day, g.category_code, g.n)::gl_incident_count), true)
    FROM (SELECT coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code, count(*)::integer AS n
          FROM import_new
          GROUP BY 1, 2, 3) g
), a AS (
    SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM ins
)
SELECT a.n, a.lo, a.hi, ST_XMin(e.e), ST_YMin(e.e), ST_XMax(e.e), ST_YMax(e.e),
       CASE WHEN a.n <= 50 THEN (SELECT array_agg(id ORDER BY id) FROM ins) END
FROM a, (SELECT ST_Extent(geom) AS e FROM import_new) e, counted
