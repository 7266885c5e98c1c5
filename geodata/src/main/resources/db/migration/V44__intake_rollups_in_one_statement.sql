-- Inserting incidents updates incident_daily and its roll-ups in one statement (issue 7).
--
-- Before: the incident_daily_ins trigger upserted incident_daily, and that upsert fired four more
-- statement-level triggers on incident_daily (V21's and V22's, INSERT and UPDATE each, since an upsert
-- fires both), each capturing transition tables and running two or three upserts of its own: eleven
-- statements and five trigger calls for every INSERT into incident, however few its rows. Under live
-- intake (one-row to fifty-row group commits) that fixed cost was most of a transaction's time
-- (about 2 ms of a 5 ms one-row insert, measured with auto_explain on the district demo).
--
-- Now gl_incident_daily_add groups the inserted incidents once and writes incident_daily, the cell
-- year / month and category month roll-ups (V21) and the square year / month roll-ups (V22) from that
-- one grouping, as data-modifying CTEs of one statement. While it runs, the transaction-local setting
-- gridlens.rollups_direct is 'on' and the V21/V22 triggers on incident_daily stand aside (their WHEN
-- condition), so nothing is counted twice; the setting is cleared right after. Every other writer of
-- incident_daily (updates and deletes of incidents, bulk imports, the demo loader) leaves it unset and
-- keeps the roll-ups exact through those triggers as before. Results are identical to the old chain:
-- the same sums per key, zero rows kept, upserts in key order per table (no deadlocks between writers
-- using this path), incidents outside every cell under cell 0 in incident_daily and the cell roll-ups
-- and absent from the square roll-ups (V22 joins unit_cell).

CREATE OR REPLACE FUNCTION gl_incident_daily_add() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM set_config('gridlens.rollups_direct', 'on', true);
    WITH g AS MATERIALIZED (
        SELECT min(district_code) AS district_code, coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day,
               category_code, count(*)::integer AS n
        FROM new_rows
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
    )
    INSERT INTO incident_square_month AS t (month, sx, sy, n)
    SELECT date_trunc('month', day)::date, sq_x, sq_y, sum(n) FROM squares GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (month, sx, sy) DO UPDATE SET n = t.n + excluded.n;
    PERFORM set_config('gridlens.rollups_direct', '', true);
    RETURN NULL;
END
$$;

DROP TRIGGER incident_rollup_ins ON incident_daily;
DROP TRIGGER incident_rollup_upd ON incident_daily;
DROP TRIGGER incident_square_ins ON incident_daily;
DROP TRIGGER incident_square_upd ON incident_daily;
CREATE TRIGGER incident_rollup_ins AFTER INSERT ON incident_daily
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    WHEN (current_setting('gridlens.rollups_direct', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION gl_incident_rollup_add();
CREATE TRIGGER incident_rollup_upd AFTER UPDATE ON incident_daily
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    WHEN (current_setting('gridlens.rollups_direct', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION gl_incident_rollup_move();
CREATE TRIGGER incident_square_ins AFTER INSERT ON incident_daily
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    WHEN (current_setting('gridlens.rollups_direct', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION gl_incident_square_add();
CREATE TRIGGER incident_square_upd AFTER UPDATE ON incident_daily
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    WHEN (current_setting('gridlens.rollups_direct', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION gl_incident_square_move();
