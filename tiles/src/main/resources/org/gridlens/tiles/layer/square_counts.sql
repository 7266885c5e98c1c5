-- Fragment: counted, incident counts per finest web-mercator square (2^17 a side: columns sx, rows sy
-- from the north-west corner of the world; see migration V22) within the range sr (x0 <= sx < x1,
-- y0 <= sy < y1) under the request's filters. Rows are not yet summed: a band groups them by the square
-- of its own size (sx >> k, sy >> k), which holds exactly the cells whose centres it holds.
--
-- Without a status, source or category filter, whole years and months come from the square roll-ups
-- (V22: a few thousand rows for the whole district) and only the days of partial months from
-- incident_daily. A category filter counts from the category × month roll-up per cell, and a status or
-- source filter from the incident table through scope_cells (id, sq_x, sq_y). Exactly one family
-- of branches runs for a given request; the sums are exact because every roll-up is kept exact from
-- incident_daily by triggers.
{{count_window}},
-- The category branch reads the roll-up by category and month range (its key order) and keeps the cells
-- of the square range sr through a hash of unit_cell: driven by scope_cells, the generic plan probed that
-- key once per cell, scanning every month of the category each time (90 s for a district tile).
-- Guards and bounds are scalar subqueries of w (evaluated once, before the branch): a false guard is a
-- one-time filter that skips its branch entirely, and the bounds become index conditions.
counted AS (
  SELECT y.sx, y.sy, y.n
  FROM incident_square_year y, sr
  WHERE (SELECT w.rolled AND w.cats IS NULL AND w.y_lo < w.y_hi FROM w)
    AND y.year >= (SELECT y_lo FROM w) AND y.year < (SELECT y_hi FROM w)
    AND y.sx >= sr.x0 AND y.sx < sr.x1 AND y.sy >= sr.y0 AND y.sy < sr.y1
  UNION ALL
  SELECT mo.sx, mo.sy, mo.n
  FROM incident_square_month mo, sr
  WHERE (SELECT w.rolled AND w.cats IS NULL AND w.m_lo < w.ym_hi FROM w)
    AND mo.month >= (SELECT m_lo FROM w) AND mo.month < (SELECT ym_hi FROM w)
    AND mo.sx >= sr.x0 AND mo.sx < sr.x1 AND mo.sy >= sr.y0 AND mo.sy < sr.y1
  UNION ALL
  SELECT mo.sx, mo.sy, mo.n
  FROM incident_square_month mo, sr
  WHERE (SELECT w.rolled AND w.cats IS NULL AND w.ym_lo < w.m_hi FROM w)
    AND mo.month >= (SELECT ym_lo FROM w) AND mo.month < (SELECT m_hi FROM w)
    AND mo.sx >= sr.x0 AND mo.sx < sr.x1 AND mo.sy >= sr.y0 AND mo.sy < sr.y1
  UNION ALL
  SELECT c.sq_x, c.sq_y, cm.n
  FROM incident_category_month cm JOIN unit_cell c ON c.id = cm.cell_id, sr
  WHERE (SELECT w.rolled AND w.cats IS NOT NULL AND w.m_lo < w.m_hi FROM w)
    AND cm.category_code = ANY ((SELECT cats FROM w)::text[])
    AND cm.month >= (SELECT m_lo FROM w) AND cm.month < (SELECT m_hi FROM w)
    AND c.sq_x >= sr.x0 AND c.sq_x < sr.x1 AND c.sq_y >= sr.y0 AND c.sq_y < sr.y1
  UNION ALL
  SELECT c.sq_x, c.sq_y, d.n
  FROM incident_daily d JOIN unit_cell c ON c.id = d.cell_id, sr
  WHERE (SELECT w.rolled AND w.lo < w.md_hi FROM w)
    AND d.day >= (SELECT lo FROM w) AND d.day < (SELECT md_hi FROM w)
    AND ((SELECT cats FROM w) IS NULL OR d.category_code = ANY ((SELECT cats FROM w)::text[]))
    AND c.sq_x >= sr.x0 AND c.sq_x < sr.x1 AND c.sq_y >= sr.y0 AND c.sq_y < sr.y1
  UNION ALL
  SELECT c.sq_x, c.sq_y, d.n
  FROM incident_daily d JOIN unit_cell c ON c.id = d.cell_id, sr
  WHERE (SELECT w.rolled AND w.md_lo < w.hi FROM w)
    AND d.day >= (SELECT md_lo FROM w) AND d.day < (SELECT hi FROM w)
    AND ((SELECT cats FROM w) IS NULL OR d.category_code = ANY ((SELECT cats FROM w)::text[]))
    AND c.sq_x >= sr.x0 AND c.sq_x < sr.x1 AND c.sq_y >= sr.y0 AND c.sq_y < sr.y1
  UNION ALL
  SELECT c.sq_x, c.sq_y, 1
  FROM incident i JOIN scope_cells c ON c.id = i.cell_id, p
  WHERE (SELECT NOT w.rolled FROM w)
    AND (p.d_from IS NULL OR i.reported_at >= (p.d_from::timestamp AT TIME ZONE 'Asia/Shanghai'))
    AND (p.d_to IS NULL OR i.reported_at < (p.d_to::timestamp AT TIME ZONE 'Asia/Shanghai'))
    AND (p.cats IS NULL OR i.category_code = ANY (p.cats))
    AND (p.statuses IS NULL OR i.status = ANY (p.statuses))
    AND (p.sources IS NULL OR i.source = ANY (p.sources))
)
