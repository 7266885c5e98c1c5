-- Standard address codes to points.
SELECT a.code, a.id, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat, a.housing_unit_id, false AS vulnerable
FROM address a
WHERE a.code = ANY (?::text[])
