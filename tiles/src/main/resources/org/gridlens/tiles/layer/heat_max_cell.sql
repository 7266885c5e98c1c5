-- The largest incident count of any unit cell in the whole district under the request's filters.
WITH scope_cells AS (
  SELECT c.id FROM unit_cell c
),
{{cell_counts}}
SELECT coalesce(max(n), 0)::double precision FROM cell_counts
