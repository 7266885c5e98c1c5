-- The management grid is the one holding a point on the footprint (deterministic: lowest code on edges).
WITH up AS (
    INSERT INTO building AS t (code, district_code, use, floors, height_m, base_elev_m, year_built, grid_code, geom)
    SELECT s.attrs ->> 'code', ?, s.attrs ->> 'use', (s.attrs ->> 'floors')::smallint, (s.attrs ->> 'height_m')::float8,
           coalesce((s.attrs ->> 'base_elev_m')::float8, 0), (s.attrs ->> 'year_built')::smallint,
           gl_grid_of(ST_PointOnSurface(s.geom)), ST_Multi(s.geom)
    FROM import_staging s
    ON CONFLICT (code) DO UPDATE
        SET use = excluded.use, floors = excluded.floors, height_m = excluded.height_m, base_elev_m = excluded.base_elev_m,
            year_built = excluded.year_built, grid_code = excluded.grid_code, geom = excluded.geom, solid = NULL
        WHERE (t.use, t.floors, t.height_m, t.base_elev_m, t.year_built, t.geom)
              IS DISTINCT FROM (excluded.use, excluded.floors, excluded.height_m, excluded.base_elev_m, excluded.year_built,
                                excluded.geom)
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up;
