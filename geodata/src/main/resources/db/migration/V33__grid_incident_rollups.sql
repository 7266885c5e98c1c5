-- Incidents and case KPIs per management grid, pre-aggregated for grid statistics (issue 5).
--
-- Grid statistics for the whole district read, per grid and window, incidents by level-1 category,
-- source and status (≈ 2 s over the incident table on the district) and the case KPIs (≈ 1.4 s). The
-- roll-ups below make that a read of a few thousand rows:
--
-- * grid_month_incidents: per local month (of reported_at) and grid one row whose counts array holds
--   the count of every (dimension, key) at the position incident_rollup_key gives it (positions are
--   assigned once, on first sight, and never reused, so readers map them with one small read).
-- * grid_kpi_month / grid_kpi_day: per local month / day and grid, the one-dimensional KPI counts of
--   the case workflow, each by the day of its own event: registered (by registered_at), due and due
--   on time (by deadline; on time = handled_at <= deadline), closed and closed with a 返工 stage (by
--   closed_at), handled after registration and the sum of their handling times in microseconds (by
--   handled_at; an integer, so sums and differences are exact). A reader adds whole months from the
--   month table and the days of partial months from the day table.
-- * Partial indexes answer the point-in-time KPIs from incident: cases registered but not closed at
--   an instant (closure rate = registered − still open), and cases overdue at an instant (registered,
--   past deadline, not handled) — both small sets (see the indexes below).
--
-- All are kept exact by statement-level triggers on incident (signed deltas: +1 per new row, −1 per
-- old row; an UPDATE that changes no counted value nets to nothing) and on case_event (a case's first
-- rework event counts it as reworked where it was closed). Deltas are applied by upserts in key
-- order, so concurrent writers neither deadlock nor lose counts; rows that fall to zero are kept.
-- A grid's current month is a hot row for live intake (an upsert holds its row lock until commit), so,
-- as for the analytics data version (V41), each writer adds to the slot of its backend
-- (pg_backend_pid() % 8): two intake transactions in one grid wait for each other only when their
-- backends share a slot. Readers add up the slots.

CREATE TABLE incident_rollup_key (
    pos smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dim char(1)  NOT NULL CHECK (dim IN ('c', 's', 't')), -- level-1 category, source, status
    key text     NOT NULL,
    UNIQUE (dim, key)
);

CREATE TABLE grid_month_incidents (
    month     date        NOT NULL, -- first local day of the month of reported_at
    grid_code varchar(15) NOT NULL,
    slot      smallint    NOT NULL, -- writer's slot, see above; readers add all slots
    counts    integer[]   NOT NULL, -- element pos of incident_rollup_key (missing elements are 0)
    PRIMARY KEY (month, grid_code, slot)
);

CREATE TABLE grid_kpi_month (
    month       date        NOT NULL,
    grid_code   varchar(15) NOT NULL,
    registered  integer     NOT NULL,
    due         integer     NOT NULL,
    due_on_time integer     NOT NULL,
    closed      integer     NOT NULL,
    reworked    integer     NOT NULL,
    handled     integer     NOT NULL,
    handled_us  bigint      NOT NULL,
    slot        smallint    NOT NULL,
    PRIMARY KEY (month, grid_code, slot)
);

CREATE TABLE grid_kpi_day (LIKE grid_kpi_month INCLUDING ALL);
ALTER TABLE grid_kpi_day RENAME COLUMN month TO day;

-- Element-wise sum of two count arrays of any lengths (missing elements count as 0).
CREATE FUNCTION gl_counts_add(a integer[], b integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT coalesce(array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) ORDER BY i), '{}')
   FROM generate_series(1, greatest(coalesce(cardinality(a), 0), coalesce(cardinality(b), 0))) i $$;

