WITH up AS (
    INSERT INTO facility AS t (code, district_code, type, name, capacity, geom)
    SELECT s.attrs ->> 'code', ?, s.attrs ->> 'type', s.attrs ->> 'name', (s.attrs ->> 'capacity')::integer, s.geom
    FROM import_staging s
    ON CONFLICT (code) DO UPDATE
        SET type = excluded.type, name = excluded.name, capacity = excluded.capacity, geom = excluded.geom
        WHERE (t.type, t.name, t.capacity, t.geom) IS DISTINCT FROM (excluded.type, excluded.name, excluded.capacity, excluded.geom)
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up;
