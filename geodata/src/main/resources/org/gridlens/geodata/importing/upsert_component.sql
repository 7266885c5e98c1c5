WITH up AS (
    INSERT INTO component AS t (code, district_code, category_code, status, geom)
    SELECT s.attrs ->> 'code', ?, s.attrs ->> 'category_code', s.attrs ->> 'status', s.geom
    FROM import_staging s
    ON CONFLICT (code) DO UPDATE
        SET category_code = excluded.category_code, status = excluded.status, geom = excluded.geom
        WHERE (t.category_code, t.status, t.geom) IS DISTINCT FROM (excluded.category_code, excluded.status, excluded.geom)
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up;
