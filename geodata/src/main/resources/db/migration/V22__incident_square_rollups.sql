-- Incident roll-ups keyed by web-mercator square, for low-zoom tiles (issue 4).
--
-- A low-zoom incident or heat tile (z8-12) counts incidents per tile-aligned square. Squares of every
-- size such a tile draws nest inside the squares of the finest one, 2^17 a side over the world
-- (~306 m in EPSG:3857, ~245 m on the ground here): a square of 2^e a side (e <= 17) holding a point is
-- the one whose column and row are the finest square's shifted right by 17 - e. So counts per finest
-- square and local year / month (~2,000 squares instead of ~12,000 cells) let a tile add up a few
-- hundred to a few thousand rows and group them by a shift, instead of binning every cell.
--
-- Like the V21 roll-ups they are derived from incident_daily by statement-level triggers (new
-- triggers beside V21's on the same table), so every writer of incident_daily keeps them exact. Rows
-- whose count falls to zero are kept; TRUNCATE of incident_daily empties them. Upserts lock rows in key
-- order, so concurrent writers cannot deadlock on them.
--
-- A cell belongs to the finest square holding its centre (sq_x, sq_y below, computed exactly as the
-- tile SQL bins centre_x / centre_y). Unit cells are a fixed grid; should a cell's geometry change, the
-- trigger below moves its counts to its new square.

ALTER TABLE unit_cell
    ADD COLUMN sq_x integer GENERATED ALWAYS AS (
        floor((ST_X(ST_Centroid(ST_Transform(geom, 3857))) + 20037508.342789244::double precision)
              / (40075016.685578488::double precision / 131072))::integer) STORED,
    ADD COLUMN sq_y integer GENERATED ALWAYS AS (
        floor((20037508.342789244::double precision - ST_Y(ST_Centroid(ST_Transform(geom, 3857))))
              / (40075016.685578488::double precision / 131072))::integer) STORED;

CREATE TABLE incident_square_year (
    year date    NOT NULL,  -- 1 January (local) of the year
    sx   integer NOT NULL,  -- column of the 2^17 square, from the west edge of the world
    sy   integer NOT NULL,  -- row of the 2^17 square, from the north edge of the world
    n    bigint  NOT NULL CHECK (n >= 0),
    PRIMARY KEY (year, sx, sy)
);

CREATE TABLE incident_square_month (
    month date    NOT NULL,  -- first local day of the month
    sx    integer NOT NULL,
    sy    integer NOT NULL,
    n     bigint  NOT NULL CHECK (n >= 0),
    PRIMARY KEY (month, sx, sy)
);

CREATE FUNCTION gl_incident_square_add() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO incident_square_year AS t (year, sx, sy, n)
    SELECT date_trunc('year', r.day)::date, u.sq_x, u.sq_y, sum(r.n)
    FROM new_rows r JOIN unit_cell u ON u.id = r.cell_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (year, sx, sy) DO UPDATE SET n = t.n + excluded.n;
    INSERT INTO incident_square_month AS t (month, sx, sy, n)
    SELECT date_trunc('month', r.day)::date, u.sq_x, u.sq_y, sum(r.n)
    FROM new_rows r JOIN unit_cell u ON u.id = r.cell_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (month, sx, sy) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END
$$;

CREATE FUNCTION gl_incident_square_remove() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE incident_square_year t SET n = t.n - o.n
    FROM (SELECT date_trunc('year', r.day)::date AS year, u.sq_x, u.sq_y, sum(r.n) AS n
          FROM old_rows r JOIN unit_cell u ON u.id = r.cell_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3) o
    WHERE t.year = o.year AND t.sx = o.sq_x AND t.sy = o.sq_y;
    UPDATE incident_square_month t SET n = t.n - o.n
    FROM (SELECT date_trunc('month', r.day)::date AS month, u.sq_x, u.sq_y, sum(r.n) AS n
          FROM old_rows r JOIN unit_cell u ON u.id = r.cell_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3) o
    WHERE t.month = o.month AND t.sx = o.sq_x AND t.sy = o.sq_y;
    RETURN NULL;
END
$$;

-- An UPDATE of incident_daily moves the difference: decreases by UPDATE, increases by upsert.
CREATE FUNCTION gl_incident_square_move() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    WITH d AS (
        SELECT date_trunc('year', x.day)::date AS year, u.sq_x AS sx, u.sq_y AS sy, sum(x.n) AS n
        FROM (SELECT day, cell_id, n FROM new_rows UNION ALL SELECT day, cell_id, -n FROM old_rows) x
        JOIN unit_cell u ON u.id = x.cell_id
        GROUP BY 1, 2, 3 HAVING sum(x.n) <> 0
    ), down AS (
        UPDATE incident_square_year t SET n = t.n + d.n FROM d WHERE d.n < 0 AND t.year = d.year AND t.sx = d.sx AND t.sy = d.sy
    )
    INSERT INTO incident_square_year AS t (year, sx, sy, n)
    SELECT year, sx, sy, n FROM d WHERE n > 0 ORDER BY 1, 2, 3
    ON CONFLICT (year, sx, sy) DO UPDATE SET n = t.n + excluded.n;

    WITH d AS (
        SELECT date_trunc('month', x.day)::date AS month, u.sq_x AS sx, u.sq_y AS sy, sum(x.n) AS n
        FROM (SELECT day, cell_id, n FROM new_rows UNION ALL SELECT day, cell_id, -n FROM old_rows) x
        JOIN unit_cell u ON u.id = x.cell_id
        GROUP BY 1, 2, 3 HAVING sum(x.n) <> 0
    ), down AS (
        UPDATE incident_square_month t SET n = t.n + d.n FROM d WHERE d.n < 0 AND t.month = d.month AND t.sx = d.sx AND t.sy = d.sy
    )
    INSERT INTO incident_square_month AS t (month, sx, sy, n)
    SELECT month, sx, sy, n FROM d WHERE n > 0 ORDER BY 1, 2, 3
    ON CONFLICT (month, sx, sy) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END
$$;

CREATE FUNCTION gl_incident_square_truncate() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    TRUNCATE incident_square_year, incident_square_month;
    RETURN NULL;
END
$$;

CREATE TRIGGER incident_square_ins AFTER INSERT ON incident_daily
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_square_add();
CREATE TRIGGER incident_square_del AFTER DELETE ON incident_daily
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_square_remove();
CREATE TRIGGER incident_square_upd AFTER UPDATE ON incident_daily
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_square_move();
CREATE TRIGGER incident_square_trunc AFTER TRUNCATE ON incident_daily
    FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_square_truncate();

-- A unit cell whose centre moves to another square takes its counts along (rare: cells are a fixed grid).
CREATE FUNCTION gl_unit_cell_square_moved() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    WITH moved AS (
        SELECT o.sq_x AS ox, o.sq_y AS oy, nw.sq_x AS nx, nw.sq_y AS ny, o.id
        FROM old_cells o JOIN new_cells nw ON nw.id = o.id
        WHERE (o.sq_x, o.sq_y) IS DISTINCT FROM (nw.sq_x, nw.sq_y)
    ), d AS (
        SELECT date_trunc('year', i.day)::date AS year, sx, sy, sum(i.n * sign) AS n
        FROM incident_daily i JOIN moved m ON m.id = i.cell_id,
             LATERAL (VALUES (m.ox, m.oy, -1), (m.nx, m.ny, 1)) v(sx, sy, sign)
        GROUP BY 1, 2, 3 HAVING sum(i.n * sign) <> 0
    ), down AS (
        UPDATE incident_square_year t SET n = t.n + d.n FROM d WHERE d.n < 0 AND t.year = d.year AND t.sx = d.sx AND t.sy = d.sy
    )
    INSERT INTO incident_square_year AS t (year, sx, sy, n)
    SELECT year, sx, sy, n FROM d WHERE n > 0 ORDER BY 1, 2, 3
    ON CONFLICT (year, sx, sy) DO UPDATE SET n = t.n + excluded.n;

    WITH moved AS (
        SELECT o.sq_x AS ox, o.sq_y AS oy, nw.sq_x AS nx, nw.sq_y AS ny, o.id
        FROM old_cells o JOIN new_cells nw ON nw.id = o.id
        WHERE (o.sq_x, o.sq_y) IS DISTINCT FROM (nw.sq_x, nw.sq_y)
    ), d AS (
        SELECT date_trunc('month', i.day)::date AS month, sx, sy, sum(i.n * sign) AS n
        FROM incident_daily i JOIN moved m ON m.id = i.cell_id,
             LATERAL (VALUES (m.ox, m.oy, -1), (m.nx, m.ny, 1)) v(sx, sy, sign)
        GROUP BY 1, 2, 3 HAVING sum(i.n * sign) <> 0
    ), down AS (
        UPDATE incident_square_month t SET n = t.n + d.n FROM d WHERE d.n < 0 AND t.month = d.month AND t.sx = d.sx AND t.sy = d.sy
    )
    INSERT INTO incident_square_month AS t (month, sx, sy, n)
    SELECT month, sx, sy, n FROM d WHERE n > 0 ORDER BY 1, 2, 3
    ON CONFLICT (month, sx, sy) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END
$$;

CREATE TRIGGER unit_cell_square_moved AFTER UPDATE ON unit_cell
    REFERENCING OLD TABLE AS old_cells NEW TABLE AS new_cells FOR EACH STATEMENT EXECUTE FUNCTION gl_unit_cell_square_moved();

-- Whatever incident_daily already holds.
INSERT INTO incident_square_year (year, sx, sy, n)
SELECT date_trunc('year', r.day)::date, u.sq_x, u.sq_y, sum(r.n)
FROM incident_daily r JOIN unit_cell u ON u.id = r.cell_id GROUP BY 1, 2, 3;
INSERT INTO incident_square_month (month, sx, sy, n)
SELECT date_trunc('month', r.day)::date, u.sq_x, u.sq_y, sum(r.n)
FROM incident_daily r JOIN unit_cell u ON u.id = r.cell_id GROUP BY 1, 2, 3;
