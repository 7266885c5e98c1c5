-- Inserts the checked reports of one request in one statement, with their 'report' stage events.
-- Rows go in (source, source_id) order so that concurrent batches lock unique keys in the same order.
-- An existing (source, source_id) is skipped (ON CONFLICT DO NOTHING) and not returned; the caller then
-- compares payload hashes. Grid and cell come with the input (CellLocator, in memory, same rule as
-- gl_grid_of / gl_cell_of): the row trigger gl_incident_assign then has nothing to do. (Two GiST probes
-- per row took half of a 10,000-row batch on the district demo; calling the SQL functions per row
-- re-plans them per call and took 15 s per batch.) A point outside every grid or cell comes with null
-- and the row trigger tries the database rule.
WITH input AS (
    SELECT *
    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::float8[], ?::float8[],
                ?::text[], ?::text[], ?::int[], ?::text[], ?::boolean[], ?::int[], ?::text[], ?::int[], ?::text[], ?::int[])
         AS t(source, source_id, kind, category_code, description, address_id, reported_at, lon, lat,
              location_crs, photo_url, housing_unit_id, urgency, vulnerable, priority, payload_hash, order_limit_hours,
              grid_code, cell_id)
), ins AS (
    INSERT INTO incident (district_code, source, source_id, kind, category_code, description, address_id, reported_at,
                          accepted_at, status, geom, location_crs, photo_url, housing_unit_id, urgency, vulnerable,
                          priority, payload_hash, deadline, grid_code, cell_id)
    SELECT ?, source, source_id, kind, category_code, description, address_id, reported_at::timestamptz,
           now(), 'reported', pt.geom, location_crs, photo_url, housing_unit_id,
           urgency, vulnerable, priority, decode(payload_hash, 'hex'),
           CASE WHEN order_limit_hours IS NOT NULL THEN now() + make_interval(hours => order_limit_hours) END,
           grid_code, cell_id
    FROM input
    CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom) pt
    ORDER BY source, source_id
    ON CONFLICT (source, source_id) DO NOTHING
    RETURNING id, district_code, source, source_id, kind, status, grid_code, cell_id, accepted_at
), events AS (
    INSERT INTO case_event (district_code, incident_id, stage, at, actor)
    SELECT district_code, id, 'report', accepted_at, source FROM ins
)
SELECT id, source, source_id, kind, status, grid_code, cell_id, accepted_at FROM ins
