-- Building footprints with what a 3D client needs to extrude them: height (top above ground, metres),
-- min_height (base elevation), floors.
SELECT s.id AS fid, s.code, s.use, s.floors, s.height_m AS height, s.base_elev_m AS min_height,
       s.year_built AS year,
       CASE WHEN ST_Area(s.geom_3857) < m.px * m.px * 0.25 * (1 << (2 * p.level)) THEN 'GEOMETRYCOLLECTION EMPTY'::geometry -- below a pixel: left out, counted
            ELSE ST_AsMVTGeom(CASE WHEN p.level > 0 THEN ST_SimplifyPreserveTopology(s.geom_3857, m.px * 0.5 * (1 << p.level))
                             ELSE s.geom_3857 END, m.env, 4096, 64, true) END AS geom
FROM building s, p, m
WHERE s.geom_3857 && m.search
