-- The staging table a large batch is copied into (COPY, text format) before one set-based insert.
-- Temporary and dropped at commit or rollback: nothing of it outlives the intake transaction, and a
-- retried transaction starts from an empty one. Columns in the order ReportStager writes them.
CREATE TEMPORARY TABLE intake_stage (
    source            text,
    source_id         text,
    kind              text,
    category_code     text,
    description       text,
    address_id        integer,
    reported_at       timestamptz,
    lon               float8,
    lat               float8,
    location_crs      text,
    photo_url         text,
    housing_unit_id   integer,
    urgency           text,
    vulnerable        boolean,
    priority          integer,
    payload_hash      text,
    order_limit_hours integer,
    grid_code         text,
    cell_id           integer
) ON COMMIT DROP
