-- insert-batch.sql for a large batch: the checked reports were copied into intake_stage (see
-- stage-reports.sql) instead of being bound as 19 arrays. Same rules: rows go in (source, source_id)
-- order so concurrent batches lock unique keys in the same order; an existing (source, source_id) is
-- skipped and not returned (the caller compares payload hashes); grid and cell come with the input.
WITH ins AS (
    INSERT INTO incident (district_code, source, source_id, kind, category_code, description, address_id, reported_at,
                          accepted_at, status, geom, location_crs, photo_url, housing_unit_id, urgency, vulnerable,
                          priority, payload_hash, deadline, grid_code, cell_id)
    SELECT ?, source, source_id, kind, category_code, description, address_id, reported_at,
           now(), 'reported', ST_SetSRID(ST_MakePoint(lon, lat), 4326), location_crs, photo_url, housing_unit_id,
           urgency, vulnerable, priority, decode(payload_hash, 'hex'),
           CASE WHEN order_limit_hours IS NOT NULL THEN now() + make_interval(hours => order_limit_hours) END,
           grid_code, cell_id
    FROM intake_stage
    ORDER BY source, source_id
    ON CONFLICT (source, source_id) DO NOTHING
    RETURNING id, district_code, source, source_id, kind, status, grid_code, cell_id, accepted_at
), events AS (
    INSERT INTO case_event (district_code, incident_id, stage, at, actor)
    SELECT district_code, id, 'report', accepted_at, source FROM ins
)
SELECT id, source, source_id, kind, status, grid_code, cell_id, accepted_at FROM ins
