-- Coarser incident roll-ups for low-zoom tiles (issue 4).
--
-- A low-zoom incident or heat tile counts incidents per unit cell over the whole district. Summing the
-- ~1,000,000 rows of incident_daily for that takes seconds; these roll-ups of incident_daily by local
-- month and year (all categories) and by category and month hold ~1/30 of the rows, so a tile adds up
-- whole years and months from here and only the days of partial months from incident_daily.
--
-- They are derived from incident_daily itself by statement-level triggers, so whoever keeps
-- incident_daily exact (its own triggers on incident, a bulk import recomputing it set-based, the demo
-- loader's single INSERT … SELECT) keeps these exact too, with no further code. Rows whose count falls
-- to zero are kept (they add nothing to a sum); TRUNCATE of incident_daily empties them.
-- Upserts take row locks in key order, so concurrent writers cannot deadlock on them.

CREATE TABLE incident_cell_year (
    year    date    NOT NULL,  -- 1 January (local) of the year
    cell_id integer NOT NULL,
    n       integer NOT NULL CHECK (n >= 0),
    PRIMARY KEY (year, cell_id)
);

CREATE TABLE incident_cell_month (
    month   date    NOT NULL,  -- first local day of the month
    cell_id integer NOT NULL,
    n       integer NOT NULL CHECK (n >= 0),
    PRIMARY KEY (month, cell_id)
);

CREATE TABLE incident_category_month (
    category_code varchar(12) NOT NULL,
    month         date        NOT NULL,
    cell_id       integer     NOT NULL,
    n             integer     NOT NULL CHECK (n >= 0),
    PRIMARY KEY (category_code, month, cell_id)
);

CREATE FUNCTION gl_incident_rollup_add() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO incident_cell_year AS t (year, cell_id, n)
    SELECT date_trunc('year', day)::date, cell_id, sum(n) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (year, cell_id) DO UPDATE SET n = t.n + excluded.n;
    INSERT INTO incident_cell_month AS t (month, cell_id, n)
    SELECT date_trunc('month', day)::date, cell_id, sum(n) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, cell_id) DO UPDATE SET n = t.n + excluded.n;
    INSERT INTO incident_category_month AS t (category_code, month, cell_id, n)
    SELECT category_code, date_trunc('month', day)::date, cell_id, sum(n) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (category_code, month, cell_id) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END
$$;

CREATE FUNCTION gl_incident_rollup_remove() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE incident_cell_year t SET n = t.n - o.n
    FROM (SELECT date_trunc('year', day)::date AS year, cell_id, sum(n) AS n FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2) o
    WHERE t.year = o.year AND t.cell_id = o.cell_id;
    UPDATE incident_cell_month t SET n = t.n - o.n
    FROM (SELECT date_trunc('month', day)::date AS month, cell_id, sum(n) AS n FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2) o
    WHERE t.month = o.month AND t.cell_id = o.cell_id;
    UPDATE incident_category_month t SET n = t.n - o.n
    FROM (SELECT category_code, date_trunc('month', day)::date AS month, cell_id, sum(n) AS n FROM old_rows
          GROUP BY 1, 2, 3 ORDER BY 1, 2, 3) o
    WHERE t.category_code = o.category_code AND t.month = o.month AND t.cell_id = o.cell_id;
    RETURN NULL;
END
$$;

