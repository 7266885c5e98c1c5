-- Concurrent intake without a hot row (issue 7).
--
-- 1. The analytics data version (V30) was one row that every statement on incident and case_event
--    updated: each intake transaction held its row lock until its commit (and its WAL flush), so all
--    writers queued behind one another however many connections they had. The version is now the sum
--    of 64 slot counters; a statement bumps the slot of its backend (pg_backend_pid() % 64), so two
--    transactions wait for each other only when their backends share a slot. The sum still changes
--    exactly when a bumping transaction commits and is read in one snapshot, so a cached analytics
--    result is never keyed by a version whose data it did not see. Readers keep reading
--    "SELECT version FROM analytics_data_version" (now a view).
-- 2. incident_daily is upserted in primary-key order, so two transactions that touch the same
--    daily counters lock them in the same order and cannot deadlock (before, the hash aggregate's
--    order decided, and concurrent batches deadlocked and were retried).

CREATE TABLE analytics_data_version_slot (
    slot    smallint PRIMARY KEY CHECK (slot BETWEEN 0 AND 63),
    version bigint   NOT NULL
);
INSERT INTO analytics_data_version_slot (slot, version)
SELECT s, CASE WHEN s = 0 THEN (SELECT version FROM analytics_data_version) ELSE 0 END
FROM generate_series(0, 63) s;

DROP TABLE analytics_data_version;
CREATE VIEW analytics_data_version AS
SELECT true AS id, sum(version)::bigint AS version FROM analytics_data_version_slot;

CREATE OR REPLACE FUNCTION gl_analytics_bump() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE analytics_data_version_slot SET version = version + 1 WHERE slot = pg_backend_pid() % 64;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION gl_incident_daily_add() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO incident_daily AS d (district_code, cell_id, day, category_code, n)
    SELECT district_code, cell_id, day, category_code, n
    FROM (SELECT min(district_code) AS district_code, coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day,
                 category_code, count(*) AS n
          FROM new_rows
          GROUP BY 2, 3, 4) g
    ORDER BY cell_id, day, category_code
    ON CONFLICT (cell_id, day, category_code) DO UPDATE SET n = d.n + excluded.n;
    RETURN NULL;
END
$$;

-- Databases that already have the read-only role (V50 grants on every table when it runs after this).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gridlens_reader') THEN
        GRANT SELECT ON analytics_data_version, analytics_data_version_slot TO gridlens_reader;
    END IF;
END
$$;
