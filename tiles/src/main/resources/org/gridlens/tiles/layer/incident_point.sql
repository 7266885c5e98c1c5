-- Incidents as points (z15+). When the tile is over budget (level > 0) the same tile is served as
-- counts per unit cell instead, so nothing is ever cut off.
WITH scope_cells AS (
  SELECT c.id, c.centre_3857 FROM unit_cell c, m, p WHERE p.level > 0 AND c.centre_3857 && m.env
),
{{cell_counts}}
SELECT i.id AS fid, 'point' AS agg, 1::bigint AS count, i.category_code AS category, i.status, i.source, i.kind,
       to_char(i.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS reported_at,
       ST_AsMVTGeom(i.geom_3857, m.env, 4096, 64, true) AS geom
FROM incident i, p, m
WHERE p.level = 0
  AND i.geom_3857 && m.search
  AND (p.d_from IS NULL OR i.reported_at >= (p.d_from::timestamp AT TIME ZONE 'Asia/Shanghai'))
  AND (p.d_to IS NULL OR i.reported_at < (p.d_to::timestamp AT TIME ZONE 'Asia/Shanghai'))
  AND (p.cats IS NULL OR i.category_code = ANY (p.cats))
  AND (p.statuses IS NULL OR i.status = ANY (p.statuses))
  AND (p.sources IS NULL OR i.source = ANY (p.sources))
UNION ALL
SELECT c.id, 'cell', cc.n, NULL, NULL, NULL, NULL, NULL,
       ST_AsMVTGeom(c.centre_3857, m.env, 4096, 64, true)
FROM cell_counts cc JOIN scope_cells c ON c.id = cc.cell_id, m
WHERE cc.n > 0
