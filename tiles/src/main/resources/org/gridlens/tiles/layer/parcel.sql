-- Parcels with land use and optional vertical extent (strata parcels).
SELECT s.id AS fid, s.code, s.land_use, s.z_min, s.z_max,
       CASE WHEN ST_Area(s.geom_3857) < m.px * m.px * 0.25 * (1 << (2 * p.level)) THEN 'GEOMETRYCOLLECTION EMPTY'::geometry -- below a pixel: left out, counted
            ELSE ST_AsMVTGeom(CASE WHEN p.level > 0 THEN ST_SimplifyPreserveTopology(s.geom_3857, m.px * 0.5 * (1 << p.level))
                             ELSE s.geom_3857 END, m.env, 4096, 64, true) END AS geom
FROM parcel s, p, m
WHERE s.geom_3857 && m.search
