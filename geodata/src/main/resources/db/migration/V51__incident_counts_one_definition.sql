-- One definition of "add these per-(cell, local day, category) incident counts to incident_daily and its
-- roll-ups" (issue 3), for the two writers that add them themselves: the incident_daily_ins trigger
-- (gl_incident_daily_add, V44: every intake insert) and the bulk incident import (IncidentBulkLoad,
-- bulk_insert_incident.sql), which until now repeated V44's statement word for word.
--
-- gl_incident_counts_add takes the counts already grouped, one gl_incident_count per key, and adds
-- them to incident_daily, to the cell year / month and category month roll-ups (V21) and to the square
-- year / month roll-ups (V22), each table in key order, exactly as V44 did: the same sums per key,
-- incidents outside every cell under cell 0 in incident_daily and the cell roll-ups and absent from the
-- square roll-ups (they join unit_cell), gridlens.rollups_direct 'on' while it writes (so the V21/V22
-- triggers on incident_daily stand aside) and cleared afterwards.
--
-- exclusive: the caller guarantees that no other transaction writes incident_daily until it commits
-- (the bulk import holds ACCESS EXCLUSIVE on incident, and every writer of incident_daily writes
-- incident first). Then incident_daily is written by an UPDATE of the keys it holds and a plain INSERT
-- of the others, instead of ON CONFLICT: no speculative insertion and no conflict probe per new key,
-- which was the largest single step of a million-row import (16.7 s of ON CONFLICT for 580,000 new
-- keys). Without that guarantee (intake, concurrent writers) the upsert stays: UPDATE-then-INSERT could
-- fail on a key another writer inserts between the two. The new keys go in sorted, for B-tree locality
-- (by byte order of the category: the same neighbourhoods, without a locale comparison per step of a
-- sort of hundreds of thousands of keys).
--
-- The roll-ups are summed from the counts folded once by (category, month, cell), a few thousand rows
-- for a million incidents, instead of five passes over every (cell, day, category) key (6.8 s of a
-- million-row import, auto_explain): the same sums, since every roll-up key is a function of
-- category, month and cell (and the cell's square).

CREATE TYPE gl_incident_count AS (
    district_code char(6),
    cell_id       integer,
    day           date,
    category_code varchar(12),
    n             integer
);

-- The roll-up statement is written once (rollups below) and composed into both branches, so that the
-- intake path keeps V44's single statement (incident_daily upsert and roll-ups as CTEs of one
-- statement: each extra PL/pgSQL statement costs every one-row intake insert) while the exclusive path
-- runs its UPDATE and INSERT first.
DO $do$
DECLARE
    rollups text := $q$
    m AS MATERIALIZED (
        SELECT category_code, date_trunc('month', day)::date AS month, cell_id, sum(n) AS n
        FROM unnest(counts) GROUP BY 1, 2, 3
    ), cell_year AS (
        INSERT INTO incident_cell_year AS t (year, cell_id, n)
        SELECT date_trunc('year', month)::date, cell_id, sum(n) FROM m GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (year, cell_id) DO UPDATE SET n = t.n + excluded.n
    ), cell_month AS (
        INSERT INTO incident_cell_month AS t (month, cell_id, n)
        SELECT month, cell_id, sum(n) FROM m GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (month, cell_id) DO UPDATE SET n = t.n + excluded.n
    ), category_month AS (
        INSERT INTO incident_category_month AS t (category_code, month, cell_id, n)
        SELECT category_code, month, cell_id, n FROM m ORDER BY 1, 2, 3
        ON CONFLICT (category_code, month, cell_id) DO UPDATE SET n = t.n + excluded.n
    ), squares AS MATERIALIZED (
        SELECT m.month, u.sq_x, u.sq_y, m.n FROM m JOIN unit_cell u ON u.id = m.cell_id
    ), square_year AS (
        INSERT INTO incident_square_year AS t (year, sx, sy, n)
        SELECT date_trunc('year', month)::date, sq_x, sq_y, sum(n) FROM squares GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (year, sx, sy) DO UPDATE SET n = t.n + excluded.n
    )
    INSERT INTO incident_square_month AS t (month, sx, sy, n)
    SELECT month, sq_x, sq_y, sum(n) FROM squares GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (month, sx, sy) DO UPDATE SET n = t.n + excluded.n$q$;
BEGIN
    EXECUTE format($f$CREATE FUNCTION gl_incident_counts_add(counts gl_incident_count[], exclusive boolean) RETURNS void
        LANGUAGE plpgsql AS $body$
BEGIN
    IF coalesce(cardinality(counts), 0) = 0 THEN
        RETURN;
    END IF;
    PERFORM set_config('gridlens.rollups_direct', 'on', true);
    IF exclusive THEN
        UPDATE incident_daily d SET n = d.n + g.n
        FROM unnest(counts) g
        WHERE d.cell_id = g.cell_id AND d.day = g.day AND d.category_code = g.category_code;
        INSERT INTO incident_daily (district_code, cell_id, day, category_code, n)
        SELECT g.district_code, g.cell_id, g.day, g.category_code, g.n FROM unnest(counts) g
        WHERE NOT EXISTS (SELECT 1 FROM incident_daily d
                          WHERE d.cell_id = g.cell_id AND d.day = g.day AND d.category_code = g.category_code)
        ORDER BY g.cell_id, g.day, g.category_code COLLATE "C";
        WITH %1$s;
    ELSE
        WITH daily AS (
            INSERT INTO incident_daily AS d (district_code, cell_id, day, category_code, n)
            SELECT g.district_code, g.cell_id, g.day, g.category_code, g.n FROM unnest(counts) g
            ORDER BY g.cell_id, g.day, g.category_code
            ON CONFLICT (cell_id, day, category_code) DO UPDATE SET n = d.n + excluded.n
        ), %1$s;
    END IF;
    PERFORM set_config('gridlens.rollups_direct', '', true);
END
$body$$f$, rollups);
END
$do$;

-- The intake trigger (V44) groups the statement's rows and hands the counts over.
CREATE OR REPLACE FUNCTION gl_incident_daily_add() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM gl_incident_counts_add(array_agg(ROW(g.district_code, g.cell_id, g.day, g.category_code, g.n)::gl_incident_count), false)
    FROM (SELECT min(district_code) AS district_code, coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day,
                 category_code, count(*)::integer AS n
          FROM new_rows
          GROUP BY 2, 3, 4) g;
    RETURN NULL;
END
$$;
