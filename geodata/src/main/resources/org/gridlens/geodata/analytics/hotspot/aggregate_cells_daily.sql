-- Incidents per unit cell from the pre-aggregations of incident_daily (migration V21, kept exact by
-- triggers). Binds: from day, to day (exclusive), category LIKE patterns (empty = all) twice.
--
-- Like tiles' cell_counts.sql, the window [lo, hi) is added up from the coarsest roll-up that fits:
-- whole local years from incident_cell_year and whole months outside them from incident_cell_month
-- (incident_category_month when categories are filtered), and only the days of partial months from
-- incident_daily. A year of incidents thus reads ~12 rows per cell instead of ~30.
WITH p AS (
    SELECT ?::date AS lo, ?::date AS hi, cardinality(?::text[]) = 0 AS all_cats, ?::text[] AS cats
), r AS (
    SELECT p.*,
           (CASE WHEN date_trunc('year', lo) = lo THEN lo ELSE date_trunc('year', lo) + interval '1 year' END)::date AS y_lo,
           date_trunc('year', hi)::date AS y_hi,
           (CASE WHEN date_trunc('month', lo) = lo THEN lo ELSE date_trunc('month', lo) + interval '1 month' END)::date AS m_lo,
           date_trunc('month', hi)::date AS m_hi
    FROM p
), w AS (
    -- whole months outside whole years: [m_lo, ym_hi) and [ym_lo, m_hi); days outside whole months:
    -- [lo, md_hi) and [md_lo, hi). Written as ranges so every branch is an index range scan.
    SELECT r.*,
           CASE WHEN r.y_lo < r.y_hi THEN r.y_lo ELSE r.m_hi END AS ym_hi,
           CASE WHEN r.y_lo < r.y_hi THEN r.y_hi ELSE r.m_hi END AS ym_lo,
           CASE WHEN r.m_lo < r.m_hi THEN r.m_lo ELSE r.hi END AS md_hi,
           CASE WHEN r.m_lo < r.m_hi THEN r.m_hi ELSE r.hi END AS md_lo
    FROM r
), counted AS (
    SELECT y.cell_id, y.n FROM incident_cell_year y, w
    WHERE w.all_cats AND w.y_lo < w.y_hi AND y.year >= w.y_lo AND y.year < w.y_hi
    UNION ALL
    SELECT mo.cell_id, mo.n FROM incident_cell_month mo, w
    WHERE w.all_cats AND mo.month >= w.m_lo AND mo.month < w.ym_hi
    UNION ALL
    SELECT mo.cell_id, mo.n FROM incident_cell_month mo, w
    WHERE w.all_cats AND mo.month >= w.ym_lo AND mo.month < w.m_hi
    UNION ALL
    SELECT cm.cell_id, cm.n FROM incident_category_month cm, w
    WHERE NOT w.all_cats AND cm.category_code LIKE ANY (w.cats) AND cm.month >= w.m_lo AND cm.month < w.m_hi
    UNION ALL
    SELECT d.cell_id, d.n FROM incident_daily d, w
    WHERE d.day >= w.lo AND d.day < w.md_hi AND (w.all_cats OR d.category_code LIKE ANY (w.cats))
    UNION ALL
    SELECT d.cell_id, d.n FROM incident_daily d, w
    WHERE d.day >= w.md_lo AND d.day < w.hi AND (w.all_cats OR d.category_code LIKE ANY (w.cats))
), n AS (
    SELECT cell_id, sum(n) AS n FROM counted GROUP BY cell_id
)
SELECT u.code, ST_X(u.centroid_4543), ST_Y(u.centroid_4543), coalesce(n.n, 0), ST_AsGeoJSON(u.geom, 6)
FROM unit_cell u
LEFT JOIN n ON n.cell_id = u.id
ORDER BY u.id
