-- Upsert on (source, source_id); the deadline defaults to reported_at + the category's time limit.
-- Grid and unit cell come from the importer (JoinLocator, same rule as gl_grid_of / gl_cell_of) for
-- rows it joined, else they are derived here; the row trigger then has nothing to do.
WITH up AS (
    INSERT INTO incident AS t (district_code, source, source_id, kind, category_code, description, reported_at, closed_at,
                               deadline, status, grid_code, cell_id, geom)
    SELECT ?, s.source, s.source_id, s.kind, s.category_code, s.description, s.reported_at, s.closed_at,
           coalesce(s.deadline, s.reported_at + make_interval(hours => c.time_limit_hours)), s.status,
           CASE WHEN s.joined THEN s.grid_code ELSE gl_grid_of(s.geom) END,
           CASE WHEN s.joined THEN s.cell_id ELSE gl_cell_of(s.geom) END, s.geom
    FROM import_staging s
    LEFT JOIN category c ON c.code = s.category_code
    ON CONFLICT (source, source_id) DO UPDATE
        SET kind = excluded.kind, category_code = excluded.category_code, description = excluded.description,
            reported_at = excluded.reported_at, closed_at = excluded.closed_at, deadline = excluded.deadline,
            status = excluded.status, geom = excluded.geom, grid_code = excluded.grid_code, cell_id = excluded.cell_id
        WHERE (t.kind, t.category_code, t.description, t.reported_at, t.closed_at, t.deadline, t.status, t.geom)
              IS DISTINCT FROM (excluded.kind, excluded.category_code, excluded.description, excluded.reported_at,
                                excluded.closed_at, excluded.deadline, excluded.status, excluded.geom)
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up;
