-- Population aggregates per management grid only (never per building or cell, so no finer value can
-- be recovered by subtraction from a published parent). Small counts are suppressed (published as
-- absent): residents 1..4, each vulnerable group 1..9. Zero stays zero.
WITH g AS (
  SELECT s.id, s.code, s.name, s.geom_3857 FROM region s, m WHERE s.level = 'grid' AND s.geom_3857 && m.search
), counts AS (
  SELECT b.grid_code,
         count(r.id) AS residents,
         count(r.id) FILTER (WHERE r.elderly_living_alone) AS elderly_alone,
         count(r.id) FILTER (WHERE r.disabled) AS disabled,
         count(r.id) FILTER (WHERE r.low_income) AS low_income
  FROM building b JOIN housing_unit h ON h.building_id = b.id JOIN resident r ON r.housing_unit_id = h.id
  WHERE b.grid_code IN (SELECT code FROM g)
  GROUP BY b.grid_code
)
SELECT g.id AS fid, g.code, g.name,
       CASE WHEN coalesce(c.residents, 0) BETWEEN 1 AND 4 THEN NULL ELSE coalesce(c.residents, 0) END AS residents,
       CASE WHEN coalesce(c.elderly_alone, 0) BETWEEN 1 AND 9 THEN NULL ELSE coalesce(c.elderly_alone, 0) END AS elderly_alone,
       CASE WHEN coalesce(c.disabled, 0) BETWEEN 1 AND 9 THEN NULL ELSE coalesce(c.disabled, 0) END AS disabled,
       CASE WHEN coalesce(c.low_income, 0) BETWEEN 1 AND 9 THEN NULL ELSE coalesce(c.low_income, 0) END AS low_income,
       ST_AsMVTGeom(CASE WHEN p.z < 13 THEN ST_SimplifyPreserveTopology(g.geom_3857, m.px * 0.5 * (1 << p.level))
                         ELSE g.geom_3857 END, m.env, 4096, 64, true) AS geom
FROM g LEFT JOIN counts c ON c.grid_code = g.code, p, m