-- An UPDATE of incident_daily (its own triggers only change n) moves the difference: decreases by
-- UPDATE, increases by upsert (an upsert's proposed row must itself pass the n >= 0 check).
CREATE FUNCTION gl_incident_rollup_move() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    WITH d AS (
        SELECT date_trunc('year', day)::date AS year, cell_id, sum(n) AS n
        FROM (SELECT day, cell_id, n FROM new_rows UNION ALL SELECT day, cell_id, -n FROM old_rows) x
        GROUP BY 1, 2 HAVING sum(n) <> 0
    ), down AS (
        UPDATE incident_cell_year t SET n = t.n + d.n FROM d WHERE d.n < 0 AND t.year = d.year AND t.cell_id = d.cell_id
    )
    INSERT INTO incident_cell_year AS t (year, cell_id, n)
    SELECT year, cell_id, n FROM d WHERE n > 0 ORDER BY 1, 2
    ON CONFLICT (year, cell_id) DO UPDATE SET n = t.n + excluded.n;

    WITH d AS (
        SELECT date_trunc('month', day)::date AS month, cell_id, sum(n) AS n
        FROM (SELECT day, cell_id, n FROM new_rows UNION ALL SELECT day, cell_id, -n FROM old_rows) x
        GROUP BY 1, 2 HAVING sum(n) <> 0
    ), down AS (
        UPDATE incident_cell_month t SET n = t.n + d.n FROM d WHERE d.n < 0 AND t.month = d.month AND t.cell_id = d.cell_id
    )
    INSERT INTO incident_cell_month AS t (month, cell_id, n)
    SELECT month, cell_id, n FROM d WHERE n > 0 ORDER BY 1, 2
    ON CONFLICT (month, cell_id) DO UPDATE SET n = t.n + excluded.n;

    WITH d AS (
        SELECT category_code, date_trunc('month', day)::date AS month, cell_id, sum(n) AS n
        FROM (SELECT category_code, day, cell_id, n FROM new_rows
              UNION ALL SELECT category_code, day, cell_id, -n FROM old_rows) x
        GROUP BY 1, 2, 3 HAVING sum(n) <> 0
    ), down AS (
        UPDATE incident_category_month t SET n = t.n + d.n
        FROM d WHERE d.n < 0 AND t.category_code = d.category_code AND t.month = d.month AND t.cell_id = d.cell_id
    )
    INSERT INTO incident_category_month AS t (category_code, month, cell_id, n)
    SELECT category_code, month, cell_id, n FROM d WHERE n > 0 ORDER BY 1, 2, 3
    ON CONFLICT (category_code, month, cell_id) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END
$$;

CREATE FUNCTION gl_incident_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    TRUNCATE incident_cell_year, incident_cell_month, incident_category_month;
    RETURN NULL;
END
$$;

CREATE TRIGGER incident_rollup_ins AFTER INSERT ON incident_daily
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_rollup_add();
CREATE TRIGGER incident_rollup_del AFTER DELETE ON incident_daily
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_rollup_remove();
CREATE TRIGGER incident_rollup_upd AFTER UPDATE ON incident_daily
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_rollup_move();
CREATE TRIGGER incident_rollup_trunc AFTER TRUNCATE ON incident_daily
    FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_rollup_truncate();

-- Whatever incident_daily already holds.
INSERT INTO incident_cell_year (year, cell_id, n)
SELECT date_trunc('year', day)::date, cell_id, sum(n) FROM incident_daily GROUP BY 1, 2;
INSERT INTO incident_cell_month (month, cell_id, n)
SELECT date_trunc('month', day)::date, cell_id, sum(n) FROM incident_daily GROUP BY 1, 2;
INSERT INTO incident_category_month (category_code, month, cell_id, n)
SELECT category_code, date_trunc('month', day)::date, cell_id, sum(n) FROM incident_daily GROUP BY 1, 2, 3;

-- Cell centres as plain EPSG:3857 coordinates: low-zoom tiles bin thousands of cells per tile into
-- squares, and reading two doubles is far cheaper than deserialising a point geometry per cell.
ALTER TABLE unit_cell
    ADD COLUMN centre_x double precision GENERATED ALWAYS AS (ST_X(ST_Centroid(ST_Transform(geom, 3857)))) STORED,
    ADD COLUMN centre_y double precision GENERATED ALWAYS AS (ST_Y(ST_Centroid(ST_Transform(geom, 3857)))) STORED;
