-- Fragment: the CTE w, the request's time window [lo, hi) split for the roll-ups (used by
-- cell_counts.sql and square_counts.sql): rolled = no status or source filter (those are in no roll-up);
-- whole local years [y_lo, y_hi); whole months outside them [m_lo, ym_hi) and [ym_lo, m_hi); days
-- outside whole months [lo, md_hi) and [md_lo, hi). Written as ranges so every branch is an index range
-- scan; an empty range has lo >= hi.
w AS (
  SELECT r.*,
         CASE WHEN r.y_lo < r.y_hi THEN r.y_lo ELSE r.m_hi END AS ym_hi,
         CASE WHEN r.y_lo < r.y_hi THEN r.y_hi ELSE r.m_hi END AS ym_lo,
         CASE WHEN r.m_lo < r.m_hi THEN r.m_lo ELSE r.hi END AS md_hi,
         CASE WHEN r.m_lo < r.m_hi THEN r.m_hi ELSE r.hi END AS md_lo
  FROM (
    SELECT p.statuses IS NULL AND p.sources IS NULL AS rolled, p.cats, lo, hi,
           (CASE WHEN date_trunc('year', lo) = lo THEN lo ELSE date_trunc('year', lo) + interval '1 year' END)::date AS y_lo,
           date_trunc('year', hi)::date AS y_hi,
           (CASE WHEN date_trunc('month', lo) = lo THEN lo ELSE date_trunc('month', lo) + interval '1 month' END)::date AS m_lo,
           date_trunc('month', hi)::date AS m_hi
    FROM p, LATERAL (SELECT coalesce(p.d_from, '-infinity'::date) AS lo, coalesce(p.d_to, 'infinity'::date) AS hi) b
  ) r
)
