-- Housing-unit codes to a point (its address, else a point on its building) and whether a vulnerable
-- resident (elderly living alone, or disabled) lives there.
SELECT hu.code, hu.id, ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat, hu.id AS housing_unit_id,
       EXISTS (SELECT 1 FROM resident r
               WHERE r.housing_unit_id = hu.id AND (r.elderly_living_alone OR r.disabled)) AS vulnerable
FROM housing_unit hu
JOIN building b ON b.id = hu.building_id
CROSS JOIN LATERAL (
    SELECT coalesce((SELECT a.geom FROM address a WHERE a.housing_unit_id = hu.id ORDER BY a.id LIMIT 1),
                    ST_PointOnSurface(b.geom)) AS pt
) p
WHERE hu.code = ANY (?::text[])
