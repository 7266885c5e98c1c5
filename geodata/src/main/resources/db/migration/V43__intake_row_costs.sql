-- Per-row costs of intake (issue 7), measured by EXPLAIN ANALYZE of intake inserts on the district demo.
--
-- 1. incident_assign (V1) ran its PL/pgSQL function for every inserted row, even when the writer had
--    already set grid and cell (intake places points in memory; bulk loaders join them): 10,000 calls
--    that changed nothing took 0.24 s of a batch. On INSERT the trigger now has a WHEN condition, which
--    PostgreSQL evaluates without entering PL/pgSQL, so only rows lacking grid or cell call it. UPDATE
--    keeps the old trigger (a moved point is re-assigned).
-- 2. The per-row 'gridlens_incident' announcements of an insert (V40) fetched every new row again by id
--    and called a SQL function per row (24-48 ms for 30 rows under load). They are now built in one
--    statement straight from the transition table, in id order, with the same payload. Statements of
--    more than 50 rows still send the one bulk notification.

DROP TRIGGER incident_assign ON incident;
CREATE TRIGGER incident_assign BEFORE INSERT ON incident
    FOR EACH ROW WHEN (NEW.grid_code IS NULL OR NEW.cell_id IS NULL) EXECUTE FUNCTION gl_incident_assign();
CREATE TRIGGER incident_assign_upd BEFORE UPDATE OF geom, grid_code, cell_id ON incident
    FOR EACH ROW EXECUTE FUNCTION gl_incident_assign();

CREATE OR REPLACE FUNCTION gl_incident_announce_ins() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM new_rows;
    IF n = 0 THEN
        RETURN NULL;
    ELSIF n <= 50 THEN
        PERFORM pg_notify('gridlens_incident', json_build_object(
            'op', 'insert', 'id', r.id, 'kind', r.kind, 'status', r.status, 'category', r.category_code,
            'grid', r.grid_code, 'cell', r.cell_id, 'lon', round(ST_X(r.geom)::numeric, 7), 'lat', round(ST_Y(r.geom)::numeric, 7),
            'deadline', r.deadline, 'dept', r.dept, 'vulnerable', r.vulnerable, 'priority', r.priority)::text)
        FROM (SELECT * FROM new_rows ORDER BY id) r;
    ELSE
        PERFORM gl_incident_announce_set('insert', ARRAY(SELECT id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$;
