-- Person-level: every inhabited housing unit at a point on its building, with its residents' counts and
-- flags, unsuppressed (the layer is only served to roles with person-level access). Feature id = unit id.
SELECT h.id AS fid, h.code AS unit, b.code AS building, h.floor,
       count(*) AS residents,
       count(*) FILTER (WHERE r.elderly_living_alone) AS elderly_alone,
       count(*) FILTER (WHERE r.disabled) AS disabled,
       count(*) FILTER (WHERE r.low_income) AS low_income,
       count(*) FILTER (WHERE r.registration = 'floating') AS floating,
       (SELECT string_agg(DISTINCT x.need, ',' ORDER BY x.need)
        FROM resident r2, unnest(r2.needs) AS x(need) WHERE r2.housing_unit_id = h.id) AS needs,
       ST_AsMVTGeom(ST_PointOnSurface(b.geom_3857), m.env, 4096, 64, true) AS geom
FROM building b
JOIN housing_unit h ON h.building_id = b.id
JOIN resident r ON r.housing_unit_id = h.id, m
WHERE b.geom_3857 && m.search
GROUP BY h.id, h.code, b.code, h.floor, b.geom_3857, m.env
