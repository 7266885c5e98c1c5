-- Bulk path, step 2a: the new incidents (import_new) folded into one row per combination of the values
-- the per-grid roll-ups (V33's gl_grid_rollup_sql) read: category, source, status, grid, and
-- the local days of reported_at, deadline and closed_at; s counts the rows folded. Each group keeps the
-- earliest of each timestamp, which falls on the group's local day, so every day or month those
-- statements derive is the one of each folded row; a new row has no id, registration or handling time,
-- so its rework, registration and handling terms are nothing, as for each folded row. The roll-up
-- statements are sums over rows weighted by s (and "s > 0" for new keys), so they add exactly what they
-- would add for the rows one by one — from thousands of rows instead of a million.
CREATE TEMP TABLE import_new_groups ON COMMIT DROP AS
SELECT NULL::bigint AS id, category_code, source, status, grid_code,
       min(reported_at) AS reported_at, min(deadline) AS deadline, min(closed_at) AS closed_at,
       NULL::timestamptz AS registered_at, NULL::timestamptz AS handled_at, count(*) AS s
FROM import_new
WHERE grid_code IS NOT NULL
GROUP BY category_code, source, status, grid_code,
         gl_local_day(reported_at), gl_local_day(deadline), gl_local_day(closed_at)
