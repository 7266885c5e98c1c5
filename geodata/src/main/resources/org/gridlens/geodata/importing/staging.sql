-- Per-import scratch tables, private to the importing transaction and dropped at its end.
CREATE TEMP TABLE import_staging (
    row_no bigint   NOT NULL,
    key    text     NOT NULL,
    -- the dictionary fields as JSON text values (every layer but incidents)
    attrs  jsonb,
    geom   geometry NOT NULL,
    -- incidents joined by the importer (GridCellIndex): grid and cell as found, NULL = outside all
    joined    boolean NOT NULL DEFAULT false,
    grid_code varchar(15),
    cell_id   integer,
    -- incidents: their fields typed (read by COPY's own input functions, nothing parsed again later)
    source        text,
    source_id     text,
    kind          text,
    category_code text,
    description   text,
    reported_at   timestamptz,
    closed_at     timestamptz,
    deadline      timestamptz,
    status        text
) ON COMMIT DROP;
CREATE TEMP TABLE import_issue (
    row_no  bigint NOT NULL,
    field   text,
    value   text,
    reason  text   NOT NULL,
    outcome text   NOT NULL CHECK (outcome IN ('REJECTED', 'REPAIRED', 'WARNING'))
) ON COMMIT DROP;
