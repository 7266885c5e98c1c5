-- Incidents for a Knox test: EPSG:4543 position and report time (epoch seconds). Binds: from day, to
-- day (exclusive, Asia/Shanghai), category LIKE patterns ×2, row limit.
SELECT ST_X(g), ST_Y(g), extract(epoch FROM reported_at)
FROM (SELECT ST_Transform(geom, 4543) AS g, reported_at, id
      FROM incident
      WHERE reported_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND reported_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND (cardinality(?::text[]) = 0 OR category_code LIKE ANY (?::text[]))
      ORDER BY id
      LIMIT ?) x
