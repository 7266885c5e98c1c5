-- Fragment: incident counts per unit cell of scope_cells under the request's filters.
-- Time, category: from the incident_daily pre-aggregation. Status or source (not in the
-- pre-aggregation): from the incident table itself. Exactly one branch runs for a given request.
cell_counts AS (
  SELECT d.cell_id, sum(d.n)::bigint AS n
  FROM incident_daily d, p
  WHERE p.statuses IS NULL AND p.sources IS NULL
    AND d.cell_id IN (SELECT id FROM scope_cells)
    AND (p.d_from IS NULL OR d.day >= p.d_from)
    AND (p.d_to IS NULL OR d.day < p.d_to)
    AND (p.cats IS NULL OR d.category_code = ANY (p.cats))
  GROUP BY d.cell_id
  UNION ALL
  SELECT i.cell_id, count(*)
  FROM incident i, p
  WHERE (p.statuses IS NOT NULL OR p.sources IS NOT NULL)
    AND i.cell_id IN (SELECT id FROM scope_cells)
    AND (p.d_from IS NULL OR i.reported_at >= (p.d_from::timestamp AT TIME ZONE 'Asia/Shanghai'))
    AND (p.d_to IS NULL OR i.reported_at < (p.d_to::timestamp AT TIME ZONE 'Asia/Shanghai'))
    AND (p.cats IS NULL OR i.category_code = ANY (p.cats))
    AND (p.statuses IS NULL OR i.status = ANY (p.statuses))
    AND (p.sources IS NULL OR i.source = ANY (p.sources))
  GROUP BY i.cell_id
)
