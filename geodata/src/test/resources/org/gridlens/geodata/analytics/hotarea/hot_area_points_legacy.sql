-- Every incident of the window as a point in EPSG:4543 (metres), with what HotAreaFinder needs to
-- filter, cluster (DensityClusterer) and summarise it: category, source, D-day slice of the window,
-- report time (µs since the epoch), open, rejected. Binds: from day, slice length (days), to day.
WITH w AS (
    SELECT (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS f
)
SELECT i.id, i.category_code, i.source,
       floor(extract(epoch FROM i.reported_at - w.f) / (86400.0 * ?))::int,
       ST_X(p.g), ST_Y(p.g),
       (extract(epoch FROM i.reported_at) * 1000000)::bigint,
       i.closed_at IS NULL AND i.status <> 'rejected',
       i.status = 'rejected'
FROM incident i CROSS JOIN w
CROSS JOIN LATERAL (SELECT ST_Transform(i.geom, 4543) AS g) p
WHERE i.reported_at >= w.f
  AND i.reported_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
