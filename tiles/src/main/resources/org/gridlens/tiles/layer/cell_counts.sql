-- Fragment: incident counts per unit cell of scope_cells under the request's filters.
--
-- Without a status or source filter the window [lo, hi) is added up from the coarsest pre-aggregation
-- that fits (migration V21): whole local years from incident_cell_year, whole months outside those
-- from incident_cell_month (or incident_category_month when categories are filtered), and only the
-- days of partial months from incident_daily. An unfiltered tile thus reads ~3 rows per cell instead
-- of ~80. Status or source (in no pre-aggregation) are counted from the incident table itself.
-- Exactly one family of branches runs for a given request; the sums are exact because the roll-ups
-- are kept exact from incident_daily by triggers.
{{count_window}},
counted AS (
  SELECT y.cell_id, y.n
  FROM incident_cell_year y, w
  WHERE w.rolled AND w.cats IS NULL AND y.year >= w.y_lo AND y.year < w.y_hi
  UNION ALL
  SELECT mo.cell_id, mo.n
  FROM incident_cell_month mo, w
  WHERE w.rolled AND w.cats IS NULL AND mo.month >= w.m_lo AND mo.month < w.ym_hi
  UNION ALL
  SELECT mo.cell_id, mo.n
  FROM incident_cell_month mo, w
  WHERE w.rolled AND w.cats IS NULL AND mo.month >= w.ym_lo AND mo.month < w.m_hi
  UNION ALL
  SELECT cm.cell_id, cm.n
  FROM incident_category_month cm, w
  WHERE w.rolled AND w.cats IS NOT NULL AND cm.category_code = ANY (w.cats)
    AND cm.month >= w.m_lo AND cm.month < w.m_hi
  UNION ALL
  SELECT d.cell_id, d.n
  FROM incident_daily d, w
  WHERE w.rolled AND d.day >= w.lo AND d.day < w.md_hi
    AND (w.cats IS NULL OR d.category_code = ANY (w.cats))
  UNION ALL
  SELECT d.cell_id, d.n
  FROM incident_daily d, w
  WHERE w.rolled AND d.day >= w.md_lo AND d.day < w.hi
    AND (w.cats IS NULL OR d.category_code = ANY (w.cats))
  UNION ALL
  SELECT i.cell_id, 1
  FROM incident i, p, w
  WHERE NOT w.rolled AND i.cell_id IN (SELECT id FROM scope_cells)
    AND (p.d_from IS NULL OR i.reported_at >= (p.d_from::timestamp AT TIME ZONE 'Asia/Shanghai'))
    AND (p.d_to IS NULL OR i.reported_at < (p.d_to::timestamp AT TIME ZONE 'Asia/Shanghai'))
    AND (p.cats IS NULL OR i.category_code = ANY (p.cats))
    AND (p.statuses IS NULL OR i.status = ANY (p.statuses))
    AND (p.sources IS NULL OR i.source = ANY (p.sources))
), cell_counts AS (
  SELECT x.cell_id, sum(x.n)::bigint AS n
  FROM counted x JOIN scope_cells s ON s.id = x.cell_id
  GROUP BY x.cell_id
)
