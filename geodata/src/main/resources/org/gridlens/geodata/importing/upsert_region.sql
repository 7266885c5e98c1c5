-- The district code is the first six digits of every region code; parents go in before children.
WITH up AS (
    INSERT INTO region AS t (code, district_code, level, parent_code, name, name_en, geom)
    SELECT s.attrs ->> 'code', left(s.attrs ->> 'code', 6), s.attrs ->> 'level',
           CASE WHEN s.attrs ->> 'level' = 'district' THEN NULL ELSE s.attrs ->> 'parent_code' END,
           s.attrs ->> 'name', s.attrs ->> 'name_en', ST_Multi(s.geom)
    FROM import_staging s
    ORDER BY length(s.attrs ->> 'code')
    ON CONFLICT (code) DO UPDATE
        SET level = excluded.level, parent_code = excluded.parent_code, name = excluded.name, name_en = excluded.name_en,
            geom = excluded.geom
        WHERE (t.level, t.parent_code, t.name, t.name_en, t.geom)
              IS DISTINCT FROM (excluded.level, excluded.parent_code, excluded.name, excluded.name_en, excluded.geom)
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up;
