-- Hot areas of repeated incidents, in two DBSCAN passes in EPSG:4543:
--  1. per category and per D-day slice of the window, DBSCAN(eps = R, minpoints = N): an incident is
--     kept when it belongs to a dense group (≥ N within R of a core point within the same D days);
--  2. per category, the kept incidents of all slices are joined into areas by DBSCAN(eps = R,
--     minpoints = 1), so a place that stays hot over many slices is one area.
-- Binds: from day, slice length (days), to day, category patterns ×2, sources ×2,
--        eps, minpoints, eps.
WITH w AS (
    SELECT (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS f
), p AS (
    SELECT i.id, i.category_code AS cat, i.source, i.reported_at,
           (i.closed_at IS NULL AND i.status <> 'rejected') AS open, i.status = 'rejected' AS rejected,
           ST_Transform(i.geom, 4543) AS g,
           floor(extract(epoch FROM i.reported_at - w.f) / (86400.0 * ?))::int AS slice
    FROM incident i CROSS JOIN w
    WHERE i.reported_at >= w.f
      AND i.reported_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND (cardinality(?::text[]) = 0 OR i.category_code LIKE ANY (?::text[]))
      AND (cardinality(?::text[]) = 0 OR i.source = ANY (?::text[]))
), c1 AS (
    SELECT p.*, ST_ClusterDBSCAN(g, eps := ?, minpoints := ?) OVER (PARTITION BY cat, slice) AS cid FROM p
), c2 AS (
    SELECT c1.*, ST_ClusterDBSCAN(g, eps := ?, minpoints := 1) OVER (PARTITION BY cat) AS area
    FROM c1 WHERE cid IS NOT NULL
)
SELECT cat, area,
       array_agg(id ORDER BY reported_at, id),
       array_agg(extract(epoch FROM reported_at)::bigint ORDER BY reported_at, id),
       array_agg(source ORDER BY reported_at, id),
       count(*) FILTER (WHERE open), count(*) FILTER (WHERE NOT rejected),
       ST_AsGeoJSON(ST_Transform(ST_Buffer(ST_ConvexHull(ST_Collect(g)), 10), 4326), 6),
       ST_X(ST_Transform(ST_SetSRID(ST_MakePoint(avg(ST_X(g)), avg(ST_Y(g))), 4543), 4326)),
       ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint(avg(ST_X(g)), avg(ST_Y(g))), 4543), 4326)),
       gl_grid_of(ST_Transform(ST_SetSRID(ST_MakePoint(avg(ST_X(g)), avg(ST_Y(g))), 4543), 4326))
FROM c2
GROUP BY cat, area
