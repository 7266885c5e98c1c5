-- incident_daily maintenance touches only the keys a statement changed (issue 7).
--
-- Before: every UPDATE or DELETE statement on incident ended in "DELETE FROM incident_daily WHERE
-- n = 0", a scan of the whole pre-aggregation (~1,000,000 rows on the district), and an UPDATE that
-- changed no counted column (a case moving through its stages changes only status) still rewrote its
-- daily rows. Now an update computes the net change per key and writes nothing when there is none,
-- decreases and increases are applied in key order (no deadlocks between concurrent writers), and
-- emptied rows are deleted by key.

CREATE OR REPLACE FUNCTION gl_incident_daily_remove() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE incident_daily d SET n = d.n - o.n
    FROM (SELECT coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3) o
    WHERE d.cell_id = o.cell_id AND d.day = o.day AND d.category_code = o.category_code;
    DELETE FROM incident_daily d
    USING (SELECT DISTINCT coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code FROM old_rows) o
    WHERE d.cell_id = o.cell_id AND d.day = o.day AND d.category_code = o.category_code AND d.n = 0;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION gl_incident_daily_move() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    -- Net change per key; an update of uncounted columns (status, description …) yields none and
    -- writes nothing. Decreases by UPDATE, increases by upsert (its proposed row must pass n >= 0).
    WITH x AS (
        SELECT min(district_code) AS district_code, cell_id, day, category_code, sum(n) AS n
        FROM (SELECT district_code, coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code, 1 AS n
              FROM new_rows
              UNION ALL
              SELECT district_code, coalesce(cell_id, 0), gl_local_day(reported_at), category_code, -1
              FROM old_rows) c
        GROUP BY cell_id, day, category_code
        HAVING sum(n) <> 0
    ), down AS (
        UPDATE incident_daily d SET n = d.n + x.n
        FROM x WHERE x.n < 0 AND d.cell_id = x.cell_id AND d.day = x.day AND d.category_code = x.category_code
    )
    INSERT INTO incident_daily AS d (district_code, cell_id, day, category_code, n)
    SELECT district_code, cell_id, day, category_code, n FROM x WHERE n > 0
    ORDER BY cell_id, day, category_code
    ON CONFLICT (cell_id, day, category_code) DO UPDATE SET n = d.n + excluded.n;

    DELETE FROM incident_daily d
    USING (SELECT coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code
           FROM old_rows
           EXCEPT
           SELECT coalesce(cell_id, 0), gl_local_day(reported_at), category_code
           FROM new_rows) o
    WHERE d.cell_id = o.cell_id AND d.day = o.day AND d.category_code = o.category_code AND d.n = 0;
    RETURN NULL;
END
$$;
