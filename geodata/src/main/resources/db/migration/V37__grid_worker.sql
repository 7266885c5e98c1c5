-- Staffing of management grids: which (pseudonymous) grid workers serve which grid, in which role.
-- A worker may serve several grids (then counted in each); a grid without rows has no staffing data.
-- Roles: grid_worker (专职网格员, full time), part_time (兼职网格员), supervisor (网格长/督导, not counted
-- as a worker in the load figures).
CREATE TABLE grid_worker (
    grid_code text NOT NULL CHECK (grid_code ~ '^[0-9]{15}$'),
    worker_id text NOT NULL CHECK (worker_id ~ '^[A-Za-z0-9_-]{1,32}$'),
    role      text NOT NULL CHECK (role IN ('grid_worker', 'part_time', 'supervisor')),
    PRIMARY KEY (grid_code, worker_id)
);
COMMENT ON TABLE grid_worker IS 'Grid staffing: pseudonymous worker ids per management grid and role';
COMMENT ON COLUMN grid_worker.worker_id IS 'Pseudonym of the worker (no name, no phone number)';

CREATE TRIGGER grid_worker_analytics_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid_worker
    FOR EACH STATEMENT EXECUTE FUNCTION gl_analytics_bump();

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'gridlens_reader') THEN
        GRANT SELECT ON grid_worker TO gridlens_reader;
    END IF;
END
$$;
