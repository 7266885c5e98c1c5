-- Per-import scratch tables, private to the importing transaction and dropped at its end.
CREATE TEMP TABLE import_staging (
    row_no bigint   NOT NULL,
    key    text     NOT NULL,
    attrs  jsonb    NOT NULL,
    geom   geometry NOT NULL,
    -- incidents joined by the importer (JoinLocator): grid and cell as found, NULL = outside all
    joined    boolean NOT NULL DEFAULT false,
    grid_code varchar(15),
    cell_id   integer
) ON COMMIT DROP;
CREATE TEMP TABLE import_issue (
    row_no  bigint NOT NULL,
    field   text,
    value   text,
    reason  text   NOT NULL,
    outcome text   NOT NULL CHECK (outcome IN ('REJECTED', 'REPAIRED', 'WARNING'))
) ON COMMIT DROP;
