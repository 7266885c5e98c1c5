WITH up AS (
    INSERT INTO camera AS t (code, district_code, heading_deg, fov_deg, range_m, geom)
    SELECT s.attrs ->> 'code', ?, (s.attrs ->> 'heading_deg')::float8, (s.attrs ->> 'fov_deg')::float8,
           (s.attrs ->> 'range_m')::float8, s.geom
    FROM import_staging s
    ON CONFLICT (code) DO UPDATE
        SET heading_deg = excluded.heading_deg, fov_deg = excluded.fov_deg, range_m = excluded.range_m, geom = excluded.geom
        WHERE (t.heading_deg, t.fov_deg, t.range_m, t.geom)
              IS DISTINCT FROM (excluded.heading_deg, excluded.fov_deg, excluded.range_m, excluded.geom)
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up;
