-- Regions of one level ({{level}}). Below z13 outlines are simplified by half a screen pixel (doubled per
-- generalisation level) and polygons smaller than a pixel (x4 per level) are left out (and counted, see TileQuery): at
-- that zoom they cannot be seen, and they are what makes low-zoom tiles heavy.
SELECT s.id AS fid, s.code, s.name, s.name_en, s.parent_code AS {{parent}}, round(s.area_m2)::bigint AS area_m2,
       CASE WHEN ST_Area(s.geom_3857) < m.px * m.px * (1 << (2 * p.level)) THEN 'GEOMETRYCOLLECTION EMPTY'::geometry -- below a pixel: left out, counted
            ELSE ST_AsMVTGeom(CASE WHEN p.z < 13 THEN ST_SimplifyPreserveTopology(s.geom_3857, m.px * 0.5 * (1 << p.level))
                             ELSE s.geom_3857 END,
                        m.env, 4096, 64, true) END AS geom
FROM region s, p, m
WHERE s.level = '{{level}}'
  AND s.geom_3857 && m.search
