-- Fewer trigger calls per intake statement (issue 7).
--
-- An intake statement (one INSERT into incident with its 'report' rows in case_event, from a group
-- commit of single reports or a batch) fired seven statement-level trigger functions: on incident
-- incident_analytics_bump (V30), incident_announce_ins (V40/V43), incident_daily_ins (V1/V44),
-- incident_grid_rollup_ins (V33) and incident_notify_ins (V4); on case_event
-- case_event_analytics_bump (V30) and case_event_grid_rollup_ins (V33). Each call enters PL/pgSQL and
-- scans the statement's transition table again, however few rows it holds. Now five calls do the
-- same work, with unchanged results:
--
-- * incident_announce_ins also sends the change-feed notice of V4 (after the row announcements, as
--   before: the triggers fired in name order), and incident_notify_ins goes. A statement that inserted
--   no row (every report a duplicate) announces nothing and no longer sends a change notice for
--   "anywhere" (nothing changed, so no cache needs to drop anything).
-- * incident_grid_rollup_ins skips its case-KPI statement unless an inserted row carries one of its
--   dates (registered, deadline, closed, handled): intake's events have none, service orders a deadline.
--   incident_analytics_bump stays as it is, so the data version's slot is still locked before any
--   roll-up row on every path (inserts, updates, deletes), and writers cannot deadlock over that order.
-- * case_event_grid_rollup_ins also bumps the data version, first, as case_event_analytics_bump did
--   (it fired first by name); its rework work runs only when the statement inserted a 'rework' event;
--   case_event_analytics_bump goes.
--
-- The groups stay apart where loaders switch triggers off by name: the demo loader disables
-- incident_daily_ins (and fills incident_daily itself), the bulk incident import disables
-- incident_daily_ins and incident_announce_ins (and announces and sends the change notice itself).
-- Neither switches off the grid roll-ups or the data version, so every group keeps its own trigger.

CREATE OR REPLACE FUNCTION gl_incident_announce_ins() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    n bigint;
    e box2d;
BEGIN
    SELECT count(*), ST_Extent(geom) INTO n, e FROM new_rows;
    IF n = 0 THEN
        RETURN NULL;
    ELSIF n <= 50 THEN
        PERFORM pg_notify('gridlens_incident', json_build_object(
            'op', 'insert', 'id', r.id, 'kind', r.kind, 'status', r.status, 'category', r.category_code,
            'grid', r.grid_code, 'cell', r.cell_id, 'lon', round(ST_X(r.geom)::numeric, 7), 'lat', round(ST_Y(r.geom)::numeric, 7),
            'deadline', r.deadline, 'dept', r.dept, 'vulnerable', r.vulnerable, 'priority', r.priority)::text)
        FROM (SELECT * FROM new_rows ORDER BY id) r;
    ELSE
        PERFORM pg_notify('gridlens_incident', json_build_object(
            'op', 'bulk_insert', 'count', n,
            'minId', (SELECT min(id) FROM new_rows), 'maxId', (SELECT max(id) FROM new_rows),
            'bbox', json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)))::text);
    END IF;
    PERFORM gl_notify('incident', e);
    RETURN NULL;
END
$$;

DROP TRIGGER incident_notify_ins ON incident;

-- The grid roll-ups of inserted rows: V33's statements, generated from gl_grid_rollup_sql as there (so
-- they are static SQL planned once per session), nothing for an empty statement, and the case-KPI
-- statement only when a row carries one of its dates.
DO $do$
DECLARE
    q text[] := gl_grid_rollup_sql('SELECT n.*, 1 AS s FROM new_rows n');
BEGIN
    EXECUTE format($f$CREATE OR REPLACE FUNCTION gl_grid_rollup_ins() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
                RETURN NULL;
            END IF;
            %s;
            %s;
            IF EXISTS (SELECT 1 FROM new_rows
                       WHERE registered_at IS NOT NULL OR deadline IS NOT NULL OR closed_at IS NOT NULL OR handled_at IS NOT NULL) THEN
                %s;
            END IF;
            RETURN NULL;
        END $body$$f$, q[1], q[2], q[3]);
END
$do$;

-- V33's rework roll-up, preceded by the data version bump and skipped for statements without a rework.
CREATE OR REPLACE FUNCTION gl_grid_rollup_rework() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE analytics_data_version_slot SET version = version + 1 WHERE slot = pg_backend_pid() % 64;
    IF NOT EXISTS (SELECT 1 FROM new_rows WHERE stage = 'rework') THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM incident
    WHERE id IN (SELECT incident_id FROM new_rows WHERE stage = 'rework')
    ORDER BY id
    FOR NO KEY UPDATE;
    WITH first AS (
        SELECT i.grid_code, gl_local_day(i.closed_at) AS day, count(*)::integer AS n
        FROM incident i
        WHERE i.id IN (SELECT incident_id FROM new_rows WHERE stage = 'rework')
          AND i.grid_code IS NOT NULL AND i.closed_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM case_event e
                          WHERE e.incident_id = i.id AND e.stage = 'rework'
                            AND e.id NOT IN (SELECT id FROM new_rows))
        GROUP BY 1, 2
    ), months AS (
        INSERT INTO grid_kpi_month AS t (month, grid_code, registered, due, due_on_time, closed, reworked, handled, handled_us, slot)
        SELECT date_trunc('month', day)::date, grid_code, 0, 0, 0, 0, sum(n), 0, 0, pg_backend_pid() % 8
        FROM first GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (month, grid_code, slot) DO UPDATE SET reworked = t.reworked + excluded.reworked
    )
    INSERT INTO grid_kpi_day AS t (day, grid_code, registered, due, due_on_time, closed, reworked, handled, handled_us, slot)
    SELECT day, grid_code, 0, 0, 0, 0, n, 0, 0, pg_backend_pid() % 8
    FROM first ORDER BY 1, 2
    ON CONFLICT (day, grid_code, slot) DO UPDATE SET reworked = t.reworked + excluded.reworked;
    RETURN NULL;
END
$$;

DROP TRIGGER case_event_analytics_bump ON case_event;

-- The grid roll-ups' count arrays (V33) are added element by element in PL/pgSQL instead of by a SQL
-- query per call (generate_series, join, array_agg: 0.04-0.09 ms per grid and month an intake statement
-- touches, measured with pg_stat_statements on the district demo). Same results: missing elements count
-- as 0, the result is as long as the longer input (or the largest position), '{}' for none.
CREATE OR REPLACE FUNCTION gl_counts_add(a integer[], b integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    n   integer := greatest(coalesce(cardinality(a), 0), coalesce(cardinality(b), 0));
    out integer[] := array_fill(0, ARRAY[n]);
BEGIN
    FOR i IN 1 .. n LOOP
        out[i] := coalesce(a[i], 0) + coalesce(b[i], 0);
    END LOOP;
    RETURN out;
END
$$;

CREATE OR REPLACE FUNCTION gl_counts_of(pos smallint[], n integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    len integer := 0;
    out integer[];
BEGIN
    FOR j IN 1 .. coalesce(cardinality(pos), 0) LOOP
        IF pos[j] > len THEN
            len := pos[j];
        END IF;
    END LOOP;
    IF len < 1 THEN
        RETURN '{}';
    END IF;
    out := array_fill(0, ARRAY[len]);
    FOR j IN 1 .. cardinality(pos) LOOP
        IF pos[j] >= 1 AND n[j] IS NOT NULL THEN
            out[pos[j]] := out[pos[j]] + n[j];
        END IF;
    END LOOP;
    RETURN out;
END
$$;