-- A count array with n[j] at position pos[j] (repeated positions add up).
CREATE FUNCTION gl_counts_of(pos smallint[], n integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT coalesce(array_agg(coalesce(v.n, 0) ORDER BY i), '{}')
   FROM generate_series(1, (SELECT max(p) FROM unnest(pos) p)) i
   LEFT JOIN (SELECT p, sum(x)::integer AS n FROM unnest(pos, n) u(p, x) GROUP BY p) v ON v.p = i $$;

-- The statements that apply the signed contributions of a set of incident rows (rows_sql selects
-- incident rows plus a column s of +1 or −1) to the roll-ups, in order.
CREATE FUNCTION gl_grid_rollup_sql(rows_sql text) RETURNS text[] LANGUAGE sql IMMUTABLE AS
$$
SELECT ARRAY[
    format($q$
        INSERT INTO incident_rollup_key (dim, key)
        SELECT DISTINCT x.dim, x.key
        FROM (%s) r CROSS JOIN LATERAL (VALUES ('c', left(r.category_code, 2)), ('s', r.source), ('t', r.status)) x(dim, key)
        WHERE r.grid_code IS NOT NULL AND r.s > 0
          AND NOT EXISTS (SELECT 1 FROM incident_rollup_key k WHERE k.dim = x.dim AND k.key = x.key)
        ORDER BY 1, 2
        ON CONFLICT DO NOTHING $q$, rows_sql),
    format($q$
        WITH d AS (
            SELECT date_trunc('month', gl_local_day(r.reported_at))::date AS month, r.grid_code, x.dim, x.key,
                   sum(r.s)::integer AS n
            FROM (%s) r CROSS JOIN LATERAL (VALUES ('c', left(r.category_code, 2)), ('s', r.source), ('t', r.status)) x(dim, key)
            WHERE r.grid_code IS NOT NULL
            GROUP BY 1, 2, 3, 4
            HAVING sum(r.s) <> 0
        )
        INSERT INTO grid_month_incidents AS t (month, grid_code, slot, counts)
        SELECT d.month, d.grid_code, pg_backend_pid() %% 8, gl_counts_of(array_agg(k.pos), array_agg(d.n))
        FROM d JOIN incident_rollup_key k ON k.dim = d.dim AND k.key = d.key
        GROUP BY 1, 2
        ORDER BY 1, 2
        ON CONFLICT (month, grid_code, slot) DO UPDATE SET counts = gl_counts_add(t.counts, excluded.counts) $q$, rows_sql),
    format($q$
        WITH r AS (
            SELECT q.*, (q.closed_at IS NOT NULL
                         AND q.id IN (SELECT e.incident_id FROM case_event e WHERE e.stage = 'rework')) AS rw
            FROM (%s) q
            WHERE q.grid_code IS NOT NULL
        ), d AS (
            SELECT v.day, r.grid_code,
                   sum(r.s * v.registered)::integer AS registered, sum(r.s * v.due)::integer AS due,
                   sum(r.s * v.due_on_time)::integer AS due_on_time, sum(r.s * v.closed)::integer AS closed,
                   sum(r.s * v.reworked)::integer AS reworked, sum(r.s * v.handled)::integer AS handled,
                   sum(r.s * v.handled_us)::bigint AS handled_us
            FROM r CROSS JOIN LATERAL (VALUES
                (gl_local_day(r.registered_at), 1, 0, 0, 0, 0, 0, 0::bigint),
                (gl_local_day(r.deadline), 0, 1, CASE WHEN r.handled_at <= r.deadline THEN 1 ELSE 0 END, 0, 0, 0, 0::bigint),
                (gl_local_day(r.closed_at), 0, 0, 0, 1, CASE WHEN r.rw THEN 1 ELSE 0 END, 0, 0::bigint),
                (CASE WHEN r.registered_at IS NOT NULL THEN gl_local_day(r.handled_at) END, 0, 0, 0, 0, 0, 1,
                 (extract(epoch FROM r.handled_at - r.registered_at) * 1000000)::bigint)
            ) v(day, registered, due, due_on_time, closed, reworked, handled, handled_us)
            WHERE v.day IS NOT NULL
            GROUP BY 1, 2
        ), nz AS (
            SELECT * FROM d
            WHERE registered <> 0 OR due <> 0 OR due_on_time <> 0 OR closed <> 0 OR reworked <> 0 OR handled <> 0
               OR handled_us <> 0
        ), months AS (
            INSERT INTO grid_kpi_month AS t (month, grid_code, registered, due, due_on_time, closed, reworked, handled, handled_us,
                                             slot)
            SELECT date_trunc('month', day)::date, grid_code, sum(registered), sum(due), sum(due_on_time), sum(closed),
                   sum(reworked), sum(handled), sum(handled_us), pg_backend_pid() %% 8
            FROM nz
            GROUP BY 1, 2
            ORDER BY 1, 2
            ON CONFLICT (month, grid_code, slot) DO UPDATE SET
                registered = t.registered + excluded.registered, due = t.due + excluded.due,
                due_on_time = t.due_on_time + excluded.due_on_time, closed = t.closed + excluded.closed,
                reworked = t.reworked + excluded.reworked, handled = t.handled + excluded.handled,
                handled_us = t.handled_us + excluded.handled_us
        )
        INSERT INTO grid_kpi_day AS t (day, grid_code, registered, due, due_on_time, closed, reworked, handled, handled_us, slot)
        SELECT day, grid_code, registered, due, due_on_time, closed, reworked, handled, handled_us, pg_backend_pid() %% 8
        FROM nz
        ORDER BY 1, 2
        ON CONFLICT (day, grid_code, slot) DO UPDATE SET
            registered = t.registered + excluded.registered, due = t.due + excluded.due,
            due_on_time = t.due_on_time + excluded.due_on_time, closed = t.closed + excluded.closed,
            reworked = t.reworked + excluded.reworked, handled = t.handled + excluded.handled,
            handled_us = t.handled_us + excluded.handled_us $q$, rows_sql)]
$$;

-- One trigger function per event, generated from the statements above so that they are static SQL in
-- the function body: PL/pgSQL plans them once per session (EXECUTE would plan on every intake
-- statement). Transition tables are visible only to the trigger function's own statements.
DO $do$
DECLARE
    ev record;
BEGIN
    FOR ev IN SELECT * FROM (VALUES
        ('ins', 'SELECT n.*, 1 AS s FROM new_rows n'),
        ('del', 'SELECT o.*, -1 AS s FROM old_rows o'),
        ('upd', 'SELECT n.*, 1 AS s FROM new_rows n UNION ALL SELECT o.*, -1 AS s FROM old_rows o')) e(name, rows_sql)
    LOOP
        EXECUTE format($f$CREATE FUNCTION gl_grid_rollup_%s() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                %s;
                RETURN NULL;
            END $body$$f$, ev.name, array_to_string(gl_grid_rollup_sql(ev.rows_sql), E';\n'));
    END LOOP;
END
$do$;

CREATE FUNCTION gl_grid_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN TRUNCATE grid_month_incidents, grid_kpi_month, grid_kpi_day; RETURN NULL; END $$;

CREATE TRIGGER incident_grid_rollup_ins AFTER INSERT ON incident
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_rollup_ins();
CREATE TRIGGER incident_grid_rollup_upd AFTER UPDATE ON incident
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_rollup_upd();
CREATE TRIGGER incident_grid_rollup_del AFTER DELETE ON incident
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_rollup_del();
CREATE TRIGGER incident_grid_rollup_trunc AFTER TRUNCATE ON incident
    FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_rollup_truncate();

-- A case's first rework event makes it count as reworked on the day it was closed (if it is). The
-- cases are locked first, so an UPDATE of the same case (whose trigger looks the rework up) and a
-- second rework event wait for this one and then see it.
CREATE FUNCTION gl_grid_rollup_rework() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
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

CREATE TRIGGER case_event_grid_rollup_ins AFTER INSERT ON case_event
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_rollup_rework();

-- Point-in-time KPIs, read from incident through small index ranges. Cases still open at an instant t
-- (registered_at < t, closed_at null or >= t): those closed within 168 hours of registration were
-- registered in [t - 168 h, t) (incident_registered_idx); the few others (open, or closed later) are
-- all in incident_open_long_idx. Cases overdue at t (deadline < t <= handled_at, not rejected):
-- handled within 168 hours of the deadline means deadline in [t - 168 h, t) (incident_late_idx,
-- late cases only); the rest are in incident_late_long_idx. (A GiST index over the spans would
-- answer both directly but took 30× longer to build on the district.)
CREATE INDEX incident_registered_idx ON incident (registered_at)
    WHERE grid_code IS NOT NULL AND registered_at IS NOT NULL;
CREATE INDEX incident_open_long_idx ON incident (registered_at)
    WHERE grid_code IS NOT NULL AND registered_at IS NOT NULL
      AND (closed_at IS NULL OR closed_at - registered_at > interval '168 hours');
CREATE INDEX incident_late_idx ON incident (deadline)
    WHERE grid_code IS NOT NULL AND registered_at IS NOT NULL AND deadline IS NOT NULL AND status <> 'rejected'
      AND (handled_at IS NULL OR handled_at > deadline);
CREATE INDEX incident_late_long_idx ON incident (deadline)
    WHERE grid_code IS NOT NULL AND registered_at IS NOT NULL AND deadline IS NOT NULL AND status <> 'rejected'
      AND (handled_at IS NULL OR handled_at - deadline > interval '168 hours');

-- Keys in a fixed order first (level-1 categories, the sources and statuses the checks allow), then
-- whatever incident already holds.
INSERT INTO incident_rollup_key (dim, key)
SELECT DISTINCT 'c', left(code, 2) FROM category WHERE level = 1 ORDER BY 2;
INSERT INTO incident_rollup_key (dim, key)
SELECT 's', s FROM unnest(ARRAY['hotline', 'grid_worker', 'camera', 'resident_app']) s;
INSERT INTO incident_rollup_key (dim, key)
SELECT 't', s FROM unnest(ARRAY['reported', 'registered', 'dispatched', 'handled', 'checked', 'closed', 'evaluated',
                                'rejected']) s;
DO $$
DECLARE
    q text;
BEGIN
    FOREACH q IN ARRAY gl_grid_rollup_sql('SELECT i.*, 1 AS s FROM incident i') LOOP
        EXECUTE q;
    END LOOP;
END
$$;
